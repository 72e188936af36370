// A thread nobody joins, started on the C runtime's own _beginthreadex rather than std::thread.
//
// Why not std::thread(...).detach(): with mingw-w64 (the build that runs under Wine, and any
// GCC build for Windows), std::thread sits on winpthreads, which recycles a thread's bookkeeping
// when the thread is detached. Detach a thread just as it exits, and its bookkeeping goes to the
// next thread created while the exiting one still writes to it: the next thread then never runs
// (a close() that waits out its limit) or starts with a NULL argument and takes the process down
// in libstdc++'s execute_native_thread_routine. Seen once in CI (close() with completions in
// flight) and reproduced alone by test/wine/threads/churn.cc on the old code. MSVC's std::thread
// has no such race, but one path for both compilers is one path to trust.
#pragma once

#include <functional>

namespace mbn {

// Runs `body` on a new thread that owns it and ends with it. An exception out of `body` ends
// only that thread. False if Windows could not start a thread (nothing ran).
bool StartDetachedThread(std::function<void()> body);

}  // namespace mbn
