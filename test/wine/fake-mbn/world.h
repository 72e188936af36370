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

// Every asynchronous IMbnDeviceService call: the data half, then the command half.
enum class Op {
  kOpen,
  kClose,
  kWrite,
  kSupportedCommands,
  kOpenCommandSession,
  kCloseCommandSession,
  kQuery,
  kSet,
};

struct DeviceState {
  const DeviceSpec* spec;
  bool present = true;
  uint64_t generation = 0;  // bumped on removal and return: pending work of an old one is void
  std::vector<bool> sessionOpen;
  std::vector<bool> commandOpen;  // the command session, per service
  // Start from the spec; a "ready" line changes them later.
  int32_t readyState = 1;
  bool capsPending = false, servicesPending = false;
  // object-sessions: the serial of the object that opened each session; 0 = none (any object)
  std::vector<uint64_t> sessionOwner, commandOwner;
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
  // Less friendly switches (issue 12):
  std::atomic<long> hungNow{0}, hangsStarted{0};      // calls blocked inside a "hang"
  std::atomic<long> sinksDropped{0};                  // released by the service going away
  std::atomic<long> disconnects{0}, refusedWhileGone{0}, createRefused{0};
  std::atomic<long> callbacksInFlight{0}, maxConcurrentCallbacks{0};
  std::atomic<long> callbackThreads{0};               // distinct threads that called a sink
  std::atomic<long> getterCallsInCallback{0}, getterTimeouts{0};
  std::atomic<long> recordArrays{0}, recordClears{0}, recordBstrsLeftForClear{0};
  std::atomic<long> readyEventsFired{0};
  // The command half (issue 11):
  std::atomic<long> commandCalls{0}, commandsRefusedForSize{0};
  std::atomic<long long> commandBytes{0};  // payload bytes of QUERY/SET calls that were accepted
  std::atomic<uint32_t> commandChecksum{0};
  std::atomic<long> maxCommandBytes{0};    // the largest accepted payload
  std::atomic<long> notificationsFired{0}, notificationCallbacks{0}, stormNotifications{0};
};

// Makes this thread's next CallbackScope wait, once inside (counted in flight), until another
// callback is in flight too (at most 2 s): the storm's first round, so that its callbacks overlap
// however busy the machine is. Its barrier alone let 8 threads on 2 loaded cores take turns for
// all 500 rounds once, beside the browser's suite.
void MeetInNextCallback(bool meet);

// Marks a callback into a client sink: counts concurrency and the threads used, and (with the
// getter-lock switch) holds the service's lock in shared mode for the callback's duration.
class CallbackScope {
 public:
  CallbackScope();
  ~CallbackScope();
  CallbackScope(const CallbackScope&) = delete;
  CallbackScope& operator=(const CallbackScope&) = delete;

 private:
  bool locked_ = false;
};

// A getter of IMbnDeviceService under the getter-lock switch: takes the service's lock, which a
// callback in flight holds. Called from inside a callback it could never get it (a deadlock on
// a real service): it gives up after 1 s and fails, and the counters say so.
HRESULT EnterGetter();
void LeaveGetter();

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
  // As `caller` (an object's serial, ServiceObjectSerial) sees it.
  bool SessionOpen(size_t device, size_t service, uint64_t caller);
  bool CommandSessionOpen(size_t device, size_t service, uint64_t caller);

  // The service as a whole: gone (disconnected) or back. Objects made in an earlier epoch stay
  // dead (RPC_E_DISCONNECTED) after it comes back, as proxies to a restarted server do.
  uint64_t Epoch() const { return epoch_.load(); }
  bool Gone(uint64_t epoch) const { return down_.load() || epoch != epoch_.load(); }
  bool Down() const { return down_.load(); }
  // A WriteData is being made: the first one takes the service away (disconnect-at-write), or
  // makes the interfaces' IDs unreadable for a while (interface-id-fails-at-write).
  void WriteStarts();
  bool InterfaceIdFails() const { return idFails_.load(); }

  int32_t ReadyState(size_t device);
  bool CapsPending(size_t device);
  bool ServicesPending(size_t device);

  // Any IMbnDeviceService call, with the scenario's behaviour; `commandId` for QUERY/SET.
  HRESULT Call(Op op, View* serviceView, size_t device, size_t service, uint64_t generation,
               uint32_t commandId, ULONG* requestId);

  const Config& config() const { return config_; }
  Counters counters;

 private:
  World();
  struct Sink {
    GUID events;
    void* com;  // AddRef'd
  };
  std::vector<void*> SinksFor(const GUID& events);  // AddRef'd copies
  // What a call of `op` follows (world_commands.cc), and for QUERY/SET the response it carries
  // (null: a command the service has no behaviour for).
  struct Answer {
    const Behaviour* behaviour;
    const CommandBehaviour* response;
  };
  Answer Select(const ServiceSpec& spec, Op op, uint32_t commandId);
  bool PreconditionHolds(const DeviceState& d, Op op, size_t service, uint64_t caller);
  void ApplySuccess(DeviceState& d, Op op, size_t service, uint64_t caller);  // mutex_ held
  // Whether `caller` may see a session whose opener was `owner` (the object-sessions switch).
  bool Owns(uint64_t owner, uint64_t caller) const;
  void Complete(Op op, View* serviceView, size_t device, size_t service, uint64_t generation,
                uint32_t status, ULONG requestId, bool changeState, uint32_t commandId,
                const CommandBehaviour* response);
  // Calls the completion's slot on every sink, with the arrays it carries made and destroyed here.
  void FireCompletion(Op op, View* serviceView, size_t device, size_t service, uint32_t status,
                      ULONG requestId, uint32_t commandId, const CommandBehaviour* response);
  void StartNotifications(size_t device, uint64_t generation);
  void NotifyStep(size_t device, size_t service, uint64_t generation, size_t index, uint32_t sent);
  void Notify(size_t device, size_t service, uint64_t generation, uint32_t eventId,
              const std::vector<uint8_t>& data);
  void Storm(const NotifyStorm& storm);
  void StartBursts(size_t device, size_t service, uint64_t generation);
  void BurstStep(size_t device, size_t service, uint64_t generation, size_t burst, uint32_t sent);
  void RemoveDevice(size_t device);
  void AddDevice(size_t device);
  void FireInterfaceEvent(size_t device, bool arrival);
  void ChangeReadyState(size_t device, int32_t state);
  void Disconnect(double forMs);
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
  std::atomic<uint64_t> epoch_{0};
  std::atomic<bool> down_{false};
  std::atomic<bool> wroteOnce_{false};
  std::atomic<bool> idFails_{false};
};

// Factories for the objects the world hands to sinks (objects.cc). Each returns one reference.
View* NewInterfaceObject(size_t device);
View* NewDeviceServiceObject(size_t device, size_t service, uint64_t generation);
// The one live IMbnDeviceService object of a device service, as a COM server keeps object
// identity: the same object while anyone holds it, a new one otherwise. One reference returned.
View* SharedDeviceServiceObject(size_t device, size_t service, uint64_t generation);
std::wstring DeviceServiceIdOf(View* serviceView);
// A number no other IMbnDeviceService object of this process had or will have (from 1).
uint64_t ServiceObjectSerial(View* serviceView);

// A SAFEARRAY the way the fake hands arrays out: 1-D, lower bound 1 (the reference says a client
// must not assume 0). The caller destroys it.
SAFEARRAY* ByteArray(const uint8_t* data, size_t size);

}  // namespace fake
