// Module entry: exports the MbnClient class and live-object counters for leak checks.
#include <napi.h>

#include "client.h"
#include "sinks.h"

namespace {

Napi::Value Counters(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
  o.Set("liveClients", Napi::Number::New(env, mbn::g_liveClients.load()));
  o.Set("liveSinks", Napi::Number::New(env, mbn::g_liveSinks.load()));
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
