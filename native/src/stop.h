// How a stop ends, shared by the Client, the stop watchdog and close()'s waiter, any of which may
// outlive the others (the Client can be garbage-collected while its COM thread still hangs).
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

#include <napi.h>

#include "com_thread.h"
#include "mbn_core.h"

namespace mbn {

struct StopOutcome {
  bool released = false;       // every subscription undone and every COM object released
  bool threadStopped = false;  // the COM thread did it itself and left the MTA (no call hung)
};

class StopState {
 public:
  void Finish(StopOutcome outcome);
  // Any thread; false (and outcome untouched) if the stop is not finished within `timeout`.
  bool Wait(std::chrono::milliseconds timeout, StopOutcome* outcome);

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  StopOutcome outcome_;
};

// Starts the detached watchdog: it gives the COM thread `grace` to run the teardown itself;
// if the thread is stuck in a hung MBN call, the watchdog joins the MTA and releases everything
// from its own thread instead, so the MBN service stops calling us and nothing leaks but what
// the hung call itself holds (which its thread releases if the call ever returns).
void StartStopWatchdog(std::shared_ptr<ComThread> thread, std::shared_ptr<Core> core,
                       std::shared_ptr<StopState> stop, std::chrono::milliseconds grace);

// close()'s promise: waits for the stop off the JS thread (on a libuv worker), at most `limit`.
class StopWaiter : public Napi::AsyncWorker {
 public:
  StopWaiter(Napi::Env env, std::shared_ptr<StopState> stop, std::chrono::milliseconds limit);
  Napi::Promise Promise() { return deferred_.Promise(); }

 protected:
  void Execute() override;
  void OnOK() override;

 private:
  std::shared_ptr<StopState> stop_;
  std::chrono::milliseconds limit_;
  Napi::Promise::Deferred deferred_;
  StopOutcome outcome_;
  bool finished_ = false;
};

}  // namespace mbn
