// Module entry: exports the MbnClient class and live-object counters for leak checks.
#include <napi.h>

#include <mutex>

#include "client.h"
#include "com_thread.h"
#include "event_budget.h"
#include "service_ids.h"
#include "sinks.h"

namespace mbn {
extern std::atomic<long> g_recordArraysRead;
}

namespace {

Napi::Value Counters(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
  o.Set("liveClients", Napi::Number::New(env, mbn::g_liveClients.load()));
  o.Set("liveSinks", Napi::Number::New(env, mbn::g_liveSinks.load()));
  // COM threads not yet ended (one stuck in a hung MBN call counts until the call returns).
  o.Set("runningComThreads", Napi::Number::New(env, mbn::g_runningComThreads.load()));
  // Event callbacks that had to call into the MBN service (an object the cache did not know).
  o.Set("sinkOutgoingCalls", Napi::Number::New(env, mbn::g_sinkOutgoingCalls.load()));
  // Events whose service object the cache did not know, named on the COM thread instead.
  o.Set("deferredIdLookups", Napi::Number::New(env, mbn::g_deferredIdLookups.load()));
  // EnumerateDeviceServices answers read as VT_RECORD arrays (FADF_RECORD + IRecordInfo).
  o.Set("recordArraysRead", Napi::Number::New(env, mbn::g_recordArraysRead.load()));
  // Read data: the most bytes ever queued to JS at once, and reads dropped over the budget.
  o.Set("maxQueuedReadBytes",
        Napi::Number::New(env, static_cast<double>(mbn::g_readCounters.maxQueuedBytes.load())));
  o.Set("readsDropped",
        Napi::Number::New(env, static_cast<double>(mbn::g_readCounters.dropped.load())));
  // Notifications: the same, against their own budget.
  o.Set("maxQueuedNotificationBytes",
        Napi::Number::New(env,
                          static_cast<double>(mbn::g_notificationCounters.maxQueuedBytes.load())));
  o.Set("notificationsDropped",
        Napi::Number::New(env, static_cast<double>(mbn::g_notificationCounters.dropped.load())));
  // Accepted, then lost undelivered with their service object (a closed client's too).
  o.Set("readsLost", Napi::Number::New(env, static_cast<double>(mbn::g_readCounters.lost.load())));
  o.Set("notificationsLost",
        Napi::Number::New(env, static_cast<double>(mbn::g_notificationCounters.lost.load())));
  return o;
}

// Keeps this module loaded until the process ends. Node unloads an addon (FreeLibrary) when the
// worker thread's environment that loaded it is torn down, but a client never closed leaves
// threads running this module's code past its env's cleanup hook: the stop watchdog finishing
// its release, and a COM thread stuck in a hung MBN call. Unloaded under them, the next
// instruction they ran was gone: "Unhandled page fault on execute access" as the process ended
// (Wine, hang-exit, seen beside the browser's suite).
void PinThisModule() {
  static std::once_flag pinned;
  std::call_once(pinned, [] {
    HMODULE self = nullptr;
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN,
                       reinterpret_cast<LPCWSTR>(&PinThisModule), &self);
  });
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  PinThisModule();
  exports.Set("MbnClient", mbn::Client::Define(env));
  exports.Set("counters", Napi::Function::New(env, Counters, "counters"));
  exports.Set("platformSupported", Napi::Boolean::New(env, true));
  return exports;
}

}  // namespace

NODE_API_MODULE(mbn_diag, Init)
