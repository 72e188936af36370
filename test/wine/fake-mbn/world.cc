// Mirrors electron/backends/simulator/simulator-backend.ts rule for rule, so one scenario gives the
// same journal on both backends: ERROR_OPEN_FAILED for close/write without an open session (and
// for QUERY, SET and CloseCommandSession without an open command session); a
// completion changes session state only when its status succeeds; "duplicate" repeats 5 ms later
// without a state change; a removed device's pending completions and bursts never come.
#include "world.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <thread>

namespace fake {

static constexpr HRESULT kErrorOpenFailed = static_cast<HRESULT>(0x8007006E);

World& World::Get() {
  static World* world = new World();  // never destroyed: DLL_PROCESS_DETACH still reads counters
  return *world;
}

World::World() {
  config_ = LoadConfig(std::getenv("MBN_FAKE_CONFIG"));
  if (const char* p = std::getenv("MBN_FAKE_STATS")) statsPath_ = p;
  nextRequestId_ = config_.firstRequestId;
  random_ = config_.seed;
  for (const DeviceSpec& spec : config_.devices) {
    DeviceState d{&spec, true, 0, {}, {}, spec.readyState, spec.capsPending, spec.servicesPending};
    for (const ServiceSpec& s : spec.services) {
      d.sessionOpen.push_back(s.sessionOpen);
      d.commandOpen.push_back(s.commands.sessionOpen);
      d.sessionOwner.push_back(0);
      d.commandOwner.push_back(0);
    }
    devices_.push_back(std::move(d));
  }
  scheduler_.Start(config_.switches.callbackThreads);
  for (const ReadyChange& change : config_.readyChanges) {
    for (size_t i = 0; i < devices_.size(); ++i) {
      if (devices_[i].spec->interfaceId != change.interfaceId) continue;
      int32_t state = change.readyState;
      scheduler_.After(change.atMs, [this, i, state] { ChangeReadyState(i, state); });
    }
  }
  if (config_.switches.disconnectAtMs >= 0) {
    double forMs = config_.switches.disconnectForMs;
    scheduler_.After(config_.switches.disconnectAtMs, [this, forMs] { Disconnect(forMs); });
  }
  // Like the simulator's constructor: bursts of initially open sessions, notifications and the
  // timeline start now.
  for (size_t d = 0; d < devices_.size(); ++d) {
    for (size_t s = 0; s < devices_[d].sessionOpen.size(); ++s) {
      if (devices_[d].sessionOpen[s]) StartBursts(d, s, 0);
    }
    StartNotifications(d, 0);
  }
  for (const NotifyStorm& storm : config_.switches.storms) {
    scheduler_.After(storm.atMs, [this, storm] { Storm(storm); });
  }
  for (const TimelineAction& action : config_.timeline) {
    long d = -1;
    for (size_t i = 0; i < devices_.size(); ++i) {
      if (devices_[i].spec->interfaceId == action.interfaceId) d = static_cast<long>(i);
    }
    if (d < 0) continue;
    bool remove = action.remove;
    scheduler_.After(action.atMs, [this, d, remove] {
      if (remove) {
        RemoveDevice(static_cast<size_t>(d));
      } else {
        AddDevice(static_cast<size_t>(d));
      }
    });
  }
}

void World::ObjectCreated() {
  long live = counters.liveObjects.fetch_add(1) + 1;
  counters.objectsCreated.fetch_add(1);
  long max = counters.maxLiveObjects.load();
  while (live > max && !counters.maxLiveObjects.compare_exchange_weak(max, live)) {
  }
}

void World::ObjectDestroyed() {
  if (counters.liveObjects.fetch_sub(1) == 1) WriteStats();
}

// Lock-free on purpose: at DLL_PROCESS_DETACH other threads are gone and may have died holding
// the mutex. Plain Win32 file calls only, which are safe there.
void World::WriteStats() {
  if (statsPath_.empty()) return;
  char buf[4096];
  const Counters& c = counters;
  int n = std::snprintf(
      buf, sizeof buf,
      "{\"liveObjects\":%ld,\"maxLiveObjects\":%ld,\"objectsCreated\":%ld,\"advises\":%ld,"
      "\"unadvises\":%ld,\"liveSinks\":%ld,\"calls\":%ld,\"completionsFired\":%ld,"
      "\"completionCallbacks\":%ld,\"readDataFired\":%ld,\"readDataCallbacks\":%ld,"
      "\"interfaceCallbacks\":%ld,\"pendingHolds\":%ld,\"writeBytes\":%lld,\"writeChecksum\":%lu,"
      "\"hungNow\":%ld,\"hangsStarted\":%ld,\"sinksDropped\":%ld,\"disconnects\":%ld,"
      "\"refusedWhileGone\":%ld,\"createRefused\":%ld,\"maxConcurrentCallbacks\":%ld,\"callbackThreads\":%ld,"
      "\"getterCallsInCallback\":%ld,\"getterTimeouts\":%ld,\"recordArrays\":%ld,"
      "\"recordClears\":%ld,\"recordBstrsLeftForClear\":%ld,\"readyEventsFired\":%ld,"
      "\"commandCalls\":%ld,\"commandsRefusedForSize\":%ld,\"commandBytes\":%lld,"
      "\"commandChecksum\":%lu,\"maxCommandBytes\":%ld,\"notificationsFired\":%ld,"
      "\"notificationCallbacks\":%ld,\"stormNotifications\":%ld,"
      "\"configError\":\"%s\"}\n",
      c.liveObjects.load(), c.maxLiveObjects.load(), c.objectsCreated.load(), c.advises.load(),
      c.unadvises.load(), c.liveSinks.load(), c.calls.load(), c.completionsFired.load(),
      c.completionCallbacks.load(), c.readDataFired.load(), c.readDataCallbacks.load(),
      c.interfaceCallbacks.load(), c.pendingHolds.load(), c.writeBytes.load(),
      static_cast<unsigned long>(c.writeChecksum.load()), c.hungNow.load(), c.hangsStarted.load(),
      c.sinksDropped.load(), c.disconnects.load(), c.refusedWhileGone.load(), c.createRefused.load(),
      c.maxConcurrentCallbacks.load(), c.callbackThreads.load(), c.getterCallsInCallback.load(),
      c.getterTimeouts.load(), c.recordArrays.load(), c.recordClears.load(),
      c.recordBstrsLeftForClear.load(), c.readyEventsFired.load(), c.commandCalls.load(),
      c.commandsRefusedForSize.load(), c.commandBytes.load(),
      static_cast<unsigned long>(c.commandChecksum.load()), c.maxCommandBytes.load(),
      c.notificationsFired.load(), c.notificationCallbacks.load(), c.stormNotifications.load(),
      config_.error.c_str());
  // Written in place, and shared for writing: the last object's release on a COM thread writes
  // it as the process ends, and ExitProcess can kill that thread between opening (truncating) it
  // and writing it. Opened with share mode 0, that thread's handle, left open, then kept
  // DLL_PROCESS_DETACH's write out, and the file stayed empty (seen under load). Written to a file
  // of its own and renamed over this one instead, the file was still missing 5 s after the
  // process's end though its text was written as it ended (seen once, in hang-exit: Wine's rename
  // at DLL_PROCESS_DETACH). DLL_PROCESS_DETACH writes last, every other thread gone: its text wins.
  HANDLE h = CreateFileA(statsPath_.c_str(), GENERIC_WRITE,
                         FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                         CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (h == INVALID_HANDLE_VALUE) return;
  DWORD written = 0;
  WriteFile(h, buf, static_cast<DWORD>(n), &written, nullptr);
  CloseHandle(h);
}

HRESULT World::Advise(const GUID& events, void* sink, DWORD* cookie) {
  std::lock_guard<std::mutex> lock(mutex_);
  *cookie = nextCookie_++;
  sinks_[*cookie] = Sink{events, sink};
  counters.advises.fetch_add(1);
  counters.liveSinks.fetch_add(1);
  return S_OK;
}

HRESULT World::Unadvise(const GUID& events, DWORD cookie) {
  void* sink = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = sinks_.find(cookie);
    if (it == sinks_.end() || !IsEqualGUID(it->second.events, events)) {
      return CONNECT_E_NOCONNECTION;
    }
    sink = it->second.com;
    sinks_.erase(it);
  }
  counters.unadvises.fetch_add(1);
  counters.liveSinks.fetch_sub(1);
  ComRelease(sink);  // outside the lock: the client's Release may do anything
  return S_OK;
}

std::vector<void*> World::SinksFor(const GUID& events) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<void*> out;
  for (auto& entry : sinks_) {
    if (IsEqualGUID(entry.second.events, events)) {
      ComAddRef(entry.second.com);
      out.push_back(entry.second.com);
    }
  }
  return out;
}

