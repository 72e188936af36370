// Task queue + MTA thread. Tasks never throw out of the loop: a failing task must not take the
// thread (and with it every later promise) down.
#include "com_thread.h"

#include <condition_variable>
#include <deque>
#include <mutex>

#include "mbn_api.h"

namespace mbn {

struct ComThread::State {
  std::mutex mutex;
  std::condition_variable wake;
  std::condition_variable finishedCv;
  std::deque<Task> tasks;
  Task last;
  bool stopping = false;
  bool finished = false;
};

ComThread::ComThread() : state_(std::make_shared<State>()) {
  thread_ = std::thread(Run, state_);
}

ComThread::~ComThread() {
  if (!stopped_) Stop(nullptr, std::chrono::milliseconds(5000));
}

bool ComThread::Post(Task task) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  if (state_->stopping) return false;
  state_->tasks.push_back(std::move(task));
  state_->wake.notify_one();
  return true;
}

bool ComThread::Stop(Task last, std::chrono::milliseconds timeout) {
  if (stopped_) return true;
  stopped_ = true;
  std::unique_lock<std::mutex> lock(state_->mutex);
  state_->stopping = true;
  state_->last = std::move(last);
  state_->wake.notify_one();
  bool finished =
      state_->finishedCv.wait_for(lock, timeout, [this] { return state_->finished; });
  lock.unlock();
  if (finished) {
    thread_.join();
  } else {
    thread_.detach();
  }
  return finished;
}

static void RunGuarded(const ComThread::Task& task) {
  if (!task) return;
  try {
    task();
  } catch (...) {
    // A task reports through its promise; an exception here (out of memory) only loses that one.
  }
}

void ComThread::Run(std::shared_ptr<State> state) {
  HRESULT init = CoInitializeEx(nullptr, COINIT_MULTITHREADED);
  for (;;) {
    Task task;
    bool last = false;
    std::deque<Task> dropped;
    {
      std::unique_lock<std::mutex> lock(state->mutex);
      state->wake.wait(lock, [&] { return state->stopping || !state->tasks.empty(); });
      if (state->stopping) {
        dropped.swap(state->tasks);
        task = std::move(state->last);
        last = true;
      } else {
        task = std::move(state->tasks.front());
        state->tasks.pop_front();
      }
    }
    dropped.clear();  // destroy unstarted tasks (and their captures) outside the lock
    RunGuarded(task);
    if (last) break;
  }
  if (SUCCEEDED(init)) CoUninitialize();
  std::lock_guard<std::mutex> lock(state->mutex);
  state->finished = true;
  state->finishedCv.notify_all();
}

}  // namespace mbn
