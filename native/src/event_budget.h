// Byte budgets for the data events on their way to JS that a device sends unasked and without
// limit: read data (OnReadData) and notifications (OnEventNotification). The ThreadSafeFunction's
// queue has no size limit (a limit would make an MBN callback block or fail), and each such
// callback copies its bytes into a queued message: a device faster than the JS thread would grow
// memory without bound. So at most a budget's bytes of one kind wait in the queue; an event beyond
// it is dropped (never copied into a message), counted, and once the JS thread has delivered the
// last event of that kind accepted before the drops, it sends one report saying how many events
// and bytes were lost there, and of which service (up to kNamedDropServices of them; any others,
// and events of a service the sink could not name from its cache, are counted unnamed). An event
// is always accepted when none of its kind is queued, so one larger than the budget still goes
// through, and a drop always has a queued event after which it is reported. When the events
// before a gap all leave the queue undelivered (their service lost while they waited to be
// named), no delivery is left to report it: the budget then says so through OnDue, and the
// client reports the gap on the JS thread without one. Such an event, accepted and then lost with
// its service (Lose), is itself said the same way, in its place, apart from the drops: it was not
// the app falling behind, yet the journal must not look complete.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace mbn {

constexpr size_t kReadBudgetBytes = size_t{32} << 20;
// Notifications are events of a few bytes to a few KB (an SMS arrived, a USSD answer): 16 MiB is
// thousands of them, far past any burst a working modem sends.
constexpr size_t kNotificationBudgetBytes = size_t{16} << 20;
// Events of one kind queued at most, whatever their size. Each costs about 525 bytes beside its
// data (its message, hold token, two IDs and the queue's slot, measured under Wine): with the
// bytes alone counted, a million 1-byte reads queued 1 MB of budget and 500 MB of memory, and none
// was dropped. At this many, about 70 MB; a burst of 100,000 small reads (the stress case) still
// goes through whole.
constexpr size_t kMaxQueuedEvents = size_t{1} << 17;
// Services named apart in one report: a modem streams from one or two; a report stays small.
constexpr size_t kNamedDropServices = 16;

// Whose event it was, as the sink's ID cache knew it (named: false when the cache had no entry).
struct DropSource {
  bool named = false;
  std::u16string interfaceId, serviceId;
};

// Events of one service dropped in one gap; `source.named` false for the unnamed rest.
struct DroppedEvents {
  DropSource source;
  uint64_t count = 0, bytes = 0;
};

// For tests: of each kind, the most bytes ever queued at once, and events dropped over its
// budget, by any client of this process.
struct BudgetCounters {
  std::atomic<uint64_t> maxQueuedBytes{0};
  std::atomic<uint64_t> dropped{0};
  // Accepted, then lost undelivered with their service object (Lose): a close's too.
  std::atomic<uint64_t> lost{0};
};
inline BudgetCounters g_readCounters;
inline BudgetCounters g_notificationCounters;

class EventBudget {
 public:
  EventBudget(size_t limit, BudgetCounters* counters) : limit_(limit), counters_(counters) {}

  // Any thread (the sinks). True: `bytes` are now counted as queued under *seq, until Release.
  // False: dropped, and counted against `source`.
  bool Reserve(size_t bytes, uint64_t* seq, const DropSource& source = DropSource{}) {
    std::lock_guard<std::mutex> lock(mutex_);
    const size_t queuedEvents = queuedSeqs_.size();
    if (queuedEvents == 0 || (queued_ + bytes <= limit_ && queuedEvents < kMaxQueuedEvents)) {
      try {
        queuedSeqs_.insert(lastSeq_ + 1);
      } catch (...) {
        return false;  // out of memory: lost, as the event it would have been copied into
      }
      queued_ += bytes;
      *seq = ++lastSeq_;
      // Drops after this one are after it: a gap of their own, reported after it.
      if (!gaps_.empty()) gaps_.back().closed = true;
      uint64_t max = counters_->maxQueuedBytes.load();
      while (queued_ > max && !counters_->maxQueuedBytes.compare_exchange_weak(max, queued_)) {
      }
      return true;
    }
    counters_->dropped.fetch_add(1);
    if (gaps_.empty() || gaps_.back().closed) {
      try {
        gaps_.emplace_back();
        gaps_.back().after = lastSeq_;
      } catch (...) {
        // Out of memory: counted in the last gap, however placed, or else only in the counters.
        if (gaps_.empty()) return false;
      }
    }
    Gap& gap = gaps_.back();
    ++gap.count;
    gap.bytes += bytes;
    Tally(&gap, source, bytes);
    return false;
  }

