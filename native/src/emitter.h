// The producer side of the one ThreadSafeFunction that carries results and events to JS.
// Any thread may post; after Close() (or after Node finalized the function at exit) posts are
// dropped instead of touching a function that may no longer exist.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include <napi.h>

#include "messages.h"

namespace mbn {

struct DispatchContext;
void DispatchToJs(Napi::Env env, Napi::Function callback, DispatchContext* context, Message* msg);
using Tsfn = Napi::TypedThreadSafeFunction<DispatchContext, Message, DispatchToJs>;

class Emitter {
 public:
  Emitter() = default;
  Emitter(const Emitter&) = delete;
  Emitter& operator=(const Emitter&) = delete;

  // Main thread, once, right after the function is created.
  void Attach(Tsfn tsfn);

  // Any thread. Never blocks: the queue is unbounded, so a slow JS thread cannot stall an MBN
  // callback (the MBN service's thread) or the COM thread. Read data and notifications, the
  // events a device can send without limit, are bounded by their budgets instead.
  void PostEvent(Event event);
  void PostResult(uint32_t callId, Result result);
  // Gaps of dropped events of one kind are due with no delivery to report them (EventBudget::OnDue).
  void PostDue(bool notifications);

  // Main thread. Keeps the event loop alive only while a call's promise is outstanding.
  void SetKeepAlive(napi_env env, bool keepAlive);

  // Main thread. Stops delivery and aborts the function: queued messages are dropped.
  void Close();
  // From the function's finalizer: Node destroyed it (at exit, say); never touch it again.
  void MarkFinalized();

  uint64_t dropped() const { return dropped_.load(); }

  // The byte budgets of read data and of notifications queued to JS (event_budget.h); any thread.
  const std::shared_ptr<EventBudget>& readBudget() const { return readBudget_; }
  const std::shared_ptr<EventBudget>& notificationBudget() const { return notificationBudget_; }

 private:
  void Post(Message* msg);

  std::mutex mutex_;
  Tsfn tsfn_;
  bool attached_ = false;
  bool closed_ = false;
  bool finalized_ = false;
  bool keepAlive_ = true;  // a new function starts referenced
  std::atomic<uint64_t> dropped_{0};
  const std::shared_ptr<EventBudget> readBudget_ =
      std::make_shared<EventBudget>(kReadBudgetBytes, &g_readCounters);
  const std::shared_ptr<EventBudget> notificationBudget_ =
      std::make_shared<EventBudget>(kNotificationBudgetBytes, &g_notificationCounters);
};

}  // namespace mbn
