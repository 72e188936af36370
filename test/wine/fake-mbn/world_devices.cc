// Devices coming and going, their probing finishing, and the whole MBN service going away: the
// world's events that are not answers to a call. Each is what the documented MBN service does, so
// the addon's handling of it is tested against the same signals Windows sends.
#include "world.h"

namespace fake {

void World::RemoveDevice(size_t device) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    DeviceState& d = devices_[device];
    if (!d.present) return;
    d.present = false;
    d.generation++;
  }
  FireInterfaceEvent(device, false);
}

void World::AddDevice(size_t device) {
  uint64_t generation = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    DeviceState& d = devices_[device];
    if (d.present) return;
    d.present = true;
    d.generation++;
    // A device that comes back has had its sessions torn down.
    for (size_t s = 0; s < d.sessionOpen.size(); ++s) d.sessionOpen[s] = false;
    for (size_t s = 0; s < d.commandOpen.size(); ++s) d.commandOpen[s] = false;
    generation = d.generation;
  }
  FireInterfaceEvent(device, true);
  StartNotifications(device, generation);  // after the arrival, as the simulator sends them
}

// Both documented signals: IMbnDeviceServicesEvents::OnInterfaceStateChange and
// IMbnInterfaceManagerEvents::OnInterfaceArrival/Removal (reference §5.3).
void World::FireInterfaceEvent(size_t device, bool arrival) {
  BSTR id = SysAllocString(devices_[device].spec->interfaceId.c_str());
  for (void* sink : SinksFor(kIidDeviceServicesEvents)) {
    CallbackScope scope;
    CallSlot(sink, slot::kOnInterfaceStateChange, id, static_cast<int32_t>(arrival ? 0 : 1));
    counters.interfaceCallbacks.fetch_add(1);
    ComRelease(sink);
  }
  SysFreeString(id);
  View* iface = NewInterfaceObject(device);
  for (void* sink : SinksFor(kIidInterfaceManagerEvents)) {
    CallbackScope scope;
    CallSlot(sink, arrival ? slot::kOnInterfaceArrival : slot::kOnInterfaceRemoval,
             static_cast<void*>(iface));
    counters.interfaceCallbacks.fetch_add(1);
    ComRelease(sink);
  }
  ComRelease(iface);
}

int32_t World::ReadyState(size_t device) {
  std::lock_guard<std::mutex> lock(mutex_);
  return devices_[device].readyState;
}

bool World::CapsPending(size_t device) {
  std::lock_guard<std::mutex> lock(mutex_);
  return devices_[device].capsPending;
}

bool World::ServicesPending(size_t device) {
  std::lock_guard<std::mutex> lock(mutex_);
  return devices_[device].servicesPending;
}

// Probing is over: what GetInterfaceCapability, GetReadyState and EnumerateDeviceServices
// answered E_PENDING for is known now, and the service says so through IMbnInterfaceEvents.
void World::ChangeReadyState(size_t device, int32_t state) {
  bool capsWerePending = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    DeviceState& d = devices_[device];
    if (!d.present) return;
    capsWerePending = d.capsPending;
    d.readyState = state;
    d.capsPending = false;
    d.servicesPending = false;
  }
  View* iface = NewInterfaceObject(device);
  for (void* sink : SinksFor(kIidInterfaceEvents)) {
    {
      CallbackScope scope;
      if (capsWerePending) {
        CallSlot(sink, slot::kOnInterfaceCapabilityAvailable, static_cast<void*>(iface));
        counters.readyEventsFired.fetch_add(1);
      }
      CallSlot(sink, slot::kOnReadyStateChange, static_cast<void*>(iface));
      counters.readyEventsFired.fetch_add(1);
    }
    ComRelease(sink);
  }
  ComRelease(iface);
}

// The whole service goes away, as when the MBN service's process restarts: every object it handed
// out answers RPC_E_DISCONNECTED from now on, new ones cannot be made (RPC_S_SERVER_UNAVAILABLE)
// until it is back, pending work is lost, sessions are torn down, and its references to the
// client's sinks are released (COM's rundown does that for a dead server).
void World::Disconnect(double forMs) {
  std::vector<void*> dropped;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    down_.store(true);
    epoch_.fetch_add(1);
    for (DeviceState& d : devices_) {
      d.generation++;
      for (size_t s = 0; s < d.sessionOpen.size(); ++s) d.sessionOpen[s] = false;
      for (size_t s = 0; s < d.commandOpen.size(); ++s) d.commandOpen[s] = false;
    }
    for (auto& entry : sinks_) dropped.push_back(entry.second.com);
    sinks_.clear();
  }
  counters.disconnects.fetch_add(1);
  for (void* sink : dropped) {
    counters.sinksDropped.fetch_add(1);
    counters.liveSinks.fetch_sub(1);
    ComRelease(sink);
  }
  scheduler_.After(forMs, [this] { down_.store(false); });
}

// The outage starts with the call that meets it rather than at a time: on a busy machine the
// case's steps before its write took longer than the timed outage lasted, and the write went
// through. Done on the caller's thread before the call is answered, so the call meets it.
void World::WriteStarts() {
  const double forMs = config_.switches.disconnectAtWriteForMs;
  const double idForMs = config_.switches.interfaceIdFailsAtWriteForMs;
  if ((forMs < 0 && idForMs < 0) || wroteOnce_.exchange(true)) return;
  if (forMs >= 0) Disconnect(forMs);
  if (idForMs >= 0) {
    idFails_.store(true);
    scheduler_.After(idForMs, [this] { idFails_.store(false); });
  }
}

}  // namespace fake