  // Main thread, before any event: called (on the thread of a Release) when a gap is due to be
  // reported and no delivery will report it. Once until TakeGap next finds none due.
  void OnDue(std::function<void()> due) {
    std::lock_guard<std::mutex> lock(mutex_);
    due_ = std::move(due);
  }

  // Any thread: the event reserved under `seq` left the queue (delivered, or dropped with its
  // message when the addon closed).
  void Release(size_t bytes, uint64_t seq) { Leave(bytes, seq, false); }

  // Any thread: the event reserved under `seq` left the queue undelivered because its service
  // object was let go (the service lost, the client starting over or closing) while it waited to
  // be named. Said as a gap of its own kind, in its place: after the event accepted just before
  // it. (After a close nobody hears it; only the counters have it.)
  void Lose(size_t bytes, uint64_t seq) { Leave(bytes, seq, true); }

  // JS thread, after delivering the event reserved under `delivered` (0: none, when OnDue said a
  // gap was due): the oldest gap of events
  // dropped, once every event accepted before its drops has left the queue (delivered, or its
  // message lost): an event accepted earlier but posted later (another sink thread, a service
  // named on the COM thread) comes before the report, not after it. Counted once; call again
  // for the next. `services`: the same events by service, named ones first in the order first
  // dropped.
  // `lost`, `lostBytes`: the events of the same place lost with their service (Lose), which
  // `count` and `bytes` do not hold; a gap may hold those alone.
  bool TakeGap(uint64_t delivered, uint64_t* count, uint64_t* bytes,
               std::vector<DroppedEvents>* services, uint64_t* lost = nullptr,
               uint64_t* lostBytes = nullptr) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!DueLocked(delivered)) {
      dueSaid_ = false;  // a gap due from now on is said again through OnDue
      return false;
    }
    Gap& gap = gaps_.front();
    *count = gap.count;
    *bytes = gap.bytes;
    if (lost) *lost = gap.lost;
    if (lostBytes) *lostBytes = gap.lostBytes;
    services->swap(gap.services);
    if (gap.unnamed.count > 0) services->push_back(gap.unnamed);
    gaps_.pop_front();
    // Events lost one after another (a service gone with many waiting) leave a gap each, all
    // due at once: one report says them, not one a line. Only gaps of lost events alone join.
    while (lost && lostBytes && !gaps_.empty() && gaps_.front().count == 0 &&
           DueLocked(delivered)) {
      *lost += gaps_.front().lost;
      *lostBytes += gaps_.front().lostBytes;
      gaps_.pop_front();
    }
    return true;
  }

  size_t limit() const { return limit_; }

 private:
  // Events dropped one after another, with no event accepted between them: reported once, after
  // the event accepted just before them. A device that goes on sending while JS drains the queue
  // leaves several, each in its place (one gap for all read the later drops as before events
  // accepted between them).
  struct Gap {
    uint64_t after = 0;   // the seq of the event accepted just before its drops
    bool closed = false;  // an event was accepted since: later drops start a gap of their own
    uint64_t count = 0, bytes = 0;
    std::vector<DroppedEvents> services;
    DroppedEvents unnamed;
    uint64_t lost = 0, lostBytes = 0;  // accepted, then lost with their service (Lose)
    uint64_t lastLost = 0;             // the seq of the last of those, 0 for none
  };

  void Leave(size_t bytes, uint64_t seq, bool lost) {
    std::function<void()> due;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (lost) {
        counters_->lost.fetch_add(1);
        CountLostLocked(bytes, seq);
      }
      queued_ -= std::min(bytes, queued_);
      queuedSeqs_.erase(seq);
      // A delivered event's gaps were taken as it was delivered (TakeGap counts it gone), so a
      // gap due here followed events that left undelivered: nothing else would report it.
      if (due_ && !dueSaid_ && DueLocked()) {
        dueSaid_ = true;
        due = due_;
      }
    }
    if (due) due();  // outside the lock: it posts to the JS thread
  }

  // Under mutex_: the event `seq` lost, counted in the gap after the event accepted just before
  // it (accepted events' seqs run without holes), made where gaps_ keeps its order when there is
  // none. When that event was lost too, counted in its gap: the same place, since neither is ever
  // delivered, and a service gone with thousands waiting leaves one gap, not one each (found by
  // binary search, not a walk from the front: the COM thread loses them one by one under this
  // lock, which the sinks and the JS thread wait on). Out of memory: in the counters only.
  void CountLostLocked(size_t bytes, uint64_t seq) {
    const uint64_t after = seq - 1;
    auto at = std::lower_bound(gaps_.begin(), gaps_.end(), after,
                               [](const Gap& gap, uint64_t a) { return gap.after < a; });
    Gap* into = nullptr;
    if (at != gaps_.end() && at->after == after) {
      into = &*at;
    } else if (at != gaps_.begin() && std::prev(at)->lastLost == after) {
      into = &*std::prev(at);
    } else {
      try {
        at = gaps_.emplace(at);
      } catch (...) {
        return;
      }
      at->after = after;
      at->closed = true;  // `seq` itself was accepted after it: later drops are a gap of their own
      into = &*at;
    }
    ++into->lost;
    into->lostBytes += bytes;
    into->lastLost = seq;
  }

  // Under mutex_: whether the oldest gap is due, every event accepted before its drops gone from
  // the queue (but `delivered`, just delivered and released once JS has it).
  bool DueLocked(uint64_t delivered = 0) const {
    if (gaps_.empty()) return false;
    auto oldest = queuedSeqs_.begin();
    if (oldest != queuedSeqs_.end() && *oldest == delivered) ++oldest;
    return oldest == queuedSeqs_.end() || *oldest > gaps_.front().after;
  }

  // Under mutex_. A drop happens only when JS is behind, so this costs nothing on the way in.
  static void Tally(Gap* gap, const DropSource& source, size_t bytes) {
    DroppedEvents* into = &gap->unnamed;
    if (source.named) {
      for (DroppedEvents& d : gap->services)
        if (d.source.interfaceId == source.interfaceId && d.source.serviceId == source.serviceId) {
          into = &d;
          break;
        }
      if (into == &gap->unnamed && gap->services.size() < kNamedDropServices) {
        try {
          gap->services.push_back(DroppedEvents{source, 0, 0});
          into = &gap->services.back();
        } catch (...) {
          // Out of memory: counted unnamed; the totals stay right.
        }
      }
    }
    ++into->count;
    into->bytes += bytes;
  }

  const size_t limit_;
  BudgetCounters* const counters_;
  std::mutex mutex_;
  size_t queued_ = 0;
  uint64_t lastSeq_ = 0;  // of the last event accepted
  std::set<uint64_t> queuedSeqs_;  // of the events accepted and still queued
  // Not yet reported, oldest first (by `after`): drops follow an event queued, or lost events
  // the event before them (CountLostLocked).
  std::deque<Gap> gaps_;
  std::function<void()> due_;
  bool dueSaid_ = false;  // OnDue's function was called, and no TakeGap has found none due since
};

