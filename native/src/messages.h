// What crosses from the COM side to the JS thread: plain C++ values only (no COM pointers, no
// borrowed buffers), so a message stays valid whatever the COM side has freed since.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace mbn {

// ---- Results of calls (each resolves the promise with the same callId) ----

struct StartResult {
  uint32_t hresult = 0;
  std::string step;  // which step failed ("" on success): CoCreateInstance, Advise, ...
};

struct InterfaceInfo {
  std::u16string interfaceId;
  uint32_t capsHresult = 0;  // S_OK, or E_PENDING while the service still probes the device
  std::u16string manufacturer, model, firmware, deviceId;
  uint32_t cellularClass = 0, dataClass = 0;
  uint32_t readyStateHresult = 0;
  uint32_t readyState = 0;  // MBN_READY_STATE, meaningful when readyStateHresult is S_OK
};

struct InterfacesResult {
  uint32_t hresult = 0;
  std::vector<InterfaceInfo> interfaces;
};

struct ServiceInfo {
  std::u16string serviceId;
  bool dataReadSupported = false, dataWriteSupported = false;
  uint32_t sessionHresult = 0;  // of GetDeviceService / get_IsDataSessionOpen
  bool dataSessionOpen = false;
};

struct ServicesResult {
  std::string stage;  // "context" or "enumerate" when hresult fails
  uint32_t hresult = 0;
  std::vector<ServiceInfo> services;
};

// Open/Close/WriteData and IsDataSessionOpen. `stage` names the step whose hresult this is:
// "context" (no such interface), "lookup" (no such service), "service" (GetDeviceService) or
// "call" (the MBN method itself, whose hresult/requestId the caller asked for).
struct CallResult {
  std::string stage;
  uint32_t hresult = 0;
  uint32_t requestId = 0;
  bool open = false;  // for IsDataSessionOpen
};

struct ClosedResult {};

using Result =
    std::variant<StartResult, InterfacesResult, ServicesResult, CallResult, ClosedResult>;

// ---- Events (unsolicited, from the sinks) ----

enum class Op { kOpen, kClose, kWrite };

struct CompletionEvent {
  Op op;
  std::u16string interfaceId, serviceId;
  uint32_t status;
  uint32_t requestId;
};

struct ReadDataEvent {
  std::u16string interfaceId, serviceId;
  std::vector<uint8_t> data;  // a copy: the MBN service frees its array when the callback returns
};

struct InterfaceEvent {
  bool arrival;
  std::u16string interfaceId;
  // "interface-manager" (IMbnInterfaceManagerEvents) or "device-services" (OnInterfaceStateChange)
  const char* source;
};

// IMbnInterfaceEvents (OnReadyStateChange, OnInterfaceCapabilityAvailable): the sink asks nothing
// of the service itself; the COM thread lists the interfaces afresh and sends what it found.
struct InterfacesChangedEvent {
  const char* reason;  // "ready-state" or "capability"
  InterfacesResult interfaces;
};

// The MBN service stopped answering (RPC_E_DISCONNECTED, RPC_S_SERVER_UNAVAILABLE, ...): every
// COM object of it was dropped. `step` names the call that found out.
struct ServiceLostEvent {
  uint32_t hresult;
  std::string step;
};

using Event = std::variant<CompletionEvent, ReadDataEvent, InterfaceEvent, InterfacesChangedEvent,
                           ServiceLostEvent>;

// One queue item: either a call's result or an event. Both travel through the same
// ThreadSafeFunction so JS sees them in the order the COM side produced them.
struct Message {
  uint32_t callId = 0;  // 0 for events
  std::variant<Result, Event> body;
};

}  // namespace mbn
