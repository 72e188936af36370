#include "service_ids.h"

#include <algorithm>

namespace mbn {

std::atomic<long> g_sinkOutgoingCalls{0};
std::atomic<long> g_deferredIdLookups{0};

void ServiceIdCache::Remember(IMbnDeviceService* service, const std::u16string& interfaceId,
                              const std::u16string& serviceId) {
  if (!service) return;
  std::vector<IMbnDeviceService*> release;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    uint64_t seq = ++seq_;
    auto found = entries_.find(service);
    if (found != entries_.end()) {
      found->second.ids = Ids{interfaceId, serviceId};
      found->second.seq = seq;  // met again after a removal: it belongs to the device now
      return;
    }
    service->AddRef();  // a local reference count, not a call into the service's process
    entries_.emplace(service, Entry{service, Ids{interfaceId, serviceId}, seq});
    order_.push_back(service);
    size_t same = 0;
    for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
      const Ids& ids = entries_.at(*it).ids;
      if (ids.interfaceId != interfaceId || !SameServiceId(ids.serviceId, serviceId)) continue;
      if (++same > kPerService) {
        IMbnDeviceService* old = *it;
        release.push_back(old);
        entries_.erase(old);
        order_.erase(std::next(it).base());
        break;
      }
    }
  }
  ReleaseAll(release);
}

ServiceIdCache::Found ServiceIdCache::Find(IMbnDeviceService* service, Ids* ids,
                                           uint64_t* token) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closed_) return Found::kDrop;
  if (inFlight_.find(service) == inFlight_.end()) {
    auto found = entries_.find(service);
    if (found != entries_.end()) {
      *ids = found->second.ids;
      return Found::kHit;
    }
  }
  // Reserve before AddRef, so a bad_alloc leaves no reference behind.
  held_.reserve(held_.size() + 1);
  inFlight_.reserve(inFlight_.size() + 1);
  service->AddRef();  // released on the COM thread (or by Clear), never here
  *token = ++nextToken_;
  held_.emplace(*token, service);
  ++inFlight_[service];
  return Found::kDefer;
}

bool ServiceIdCache::Known(IMbnDeviceService* service, Ids* ids) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = entries_.find(service);
  if (found == entries_.end()) return false;
  *ids = found->second.ids;
  return true;
}

IMbnDeviceService* ServiceIdCache::TakeHeld(uint64_t token) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = held_.find(token);
  if (found == held_.end()) return nullptr;
  IMbnDeviceService* service = found->second;
  held_.erase(found);
  return service;
}

void ServiceIdCache::DeferredDone(IMbnDeviceService* service) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = inFlight_.find(service);
  if (found == inFlight_.end()) return;  // cleared meanwhile
  if (--found->second == 0) inFlight_.erase(found);
}

void ServiceIdCache::MarkRemoved(const std::u16string& interfaceId) {
  std::lock_guard<std::mutex> lock(mutex_);
  removed_.push_back(Removal{interfaceId, seq_});
}

void ServiceIdCache::Purge() {
  std::vector<IMbnDeviceService*> release;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (removed_.empty()) return;
    for (auto it = order_.begin(); it != order_.end();) {
      const Entry& entry = entries_.at(*it);
      // Only what was cached before the removal: a device removed and quickly added again has
      // the same interface ID, and its new objects, remembered since, must stay.
      bool gone = std::any_of(removed_.begin(), removed_.end(), [&](const Removal& r) {
        return r.interfaceId == entry.ids.interfaceId && entry.seq <= r.seq;
      });
      if (gone) {
        release.push_back(*it);
        entries_.erase(*it);
        it = order_.erase(it);
      } else {
        ++it;
      }
    }
    removed_.clear();
  }
  ReleaseAll(release);
}

void ServiceIdCache::Clear(bool final) {
  std::vector<IMbnDeviceService*> release;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (final) closed_ = true;
    release.assign(order_.begin(), order_.end());
    for (auto& h : held_) release.push_back(h.second);  // deferred events not yet taken: dropped
    entries_.clear();
    order_.clear();
    removed_.clear();
    held_.clear();
    inFlight_.clear();
  }
  ReleaseAll(release);
}

size_t ServiceIdCache::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

void ServiceIdCache::ReleaseAll(std::vector<IMbnDeviceService*>& refs) {
  for (IMbnDeviceService* p : refs) p->Release();
  refs.clear();
}

}  // namespace mbn
