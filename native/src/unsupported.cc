// Built on Linux and macOS so `node-gyp rebuild` succeeds everywhere; the MBN API exists only on
// Windows, so this module just says so and the app uses the simulator.
#include <napi.h>

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("platformSupported", Napi::Boolean::New(env, false));
  return exports;
}

NODE_API_MODULE(mbn_diag, Init)
