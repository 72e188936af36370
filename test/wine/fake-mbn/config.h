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

struct ServiceSpec {
  std::wstring serviceId;
  bool dataRead = false, dataWrite = false, sessionOpen = false;
  Behaviour open, close, write;
  std::vector<Burst> bursts;
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
};

struct DeviceSpec {
  std::wstring interfaceId, manufacturer, model, firmware, deviceId;
  int32_t readyState = 1;  // MBN_READY_STATE; -1 = probing (GetReadyState answers E_PENDING)
  // Test-only: GetInterfaceCapability / EnumerateDeviceServices answer E_PENDING ("pending" lines;
  // not part of the scenario format, whose simulator has no such state).
  bool capsPending = false, servicesPending = false;
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

}  // namespace fake