std::vector<size_t> World::PresentDevices() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<size_t> out;
  for (size_t i = 0; i < devices_.size(); ++i) {
    if (devices_[i].present) out.push_back(i);
  }
  return out;
}

long World::FindDevice(const wchar_t* interfaceId) {
  if (!interfaceId) return -1;
  std::lock_guard<std::mutex> lock(mutex_);
  for (size_t i = 0; i < devices_.size(); ++i) {
    if (devices_[i].present && devices_[i].spec->interfaceId == interfaceId) {
      return static_cast<long>(i);
    }
  }
  return -1;
}

bool World::DeviceCurrent(size_t device, uint64_t generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  return devices_[device].present && devices_[device].generation == generation;
}

uint64_t World::Generation(size_t device) {
  std::lock_guard<std::mutex> lock(mutex_);
  return devices_[device].generation;
}

bool World::Owns(uint64_t owner, uint64_t caller) const {
  return !config_.switches.objectSessions || owner == 0 || owner == caller;
}

bool World::SessionOpen(size_t device, size_t service, uint64_t caller) {
  std::lock_guard<std::mutex> lock(mutex_);
  const DeviceState& d = devices_[device];
  return d.sessionOpen[service] && Owns(d.sessionOwner[service], caller);
}

bool World::CommandSessionOpen(size_t device, size_t service, uint64_t caller) {
  std::lock_guard<std::mutex> lock(mutex_);
  const DeviceState& d = devices_[device];
  return d.commandOpen[service] && Owns(d.commandOwner[service], caller);
}

