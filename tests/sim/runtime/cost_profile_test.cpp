#include "sim/runtime/cost_profile.h"

#include <gtest/gtest.h>

namespace tl {
namespace {

TEST(CostProfile, NativeMagnitudesFollowCalibration) {
  const CostProfile p = cost_profile(CostProfileKind::Native);
  EXPECT_EQ(p.thread_create, 20'000);
  EXPECT_EQ(p.fork + p.fork_child, 300'000);
  EXPECT_EQ(p.thread_switch, 2'000);
  // Since PCID a process switch costs tens of percent more than a thread switch; the big cost
  // is the cache refill of the working set, for threads too.
  EXPECT_GT(p.process_switch, p.thread_switch);
  EXPECT_LE(p.process_switch * 10, p.thread_switch * 15);
  EXPECT_EQ(p.address_space_refill, 0);
  EXPECT_EQ(refill_cost(p, 1'024), 100'000);                       // 1 MB: ~0.1 ms
  EXPECT_EQ(refill_cost(p, 1 << 20), refill_cost(p, p.cache_kb));  // no more than the cache holds
  // The lesson's ordering: a thread is cheaper to create than a forked process, which is
  // cheaper than a fresh program.
  EXPECT_LT(p.thread_create, p.fork + p.fork_child);
  EXPECT_LT(p.fork + p.fork_child, p.spawn + p.spawn_child);
  // A wake by another thread (futex) is no slower than a timer wake.
  EXPECT_LE(p.futex_wake, p.wake);
}

TEST(CostProfile, PythonMagnitudesFollowCalibration) {
  const CostProfile p = cost_profile(CostProfileKind::Python);
  EXPECT_EQ(p.thread_create, 200'000);
  // Start + join of an empty worker, the parent's and the child's parts together: fork ~5 ms,
  // forkserver ~35 ms, spawn ~120 ms; the child's part is most of it.
  EXPECT_EQ(p.fork + p.fork_child, 5'000'000);
  EXPECT_EQ(p.forkserver + p.forkserver_child, 35'000'000);
  EXPECT_EQ(p.spawn + p.spawn_child, 120'000'000);
  EXPECT_GT(p.spawn_child, 10 * p.spawn);
  EXPECT_EQ(p.gil_switch_interval, 5'000'000);
  EXPECT_EQ(p.lock * 2, 500);  // an acquire/release pair ~0.5 us
  // A queue hand-over to a waiting thread: ~0.05 ms end to end with the futex wake.
  EXPECT_EQ(p.queue_handoff + p.futex_wake, 50'000);
  // A timer wake (sleep) ~0.1 ms; a futex wake a few to tens of us.
  EXPECT_EQ(p.wake, 100'000);
  EXPECT_GE(p.futex_wake, 2'000);
  EXPECT_LE(p.futex_wake, 50'000);
  // fork ~20x a thread, spawn ~500-700x.
  EXPECT_EQ((p.fork + p.fork_child) / p.thread_create, 25);
  EXPECT_GE((p.spawn + p.spawn_child) / p.thread_create, 500);
  EXPECT_LE((p.spawn + p.spawn_child) / p.thread_create, 700);
  // fork copies page tables: ~10 ms per GB resident.
  EXPECT_EQ(fork_cost(p, 1'048'576) - fork_cost(p, 0), 10'000'000);
  // 1 MB through a pipe: pickling, one copy (the reader overlaps it), unpickling: ~300 MB/s.
  const TimeNs per_mb = 2 * ipc_serialize_cost(p, 1'000'000) + ipc_copy_cost(p, 1'000'000);
  EXPECT_NEAR(static_cast<double>(per_mb), 1e9 / 300, 1e9 / 300 * 0.05);
  // Memory: ~13 MB per interpreter, a forked child ~1.5 MB private, a spawned ~16 MB of
  // which ~9 MB private (its code stays shared through the page cache).
  EXPECT_EQ(p.code_kb + p.data_kb + p.heap_kb, 13u * 1024);
  EXPECT_EQ(p.fork_dirty_kb, 1'536u);
  EXPECT_EQ(p.code_kb + p.data_kb + p.heap_kb + p.spawn_extra_kb, 16u * 1024);
  EXPECT_EQ(p.data_kb + p.heap_kb + p.spawn_extra_kb, 9u * 1024);
  EXPECT_EQ(p.thread_stack_kb, 12u);
  // An I/O thread beside a CPU-bound one waits interval + wake + handoff: ~5.2 ms at 5 ms;
  // with the CPU work in another process the wake alone, ~0.1 ms.
  EXPECT_EQ(p.wake, 100'000);
  EXPECT_EQ(p.gil_handoff, 100'000);
}

TEST(CostProfile, NativeWakesInAFewMicrosecondsAndHasNoGilLatency) {
  const CostProfile p = cost_profile(CostProfileKind::Native);
  EXPECT_GT(p.wake, 0);
  EXPECT_LE(p.wake, 10'000);
  EXPECT_LT(p.wake, cost_profile(CostProfileKind::Python).wake);
  EXPECT_EQ(p.gil_handoff, 0);
}

TEST(CostProfile, TextbookHasNoTimeCosts) {
  const CostProfile p = cost_profile(CostProfileKind::Textbook);
  for (const CostField& f : cost_fields()) {
    if (f.time && f.time != &CostProfile::gil_switch_interval) {
      EXPECT_EQ(p.*(f.time), 0) << f.name;
    }
  }
  EXPECT_EQ(p.ipc_mb_per_s, 0u);
  EXPECT_EQ(ipc_side_cost(p, 1'000'000'000), 0);
  EXPECT_EQ(switch_cost(p, SwitchKind::Process), 0);
  EXPECT_EQ(creation_cost(p, WorkerKind::SpawnedProcess), 0);
  EXPECT_GT(p.code_kb, 0u);  // sizes are not costs
}

TEST(CostProfile, DefaultConstructedIsTextbook) {
  const CostProfile a;
  const CostProfile b = cost_profile(CostProfileKind::Textbook);
  EXPECT_EQ(a.kind, b.kind);
  for (const CostField& f : cost_fields()) {
    if (f.time) {
      EXPECT_EQ(a.*(f.time), b.*(f.time)) << f.name;
    } else {
      EXPECT_EQ(a.*(f.count), b.*(f.count)) << f.name;
    }
  }
  const CostProfile native = cost_profile(CostProfileKind::Native);
  EXPECT_EQ(a.code_kb, native.code_kb);  // textbook keeps native's sizes
  EXPECT_EQ(a.thread_stack_kb, native.thread_stack_kb);
}

TEST(CostProfile, NamesRoundTrip) {
  for (auto kind : {CostProfileKind::Native, CostProfileKind::Python, CostProfileKind::Textbook})
    EXPECT_EQ(cost_profile_kind(to_string(kind)), kind);
  EXPECT_FALSE(cost_profile_kind("Python").has_value());
}

TEST(CostProfile, RequiredMachineFieldNamesExist) {
  for (const char* name : {"thread_switch_us", "process_switch_us", "thread_create_us", "fork_us",
                           "spawn_us", "ipc_mb_per_s"})
    EXPECT_NE(find_cost_field(name), nullptr) << name;
  EXPECT_EQ(find_cost_field("cores"), nullptr);
}

TEST(CostProfile, SwitchKindByOwningProcess) {
  const CostProfile p = cost_profile(CostProfileKind::Native);
  EXPECT_EQ(classify_switch(kNoThread, 0, 3, 0), SwitchKind::None);
  EXPECT_EQ(classify_switch(3, 0, 3, 0), SwitchKind::None);
  EXPECT_EQ(classify_switch(2, 0, 3, 0), SwitchKind::Thread);
  EXPECT_EQ(classify_switch(2, 0, 3, 1), SwitchKind::Process);
  EXPECT_EQ(switch_cost(p, 2, 0, 3, 0), p.thread_switch);
  EXPECT_EQ(switch_cost(p, 2, 0, 3, 1), p.process_switch + p.address_space_refill);
}

TEST(CostProfile, SetFieldTakesInternalUnits) {
  CostProfile p;
  EXPECT_EQ(set_cost_field(p, *find_cost_field("fork_us"), 1'234), "");
  EXPECT_EQ(p.fork, 1'234);
  EXPECT_EQ(set_cost_field(p, *find_cost_field("thread_stack_kb"), 64), "");
  EXPECT_EQ(p.thread_stack_kb, 64u);
  EXPECT_EQ(set_cost_field(p, *find_cost_field("thread_stack_kb"), -1), "must not be negative");
  EXPECT_EQ(p.thread_stack_kb, 64u);
}

TEST(CostProfile, IpcCostScalesWithBytesWithoutOverflow) {
  const CostProfile p = cost_profile(CostProfileKind::Native);
  EXPECT_EQ(ipc_side_cost(p, 0), p.ipc_latency);
  EXPECT_EQ(ipc_side_cost(p, 2'000'000) - p.ipc_latency, 1'000'000);  // 2 MB at 2000 MB/s = 1 ms
  // A terabyte stays well inside int64 ns.
  EXPECT_EQ(ipc_side_cost(p, 1'000'000'000'000ULL) - p.ipc_latency, 500'000'000'000);
}

}  // namespace
}  // namespace tl
