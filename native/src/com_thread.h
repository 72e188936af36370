// The one thread that owns every MBN COM object. It joins the multithreaded apartment itself, so
// nothing COM runs on the Node/Electron main thread (Electron initializes COM there its own way).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

namespace mbn {

class ComThread {
 public:
  using Task = std::function<void()>;

  ComThread();
  ComThread(const ComThread&) = delete;
  ComThread& operator=(const ComThread&) = delete;
  ~ComThread();

  // Queues a task; false once Stop() has begun.
  bool Post(Task task);

  // Drops the tasks not yet started, runs `last` on the thread (the COM teardown), then waits up
  // to `timeout` for the thread to end. Returns false if it had to leave the thread behind
  // (detached, stuck in a COM call) rather than hang the app's quit.
  bool Stop(Task last, std::chrono::milliseconds timeout);

 private:
  struct State;
  static void Run(std::shared_ptr<State> state);

  std::shared_ptr<State> state_;  // shared with the thread, so a detached thread stays valid
  std::thread thread_;
  bool stopped_ = false;
};

}  // namespace mbn
