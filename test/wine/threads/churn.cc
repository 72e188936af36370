// The addon's close(), stripped to its threads, thousands of times over: a COM thread is started,
// given a task, told to stop, and a watchdog thread is started to wait for it, as Client::Close
// does. Every thread must run and every stop must be seen. On the std::thread version this lost
// watchdogs (a close() that would wait out its limit) and crashed in libstdc++'s
// execute_native_thread_routine, as CI saw once: see native/src/detached_thread.h.
//
// Prints one line, "churn: <cycles> cycles, <teardowns> teardowns, <watchdogs> watchdogs saw
// their thread stop", and exits 0 only when all three numbers are equal.
#include <windows.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "com_thread.h"
#include "detached_thread.h"

namespace {

std::atomic<long> g_teardowns{0};
std::atomic<long> g_watchdogs{0};

// One close(), waited for as the app awaits close()'s promise (at most 10 s: a lost watchdog).
void Cycle(HANDLE done) {
  auto thread = std::make_shared<mbn::ComThread>();
  thread->RequestStop([] { g_teardowns.fetch_add(1); });
  bool started = mbn::StartDetachedThread([thread, done] {
    if (thread->WaitStopped(std::chrono::seconds(10))) g_watchdogs.fetch_add(1);
    SetEvent(done);
  });
  if (!started) std::fprintf(stderr, "churn: a watchdog thread could not be started\n");
  else WaitForSingleObject(done, 10000);
}

}  // namespace

int main(int argc, char** argv) {
  const long perWorker = argc > 1 ? std::atol(argv[1]) : 2500;
  const int workers = argc > 2 ? std::atoi(argv[2]) : 4;
  // Several closers at once, so a closer is often preempted between telling its COM thread to
  // stop and letting it go: the moment the old code raced in.
  std::vector<HANDLE> handles;
  for (int w = 0; w < workers; ++w) {
    handles.push_back(CreateThread(
        nullptr, 0,
        [](void* n) -> DWORD {
          HANDLE done = CreateEventW(nullptr, FALSE, FALSE, nullptr);
          for (long i = 0, end = *static_cast<long*>(n); i < end; ++i) Cycle(done);
          CloseHandle(done);
          return 0;
        },
        const_cast<long*>(&perWorker), 0, nullptr));
  }
  WaitForMultipleObjects(static_cast<DWORD>(handles.size()), handles.data(), TRUE, INFINITE);
  for (HANDLE h : handles) CloseHandle(h);
  const long cycles = perWorker * workers;
  // Threads still finishing: wait for the counts, at most 20 s, and report what was reached.
  for (int waited = 0; waited < 2000 && g_watchdogs.load() < cycles; ++waited) Sleep(10);
  std::printf("churn: %ld cycles, %ld teardowns, %ld watchdogs saw their thread stop\n", cycles,
              g_teardowns.load(), g_watchdogs.load());
  std::fflush(stdout);
  return g_teardowns.load() == cycles && g_watchdogs.load() == cycles ? 0 : 1;
}
