#include "stop.h"

#include "detached_thread.h"

namespace mbn {

void StopState::Finish(StopOutcome outcome) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (done_) return;
  done_ = true;
  outcome_ = outcome;
  cv_.notify_all();
}

bool StopState::Wait(std::chrono::milliseconds timeout, StopOutcome* outcome) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!cv_.wait_for(lock, timeout, [this] { return done_; })) return false;
  *outcome = outcome_;
  return true;
}

void StartStopWatchdog(std::shared_ptr<ComThread> thread, std::shared_ptr<Core> core,
                       std::shared_ptr<StopState> stop, std::chrono::milliseconds grace) {
  bool started = StartDetachedThread([thread, core, stop, grace] {
    bool stopped = thread->WaitStopped(grace);
    if (!stopped) {
      HRESULT init = CoInitializeEx(nullptr, COINIT_MULTITHREADED);
      core->Shutdown(true);  // idempotent: waits for a teardown already running, else does it
      if (SUCCEEDED(init)) CoUninitialize();
    }
    stop->Finish(StopOutcome{true, stopped});
  });
  // Out of threads: nobody can vouch for the teardown, so close() says it is not confirmed
  // rather than waiting out its limit.
  if (!started) stop->Finish(StopOutcome{false, false});
}

StopWaiter::StopWaiter(Napi::Env env, std::shared_ptr<StopState> stop,
                       std::chrono::milliseconds limit)
    : Napi::AsyncWorker(env, "mbn-diag close"),
      stop_(std::move(stop)),
      limit_(limit),
      deferred_(Napi::Promise::Deferred::New(env)) {}

void StopWaiter::Execute() { finished_ = stop_->Wait(limit_, &outcome_); }

void StopWaiter::OnOK() {
  Napi::Env env = Env();
  Napi::Object o = Napi::Object::New(env);
  o.Set("released", Napi::Boolean::New(env, finished_ && outcome_.released));
  o.Set("threadStopped", Napi::Boolean::New(env, finished_ && outcome_.threadStopped));
  deferred_.Resolve(o);
}

}  // namespace mbn
