// The fake's configuration: a scenario (assets/scenarios/*.json, the simulator's format) flattened
// by test/wine/fake-config.ts into tab-separated lines, because the fake should not need a JSON
// parser. The file's path comes from the MBN_FAKE_CONFIG environment variable.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fake {

enum class Completion { kNormal, kLost, kBeforeReturn, kDuplicate };
enum class DelayKind { kFixed, kUniform, kLognormal };

struct Behaviour {
  uint32_t hresult = 0;
  uint32_t status = 0;
  DelayKind delayKind = DelayKind::kFixed;
  double a = 50, b = 0;  // fixed: a; uniform: [a, b]; lognormal: median a, sigma b
  Completion completion = Completion::kNormal;
  double removeDeviceAfterMs = -1;
  double deviceReturnsAfterMs = -1;
};

struct Burst {
  double afterMs = 0;
  uint32_t count = 0;
  uint32_t bytes = 0;
  double intervalMs = 0;
};

// A QUERY or SET: the call and its completion, plus the response a successful one carries.
struct CommandBehaviour : Behaviour {
  int64_t responseId = -1;  // -1: the command ID, as the simulator answers
  std::vector<uint8_t> response;
};

struct CommandSpec {
  uint32_t cid = 0;
  bool listed = true;
  bool hasQuery = false, hasSet = false;
  CommandBehaviour query, set;
};

// The scenario's `commands` of a service (electron/backends/simulator/scenario-schema.ts).
struct CommandsSpec {
  bool sessionOpen = false;
  Behaviour supported, openSession, closeSession;
  Behaviour unsupported;  // a QUERY/SET of a command without behaviour here
  std::vector<CommandSpec> list;
};

// OnEventNotification: `count` times, every `intervalMs`, the first `afterMs` after the start.
struct NotificationSpec {
  uint32_t eventId = 0;
  std::vector<uint8_t> data;
  double afterMs = 0, intervalMs = 1000;
  uint32_t count = 1;
};

// Test-only ("storm" lines): at `atMs`, `threads` threads each send `count`, in rounds all at once,
// notifications on one service. Event ID 0x5000 + thread; payload: thread, then sequence (LE32),
// then zeros to `bytes` (8 unless the line gives more: a flood past the addon's budget).
struct NotifyStorm {
  std::wstring serviceId;
  int threads = 0;
  uint32_t count = 0;
  double atMs = 0;
  uint32_t bytes = 8;
};

struct ServiceSpec {
  std::wstring serviceId;
  bool dataRead = false, dataWrite = false, sessionOpen = false;
  Behaviour open, close, write;
  std::vector<Burst> bursts;
  CommandsSpec commands;
  std::vector<NotificationSpec> notifications;
  // Test-only ("hang" lines): the call blocks this long before it returns, per op (open, close,
  // write); 0 = no hang.
  double hangMs[3] = {0, 0, 0};
};

// Test-only: at `atMs` the device's probing ends, with this ready state, and the service fires
// IMbnInterfaceEvents::OnInterfaceCapabilityAvailable and OnReadyStateChange ("ready" lines).
struct ReadyChange {
  std::wstring interfaceId;
  double atMs = 0;
  int32_t readyState = 1;
};

// Test-only switches that make the fake less friendly than the simulator ("switch" lines).
struct Switches {
  int callbackThreads = 1;     // callbacks from this many threads at once
  bool recordArray = false;    // EnumerateDeviceServices answers a VT_RECORD SAFEARRAY
  bool getterLock = false;     // IMbnDeviceService getters wait while any callback is in flight
  double disconnectAtMs = -1;  // the whole service goes away (RPC_E_DISCONNECTED) ...
  double disconnectForMs = 0;  // ... and comes back this much later
  // Or the service goes away as the first WriteData is made, for this long (-1: not so).
  double disconnectAtWriteForMs = -1;
  // Or, from the first WriteData on and for this long, IMbnInterface::get_InterfaceID fails
  // (ERROR_GEN_FAILURE) on every device, as a device busy being reset may answer (-1: not so).
  double interfaceIdFailsAtWriteForMs = -1;
  bool commandIdsI4 = false;   // commandIDList as VT_I4 instead of VT_UI4 (the type is undocumented)
  // What the objects of a service that went away answer: RPC_E_DISCONNECTED, or another HRESULT
  // a proxy to a dead server gives (RPC_S_CALL_FAILED_DNE, say).
  uint32_t goneHresult = 0x80010108;
  // What CoCreateInstance answers while the service is away: RPC_S_SERVER_UNAVAILABLE, or what a
  // stopped or disabled service gives (ERROR_SERVICE_NOT_ACTIVE 0x80070426, say).
  uint32_t createHresult = 0x800706BA;
  // Ctx_GetDeviceService hands out a new IMbnDeviceService object per call (a real service may),
  // while callbacks keep coming with the one shared object: the addon's ID cache never met the
  // object its events name.
  bool freshService = false;
  // Session state belongs to the IMbnDeviceService object that opened it, not to the service:
  // another object of the same service sees it closed (IsDataSessionOpen FALSE) and its
  // WriteData/CloseDataSession fail with ERROR_OPEN_FAILED, as a session that is not open does.
  // The same for the command session. A session open from the scenario's start has no owner.
  bool objectSessions = false;
  bool interfacesI8 = false;   // GetInterfaces answers a VT_I8 array (8-byte elements, no pointers)
  bool servicesNull = false;   // EnumerateDeviceServices answers S_OK with a NULL array
  std::vector<NotifyStorm> storms;
};

struct DeviceSpec {
  std::wstring interfaceId, manufacturer, model, firmware, deviceId;
  int32_t readyState = 1;  // MBN_READY_STATE; -1 = probing (GetReadyState answers E_PENDING)
  // Test-only: GetInterfaceCapability / EnumerateDeviceServices answer E_PENDING ("pending" lines;
  // not part of the scenario format, whose simulator has no such state).
  bool capsPending = false, servicesPending = false;
  uint32_t maxCommandSize = 4096;  // IMbnDeviceServicesContext::MaxCommandSize
  std::vector<ServiceSpec> services;
};

struct TimelineAction {
  bool remove = true;
  double atMs = 0;
  std::wstring interfaceId;
};

struct Config {
  uint32_t firstRequestId = 1;
  uint32_t seed = 1;
  std::vector<DeviceSpec> devices;
  std::vector<TimelineAction> timeline;
  std::vector<ReadyChange> readyChanges;
  Switches switches;
  std::string error;  // set when the file could not be read or parsed
};

Config LoadConfig(const char* path);

// The command lines of the format (config_commands.cc): true when `f[0]` was one of them; on a
// bad line `*error` is set.
bool ParseCommandLine(const std::vector<std::string>& f, Config* config, std::string* error);

// Shared with config_commands.cc.
std::wstring Wide(const std::string& utf8);
Behaviour ParseBehaviour(const std::vector<std::string>& f, size_t first);

}  // namespace fake
