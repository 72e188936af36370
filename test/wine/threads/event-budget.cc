// EventBudget's reports of dropped events, each in its place (native/src/event_budget.h), as a
// program of its own: the orders that matter (a device still sending while JS drains the queue,
// an event whose message was lost) are hard to bring about through node.exe and the fake.
// test/wine/extra-cases.mjs builds it with mingw-w64 and runs it under Wine.
#include <cstdio>
#include <memory>
#include <vector>

#include "event_budget.h"

using mbn::BudgetCounters;
using mbn::DroppedEvents;
using mbn::EventBudget;

static int failures = 0;
static int checks = 0;

static void Check(bool ok, const char* what) {
  ++checks;
  if (!ok) {
    std::printf("FAIL %s\n", what);
    ++failures;
  }
}

// The number of events in the gap reported after `delivered`, or -1 for none.
static long Gap(EventBudget& budget, uint64_t delivered) {
  uint64_t count = 0, bytes = 0;
  std::vector<DroppedEvents> services;
  return budget.TakeGap(delivered, &count, &bytes, &services) ? static_cast<long>(count) : -1;
}

// A report after `delivered`: events dropped over the budget, and those lost with their service.
struct Said {
  long dropped = -1;  // -1: no report
  uint64_t lost = 0, lostBytes = 0;
};

static Said Take(EventBudget& budget, uint64_t delivered) {
  Said said;
  uint64_t count = 0, bytes = 0;
  std::vector<DroppedEvents> services;
  if (budget.TakeGap(delivered, &count, &bytes, &services, &said.lost, &said.lostBytes))
    said.dropped = static_cast<long>(count);
  return said;
}

// Accepted events lost with their service (EventBudget::Lose): said as such, each in its place.
static void LostWithService() {
  BudgetCounters counters;
  EventBudget budget(20, &counters);
  int due = 0;
  budget.OnDue([&due] { ++due; });
  // The second of two lost while the first still waits: said once the first is delivered.
  uint64_t a = 0, b = 0;
  Check(budget.Reserve(10, &a) && budget.Reserve(10, &b), "lost: A and B accepted");
  budget.Lose(10, b);
  Check(due == 0, "lost: A still queued, its delivery will say B");
  Said said = Take(budget, a);
  Check(said.dropped == 0 && said.lost == 1 && said.lostBytes == 10,
        "lost: after A, B lost with its service, none dropped");
  Check(Take(budget, a).dropped == -1, "lost: B said once");
  budget.Release(10, a);
  // Lost with nothing before it queued: no delivery will say it, so it is said due.
  uint64_t c = 0;
  Check(budget.Reserve(10, &c), "lost: C accepted");
  budget.Lose(10, c);
  Check(due == 1, "lost: C lost, nothing queued before it: said due");
  said = Take(budget, 0);
  Check(said.dropped == 0 && said.lost == 1, "lost: C reported with no delivery");
  Check(Take(budget, 0).dropped == -1, "lost: C said once");
  // Lost right after a drop, both after the same event: one report says both, apart.
  uint64_t d = 0, e = 0, dropped = 0;
  Check(budget.Reserve(10, &d) && budget.Reserve(10, &e), "lost: D and E accepted");
  Check(!budget.Reserve(10, &dropped), "lost: F dropped after E");
  budget.Release(10, d);  // D delivered
  uint64_t g = 0;
  Check(budget.Reserve(10, &g), "lost: G accepted after F's drop");
  budget.Lose(10, g);
  said = Take(budget, e);
  Check(said.dropped == 1 && said.lost == 1, "lost: after E, F dropped and G lost, said apart");
  budget.Release(10, e);
  // Lost before a later gap: said first, in its place.
  uint64_t h = 0, i = 0;
  Check(budget.Reserve(10, &h) && budget.Reserve(10, &i), "lost: H and I accepted");
  Check(!budget.Reserve(10, &dropped), "lost: J dropped after I");
  budget.Lose(10, h);
  said = Take(budget, i);
  Check(said.dropped == 0 && said.lost == 1, "lost: H said first");
  said = Take(budget, i);
  Check(said.dropped == 1 && said.lost == 0, "lost: then J, dropped after I");
  budget.Release(10, i);
  // Several lost one after another (a service gone with many waiting): one report, not one each.
  uint64_t m = 0, n = 0;
  Check(budget.Reserve(10, &m) && budget.Reserve(10, &n), "lost: M and N accepted");
  budget.Lose(10, m);
  budget.Lose(10, n);
  said = Take(budget, 0);
  Check(said.dropped == 0 && said.lost == 2 && said.lostBytes == 20, "lost: M and N, one report");
  Check(Take(budget, 0).dropped == -1, "lost: M and N said once");
  Check(counters.lost.load() == 6 && counters.dropped.load() == 2, "lost: six lost, two dropped");
  // A queued event's hold marked lost counts it lost when its last copy goes, once.
  auto shared = std::make_shared<EventBudget>(20, &counters);
  uint64_t k = 0;
  Check(shared->Reserve(10, &k), "lost: K accepted");
  {
    mbn::BudgetHold hold(shared, 10, k);
    mbn::BudgetHold copy = hold;
    copy.Lose();
  }
  said = Take(*shared, 0);
  Check(said.lost == 1 && counters.lost.load() == 7, "lost: K's hold, marked lost, said so");
  uint64_t l = 0;
  Check(shared->Reserve(20, &l), "lost: K's bytes freed");
}

