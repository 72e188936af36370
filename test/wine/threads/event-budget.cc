// EventBudget's reports of dropped events, each in its place (native/src/event_budget.h), as a
// program of its own: the orders that matter (a device still sending while JS drains the queue,
// an event whose message was lost) are hard to bring about through node.exe and the fake.
// test/wine/extra-cases.mjs builds it with mingw-w64 and runs it under Wine.
#include <cstdio>
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

int main() {
  BudgetCounters counters;
  EventBudget budget(20, &counters);  // two events of 10 bytes
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
  Check(counters.dropped.load() == 7, "seven dropped in all");
  std::printf("budget: %d checks, %d failures\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
