// The fake's COM objects. Each object owns one View per interface it exposes; QueryInterface
// returns the matching View. Reference counts are atomic: sinks and tests call from many threads.
#pragma once

#include <atomic>
#include <cstdint>

#include "slots.h"

namespace fake {

struct Object {
  Object();
  virtual ~Object();
  // The view for `iid`, or null. IUnknown maps to the object's first interface.
  virtual View* Find(REFIID iid) = 0;
  std::atomic<long> refs{1};
  // The service's epoch at creation: after it went away and came back, this object stays dead.
  uint64_t epoch;
};

HRESULT CreateInterfaceManager(REFIID riid, void** out);
HRESULT CreateDeviceServicesManager(REFIID riid, void** out);

}  // namespace fake
