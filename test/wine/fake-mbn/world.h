// The fake MBN service's state: devices and their services as the scenario describes them,
// advised sinks, request IDs, and counters the tests read back (live COM objects for leak checks,
// callbacks delivered for "no lost event"). One instance per process, never destroyed.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "config.h"
#include "scheduler.h"
#include "slots.h"

namespace fake {

enum class Op { kOpen, kClose, kWrite };

struct DeviceState {
  const DeviceSpec* spec;
  bool present = true;
  uint64_t generation = 0;  // bumped on removal and return: pending work of an old one is void
  std::vector<bool> sessionOpen;
};

struct Counters {
  std::atomic<long> liveObjects{0}, maxLiveObjects{0}, objectsCreated{0};
  std::atomic<long> advises{0}, unadvises{0}, liveSinks{0};
  std::atomic<long> calls{0}, completionsFired{0}, completionCallbacks{0};
  std::atomic<long> readDataFired{0}, readDataCallbacks{0}, interfaceCallbacks{0};
  // References the fake itself holds for completions not yet sent (not a client leak).
  std::atomic<long> pendingHolds{0};
  std::atomic<long long> writeBytes{0};
  std::atomic<uint32_t> writeChecksum{0};
};

class World {
 public:
  static World& Get();

  void ObjectCreated();
  void ObjectDestroyed();
  void WriteStats();

  HRESULT Advise(const GUID& events, void* sink, DWORD* cookie);
  HRESULT Unadvise(const GUID& events, DWORD cookie);

  // Snapshot queries; -1 when the device is absent.
  std::vector<size_t> PresentDevices();
  long FindDevice(const wchar_t* interfaceId);
  bool DeviceCurrent(size_t device, uint64_t generation);
  uint64_t Generation(size_t device);
  bool SessionOpen(size_t device, size_t service);

  // OpenDataSession / CloseDataSession / WriteData, with the scenario's behaviour.
  HRESULT Call(Op op, View* serviceView, size_t device, size_t service, uint64_t generation,
               ULONG* requestId);

  const Config& config() const { return config_; }
  Counters counters;

 private:
  World();
  struct Sink {
    GUID events;
    void* com;  // AddRef'd
  };
  std::vector<void*> SinksFor(const GUID& events);  // AddRef'd copies
  void Complete(Op op, View* serviceView, size_t device, size_t service, uint64_t generation,
                uint32_t status, ULONG requestId, bool changeState);
  void StartBursts(size_t device, size_t service, uint64_t generation);
  void BurstStep(size_t device, size_t service, uint64_t generation, size_t burst, uint32_t sent);
  void RemoveDevice(size_t device);
  void AddDevice(size_t device);
  void FireInterfaceEvent(size_t device, bool arrival);
  double DrawDelay(const Behaviour& b);
  double NextRandom();

  std::mutex mutex_;
  Config config_;
  std::vector<DeviceState> devices_;
  std::map<DWORD, Sink> sinks_;
  DWORD nextCookie_ = 1;
  ULONG nextRequestId_ = 1;
  uint32_t random_ = 1;
  std::atomic<uint32_t> readSeq_{0};
  std::string statsPath_;
  Scheduler scheduler_;
};

// Factories for the objects the world hands to sinks (objects.cc). Each returns one reference.
View* NewInterfaceObject(size_t device);
View* NewDeviceServiceObject(size_t device, size_t service, uint64_t generation);
std::wstring DeviceServiceIdOf(View* serviceView);

}  // namespace fake
