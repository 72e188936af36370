// Lifetime is the hard part here. close() must be safe twice, with completions in flight and MBN
// callbacks running on other threads, and also when JS never calls it (the object dropped, or
// the process exiting): the env cleanup hook and the destructor take the same BeginStop() path.
// None of them waits on the JS thread for an MBN call (issue 12): close() returns a promise
// settled from a libuv worker, garbage collection waits for nothing, and the exit hook waits a
// bounded, short time.
#include "client.h"

#include <chrono>

#include "js_convert.h"
#include "sinks.h"

namespace mbn {

std::atomic<long> g_liveClients{0};

// How long the COM thread gets to finish its teardown before the watchdog releases the MBN
// objects from its own thread (the COM thread is then stuck in a hung call). A healthy teardown
// is three cross-process Unadvise calls plus the final Releases, which on a loaded machine can
// take well over 50 ms: a shorter grace reported a normal close as hung (threadStopped: false).
// 500 ms covers that and stays well under kCloseWaitLimit, so a truly hung call is still told.
constexpr std::chrono::milliseconds kStopGrace{500};
// close()'s promise settles at the latest after this, released or not (an Unadvise that hangs).
constexpr std::chrono::milliseconds kCloseWaitLimit{2000};
// At process exit (no JS left to free), how long the cleanup hook waits for that release.
constexpr std::chrono::milliseconds kExitWaitLimit{1000};

void DispatchToJs(Napi::Env env, Napi::Function callback, DispatchContext* context, Message* msg) {
  std::unique_ptr<Message> owned(msg);
  // env is null when Node drops the queue (the function was aborted or is being torn down).
  if (env == nullptr || context == nullptr || context->client == nullptr || !owned) return;
  try {
    context->client->Deliver(env, callback, *owned);
  } catch (const Napi::Error& error) {
    // A listener threw, or JS can no longer run because Node is tearing the environment down
    // (messages still queued at exit). Hand the error to JS if it can take it; never let a C++
    // exception escape into Node, which would terminate the process.
    try {
      error.ThrowAsJavaScriptException();
    } catch (...) {
    }
  } catch (...) {
  }
}

static void FinalizeTsfn(Napi::Env, void*, DispatchContext* context) {
  if (!context) return;
  context->emitter->MarkFinalized();
  if (context->client) context->client->ForgetContext();
  delete context;
}

static Napi::Error ClosedError(Napi::Env env) {
  Napi::Error error = Napi::Error::New(env, "The MBN backend is closed.");
  error.Set("code", Napi::String::New(env, "backend-closed"));
  return error;
}

Napi::Function Client::Define(Napi::Env env) {
  return DefineClass(env, "MbnClient",
                     {
                         InstanceMethod<&Client::Start>("start"),
                         InstanceMethod<&Client::ListInterfaces>("listInterfaces"),
                         InstanceMethod<&Client::ListServices>("listServices"),
                         InstanceMethod<&Client::OpenDataSession>("openDataSession"),
                         InstanceMethod<&Client::CloseDataSession>("closeDataSession"),
                         InstanceMethod<&Client::WriteData>("writeData"),
                         InstanceMethod<&Client::IsDataSessionOpen>("isDataSessionOpen"),
                         InstanceMethod<&Client::QuerySupportedCommands>(
                             "querySupportedCommands"),
                         InstanceMethod<&Client::OpenCommandSession>("openCommandSession"),
                         InstanceMethod<&Client::CloseCommandSession>("closeCommandSession"),
                         InstanceMethod<&Client::QueryCommand>("queryCommand"),
                         InstanceMethod<&Client::SetCommand>("setCommand"),
                         InstanceMethod<&Client::IsCommandSessionOpen>("isCommandSessionOpen"),
                         InstanceMethod<&Client::Close>("close"),
                         InstanceAccessor<&Client::IsClosed>("closed"),
                     });
}

Client::Client(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Client>(info), env_(info.Env()) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsFunction()) {
    throw Napi::TypeError::New(env, "MbnClient(onEvent): onEvent must be a function");
  }
  // Everything that can throw (the thread, allocations) comes before the ThreadSafeFunction and
  // the cleanup hook: a constructor that throws after those would leave both holding `this`,
  // which is freed, for the function's finalizer and the exit hook to write through.
  emitter_ = std::make_shared<Emitter>();
  ids_ = std::make_shared<ServiceIdCache>();
  core_ = std::make_shared<Core>(emitter_, ids_);
  thread_ = std::make_shared<ComThread>();
  stop_ = std::make_shared<StopState>();

