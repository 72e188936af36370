// Posting under a mutex is what makes Close() safe against MBN callbacks still running on other
// threads: once Close() has the lock and sets closed_, no thread can reach the function again.
#include "emitter.h"

namespace mbn {

void Emitter::Attach(Tsfn tsfn) {
  std::lock_guard<std::mutex> lock(mutex_);
  tsfn_ = tsfn;
  attached_ = true;
}

void Emitter::PostEvent(Event event) {
  Post(new Message{0, Message::Body(std::in_place_index<1>, std::move(event))});
}

void Emitter::PostResult(uint32_t callId, Result result) {
  Post(new Message{callId, Message::Body(std::in_place_index<0>, std::move(result))});
}

void Emitter::PostDue(bool notifications) {
  Post(new Message{0, Message::Body(std::in_place_index<2>, DropsDue{notifications})});
}

void Emitter::Post(Message* msg) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (attached_ && !closed_ && !finalized_ && tsfn_.NonBlockingCall(msg) == napi_ok) return;
  }
  dropped_.fetch_add(1);
  delete msg;
}

void Emitter::SetKeepAlive(napi_env env, bool keepAlive) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!attached_ || closed_ || finalized_ || keepAlive_ == keepAlive) return;
  keepAlive_ = keepAlive;
  if (keepAlive) {
    tsfn_.Ref(env);
  } else {
    tsfn_.Unref(env);
  }
}

void Emitter::Close() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closed_) return;
  closed_ = true;
  if (attached_ && !finalized_) tsfn_.Abort();
}

void Emitter::MarkFinalized() {
  std::lock_guard<std::mutex> lock(mutex_);
  finalized_ = true;
}

}  // namespace mbn
