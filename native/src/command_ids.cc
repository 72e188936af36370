#include "command_ids.h"

#include <cstring>

#include "com_util.h"

namespace mbn {

HRESULT ReadCommandIds(SAFEARRAY* array, std::vector<uint32_t>* out, VARTYPE* vartype) {
  out->clear();
  *vartype = VT_EMPTY;
  if (!array) return S_OK;  // S_OK with no array: the service lists nothing
  LONG count = 0;
  HRESULT hr = ElementCount(array, &count);
  if (FAILED(hr)) return hr;
  // SafeArrayGetVartype fails on arrays made without a type (SafeArrayAllocDescriptor): such an
  // array says nothing about its elements, and 4 bytes could be anything, so it is not read.
  VARTYPE vt = VT_EMPTY;
  if (FAILED(SafeArrayGetVartype(array, &vt))) vt = VT_EMPTY;
  *vartype = vt;
  if ((vt != VT_UI4 && vt != VT_I4) || SafeArrayGetElemsize(array) != sizeof(uint32_t)) {
    return E_INVALIDARG;
  }
  if (count == 0) return S_OK;
  SafeArrayData data(array);
  if (FAILED(data.hr())) return data.hr();
  out->resize(static_cast<size_t>(count));
  std::memcpy(out->data(), data.get(), out->size() * sizeof(uint32_t));
  return S_OK;
}

}  // namespace mbn
