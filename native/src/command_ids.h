// Reading OnQuerySupportedCommandsComplete's commandIDList. The reference (§3.7) leaves its
// element type UNVERIFIED ("a ULONG array is likely"): this reads a 1-D array of VT_UI4 or VT_I4
// (4-byte elements, taken as unsigned), whatever its lower bound, and nothing else. Any other
// element type is reported, not guessed at.
#pragma once

#include <cstdint>
#include <vector>

#include "mbn_api.h"

namespace mbn {

// S_OK with the IDs copied; E_INVALIDARG (and `*vartype` set to what was found, VT_EMPTY when the
// array says nothing) when the elements are not 4-byte integers. The array stays the caller's.
HRESULT ReadCommandIds(SAFEARRAY* array, std::vector<uint32_t>* out, VARTYPE* vartype);

}  // namespace mbn
