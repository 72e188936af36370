// The JS-facing object: `new MbnClient(onEvent)`. Every method queues work for the COM thread and
// returns a promise; results and events come back through one ThreadSafeFunction.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>

#include <napi.h>

#include "com_thread.h"
#include "emitter.h"
#include "mbn_core.h"
#include "stop.h"

namespace mbn {

class Client;

// The ThreadSafeFunction's context. It outlives the Client when messages are still queued at
// close, so the Client pointer in it is cleared (on the JS thread) before the Client goes away.
struct DispatchContext {
  Client* client = nullptr;
  std::shared_ptr<Emitter> emitter;
};

extern std::atomic<long> g_liveClients;

class Client : public Napi::ObjectWrap<Client> {
 public:
  static Napi::Function Define(Napi::Env env);

  explicit Client(const Napi::CallbackInfo& info);
  ~Client() override;

  // JS thread, from DispatchToJs.
  void Deliver(Napi::Env env, Napi::Function callback, Message& msg);
  // After delivering the event of `budget` reserved under `delivered` (read data or a
  // notification), or with 0 when gaps are due without one (DropsDue): each gap of its kind due
  // now, as a `Dropped` event counting them in its `count` field.
  template <typename Dropped>
  void ReportGaps(Napi::Env env, Napi::Function callback, EventBudget* budget, uint64_t delivered,
                  uint64_t Dropped::*count);
  void ForgetContext() { context_ = nullptr; }

 private:
  Napi::Value Start(const Napi::CallbackInfo& info);
  Napi::Value ListInterfaces(const Napi::CallbackInfo& info);
  Napi::Value ListServices(const Napi::CallbackInfo& info);
  Napi::Value OpenDataSession(const Napi::CallbackInfo& info);
  Napi::Value CloseDataSession(const Napi::CallbackInfo& info);
  Napi::Value WriteData(const Napi::CallbackInfo& info);
  Napi::Value IsDataSessionOpen(const Napi::CallbackInfo& info);
  Napi::Value QuerySupportedCommands(const Napi::CallbackInfo& info);
  Napi::Value OpenCommandSession(const Napi::CallbackInfo& info);
  Napi::Value CloseCommandSession(const Napi::CallbackInfo& info);
  Napi::Value QueryCommand(const Napi::CallbackInfo& info);
  Napi::Value SetCommand(const Napi::CallbackInfo& info);
  Napi::Value IsCommandSessionOpen(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);
  Napi::Value IsClosed(const Napi::CallbackInfo& info);

  // (interfaceId, serviceId[, data]) for the data half, (interfaceId, serviceId) for the command
  // calls without payload, (interfaceId, serviceId, commandId, data) for QueryCommand/SetCommand.
  Napi::Value SessionCall(const Napi::CallbackInfo& info, Op op);
  Napi::Value SessionState(const Napi::CallbackInfo& info, bool command);
  // Queues `work` on the COM thread and returns the promise its result settles.
  Napi::Value Enqueue(Napi::Env env, std::function<Result(Core&)> work);
  // The one teardown path (close(), env cleanup at exit, garbage collection). Idempotent and
  // never blocking: it asks the COM thread to stop and leaves the rest to it and the watchdog.
  void BeginStop(bool canCallJs);
  static void CleanupHook(void* arg);
  // Keeps this object from garbage collection while a call of its is pending (`hold`), and lets
  // it go once none is: its promises are settled through it, so a client dropped with a call in
  // flight (`await new MbnClient(cb).listInterfaces()`) left that promise pending for ever.
  void HoldForCalls(bool hold);

  napi_env env_;
  std::shared_ptr<Emitter> emitter_;
  std::shared_ptr<ServiceIdCache> ids_;
  std::shared_ptr<Core> core_;
  std::shared_ptr<ComThread> thread_;
  std::shared_ptr<StopState> stop_;
  DispatchContext* context_ = nullptr;  // deleted by the ThreadSafeFunction's finalizer
  std::unordered_map<uint32_t, Napi::Promise::Deferred> pending_;
  uint32_t nextCallId_ = 1;
  bool closed_ = false;
  bool cleanupHookAdded_ = false;
  bool heldForCalls_ = false;
  Napi::ObjectReference closePromise_;  // the one close() promise, once asked for
};

}  // namespace mbn
