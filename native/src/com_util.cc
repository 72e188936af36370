// SAFEARRAY and ID helpers shared by the COM thread and the event sinks.
#include "com_util.h"

#include <cstring>

namespace mbn {

HRESULT SafeArray::FromBytes(const std::vector<uint8_t>& bytes, SafeArray* out) {
  if (bytes.size() > 0xFFFFFFFFu) return E_INVALIDARG;  // a ULONG count would wrap
  SAFEARRAY* a = SafeArrayCreateVector(VT_UI1, 0, static_cast<ULONG>(bytes.size()));
  if (!a) return E_OUTOFMEMORY;
  if (!bytes.empty()) {
    void* data = nullptr;
    HRESULT hr = SafeArrayAccessData(a, &data);
    if (FAILED(hr)) {
      SafeArrayDestroy(a);
      return hr;
    }
    std::memcpy(data, bytes.data(), bytes.size());
    SafeArrayUnaccessData(a);
  }
  *out->Put() = a;
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
  *count = upper >= lower ? upper - lower + 1 : 0;
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
  void* data = nullptr;
  hr = SafeArrayAccessData(array, &data);
  if (FAILED(hr)) return hr;
  const auto* bytes = static_cast<const uint8_t*>(data);
  out->assign(bytes, bytes + count);
  SafeArrayUnaccessData(array);
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
