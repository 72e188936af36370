#include "service_ids.h"

#include <algorithm>

namespace mbn {

std::atomic<long> g_sinkOutgoingCalls{0};

void ServiceIdCache::Remember(IMbnDeviceService* service, const std::u16string& interfaceId,
                              const std::u16string& serviceId) {
  if (!service) return;
  std::vector<IMbnDeviceService*> release;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = entries_.find(service);
    if (found != entries_.end()) {
      found->second.ids = Ids{interfaceId, serviceId};
      return;
    }
    service->AddRef();  // a local reference count, not a call into the service's process
    entries_.emplace(service, Entry{service, Ids{interfaceId, serviceId}});
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

bool ServiceIdCache::Lookup(IMbnDeviceService* service, Ids* out) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = entries_.find(service);
  if (found == entries_.end()) return false;
  *out = found->second.ids;
  return true;
}

void ServiceIdCache::MarkRemoved(const std::u16string& interfaceId) {
  std::lock_guard<std::mutex> lock(mutex_);
  removed_.push_back(interfaceId);
}

void ServiceIdCache::Purge() {
  std::vector<IMbnDeviceService*> release;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (removed_.empty()) return;
    for (auto it = order_.begin(); it != order_.end();) {
      const Ids& ids = entries_.at(*it).ids;
      if (std::find(removed_.begin(), removed_.end(), ids.interfaceId) != removed_.end()) {
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
    entries_.clear();
    order_.clear();
    removed_.clear();
  }
  ReleaseAll(release);
}

bool ServiceIdCache::Closed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return closed_;
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
