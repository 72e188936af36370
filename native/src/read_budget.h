// A byte budget for read data on its way to JS. The ThreadSafeFunction's queue has no size limit
// (a limit would make an MBN callback block or fail), and every OnReadData copies its bytes into a
// queued message: a device-service stream faster than the JS thread would grow memory without
// bound. So at most kReadBudgetBytes of read data wait in the queue; a read beyond it is dropped
// (never copied into a message), counted, and once the JS thread has delivered the last read
// accepted before the drops, it sends one ReadsDroppedEvent saying how many reads and bytes were
// lost there, and of which service (up to kNamedDropServices of them; any others, and reads of a
// service the sink could not name from its cache, are counted unnamed). A read is always accepted
// when nothing is queued, so one larger than the budget still goes through, and a drop always has
// a queued read after which it is reported.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace mbn {

constexpr size_t kReadBudgetBytes = size_t{32} << 20;
// Reads queued at most, whatever their size. Each costs about 525 bytes beside its data (its
// message, hold token, two IDs and the queue's slot, measured under Wine): with the bytes alone
// counted, a million 1-byte reads queued 1 MB of budget and 500 MB of memory, and none was
// dropped. At this many, about 70 MB; a burst of 100,000 small reads (the stress case) still
// goes through whole.
constexpr size_t kMaxQueuedReads = size_t{1} << 17;
// Services named apart in one report: a modem streams from one or two; a report stays small.
constexpr size_t kNamedDropServices = 16;

// Whose read it was, as the sink's ID cache knew it (named: false when the cache had no entry).
struct ReadSource {
  bool named = false;
  std::u16string interfaceId, serviceId;
};

// Reads of one service dropped in one gap; `source.named` false for the unnamed rest.
struct DroppedReads {
  ReadSource source;
  uint64_t reads = 0, bytes = 0;
};

// For tests: the most read bytes ever queued at once, and reads dropped over the budget, by any
// client of this process.
inline std::atomic<uint64_t> g_maxQueuedReadBytes{0};
inline std::atomic<uint64_t> g_readsDropped{0};

class ReadBudget {
 public:
  explicit ReadBudget(size_t limit = kReadBudgetBytes) : limit_(limit) {}

  // Any thread (the sinks). True: `bytes` are now counted as queued under *seq, until Release.
  // False: dropped, and counted against `source`.
  bool Reserve(size_t bytes, uint64_t* seq, const ReadSource& source = ReadSource{}) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (queuedReads_ == 0 || (queued_ + bytes <= limit_ && queuedReads_ < kMaxQueuedReads)) {
      queued_ += bytes;
      ++queuedReads_;
      *seq = ++lastSeq_;
      uint64_t max = g_maxQueuedReadBytes.load();
      while (queued_ > max && !g_maxQueuedReadBytes.compare_exchange_weak(max, queued_)) {
      }
      return true;
    }
    if (!gap_) {
      gap_ = true;
      gapAfter_ = lastSeq_;
    }
    ++gapReads_;
    gapBytes_ += bytes;
    Tally(source, bytes);
    g_readsDropped.fetch_add(1);
    return false;
  }

  // Any thread: a reserved read left the queue (delivered, or dropped with its message).
  void Release(size_t bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    queued_ -= std::min(bytes, queued_);
    if (queuedReads_ > 0) --queuedReads_;
  }

  // JS thread, after delivering the read reserved under `delivered`: the reads dropped since the
  // last report, if they were dropped after that read. Counted once.
  // `services`: the same reads by service, named ones first in the order first dropped.
  bool TakeGap(uint64_t delivered, uint64_t* reads, uint64_t* bytes,
               std::vector<DroppedReads>* services) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!gap_ || delivered < gapAfter_) return false;
    *reads = gapReads_;
    *bytes = gapBytes_;
    services->swap(gapServices_);
    if (unnamed_.reads > 0) services->push_back(unnamed_);
    gap_ = false;
    gapReads_ = gapBytes_ = 0;
    gapServices_.clear();
    unnamed_ = DroppedReads{};
    return true;
  }

  size_t limit() const { return limit_; }

 private:
  // Under mutex_. A drop happens only when JS is behind, so this costs nothing on the way in.
  void Tally(const ReadSource& source, size_t bytes) {
    DroppedReads* into = &unnamed_;
    if (source.named) {
      for (DroppedReads& d : gapServices_)
        if (d.source.interfaceId == source.interfaceId && d.source.serviceId == source.serviceId) {
          into = &d;
          break;
        }
      if (into == &unnamed_ && gapServices_.size() < kNamedDropServices) {
        try {
          gapServices_.push_back(DroppedReads{source, 0, 0});
          into = &gapServices_.back();
        } catch (...) {
          // Out of memory: counted unnamed; the totals stay right.
        }
      }
    }
    ++into->reads;
    into->bytes += bytes;
  }

  const size_t limit_;
  std::mutex mutex_;
  size_t queued_ = 0;
  size_t queuedReads_ = 0;
  uint64_t lastSeq_ = 0;  // of the last read accepted
  bool gap_ = false;      // reads were dropped and not yet reported
  uint64_t gapAfter_ = 0, gapReads_ = 0, gapBytes_ = 0;
  std::vector<DroppedReads> gapServices_;
  DroppedReads unnamed_;
};

// Held by a queued ReadDataEvent: its bytes count against the budget until the event's last copy
// is destroyed, whichever way it goes (delivered, dropped by a closed emitter, or by a lost
// service). Copyable (a deferred event is copied into a std::function): copies share one release.
class ReadHold {
 public:
  ReadHold() = default;
  ReadHold(std::shared_ptr<ReadBudget> budget, size_t bytes, uint64_t seq)
      : token_(std::make_shared<Token>(std::move(budget), bytes, seq)) {}

  ReadBudget* budget() const { return token_ ? token_->budget.get() : nullptr; }
  uint64_t seq() const { return token_ ? token_->seq : 0; }

 private:
  struct Token {
    Token(std::shared_ptr<ReadBudget> b, size_t n, uint64_t s)
        : budget(std::move(b)), bytes(n), seq(s) {}
    Token(const Token&) = delete;
    Token& operator=(const Token&) = delete;
    ~Token() {
      if (budget) budget->Release(bytes);
    }
    std::shared_ptr<ReadBudget> budget;
    size_t bytes;
    uint64_t seq;
  };
  std::shared_ptr<Token> token_;
};

}  // namespace mbn
