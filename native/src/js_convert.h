// Turns the COM side's plain messages into JS values. Runs on the JS thread only.
#pragma once

#include <napi.h>

#include "messages.h"

namespace mbn {

Napi::Value ResultToJs(Napi::Env env, const Result& result);
Napi::Value EventToJs(Napi::Env env, const Event& event);
Napi::String U16(Napi::Env env, const std::u16string& s);

}  // namespace mbn
