#include "sim/engine/memory_recorder.h"

#include <gtest/gtest.h>

namespace tl {
namespace {

constexpr ImageLayout kLayout{8, 4, 20, 2};  // 34 pages = 136 KB

TEST(MemoryTrace, ForkThenWritesShowOnBothLanes) {
  MemoryModel m;
  MemoryRecorder rec(2);
  std::vector<AddressSpaceId> space_of{m.create_image(kLayout, 0), kNoSpace};
  rec.note_all(0, m, space_of);
  space_of[1] = m.fork(space_of[0], 0, 1);
  rec.note_all(100, m, space_of);
  m.write(space_of[1], m.find_region(space_of[1], RegionKind::Heap), 0, 5);
  rec.note_all(200, m, space_of);
  m.exit(space_of[1]);
  rec.note_all(300, m, space_of);

  const auto& parent = rec.lanes()[0];
  ASSERT_EQ(parent.size(), 4u);
  EXPECT_EQ(parent[0].private_kb, 136u);
  EXPECT_EQ(parent[1].shared_kb, 136u);   // the fork made every parent page shared
  EXPECT_EQ(parent[2].private_kb, 20u);   // the child's 5 copies leave 5 originals private
  EXPECT_EQ(parent[3].private_kb, 136u);  // the child is gone: all private again
  const auto& child = rec.lanes()[1];
  ASSERT_EQ(child.size(), 3u);
  EXPECT_EQ(child[0].time, 100);
  EXPECT_EQ(child[1].private_kb, 20u);
  EXPECT_EQ(child[2].resident_kb, 0u);

  const auto metrics = process_memory_metrics(rec.lanes());
  EXPECT_EQ(metrics[0].resident_kb, 136u);
  EXPECT_EQ(metrics[0].shared_kb, 136u);
  EXPECT_EQ(metrics[1].private_kb, 20u);
  EXPECT_EQ(metrics[1].resident_kb, 136u);
}

TEST(MemoryTrace, SameInstantKeepsTheLastStateAndRepeatsAddNothing) {
  MemoryRecorder rec(1);
  MemoryUsage a{10, 0, 10}, b{12, 0, 12};
  rec.note(5, 0, a);
  rec.note(5, 0, b);
  rec.note(7, 0, b);
  rec.note(9, 0, a);
  rec.note(9, 0, b);  // back to the previous value within the instant: no change at 9
  ASSERT_EQ(rec.lanes()[0].size(), 1u);
  EXPECT_EQ(rec.lanes()[0][0].resident_kb, 48u);
  EXPECT_EQ(rec.lanes()[0][0].time, 5);
}

}  // namespace
}  // namespace tl
