// The threads join the MTA (the client's sinks live there) and run until the process exits:
// the DLL pins itself, so it is never unloaded under a running thread.
#include "scheduler.h"

#include <objbase.h>

namespace fake {

void Scheduler::Start(int threads) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (started_) return;
  started_ = true;
  for (int i = 0; i < threads; ++i) std::thread([this] { Run(); }).detach();
}

void Scheduler::After(double ms, std::function<void()> fn) {
  auto due = Clock::now() + std::chrono::microseconds(static_cast<long long>(ms * 1000.0));
  std::lock_guard<std::mutex> lock(mutex_);
  items_.emplace(due, std::move(fn));
  wake_.notify_one();
}

bool Scheduler::Idle() {
  std::lock_guard<std::mutex> lock(mutex_);
  return items_.empty() && running_ == 0;
}

void Scheduler::Run() {
  CoInitializeEx(nullptr, COINIT_MULTITHREADED);
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    if (items_.empty()) {
      wake_.wait(lock);
      continue;
    }
    auto first = items_.begin();
    if (first->first > Clock::now()) {
      wake_.wait_until(lock, first->first);
      continue;
    }
    std::function<void()> fn = std::move(first->second);
    items_.erase(first);
    ++running_;
    if (!items_.empty()) wake_.notify_one();  // another thread may take the next one now
    lock.unlock();
    fn();
    fn = nullptr;
    lock.lock();
    --running_;
  }
}

}  // namespace fake