  // The sinks reach the COM thread only through these: queued work, never a call of their own.
  auto sinks = std::make_shared<SinkContext>();
  sinks->emitter = emitter_;
  sinks->ids = ids_;
  ComThread::Poster post = thread_->MakePoster();
  std::weak_ptr<Core> weakCore = core_;
  sinks->refreshInterfaces = [post, weakCore](const char* reason) {
    post([weakCore, reason] {
      if (auto core = weakCore.lock()) core->RefreshInterfaces(reason);
    });
  };
  auto primeQueued = std::make_shared<std::atomic<bool>>(false);
  sinks->primeServices = [post, weakCore, primeQueued] {
    if (primeQueued->exchange(true)) return;  // one queued prime covers a burst of callbacks
    post([weakCore, primeQueued] {
      primeQueued->store(false);
      if (auto core = weakCore.lock()) core->PrimeServices();
    });
  };
  // A sink that meets a service object the ID cache does not know posts the event here, so the
  // object is asked its IDs on this thread, never inside the MBN service's callback.
  sinks->nameAndSend = [post, weakCore](uint64_t token, IMbnDeviceService* service, Event event) {
    post([weakCore, token, service, event = std::move(event)]() mutable {
      if (auto core = weakCore.lock()) core->SendNamed(token, service, std::move(event));
    });
  };
  // The mark is read in the sink, so a device removed and quickly back keeps the objects held
  // for it after its return.
  std::shared_ptr<std::atomic<uint64_t>> holds = core_->HoldCounter();
  sinks->forgetServices = [post, weakCore, holds](const std::u16string& interfaceId) {
    uint64_t mark = holds->load();
    post([weakCore, interfaceId, mark] {
      if (auto core = weakCore.lock()) core->ForgetServices(interfaceId, mark);
    });
  };
  core_->SetSinkContext(sinks);
  // A gap of dropped events whose events before it all left the queue undelivered (their service
  // lost while they waited to be named): said through the queue, after what is in it. Weak: a
  // queued event's hold keeps its budget, and so this function, past the emitter.
  std::weak_ptr<Emitter> weakEmitter = emitter_;
  for (bool notifications : {false, true}) {
    const auto& budget = notifications ? emitter_->notificationBudget() : emitter_->readBudget();
    budget->OnDue([weakEmitter, notifications] {
      if (auto emitter = weakEmitter.lock()) emitter->PostDue(notifications);
    });
  }

  auto context = std::make_unique<DispatchContext>(DispatchContext{this, emitter_});
  Tsfn tsfn = Tsfn::New(env, info[0].As<Napi::Function>(), "mbn-diag events", 0, 1,
                        context.get(), FinalizeTsfn, static_cast<void*>(nullptr));
  context_ = context.release();  // the function's finalizer deletes it from now on
  emitter_->Attach(tsfn);
  emitter_->SetKeepAlive(env, false);  // only outstanding calls keep the process alive
  // Added after the function was created, so it runs before Node's own cleanup of the function.
  if (napi_add_env_cleanup_hook(env, CleanupHook, this) == napi_ok) cleanupHookAdded_ = true;
  g_liveClients.fetch_add(1);
}

Client::~Client() {
  BeginStop(false);  // garbage collection: nothing waits, the watchdog finishes the job
  g_liveClients.fetch_sub(1);
}

void Client::CleanupHook(void* arg) {
  auto* self = static_cast<Client*>(arg);
  self->cleanupHookAdded_ = false;  // Node removes it as it runs it
  self->BeginStop(false);
  // The process is ending: give the release a short, bounded time so the MBN service is
  // unsubscribed, but never hold the quit hostage to a hung call.
  StopOutcome outcome;
  self->stop_->Wait(kExitWaitLimit, &outcome);
}

void Client::BeginStop(bool canCallJs) {
  if (closed_) return;
  closed_ = true;
  // 1. No thread may post any more; what is queued is dropped, not delivered.
  emitter_->Close();
  if (context_) {
    context_->client = nullptr;
    context_ = nullptr;
  }
  // 2. The COM thread drops unstarted work and, once the task in progress returns, unadvises,
  //    releases every COM object and leaves the MTA. The watchdog covers a task that never does.
  std::shared_ptr<Core> core = core_;
  thread_->RequestStop([core] { core->Shutdown(true); });
  try {
    StartStopWatchdog(thread_, core_, stop_, kStopGrace);
  } catch (...) {
    // Out of memory (std::bad_alloc): this runs from a destructor and the exit hook,
    // where an exception ends the process. The COM thread still tears down by itself; nobody
    // can vouch for it, so the stop says nothing was confirmed released.
    stop_->Finish(StopOutcome{false, false});
  }
  // 3. Calls whose results were dropped settle now, if JS can still run.
  std::unordered_map<uint32_t, Napi::Promise::Deferred> pending;
  pending.swap(pending_);
  if (canCallJs) {
    Napi::Env env(env_);
    for (auto& entry : pending) entry.second.Reject(ClosedError(env).Value());
    // Let go here only: not from the exit hook (the environment goes, its references with it),
    // nor from the destructor (a held object is never collected, so it holds nothing by then).
    HoldForCalls(false);
  }
  if (cleanupHookAdded_) {
    napi_remove_env_cleanup_hook(env_, CleanupHook, this);
    cleanupHookAdded_ = false;
  }
}

