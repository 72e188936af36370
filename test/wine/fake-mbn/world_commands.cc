// The command half of the fake MBN service, rule for rule as electron/backends/simulator/commands.ts
// and simulator-backend.ts: which behaviour a call follows, the command session's preconditions
// and state, what each completion carries, and the scenario's notifications. Plus the test-only
// notification storm: many threads calling OnEventNotification at once.
//
// Arrays the fake passes to a sink are the fake's: made before the callbacks, destroyed after the
// last one returns, as the reference says the service does. On a failed status the arrays still
// hold bytes (a client must not read them then: the reference says they are valid only on S_OK).
#include <cstring>
#include <thread>

#include "world.h"

namespace fake {

namespace slot_cmd {
// IMbnDeviceServicesEvents, reference §3.7.
constexpr int kOnQuerySupportedCommandsComplete = 3;
constexpr int kOnOpenCommandSessionComplete = 4;
constexpr int kOnCloseCommandSessionComplete = 5;
constexpr int kOnSetCommandComplete = 6;
constexpr int kOnQueryCommandComplete = 7;
constexpr int kOnEventNotification = 8;
}  // namespace slot_cmd

SAFEARRAY* ByteArray(const uint8_t* data, size_t size) {
  SAFEARRAY* array = SafeArrayCreateVector(VT_UI1, 1, static_cast<ULONG>(size));
  if (!array || size == 0) return array;
  void* p = nullptr;
  if (FAILED(SafeArrayAccessData(array, &p))) {
    SafeArrayDestroy(array);
    return nullptr;
  }
  std::memcpy(p, data, size);
  SafeArrayUnaccessData(array);
  return array;
}

static SAFEARRAY* CommandIdArray(const std::vector<uint32_t>& ids, bool i4) {
  SAFEARRAY* array = SafeArrayCreateVector(i4 ? VT_I4 : VT_UI4, 1, static_cast<ULONG>(ids.size()));
  if (!array || ids.empty()) return array;
  void* p = nullptr;
  if (FAILED(SafeArrayAccessData(array, &p))) {
    SafeArrayDestroy(array);
    return nullptr;
  }
  std::memcpy(p, ids.data(), ids.size() * sizeof(uint32_t));
  SafeArrayUnaccessData(array);
  return array;
}

World::Answer World::Select(const ServiceSpec& spec, Op op, uint32_t commandId) {
  const CommandsSpec& c = spec.commands;
  switch (op) {
    case Op::kOpen:
      return {&spec.open, nullptr};
    case Op::kClose:
      return {&spec.close, nullptr};
    case Op::kWrite:
      return {&spec.write, nullptr};
    case Op::kSupportedCommands:
      return {&c.supported, nullptr};
    case Op::kOpenCommandSession:
      return {&c.openSession, nullptr};
    case Op::kCloseCommandSession:
      return {&c.closeSession, nullptr};
    case Op::kQuery:
    case Op::kSet:
      for (const CommandSpec& command : c.list) {
        if (command.cid != commandId) continue;
        bool query = op == Op::kQuery;
        if (query ? command.hasQuery : command.hasSet) {
          const CommandBehaviour* b = query ? &command.query : &command.set;
          return {b, b};
        }
        break;  // the simulator takes the first command with this ID
      }
      return {&c.unsupported, nullptr};
  }
  return {&spec.open, nullptr};
}

// Data calls but OpenDataSession need an open data session; QUERY, SET and closing need an open
// command session (documented for QUERY and SET; closing by analogy, as the simulator).
bool World::PreconditionHolds(const DeviceState& d, Op op, size_t service, uint64_t caller) {
  switch (op) {
    case Op::kClose:
    case Op::kWrite:
      return d.sessionOpen[service] && Owns(d.sessionOwner[service], caller);
    case Op::kQuery:
    case Op::kSet:
    case Op::kCloseCommandSession:
      return d.commandOpen[service] && Owns(d.commandOwner[service], caller);
    default:
      return true;
  }
}

void World::ApplySuccess(DeviceState& d, Op op, size_t service, uint64_t caller) {
  if (op == Op::kOpen) d.sessionOpen[service] = true;
  if (op == Op::kClose) d.sessionOpen[service] = false;
  if (op == Op::kOpenCommandSession) d.commandOpen[service] = true;
  if (op == Op::kCloseCommandSession) d.commandOpen[service] = false;
  if (op == Op::kOpen || op == Op::kClose) d.sessionOwner[service] = op == Op::kOpen ? caller : 0;
  if (op == Op::kOpenCommandSession || op == Op::kCloseCommandSession) {
    d.commandOwner[service] = op == Op::kOpenCommandSession ? caller : 0;
  }
}

void World::FireCompletion(Op op, View* serviceView, size_t device, size_t service,
                           uint32_t status, ULONG requestId, uint32_t commandId,
                           const CommandBehaviour* response) {
  HRESULT hr = static_cast<HRESULT>(status);
  bool ok = hr == S_OK;
  SAFEARRAY* array = nullptr;  // made once, shown to every sink, destroyed after the last
  ULONG responseId = 0;
  if (op == Op::kSupportedCommands) {
    std::vector<uint32_t> ids;
    if (ok) {
      for (const CommandSpec& c : devices_[device].spec->services[service].commands.list) {
        if (c.listed) ids.push_back(c.cid);
      }
    } else {
      ids = {0xBAD0BAD0u, 0xBAD1BAD1u};  // not a list: the status failed
    }
    array = CommandIdArray(ids, config_.switches.commandIdsI4);
  } else if (op == Op::kQuery || op == Op::kSet) {
    static const uint8_t kJunk[] = {0xDE, 0xAD, 0xBE, 0xEF};
    if (ok) {
      responseId = response && response->responseId >= 0
                       ? static_cast<ULONG>(response->responseId)
                       : static_cast<ULONG>(commandId);
      array = response ? ByteArray(response->response.data(), response->response.size())
                       : ByteArray(nullptr, 0);
    } else {
      responseId = 0xBAD;
      array = ByteArray(kJunk, sizeof kJunk);
    }
  }
  void* svc = static_cast<void*>(serviceView);
  for (void* sink : SinksFor(kIidDeviceServicesEvents)) {
    {
      CallbackScope scope;
      switch (op) {
        case Op::kOpen:
          CallSlot(sink, slot::kOnOpenDataSessionComplete, svc, hr, requestId);
          break;
        case Op::kClose:
          CallSlot(sink, slot::kOnCloseDataSessionComplete, svc, hr, requestId);
          break;
        case Op::kWrite:
          CallSlot(sink, slot::kOnWriteDataComplete, svc, hr, requestId);
          break;
        case Op::kSupportedCommands:
          CallSlot(sink, slot_cmd::kOnQuerySupportedCommandsComplete, svc, array, hr, requestId);
          break;
        case Op::kOpenCommandSession:
          CallSlot(sink, slot_cmd::kOnOpenCommandSessionComplete, svc, hr, requestId);
          break;
        case Op::kCloseCommandSession:
          CallSlot(sink, slot_cmd::kOnCloseCommandSessionComplete, svc, hr, requestId);
          break;
        case Op::kQuery:
          CallSlot(sink, slot_cmd::kOnQueryCommandComplete, svc, responseId, array, hr, requestId);
          break;
        case Op::kSet:
          CallSlot(sink, slot_cmd::kOnSetCommandComplete, svc, responseId, array, hr, requestId);
          break;
      }
    }
    counters.completionCallbacks.fetch_add(1);
    ComRelease(sink);
  }
  if (array) SafeArrayDestroy(array);
}

// ---- notifications ----

void World::StartNotifications(size_t device, uint64_t generation) {
  const DeviceSpec& spec = *devices_[device].spec;
  for (size_t s = 0; s < spec.services.size(); ++s) {
    for (size_t n = 0; n < spec.services[s].notifications.size(); ++n) {
      scheduler_.After(spec.services[s].notifications[n].afterMs,
                       [=] { NotifyStep(device, s, generation, n, 0); });
    }
  }
}

void World::NotifyStep(size_t device, size_t service, uint64_t generation, size_t index,
                       uint32_t sent) {
  if (!DeviceCurrent(device, generation)) return;  // removed: the chain ends, as its timers do
  const NotificationSpec& n = devices_[device].spec->services[service].notifications[index];
  Notify(device, service, generation, n.eventId, n.data);
  if (sent + 1 < n.count) {
    scheduler_.After(n.intervalMs, [=] { NotifyStep(device, service, generation, index, sent + 1); });
  }
}

void World::Notify(size_t device, size_t service, uint64_t generation, uint32_t eventId,
                   const std::vector<uint8_t>& data) {
  counters.notificationsFired.fetch_add(1);
  std::vector<void*> sinks = SinksFor(kIidDeviceServicesEvents);
  if (sinks.empty()) return;  // nobody to tell, and no object made on a closed client's behalf
  counters.pendingHolds.fetch_add(1);  // the service object below is the fake's own
  View* serviceView = SharedDeviceServiceObject(device, service, generation);
  SAFEARRAY* array = ByteArray(data.data(), data.size());
  for (void* sink : sinks) {
    if (array) {
      CallbackScope scope;
      CallSlot(sink, slot_cmd::kOnEventNotification, static_cast<void*>(serviceView),
               static_cast<ULONG>(eventId), array);
      counters.notificationCallbacks.fetch_add(1);
    }
    ComRelease(sink);
  }
  if (array) SafeArrayDestroy(array);  // the client had to copy it during the callback
  ComRelease(serviceView);
  counters.pendingHolds.fetch_sub(1);
}

// The threads send in rounds: each waits at a barrier until all have finished the round before,
// then all call OnEventNotification at the same moment. Callbacks are short; without the rounds
// (and on a busy machine) the threads could end up taking turns instead of overlapping. In the
// first round each also waits inside its callback for another's (MeetInNextCallback), so at least
// two overlap even when the rounds' barrier does not bring it about.
void World::Storm(const NotifyStorm& storm) {
  long device = -1, service = -1;
  for (size_t d = 0; d < devices_.size() && device < 0; ++d) {
    const auto& services = devices_[d].spec->services;
    for (size_t s = 0; s < services.size(); ++s) {
      if (services[s].serviceId == storm.serviceId) {
        device = static_cast<long>(d);
        service = static_cast<long>(s);
        break;
      }
    }
  }
  if (device < 0 || storm.threads < 1) return;
  uint64_t generation = Generation(static_cast<size_t>(device));
  std::atomic<long> arrived{0};  // threads at the barrier, over all rounds
  std::vector<std::thread> threads;
  for (int t = 0; t < storm.threads; ++t) {
    threads.emplace_back([&, t] {
      CoInitializeEx(nullptr, COINIT_MULTITHREADED);
      std::vector<uint8_t> payload(storm.bytes);
      for (uint32_t i = 0; i < storm.count; ++i) {
        long round = static_cast<long>(i) + 1;
        arrived.fetch_add(1);
        while (arrived.load() < round * storm.threads) std::this_thread::yield();
        for (int k = 0; k < 4; ++k) {
          payload[k] = static_cast<uint8_t>(static_cast<uint32_t>(t) >> (8 * k));
          payload[4 + k] = static_cast<uint8_t>(i >> (8 * k));
        }
        MeetInNextCallback(i == 0);
        Notify(static_cast<size_t>(device), static_cast<size_t>(service), generation,
               0x5000u + static_cast<uint32_t>(t), payload);
        MeetInNextCallback(false);
        counters.stormNotifications.fetch_add(1);
      }
      CoUninitialize();
    });
  }
  for (std::thread& thread : threads) thread.join();
}

}  // namespace fake
