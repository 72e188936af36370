// The one thread that owns every MBN COM object. It joins the multithreaded apartment itself, so
// nothing COM runs on the Node/Electron main thread (Electron initializes COM there its own way).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

namespace mbn {

// COM threads still running (a detached one stuck in a hung call counts), for tests.
extern std::atomic<long> g_runningComThreads;

class ComThread {
 public:
  using Task = std::function<void()>;
  // Queues a task from any thread (an event sink, say) without holding the ComThread itself.
  using Poster = std::function<bool(Task)>;

  ComThread();
  ComThread(const ComThread&) = delete;
  ComThread& operator=(const ComThread&) = delete;
  ~ComThread();

  // Queues a task; false once Stop() has begun.
  bool Post(Task task);
  Poster MakePoster() const;

  // Never blocks: drops the tasks not yet started and asks the thread to run `last` (the COM
  // teardown) once the task in progress returns. The thread was never joined: one stuck in a COM
  // call finishes on its own whenever that call returns.
  void RequestStop(Task last);

  // Waits up to `timeout` for the thread to have run `last` and left the MTA. Any thread.
  bool WaitStopped(std::chrono::milliseconds timeout) const;
  bool Stopped() const;

 private:
  struct State;
  static void Run(std::shared_ptr<State> state);

  std::shared_ptr<State> state_;  // shared with the thread, so a detached thread stays valid
};

}  // namespace mbn
