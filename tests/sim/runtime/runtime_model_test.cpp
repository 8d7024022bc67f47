#include "sim/runtime/runtime_model.h"
#include "sim/engine/memory_recorder.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tl {
namespace {

constexpr TimeNs kMs = 1'000'000;

// Process 0 (initial): threads 0 and 1. Process 1 (forked by thread 0): thread 2.
// Process 2 (spawned by thread 0): thread 3.
RuntimeModelSpec family(CostProfileKind kind, bool gil) {
  RuntimeModelSpec s;
  s.costs = cost_profile(kind);
  s.gil.enabled = gil;
  s.thread_process = {0, 0, 1, 2};
  s.process_origin = {ProcessOrigin::Initial, ProcessOrigin::Forked, ProcessOrigin::Spawned};
  return s;
}

TEST(RuntimeModel, SwitchCostDependsOnSharingAnAddressSpace) {
  RuntimeModel rt(family(CostProfileKind::Native, false));
  const CostProfile& c = rt.costs();
  EXPECT_EQ(rt.switch_cost(kNoThread, 0), 0);
  EXPECT_EQ(rt.switch_cost(0, 0), 0);
  EXPECT_EQ(rt.switch_cost(0, 1), c.thread_switch);
  EXPECT_EQ(rt.switch_cost(1, 2), c.process_switch + c.address_space_refill);
}

TEST(RuntimeModel, WithoutAGilEveryoneComputes) {
  RuntimeModel rt(family(CostProfileKind::Python, false));
  EXPECT_TRUE(rt.acquire_gil(0, 0));
  EXPECT_TRUE(rt.acquire_gil(1, 0));
  EXPECT_EQ(rt.release_gil(0, 1).to, kNoThread);
  EXPECT_FALSE(rt.must_drop_gil(0));
  EXPECT_EQ(rt.next_gil_request().time, kForever);
}

TEST(RuntimeModel, GilIsPerProcessAndHandsOverAfterTheInterval) {
  RuntimeModel rt(family(CostProfileKind::Python, true));
  rt.start_process(1, 0, 0);
  EXPECT_TRUE(rt.acquire_gil(0, 0));
  EXPECT_FALSE(rt.acquire_gil(1, 1 * kMs));  // same process: waits
  EXPECT_TRUE(rt.acquire_gil(2, 1 * kMs));   // the forked child has its own interpreter
  const GilDue due = rt.next_gil_request();
  EXPECT_EQ(due.process, 0u);
  EXPECT_EQ(due.time, 6 * kMs);
  EXPECT_EQ(rt.request_gil_drop(due.process, due.time), 0u);
  EXPECT_TRUE(rt.must_drop_gil(0));
  const GilHandover h = rt.drop_gil(0, due.time);
  EXPECT_EQ(h.to, 1u);
  EXPECT_EQ(h.at, due.time + rt.costs().gil_handoff);   // the waiter runs after the hand-over latency
  const GilHandover back = rt.release_gil(1, 7 * kMs);  // 1 blocks on I/O: 0 (waiting since its drop) resumes
  EXPECT_EQ(back.to, 0u);
  // A release signals the waiter at once: a futex wake, not a forced drop's hand-over.
  EXPECT_EQ(back.at, 7 * kMs + rt.costs().futex_wake);
  EXPECT_LT(rt.costs().futex_wake, rt.costs().gil_handoff);
  EXPECT_EQ(rt.release_gil(3, 7 * kMs).to, kNoThread);  // never held it: nothing to pass on
}

TEST(RuntimeModel, ForkedChildSharesUntilWrittenAndPaysItsFaults) {
  MemoryRecorder recorder(3);
  RuntimeModel rt(family(CostProfileKind::Python, false), &recorder);
  const CostProfile& c = rt.costs();
  const std::uint64_t image_kb = c.code_kb + c.data_kb + c.heap_kb + c.thread_stack_kb;
  EXPECT_FALSE(rt.process_started(1));
  const TimeNs prelude = rt.start_process(1, 0, 5 * kMs);  // the child's start-up, then its faults
  EXPECT_EQ(prelude, c.fork_child + static_cast<TimeNs>(pages_for_kb(c.fork_dirty_kb)) * c.cow_fault);
  const MemoryUsage child = rt.memory().usage(rt.space_of(1));
  EXPECT_EQ(child.resident_kb(), image_kb);
  EXPECT_EQ(child.private_kb(), c.fork_dirty_kb);
  // The child writes 100 more heap pages: 100 faults; again: none.
  EXPECT_EQ(rt.write(2, RegionKind::Heap, 1000, 100, 6 * kMs), 100 * c.cow_fault);
  EXPECT_EQ(rt.write(2, RegionKind::Heap, 1000, 100, 7 * kMs), 0);
  // The child's lane starts at the fork; the parent's shows its pages becoming shared.
  const auto& lanes = recorder.lanes();
  ASSERT_FALSE(lanes[1].empty());
  EXPECT_EQ(lanes[1].front().time, 5 * kMs);
  EXPECT_EQ(lanes[0].front().private_kb, image_kb);
  EXPECT_LT(lanes[0].back().private_kb, image_kb);
  // The child's only thread ends: it exits, and the parent's pages are its own again.
  rt.end_thread(2, 8 * kMs);
  EXPECT_TRUE(rt.process_exited(1));
  EXPECT_EQ(rt.memory().usage(rt.space_of(0)).private_kb(), image_kb);
  EXPECT_EQ(recorder.lanes()[1].back().resident_kb, 0u);
}

TEST(RuntimeModel, SpawnedChildIsAFreshImageSharingOnlyCode) {
  RuntimeModel rt(family(CostProfileKind::Python, false));
  const CostProfile& c = rt.costs();
  EXPECT_EQ(rt.start_process(2, 0, 0), c.spawn_child);  // no faults: only the child's start-up
  const MemoryUsage u = rt.memory().usage(rt.space_of(2));
  EXPECT_EQ(u.resident_kb(), 16u * 1024 + c.thread_stack_kb);
  EXPECT_EQ(u.shared_kb(), c.code_kb);
  EXPECT_THROW(rt.start_process(2, 0, 0), std::logic_error);
}

TEST(RuntimeModel, ThreadsAddOnlyAStack) {
  RuntimeModel rt(family(CostProfileKind::Python, false));
  const CostProfile& c = rt.costs();
  const std::uint64_t before = rt.memory().usage(rt.space_of(0)).resident_kb();
  rt.start_thread(0, 0);  // the main thread: its stack came with the image
  rt.start_thread(1, 0);
  EXPECT_EQ(rt.memory().usage(rt.space_of(0)).resident_kb(), before + c.thread_stack_kb);
  EXPECT_EQ(rt.write(1, RegionKind::Heap, 0, 50, 1), 0);  // shared heap: no copies
  rt.end_thread(1, 2);
  EXPECT_EQ(rt.memory().usage(rt.space_of(0)).resident_kb(), before);
  EXPECT_THROW(rt.start_thread(2, 3), std::logic_error);  // its process was never forked
}

TEST(RuntimeModel, DeclaredChannelsExistWithTheirKinds) {
  RuntimeModelSpec spec = family(CostProfileKind::Python, false);
  spec.channels = {ChannelKind::Queue, ChannelKind::Pipe};
  RuntimeModel rt(spec);
  ASSERT_EQ(rt.channels().size(), 2u);
  EXPECT_EQ(rt.channels().kind(0), ChannelKind::Queue);
  EXPECT_EQ(rt.channels().send_cost(1, 1'000'000), ipc_side_cost(rt.costs(), 1'000'000));
}

TEST(RuntimeModel, CreationCostsComeFromTheProfile) {
  RuntimeModel rt(family(CostProfileKind::Python, false));
  EXPECT_EQ(rt.creation_cost(WorkerKind::Thread), 200'000);
  // The parent's parts; the children's start-ups are paid by the children (start_process).
  EXPECT_EQ(rt.creation_cost(WorkerKind::ForkedProcess), 1'000'000);
  EXPECT_EQ(rt.creation_cost(WorkerKind::SpawnedProcess), 2'000'000);
  EXPECT_EQ(rt.creation_cost(WorkerKind::ForkServerProcess), 2'000'000);
  // fork copies page tables: the parent's resident image (~13 MB) adds ~0.13 ms.
  EXPECT_GT(rt.fork_cost(0), 1'000'000 + 100'000);
  EXPECT_LT(rt.fork_cost(0), 1'000'000 + 200'000);
}

}  // namespace
}  // namespace tl
