// Interface and service IDs of the IMbnDeviceService objects the addon has met, keyed by object
// pointer, so an event sink can name the service of a completion or read event without calling
// back into the MBN service (issue 12: an extra round trip per event, and a re-entrancy risk while
// the service may hold its own lock around the callback).
//
// Filled on the COM thread whenever services are enumerated or fetched; read by the sinks on any
// thread. Each entry holds a reference to its object: while it is cached its address cannot be
// reused by another object, and a COM proxy keeps its identity. References are released on the
// COM thread (or the stop watchdog), never inside a sink.
//
// An object the cache does not know (a service that hands out a new object per GetDeviceService,
// or a device removed and re-added) is never asked from the sink: the sink holds a reference to
// it here, under a token, and the COM thread asks it its IDs and sends the event (Find, TakeHeld,
// DeferredDone). Until those events are sent, later events of the same object wait behind them,
// so JS still sees one object's events in the order they came.
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

// Sink lookups that missed the cache and had to ask the object itself (an outgoing call). Stays
// 0: a sink that misses hands the lookup to the COM thread (counted below) instead.
extern std::atomic<long> g_sinkOutgoingCalls;
// Events whose service the COM thread had to name by asking the object (the cache missed).
extern std::atomic<long> g_deferredIdLookups;

class ServiceIdCache {
 public:
  struct Ids {
    std::u16string interfaceId, serviceId;
  };

  // COM thread. Takes its own reference to `service`.
  void Remember(IMbnDeviceService* service, const std::u16string& interfaceId,
                const std::u16string& serviceId);
  enum class Found {
    kHit,    // *ids filled: send the event now
    kDefer,  // one reference held under *token: the COM thread must name and send the event
    kDrop,   // closed for good: the event is dropped anyway
  };
  // Any thread (sinks): no COM call, only map work and AddRef (local to a proxy, and the caller
  // holds its own reference for the callback's duration).
  Found Find(IMbnDeviceService* service, Ids* ids, uint64_t* token);
  // COM thread: the cached IDs of `service`, if any (whatever events of it are in flight).
  bool Known(IMbnDeviceService* service, Ids* ids) const;
  // COM thread: the reference held for `token`, now the caller's to release; null if Clear()
  // released it meanwhile (the service was lost or the addon closed: the event is dropped).
  IMbnDeviceService* TakeHeld(uint64_t token);
  // COM thread: one deferred event of `service` was sent (or dropped) after TakeHeld gave it.
  void DeferredDone(IMbnDeviceService* service);
  // Any thread (sinks): the device went away; the entries cached so far for it are released on
  // the next Purge(). Entries cached after this call (the device came back) are kept.
  void MarkRemoved(const std::u16string& interfaceId);
  // COM thread: releases the entries of removed devices.
  void Purge();
  // COM thread or the stop watchdog: releases everything, the references held for deferred
  // events too. `final`: the addon is closing for good; from now on Find() answers kDrop (a
  // callback already running when its sink was unadvised can still arrive; its event is dropped,
  // so nothing is worth holding a reference or queueing work for).
  void Clear(bool final = false);
  size_t size() const;

 private:
  struct Entry {
    IMbnDeviceService* ref;  // one reference held
    Ids ids;
    uint64_t seq;  // when it was (last) remembered, against removals
  };
  struct Removal {
    std::u16string interfaceId;
    uint64_t seq;  // entries remembered up to this sequence number go
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
  std::vector<Removal> removed_;
  uint64_t seq_ = 0;  // the last sequence number given to a Remember
  // Deferred events: one reference per event, by token, until the COM thread takes it ...
  std::unordered_map<uint64_t, IMbnDeviceService*> held_;
  uint64_t nextToken_ = 0;
  // ... and per object, how many of its events are still on their way through the COM thread.
  std::unordered_map<IMbnDeviceService*, size_t> inFlight_;
};

}  // namespace mbn
