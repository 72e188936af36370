// What the fake's COM objects share across their files (objects.cc, service_object.cc,
// record_info.cc): IUnknown on a View, the "service went away" check, BSTR helpers.
#pragma once

#include <string>

#include "objects.h"
#include "world.h"

namespace fake {

#define FN(f) reinterpret_cast<void*>(f)

// IMbnDeviceServicesContext::MaxDataSize; WriteData refuses more with ERROR_BUFFER_OVERFLOW.
constexpr ULONG kMaxDataSize = 65536;

inline HRESULT GoneHresult() {
  return static_cast<HRESULT>(World::Get().config().switches.goneHresult);
}

// Every method of an object of a service that went away fails the way a proxy to a dead server
// does. QueryInterface, AddRef and Release stay local, as a proxy's are.
#define GONE_CHECK(view)                                    \
  do {                                                      \
    if (World::Get().Gone((view)->owner->epoch)) {          \
      World::Get().counters.refusedWhileGone.fetch_add(1);  \
      return GoneHresult();                                 \
    }                                                       \
  } while (0)

HRESULT STDMETHODCALLTYPE QueryInterface(View* self, REFIID riid, void** out);
ULONG STDMETHODCALLTYPE AddRef(View* self);
ULONG STDMETHODCALLTYPE Release(View* self);
HRESULT STDMETHODCALLTYPE NotImpl();
BSTR Bstr(const std::wstring& s);
std::wstring FromBstr(BSTR b);
const DeviceSpec& Spec(size_t device);

// EnumerateDeviceServices' VT_RECORD form (record_info.cc).
HRESULT RecordArrayOf(const DeviceSpec& d, SAFEARRAY** out);

}  // namespace fake