double World::NextRandom() {  // mulberry32, as the simulator's SeededRandom
  random_ += 0x6D2B79F5u;
  uint32_t t = random_;
  t = (t ^ (t >> 15)) * (t | 1u);
  t ^= t + (t ^ (t >> 7)) * (t | 61u);
  return static_cast<double>(t ^ (t >> 14)) / 4294967296.0;
}

double World::DrawDelay(const Behaviour& b) {
  switch (b.delayKind) {
    case DelayKind::kFixed:
      return b.a;
    case DelayKind::kUniform:
      return std::fmin(b.a, b.b) + NextRandom() * std::fabs(b.b - b.a);
    case DelayKind::kLognormal: {
      double u = 1 - NextRandom(), v = NextRandom();
      double z = std::sqrt(-2 * std::log(u)) * std::cos(2 * 3.141592653589793 * v);
      return b.a * std::exp(b.b * z);
    }
  }
  return b.a;
}

HRESULT World::Call(Op op, View* serviceView, size_t device, size_t service, uint64_t generation,
                    uint32_t commandId, ULONG* requestId) {
  counters.calls.fetch_add(1);
  int index = static_cast<int>(op);
  double hang = index < 3 ? devices_[device].spec->services[service].hangMs[index] : 0;
  if (hang > 0) {
    // A hung call: it holds no lock of the fake while it blocks, so the rest of the service
    // (Unadvise, other calls, callbacks) goes on, as an out-of-process service would.
    counters.hangsStarted.fetch_add(1);
    counters.hungNow.fetch_add(1);
    const uint64_t epoch = Epoch();
    Sleep(static_cast<DWORD>(hang));
    counters.hungNow.fetch_sub(1);
    // The service went away while the call was in it: the caller's proxy answers as for a dead
    // server, not with an answer the dead one never gave.
    if (Gone(epoch)) return static_cast<HRESULT>(config_.switches.goneHresult);
  }
  std::unique_lock<std::mutex> lock(mutex_);
  DeviceState& d = devices_[device];
  if (!d.present || d.generation != generation) return HRESULT_FROM_WIN32(ERROR_NOT_FOUND);
  Answer answer = Select(d.spec->services[service], op, commandId);
  const Behaviour& b = *answer.behaviour;
  const CommandBehaviour* response = answer.response;
  HRESULT hr = static_cast<HRESULT>(b.hresult);
  if (SUCCEEDED(hr) && !PreconditionHolds(d, op, service, ServiceObjectSerial(serviceView))) {
    hr = kErrorOpenFailed;
  }
  if (FAILED(hr)) return hr;

  ULONG id = nextRequestId_;
  nextRequestId_ = nextRequestId_ == 0xFFFFFFFFu ? 1 : nextRequestId_ + 1;
  *requestId = id;
  double delay = DrawDelay(b);
  uint32_t status = b.status;
  lock.unlock();

  // Pending work holds a reference to the service object, as the real service would.
  auto later = [this, op, serviceView, device, service, generation, status, id, commandId,
                response](bool change) {
    // Counted before the reference is taken and after it is dropped, so a process killed in
    // between never shows more live objects than the fake's own holds explain.
    counters.pendingHolds.fetch_add(1);
    ComAddRef(serviceView);
    return [=] {
      Complete(op, serviceView, device, service, generation, status, id, change, commandId,
               response);
      ComRelease(serviceView);
      counters.pendingHolds.fetch_sub(1);
    };
  };
  switch (b.completion) {
    case Completion::kLost:
      break;
    case Completion::kBeforeReturn: {
      // From another thread, and only then does the call return its request ID.
      std::promise<void> done;
      auto fn = later(true);
      scheduler_.After(0, [&done, fn] {
        fn();
        done.set_value();
      });
      done.get_future().wait();
      break;
    }
    case Completion::kDuplicate:
      scheduler_.After(delay, later(true));
      scheduler_.After(delay + 5, later(false));
      break;
    case Completion::kNormal:
      scheduler_.After(delay, later(true));
      break;
  }
  if (b.removeDeviceAfterMs >= 0) {
    double back = b.deviceReturnsAfterMs;
    scheduler_.After(b.removeDeviceAfterMs, [this, device, back] {
      RemoveDevice(device);
      if (back >= 0) scheduler_.After(back, [this, device] { AddDevice(device); });
    });
  }
  return S_OK;
}