void Client::HoldForCalls(bool hold) {
  if (hold == heldForCalls_) return;
  heldForCalls_ = hold;
  if (hold)
    Ref();
  else
    Unref();
}

void Client::Deliver(Napi::Env env, Napi::Function callback, Message& msg) {
  if (closed_) return;
  if (msg.callId != 0) {
    auto it = pending_.find(msg.callId);
    if (it == pending_.end()) return;
    Napi::Promise::Deferred deferred = it->second;
    pending_.erase(it);
    if (pending_.empty()) {
      emitter_->SetKeepAlive(env, false);
      HoldForCalls(false);
    }
    deferred.Resolve(ResultToJs(env, std::get<Result>(msg.body)));
    return;
  }
  if (const auto* due = std::get_if<DropsDue>(&msg.body)) {
    // Gaps whose events before them all left undelivered: said now, after no event.
    if (due->notifications)
      ReportGaps<NotificationsDroppedEvent>(env, callback, emitter_->notificationBudget().get(),
                                            0, &NotificationsDroppedEvent::notifications);
    else
      ReportGaps<ReadsDroppedEvent>(env, callback, emitter_->readBudget().get(), 0,
                                    &ReadsDroppedEvent::reads);
    return;
  }
  const Event& event = std::get<Event>(msg.body);
  callback.Call({EventToJs(env, event)});
  // Reads or notifications dropped over their budget right after this one: said once, in their
  // place.
  if (const auto* read = std::get_if<ReadDataEvent>(&event))
    ReportGaps<ReadsDroppedEvent>(env, callback, read->hold.budget(), read->hold.seq(),
                                  &ReadsDroppedEvent::reads);
  else if (const auto* note = std::get_if<NotificationEvent>(&event))
    ReportGaps<NotificationsDroppedEvent>(env, callback, note->hold.budget(), note->hold.seq(),
                                          &NotificationsDroppedEvent::notifications);
}

template <typename Dropped>
void Client::ReportGaps(Napi::Env env, Napi::Function callback, EventBudget* budget,
                        uint64_t delivered, uint64_t Dropped::*count) {
  if (!budget) return;
  Dropped dropped;
  while (!closed_ && budget->TakeGap(delivered, &(dropped.*count), &dropped.bytes,
                                     &dropped.services, &dropped.lost, &dropped.lostBytes)) {
    dropped.limitBytes = budget->limit();
    callback.Call({EventToJs(env, Event(std::move(dropped)))});
    dropped = Dropped{};
  }
}

Napi::Value Client::Enqueue(Napi::Env env, std::function<Result(Core&)> work) {
  Napi::Promise::Deferred deferred = Napi::Promise::Deferred::New(env);
  if (closed_) {
    deferred.Reject(ClosedError(env).Value());
    return deferred.Promise();
  }
  uint32_t callId = nextCallId_++;
  if (nextCallId_ == 0) nextCallId_ = 1;
  pending_.emplace(callId, deferred);
  emitter_->SetKeepAlive(env, true);
  HoldForCalls(true);
  std::shared_ptr<Core> core = core_;
  std::shared_ptr<Emitter> emitter = emitter_;
  thread_->Post([core, emitter, callId, work = std::move(work)] {
    Result result;
    try {
      result = work(*core);
    } catch (...) {
      result = CallResult{"internal", static_cast<uint32_t>(E_OUTOFMEMORY), 0, false};
    }
    emitter->PostResult(callId, std::move(result));
  });
  return deferred.Promise();
}

static std::u16string StringArg(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (info.Length() <= i || !info[i].IsString()) {
    throw Napi::TypeError::New(info.Env(), std::string(name) + " must be a string");
  }
  return info[i].As<Napi::String>().Utf16Value();
}

Napi::Value Client::Start(const Napi::CallbackInfo& info) {
  return Enqueue(info.Env(), [](Core& core) -> Result { return core.Start(); });
}

Napi::Value Client::ListInterfaces(const Napi::CallbackInfo& info) {
  return Enqueue(info.Env(), [](Core& core) -> Result { return core.ListInterfaces(); });
}

Napi::Value Client::ListServices(const Napi::CallbackInfo& info) {
  std::u16string iface = StringArg(info, 0, "interfaceId");
  return Enqueue(info.Env(), [iface](Core& core) -> Result { return core.ListServices(iface); });
}

