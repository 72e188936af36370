// Module entry: exports the MbnClient class and live-object counters for leak checks.
#include <napi.h>

#include "client.h"
#include "com_thread.h"
#include "read_budget.h"
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
        Napi::Number::New(env, static_cast<double>(mbn::g_maxQueuedReadBytes.load())));
  o.Set("readsDropped", Napi::Number::New(env, static_cast<double>(mbn::g_readsDropped.load())));
  return o;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("MbnClient", mbn::Client::Define(env));
  exports.Set("counters", Napi::Function::New(env, Counters, "counters"));
  exports.Set("platformSupported", Napi::Boolean::New(env, true));
  return exports;
}

}  // namespace

NODE_API_MODULE(mbn_diag, Init)