void World::Complete(Op op, View* serviceView, size_t device, size_t service, uint64_t generation,
                     uint32_t status, ULONG requestId, bool changeState, uint32_t commandId,
                     const CommandBehaviour* response) {
  // With callbacks from several threads, a read burst could otherwise overtake the open
  // completion that started it; the data stream starts once that completion has been delivered.
  bool burstsAfter = config_.switches.callbackThreads > 1;
  bool startBursts = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    DeviceState& d = devices_[device];
    if (!d.present || d.generation != generation) return;
    uint64_t caller = ServiceObjectSerial(serviceView);
    if (changeState && SUCCEEDED(static_cast<HRESULT>(status))) {
      if (op == Op::kOpen && !d.sessionOpen[service]) {
        if (burstsAfter) {
          d.sessionOpen[service] = true;
          d.sessionOwner[service] = caller;
          startBursts = true;
        } else {
          ApplySuccess(d, op, service, caller);
          StartBursts(device, service, generation);
        }
      } else {
        ApplySuccess(d, op, service, caller);
      }
    }
  }
  counters.completionsFired.fetch_add(1);
  FireCompletion(op, serviceView, device, service, status, requestId, commandId, response);
  if (startBursts) {
    std::lock_guard<std::mutex> lock(mutex_);
    DeviceState& d = devices_[device];
    if (d.present && d.generation == generation && d.sessionOpen[service]) {
      StartBursts(device, service, generation);
    }
  }
}

// Called with mutex_ held (from the constructor, or Complete).
void World::StartBursts(size_t device, size_t service, uint64_t generation) {
  const ServiceSpec& spec = devices_[device].spec->services[service];
  for (size_t i = 0; i < spec.bursts.size(); ++i) {
    scheduler_.After(spec.bursts[i].afterMs,
                     [=] { BurstStep(device, service, generation, i, 0); });
  }
}

void World::BurstStep(size_t device, size_t service, uint64_t generation, size_t burst,
                      uint32_t sent) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    DeviceState& d = devices_[device];
    if (!d.present || d.generation != generation || !d.sessionOpen[service]) return;
  }
  const Burst& b = devices_[device].spec->services[service].bursts[burst];
  // A zero interval sends the whole burst at once, as the simulator does.
  uint32_t batch = b.intervalMs == 0 ? b.count - sent : 1;
  std::vector<void*> sinks = SinksFor(kIidDeviceServicesEvents);
  // With nobody subscribed the data goes nowhere, and no object is made for it: a closed client
  // must not see the fake's live-object count move on its behalf.
  counters.pendingHolds.fetch_add(1);  // the service object below is the fake's own, not a leak
  View* serviceView =
      sinks.empty() ? nullptr : SharedDeviceServiceObject(device, service, generation);
  for (uint32_t i = 0; serviceView && i < batch; ++i) {
    // Payload: a 4-byte little-endian sequence number, then a counting pattern, so a test can
    // tell a lost, repeated or corrupted event from a good one.
    uint32_t seq = readSeq_.fetch_add(1);
    SAFEARRAY* array = SafeArrayCreateVector(VT_UI1, 0, b.bytes);
    if (!array) break;
    unsigned char* data = nullptr;
    SafeArrayAccessData(array, reinterpret_cast<void**>(&data));
    for (uint32_t k = 0; k < b.bytes; ++k) {
      data[k] = k < 4 ? static_cast<unsigned char>(seq >> (8 * k))
                      : static_cast<unsigned char>(seq + k);
    }
    SafeArrayUnaccessData(array);
    counters.readDataFired.fetch_add(1);
    for (void* sink : sinks) {
      {
        CallbackScope scope;
        CallSlot(sink, slot::kOnReadData, static_cast<void*>(serviceView), array);
      }
      counters.readDataCallbacks.fetch_add(1);
    }
    // The service frees the array when the callback returns: the client must have copied it.
    SafeArrayDestroy(array);
  }
  for (void* sink : sinks) ComRelease(sink);
  if (serviceView) ComRelease(serviceView);
  counters.pendingHolds.fetch_sub(1);
  if (sent + batch < b.count) {
    scheduler_.After(b.intervalMs,
                     [=] { BurstStep(device, service, generation, burst, sent + batch); });
  }
}

}  // namespace fake
