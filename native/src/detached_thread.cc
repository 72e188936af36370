#include "detached_thread.h"

#include <process.h>
#include <windows.h>

#include <cstdint>
#include <memory>

namespace mbn {

namespace {

unsigned __stdcall Enter(void* context) {
  std::unique_ptr<std::function<void()>> body(static_cast<std::function<void()>*>(context));
  try {
    (*body)();
  } catch (...) {
    // The body reports through its own state; an escape (out of memory) loses only this thread.
  }
  return 0;
}

}  // namespace

bool StartDetachedThread(std::function<void()> body) {
  auto owned = std::make_unique<std::function<void()>>(std::move(body));
  // The context is handed over whole before the thread can run, so nothing is shared to race on.
  uintptr_t handle = _beginthreadex(nullptr, 0, Enter, owned.get(), 0, nullptr);
  if (handle == 0) return false;  // the body was not started: `owned` frees it here
  owned.release();                // the thread frees it
  CloseHandle(reinterpret_cast<HANDLE>(handle));
  return true;
}

}  // namespace mbn