// Copied now: the caller may reuse its buffer as soon as the call returns.
static std::vector<uint8_t> BytesArg(const Napi::CallbackInfo& info, size_t i) {
  if (info.Length() <= i || !info[i].IsTypedArray() ||
      info[i].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    throw Napi::TypeError::New(info.Env(), "data must be a Uint8Array");
  }
  Napi::Uint8Array bytes = info[i].As<Napi::Uint8Array>();
  // A SAFEARRAY counts its elements in a ULONG: a longer array (Node 22 allows them) would be
  // cut to its length modulo 4 GiB while all of it was copied in, past the array's end.
  if (bytes.ElementLength() > 0xFFFFFFFFu) {
    throw Napi::RangeError::New(info.Env(), "data is longer than a SAFEARRAY can hold (4 GiB)");
  }
  return std::vector<uint8_t>(bytes.Data(), bytes.Data() + bytes.ElementLength());
}

// A ULONG command ID: an integer 0..0xFFFFFFFF, never silently wrapped.
static uint32_t CommandIdArg(const Napi::CallbackInfo& info, size_t i) {
  if (info.Length() > i && info[i].IsNumber()) {
    double v = info[i].As<Napi::Number>().DoubleValue();
    if (v >= 0 && v <= 4294967295.0 && v == static_cast<double>(static_cast<uint32_t>(v))) {
      return static_cast<uint32_t>(v);
    }
  }
  throw Napi::TypeError::New(info.Env(), "commandId must be an integer from 0 to 4294967295");
}

Napi::Value Client::SessionCall(const Napi::CallbackInfo& info, Op op) {
  std::u16string iface = StringArg(info, 0, "interfaceId");
  std::u16string svc = StringArg(info, 1, "serviceId");
  uint32_t commandId = 0;
  std::vector<uint8_t> data;
  if (op == Op::kWrite) data = BytesArg(info, 2);
  if (op == Op::kQuery || op == Op::kSet) {
    commandId = CommandIdArg(info, 2);
    data = BytesArg(info, 3);
  }
  return Enqueue(info.Env(),
                 [op, iface, svc, commandId, data = std::move(data)](Core& core) -> Result {
                   return core.Call(op, iface, svc, commandId, data);
                 });
}

Napi::Value Client::OpenDataSession(const Napi::CallbackInfo& info) {
  return SessionCall(info, Op::kOpen);
}
Napi::Value Client::CloseDataSession(const Napi::CallbackInfo& info) {
  return SessionCall(info, Op::kClose);
}
Napi::Value Client::WriteData(const Napi::CallbackInfo& info) {
  return SessionCall(info, Op::kWrite);
}
Napi::Value Client::QuerySupportedCommands(const Napi::CallbackInfo& info) {
  return SessionCall(info, Op::kSupportedCommands);
}
Napi::Value Client::OpenCommandSession(const Napi::CallbackInfo& info) {
  return SessionCall(info, Op::kOpenCommandSession);
}
Napi::Value Client::CloseCommandSession(const Napi::CallbackInfo& info) {
  return SessionCall(info, Op::kCloseCommandSession);
}
Napi::Value Client::QueryCommand(const Napi::CallbackInfo& info) {
  return SessionCall(info, Op::kQuery);
}
Napi::Value Client::SetCommand(const Napi::CallbackInfo& info) {
  return SessionCall(info, Op::kSet);
}

Napi::Value Client::SessionState(const Napi::CallbackInfo& info, bool command) {
  std::u16string iface = StringArg(info, 0, "interfaceId");
  std::u16string svc = StringArg(info, 1, "serviceId");
  return Enqueue(info.Env(), [iface, svc, command](Core& core) -> Result {
    return core.IsSessionOpen(iface, svc, command);
  });
}

Napi::Value Client::IsDataSessionOpen(const Napi::CallbackInfo& info) {
  return SessionState(info, false);
}
Napi::Value Client::IsCommandSessionOpen(const Napi::CallbackInfo& info) {
  return SessionState(info, true);
}

// Returns at once; the promise settles ({ released, threadStopped }) when the MBN objects are
// released, at most kCloseWaitLimit later. Every later close() returns the same promise: each
// had queued a waiter of its own, which holds a libuv pool thread while it waits, and four
// close() calls with a call hung stalled every fs, dns and zlib call of the process for 500 ms.
Napi::Value Client::Close(const Napi::CallbackInfo& info) {
  if (!closePromise_.IsEmpty()) return closePromise_.Value();
  BeginStop(true);
  auto* waiter = new StopWaiter(info.Env(), stop_, kCloseWaitLimit);  // deletes itself
  Napi::Promise promise = waiter->Promise();
  waiter->Queue();
  closePromise_ = Napi::Persistent(static_cast<Napi::Object>(promise));
  return promise;
}

Napi::Value Client::IsClosed(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), closed_);
}

}  // namespace mbn
