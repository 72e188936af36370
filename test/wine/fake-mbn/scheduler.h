// One timer thread: "complete later, from another thread", as the MBN service does. Items due at
// the same time run in the order they were scheduled, like the simulator's timers.
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
  void Start();
  void After(double ms, std::function<void()> fn);
  bool Idle();

 private:
  void Run();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::multimap<Clock::time_point, std::function<void()>> items_;
  bool running_ = false;  // an item is executing
  bool started_ = false;
};

}  // namespace fake
