// Timer threads: "complete later, from another thread", as the MBN service does. With one thread
// (the default), items due at the same time run in the order they were scheduled, like the
// simulator's timers. With several (the "threads" switch), due items run at the same time on
// different threads, so the client's sinks are called concurrently, as the MTA allows.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace fake {

class Scheduler {
 public:
  using Clock = std::chrono::steady_clock;
  void Start(int threads);
  void After(double ms, std::function<void()> fn);
  bool Idle();

 private:
  void Run();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::multimap<Clock::time_point, std::function<void()>> items_;
  int running_ = 0;  // items executing
  bool started_ = false;
};

}  // namespace fake
