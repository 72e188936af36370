// SAFEARRAY and ID helpers shared by the COM thread and the event sinks.
#include "com_util.h"

#include <climits>
#include <cstring>

namespace mbn {

HRESULT SafeArray::FromBytes(const std::vector<uint8_t>& bytes, SafeArray* out) {
  if (bytes.size() > 0xFFFFFFFFu) return E_INVALIDARG;  // a ULONG count would wrap
  SAFEARRAY* a = SafeArrayCreateVector(VT_UI1, 0, static_cast<ULONG>(bytes.size()));
  if (!a) return E_OUTOFMEMORY;
  *out->Put() = a;  // owned from here, destroyed with `out` on any failure below
  if (!bytes.empty()) {
    SafeArrayData data(a);
    if (FAILED(data.hr())) {
      out->Put();
      return data.hr();
    }
    std::memcpy(data.get(), bytes.data(), bytes.size());
  }
  return S_OK;
}

HRESULT ElementCount(SAFEARRAY* array, LONG* count) {
  *count = 0;
  if (!array) return E_POINTER;
  if (SafeArrayGetDim(array) != 1) return E_INVALIDARG;
  LONG lower = 0, upper = -1;
  HRESULT hr = SafeArrayGetLBound(array, 1, &lower);
  if (SUCCEEDED(hr)) hr = SafeArrayGetUBound(array, 1, &upper);
  if (FAILED(hr)) return hr;
  // In 64 bits: bounds from LONG_MIN to LONG_MAX would overflow a LONG's `upper - lower + 1`.
  const int64_t n = upper >= lower ? int64_t{upper} - lower + 1 : 0;
  if (n > LONG_MAX) return DISP_E_OVERFLOW;
  *count = static_cast<LONG>(n);
  return S_OK;
}

HRESULT InterfaceCount(SAFEARRAY* array, LONG* count) {
  HRESULT hr = ElementCount(array, count);
  if (FAILED(hr)) return hr;
  VARTYPE vt = VT_EMPTY;
  if (FAILED(SafeArrayGetVartype(array, &vt)) || (vt != VT_UNKNOWN && vt != VT_DISPATCH) ||
      SafeArrayGetElemsize(array) != sizeof(IUnknown*)) {
    *count = 0;
    return DISP_E_BADVARTYPE;
  }
  return S_OK;
}

HRESULT CopyBytes(SAFEARRAY* array, std::vector<uint8_t>* out) {
  out->clear();
  LONG count = 0;
  HRESULT hr = ElementCount(array, &count);
  if (FAILED(hr)) return hr;
  if (SafeArrayGetElemsize(array) != 1) return E_INVALIDARG;
  if (count == 0) return S_OK;
  SafeArrayData data(array);
  if (FAILED(data.hr())) return data.hr();
  const auto* bytes = static_cast<const uint8_t*>(data.get());
  out->assign(bytes, bytes + count);
  return S_OK;
}

static std::u16string Canonical(const std::u16string& id) {
  size_t begin = 0, end = id.size();
  while (begin < end && (id[begin] == u' ' || id[begin] == u'\t')) ++begin;
  while (end > begin && (id[end - 1] == u' ' || id[end - 1] == u'\t')) --end;
  if (begin < end && id[begin] == u'{') ++begin;
  if (end > begin && id[end - 1] == u'}') --end;
  std::u16string s = id.substr(begin, end - begin);
  for (char16_t& c : s) {
    if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c - u'A' + u'a');
  }
  return s;
}

bool SameServiceId(const std::u16string& a, const std::u16string& b) {
  return Canonical(a) == Canonical(b);
}

}  // namespace mbn
