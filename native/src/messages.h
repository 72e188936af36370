// What crosses from the COM side to the JS thread: plain C++ values only (no COM pointers, no
// borrowed buffers), so a message stays valid whatever the COM side has freed since.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "event_budget.h"

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
  // Interfaces left out because their ID could not be read: a listing with any is no proof that a
  // device it lacks was removed.
  uint32_t unreadable = 0;
};

struct ServiceInfo {
  std::u16string serviceId;
  bool dataReadSupported = false, dataWriteSupported = false;
  uint32_t sessionHresult = 0;  // of GetDeviceService / get_IsDataSessionOpen
  bool dataSessionOpen = false;
  uint32_t commandSessionHresult = 0;  // of GetDeviceService / get_IsCommandSessionOpen
  bool commandSessionOpen = false;
  // IMbnDeviceServicesContext::get_MaxCommandSize, asked once per listing (one context).
  uint32_t maxCommandSizeHresult = 0;
  uint32_t maxCommandSize = 0;
};

struct ServicesResult {
  std::string stage;  // "context" or "enumerate" when hresult fails
  uint32_t hresult = 0;
  std::vector<ServiceInfo> services;
};

// Every IMbnDeviceService call and the two Is...SessionOpen getters. `stage` names the step whose hresult this is:
// "context" (no such interface), "lookup" (no such service), "service" (GetDeviceService) or
// "call" (the MBN method itself, whose hresult/requestId the caller asked for).
struct CallResult {
  std::string stage;
  uint32_t hresult = 0;
  uint32_t requestId = 0;
  bool open = false;  // for IsDataSessionOpen / IsCommandSessionOpen
};

struct ClosedResult {};

using Result =
    std::variant<StartResult, InterfacesResult, ServicesResult, CallResult, ClosedResult>;

// ---- Events (unsolicited, from the sinks) ----

// One per asynchronous IMbnDeviceService call: the data half, then the command half.
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

// What a command completion carries beyond status and request ID. Filled only when the status
// is S_OK: the reference says the arrays are valid only then.
enum class Carries {
  kNothing,
  kCommandIds,    // OnQuerySupportedCommandsComplete: the list was read
  kListUnread,    // ... S_OK, but the list's element type was not one the addon reads
  kResponse,      // OnQueryCommandComplete / OnSetCommandComplete
};

struct CompletionEvent {
  CompletionEvent(Op o, uint32_t s, uint32_t r) : op(o), status(s), requestId(r) {}
  Op op;
  std::u16string interfaceId, serviceId;
  uint32_t status;
  uint32_t requestId;
  Carries carries = Carries::kNothing;
  std::vector<uint32_t> commandIds;
  uint32_t responseId = 0;
  std::vector<uint8_t> data;  // a copy: the MBN service frees its array when the callback returns
  uint16_t listVartype = 0;   // kListUnread: the VARTYPE found, for the words
};

// OnEventNotification: unasked, no status and no request ID.
struct NotificationEvent {
  explicit NotificationEvent(uint32_t e) : eventId(e) {}
  std::u16string interfaceId, serviceId;
  uint32_t eventId;
  std::vector<uint8_t> data;  // a copy, as for read data
  BudgetHold hold;            // its bytes count against the notification budget while queued
};

struct ReadDataEvent {
  std::u16string interfaceId, serviceId;
  std::vector<uint8_t> data;  // a copy: the MBN service frees its array when the callback returns
  BudgetHold hold;            // its bytes count against the read budget while queued
};

// Reads dropped because the read budget was full (event_budget.h), sent after the last read that
// was accepted before them: in all, and by service as the sinks' ID cache named them.
// `lost`, `lostBytes`: reads of the same place accepted and then lost with their service
// (EventBudget::Lose), apart from those dropped over the budget.
struct ReadsDroppedEvent {
  uint64_t reads = 0, bytes = 0, limitBytes = 0;
  std::vector<DroppedEvents> services;
  uint64_t lost = 0, lostBytes = 0;
};

// Notifications dropped because the notification budget was full, said as reads dropped are.
struct NotificationsDroppedEvent {
  uint64_t notifications = 0, bytes = 0, limitBytes = 0;
  std::vector<DroppedEvents> services;
  uint64_t lost = 0, lostBytes = 0;
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

using Event = std::variant<CompletionEvent, ReadDataEvent, NotificationEvent, InterfaceEvent,
                           InterfacesChangedEvent, ServiceLostEvent, ReadsDroppedEvent,
                           NotificationsDroppedEvent>;

// Names the service of a completion, read or notification event; other events have none.
inline void SetServiceIds(Event* event, std::u16string interfaceId, std::u16string serviceId) {
  std::visit(
      [&](auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, CompletionEvent> || std::is_same_v<E, ReadDataEvent> ||
                      std::is_same_v<E, NotificationEvent>) {
          e.interfaceId = std::move(interfaceId);
          e.serviceId = std::move(serviceId);
        }
      },
      *event);
}

// Gaps of dropped events now due with no delivery to report them (EventBudget::OnDue): the
// events accepted before them all left the queue undelivered. Not an event of its own: the JS
// thread reports the gaps of that kind, as it does after a delivery.
struct DropsDue {
  bool notifications;  // false: read data
};

// One queue item: a call's result, an event, or gaps now due. All travel through the same
// ThreadSafeFunction so JS sees them in the order the COM side produced them.
struct Message {
  using Body = std::variant<Result, Event, DropsDue>;
  uint32_t callId = 0;  // 0 but for results
  Body body;
};

}  // namespace mbn
