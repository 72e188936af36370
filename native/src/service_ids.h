// Interface and service IDs of the IMbnDeviceService objects the addon has met, keyed by object
// pointer, so an event sink can name the service of a completion or read event without calling
// back into the MBN service (issue 12: an extra round trip per event, and a re-entrancy risk while
// the service may hold its own lock around the callback).
//
// Filled on the COM thread whenever services are enumerated or fetched; read by the sinks on any
// thread. Each entry holds a reference to its object: while it is cached its address cannot be
// reused by another object, and a COM proxy keeps its identity. References are released on the
// COM thread (or the stop watchdog), never inside a sink.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "com_util.h"

namespace mbn {

// Sink lookups that missed the cache and had to ask the object itself (an outgoing call).
extern std::atomic<long> g_sinkOutgoingCalls;

class ServiceIdCache {
 public:
  struct Ids {
    std::u16string interfaceId, serviceId;
  };

  // COM thread. Takes its own reference to `service`.
  void Remember(IMbnDeviceService* service, const std::u16string& interfaceId,
                const std::u16string& serviceId);
  // Any thread (sinks): no COM call, only a map lookup.
  bool Lookup(IMbnDeviceService* service, Ids* out) const;
  // Any thread (sinks): the device went away; its entries are released on the next Purge().
  void MarkRemoved(const std::u16string& interfaceId);
  // COM thread: releases the entries of removed devices.
  void Purge();
  // COM thread or the stop watchdog: releases everything. `final`: the addon is closing for good,
  // so a sink that finds nothing must not ask the service either (see Closed()).
  void Clear(bool final = false);
  // Any thread: the addon closed for good. A callback already running when its sink was
  // unadvised can still arrive; its event is dropped, so nothing is worth a call out for it.
  bool Closed() const;
  size_t size() const;

 private:
  struct Entry {
    IMbnDeviceService* ref;  // one reference held
    Ids ids;
  };
  // Releases outside the lock: Release may be a call into the MBN service.
  static void ReleaseAll(std::vector<IMbnDeviceService*>& refs);

  // Per device service, how many objects are kept: a service that hands out a new object per
  // GetDeviceService must not grow the cache without bound; the oldest is dropped first.
  static constexpr size_t kPerService = 16;
  bool closed_ = false;

  mutable std::mutex mutex_;
  std::unordered_map<IMbnDeviceService*, Entry> entries_;
  std::deque<IMbnDeviceService*> order_;  // oldest first
  std::vector<std::u16string> removed_;
};

}  // namespace mbn
