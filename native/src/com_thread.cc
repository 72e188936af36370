// Task queue + MTA thread. Tasks never throw out of the loop: a failing task must not take the
// thread (and with it every later promise) down. Stopping never waits on the caller's thread: the
// JS thread must stay free even when an MBN call hangs (issue 12).
#include "com_thread.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>

#include "detached_thread.h"
#include "mbn_api.h"

namespace mbn {

struct ComThread::State {
  std::mutex mutex;
  std::condition_variable wake;
  mutable std::condition_variable finishedCv;
  std::deque<Task> tasks;
  Task last;
  bool stopping = false;
  bool finished = false;
};

ComThread::ComThread() : state_(std::make_shared<State>()) {
  // Detached from the start: the thread holds its own share of the state, and stopping never
  // waits for it (see detached_thread.h for why not a std::thread).
  if (!StartDetachedThread([state = state_] { Run(state); }))
    throw std::runtime_error("Windows could not start the COM thread");
}

ComThread::~ComThread() {
  RequestStop(nullptr);
}

bool ComThread::Post(Task task) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  if (state_->stopping) return false;
  state_->tasks.push_back(std::move(task));
  state_->wake.notify_one();
  return true;
}

ComThread::Poster ComThread::MakePoster() const {
  std::weak_ptr<State> weak = state_;
  return [weak](Task task) {
    std::shared_ptr<State> state = weak.lock();
    if (!state) return false;
    std::lock_guard<std::mutex> lock(state->mutex);
    if (state->stopping) return false;
    state->tasks.push_back(std::move(task));
    state->wake.notify_one();
    return true;
  };
}

void ComThread::RequestStop(Task last) {
  std::deque<Task> dropped;
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    if (state_->stopping) return;
    state_->stopping = true;
    state_->last = std::move(last);
    dropped.swap(state_->tasks);
    state_->wake.notify_one();
  }
  dropped.clear();  // destroy unstarted tasks (and their captures) outside the lock
}

bool ComThread::WaitStopped(std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(state_->mutex);
  return state_->finishedCv.wait_for(lock, timeout, [this] { return state_->finished; });
}

bool ComThread::Stopped() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->finished;
}

static void RunGuarded(const ComThread::Task& task) {
  if (!task) return;
  try {
    task();
  } catch (...) {
    // A task reports through its promise; an exception here (out of memory) only loses that one.
  }
}

std::atomic<long> g_runningComThreads{0};

void ComThread::Run(std::shared_ptr<State> state) {
  g_runningComThreads.fetch_add(1);
  HRESULT init = CoInitializeEx(nullptr, COINIT_MULTITHREADED);
  for (;;) {
    Task task;
    bool last = false;
    {
      std::unique_lock<std::mutex> lock(state->mutex);
      state->wake.wait(lock, [&] { return state->stopping || !state->tasks.empty(); });
      if (state->stopping) {
        task = std::move(state->last);
        last = true;
      } else {
        task = std::move(state->tasks.front());
        state->tasks.pop_front();
      }
    }
    RunGuarded(task);
    if (last) break;
  }
  if (SUCCEEDED(init)) CoUninitialize();
  std::lock_guard<std::mutex> lock(state->mutex);
  state->finished = true;
  state->finishedCv.notify_all();
  g_runningComThreads.fetch_sub(1);
}

}  // namespace mbn