// Held by a queued ReadDataEvent or NotificationEvent: its bytes count against its budget until
// the event's last copy is destroyed, whichever way it goes (delivered, dropped by a closed
// emitter, or by a lost service). Copyable (a deferred event is copied into a std::function):
// copies share one release.
class BudgetHold {
 public:
  BudgetHold() = default;
  BudgetHold(std::shared_ptr<EventBudget> budget, size_t bytes, uint64_t seq)
      : token_(std::make_shared<Token>(std::move(budget), bytes, seq)) {}

  EventBudget* budget() const { return token_ ? token_->budget.get() : nullptr; }
  uint64_t seq() const { return token_ ? token_->seq : 0; }
  // The event will never be delivered: its service went while it waited to be named. Its last
  // copy's end then counts it lost (EventBudget::Lose), not merely gone from the queue.
  void Lose() const {
    if (token_) token_->lost.store(true);
  }

 private:
  struct Token {
    Token(std::shared_ptr<EventBudget> b, size_t n, uint64_t s)
        : budget(std::move(b)), bytes(n), seq(s) {}
    Token(const Token&) = delete;
    Token& operator=(const Token&) = delete;
    ~Token() {
      if (!budget) return;
      if (lost.load())
        budget->Lose(bytes, seq);
      else
        budget->Release(bytes, seq);
    }
    std::shared_ptr<EventBudget> budget;
    size_t bytes;
    uint64_t seq;
    std::atomic<bool> lost{false};
  };
  std::shared_ptr<Token> token_;
};

}  // namespace mbn
