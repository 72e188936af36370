// Callbacks in flight, and the service lock the getter-lock switch adds: counts how many sink
// callbacks run at once and on how many threads; with the switch on, a callback holds the
// service's lock and a getter waits for it, so a getter called from inside a callback (a deadlock
// on a real service) times out and is counted.
#include <chrono>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <thread>

#include "world.h"

namespace fake {

namespace {
std::shared_timed_mutex g_serviceLock;
thread_local int t_inCallback = 0;
thread_local bool t_meet = false;
std::mutex g_threadsMutex;
std::set<DWORD> g_callbackThreads;
}  // namespace

CallbackScope::CallbackScope() {
  World& w = World::Get();
  long now = w.counters.callbacksInFlight.fetch_add(1) + 1;
  long max = w.counters.maxConcurrentCallbacks.load();
  while (now > max && !w.counters.maxConcurrentCallbacks.compare_exchange_weak(max, now)) {
  }
  {
    std::lock_guard<std::mutex> lock(g_threadsMutex);
    if (g_callbackThreads.insert(GetCurrentThreadId()).second) {
      w.counters.callbackThreads.store(static_cast<long>(g_callbackThreads.size()));
    }
  }
  if (w.config().switches.getterLock) {
    g_serviceLock.lock_shared();
    locked_ = true;
  }
  ++t_inCallback;
  if (t_meet) {
    t_meet = false;
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (w.counters.callbacksInFlight.load() < 2 && std::chrono::steady_clock::now() < until) {
      std::this_thread::yield();
    }
  }
}

void MeetInNextCallback(bool meet) { t_meet = meet; }

CallbackScope::~CallbackScope() {
  --t_inCallback;
  if (locked_) g_serviceLock.unlock_shared();
  World::Get().counters.callbacksInFlight.fetch_sub(1);
}

HRESULT EnterGetter() {
  World& w = World::Get();
  if (!w.config().switches.getterLock) return S_OK;
  if (t_inCallback > 0) w.counters.getterCallsInCallback.fetch_add(1);
  if (g_serviceLock.try_lock_for(std::chrono::milliseconds(1000))) return S_OK;
  w.counters.getterTimeouts.fetch_add(1);
  return HRESULT_FROM_WIN32(ERROR_TIMEOUT);
}

void LeaveGetter() {
  if (World::Get().config().switches.getterLock) g_serviceLock.unlock();
}

}  // namespace fake