int main() {
  BudgetCounters counters;
  EventBudget budget(20, &counters);  // two events of 10 bytes
  int due = 0;  // how often the budget said a gap was due with no delivery to report it
  budget.OnDue([&due] { ++due; });
  uint64_t a1 = 0, a2 = 0, c = 0, e = 0, g = 0, dropped = 0;
  Check(budget.Reserve(10, &a1) && budget.Reserve(10, &a2), "A1 and A2 accepted");
  Check(!budget.Reserve(10, &dropped), "B dropped: the budget is full");
  Check(Gap(budget, a1) == -1, "nothing said after A1: B came after A2");
  budget.Release(10, a1);  // A1 gone: room for one
  Check(budget.Reserve(10, &c), "C accepted in A1's room");
  Check(!budget.Reserve(10, &dropped), "D dropped");
  // One gap for B and D read D as before C: each is said after the event just before it.
  Check(Gap(budget, a2) == 1, "after A2: B alone");
  Check(Gap(budget, a2) == -1, "B said once");
  budget.Release(10, a2);
  Check(Gap(budget, c) == 1, "after C: D");
  budget.Release(10, c);
  // An event whose message is lost (its service gone) before JS has it: its gap is said after
  // the next event delivered, not held back for ever.
  Check(budget.Reserve(10, &e), "E accepted");
  Check(budget.Reserve(10, &g), "G accepted");
  Check(!budget.Reserve(10, &dropped), "H dropped after G");
  budget.Release(10, e);  // E lost
  Check(Gap(budget, g) == 1, "after G: H");
  budget.Release(10, g);
  // Several drops in a row are one gap.
  uint64_t i = 0, j = 0;
  Check(budget.Reserve(10, &i) && budget.Reserve(10, &j), "I and J accepted");
  for (int k = 0; k < 3; ++k) budget.Reserve(10, &dropped);
  Check(Gap(budget, i) == -1, "nothing said after I");
  budget.Release(10, i);
  Check(Gap(budget, j) == 3, "after J: the three dropped after it");
  budget.Release(10, j);
  // An event accepted before a drop but posted after a later one (another sink thread, or a
  // service named on the COM thread): the drop is said after it, not before.
  uint64_t k1 = 0, k2 = 0;
  Check(budget.Reserve(10, &k1) && budget.Reserve(10, &k2), "K1 and K2 accepted");
  Check(!budget.Reserve(10, &dropped), "L dropped after K2");
  Check(Gap(budget, k2) == -1, "K2 delivered first: K1 is still to come");
  budget.Release(10, k2);
  Check(Gap(budget, k1) == 1, "after K1: L");
  budget.Release(10, k1);
  Check(due == 0, "no gap said due while deliveries report them");
  // Every event before a gap lost undelivered (its service gone while it waited to be named), and
  // none after it: no delivery is left to report the gap, so the budget says it is due, once.
  uint64_t m = 0, n = 0;
  Check(budget.Reserve(10, &m) && budget.Reserve(10, &n), "M and N accepted");
  Check(!budget.Reserve(10, &dropped), "O dropped after N");
  budget.Release(10, m);  // M lost
  Check(due == 0, "N still queued: its delivery will say O");
  budget.Release(10, n);  // N lost too
  Check(due == 1, "M and N lost: O's gap said due");
  Check(Gap(budget, 0) == 1, "reported with no delivery: O");
  Check(Gap(budget, 0) == -1, "O said once");
  // K2 delivered first, then K1 lost: the drop after K2 waited for K1, which never comes.
  Check(budget.Reserve(10, &k1) && budget.Reserve(10, &k2), "K1 and K2 accepted again");
  Check(!budget.Reserve(10, &dropped), "L dropped after K2 again");
  Check(Gap(budget, k2) == -1, "K2 delivered: K1 is still to come");
  budget.Release(10, k2);
  Check(due == 1, "K1 still queued: nothing due");
  budget.Release(10, k1);  // K1 lost
  Check(due == 2, "K1 lost: L's gap said due");
  // Said once until a report finds none left: a second gap due meanwhile goes with the first.
  uint64_t p = 0, q = 0;
  Check(budget.Reserve(10, &p) && budget.Reserve(10, &q), "P and Q accepted");
  Check(!budget.Reserve(10, &dropped), "R dropped after Q");
  budget.Release(10, p);
  budget.Release(10, q);  // P and Q lost
  Check(due == 2, "R due while L's report is still on its way: not said again");
  Check(Gap(budget, 0) == 1 && Gap(budget, 0) == 1 && Gap(budget, 0) == -1,
        "one report says L, then R");
  // A delivered event's gap is reported by its delivery: its release says nothing due.
  uint64_t t = 0, u = 0;
  Check(budget.Reserve(10, &t) && budget.Reserve(10, &u), "T and U accepted");
  Check(!budget.Reserve(10, &dropped), "V dropped after U");
  budget.Release(10, t);
  Check(Gap(budget, u) == 1, "after U: V");
  budget.Release(10, u);
  Check(due == 2, "U delivered: nothing said due");
  Check(counters.dropped.load() == 11, "eleven dropped in all");
  Check(counters.lost.load() == 0, "none lost with a service: each was released");
  LostWithService();
  std::printf("budget: %d checks, %d failures\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
