#include "sim/runtime/memory_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace tl {
namespace {

// Small, distinct region sizes so that a wrong region shows up as a wrong count.
constexpr ImageLayout kLayout{/*code*/ 8, /*data*/ 4, /*heap*/ 20, /*stack*/ 2};
constexpr std::uint64_t kImagePages = 8 + 4 + 20 + 2;

TEST(MemoryModel, FreshImageIsAllPrivate) {
  MemoryModel m;
  const AddressSpaceId p = m.create_image(kLayout, 0);
  const MemoryUsage u = m.usage(p);
  EXPECT_EQ(u.resident_pages, kImagePages);
  EXPECT_EQ(u.private_pages, kImagePages);
  EXPECT_EQ(u.shared_pages, 0u);
  EXPECT_EQ(u.resident_kb(), kImagePages * 4);
}

TEST(MemoryModel, ForkSharesEverythingUntilWritten) {
  MemoryModel m;
  const AddressSpaceId parent = m.create_image(kLayout, 0);
  const AddressSpaceId child = m.fork(parent, 0, 1);
  EXPECT_EQ(m.usage(child).resident_pages, kImagePages);
  EXPECT_EQ(m.usage(child).shared_pages, kImagePages);
  EXPECT_EQ(m.usage(parent).shared_pages, kImagePages);
  EXPECT_EQ(m.frames_in_use(), kImagePages);  // nothing copied by fork itself
}

TEST(MemoryModel, ChildWritingKOfNHeapPagesCopiesExactlyK) {
  MemoryModel m;
  const AddressSpaceId parent = m.create_image(kLayout, 0);
  const AddressSpaceId child = m.fork(parent, 0, 1);
  const RegionId heap = m.find_region(child, RegionKind::Heap);
  const WriteResult w = m.write(child, heap, 5, 7);
  EXPECT_EQ(w.pages_touched, 7u);
  EXPECT_EQ(w.pages_copied, 7u);
  // Both sides see the same split: k private copies each, the rest still shared.
  for (AddressSpaceId s : {parent, child}) {
    EXPECT_EQ(m.usage(s).resident_pages, kImagePages) << s;
    EXPECT_EQ(m.usage(s).private_pages, 7u) << s;
    EXPECT_EQ(m.usage(s).shared_pages, kImagePages - 7) << s;
  }
  EXPECT_EQ(m.frames_in_use(), kImagePages + 7);
  // Writing the same pages again: already private, no fault.
  EXPECT_EQ(m.write(child, heap, 5, 7).pages_copied, 0u);
  // Overlapping write: only the pages not yet copied fault.
  EXPECT_EQ(m.write(child, heap, 10, 4).pages_copied, 2u);
}

TEST(MemoryModel, ParentWriteAfterChildExitCopiesNothing) {
  MemoryModel m;
  const AddressSpaceId parent = m.create_image(kLayout, 0);
  const AddressSpaceId child = m.fork(parent, 0, 1);
  m.exit(child);
  EXPECT_FALSE(m.alive(child));
  EXPECT_EQ(m.usage(child).resident_pages, 0u);
  EXPECT_EQ(m.usage(parent).shared_pages, 0u);
  EXPECT_EQ(m.write(parent, m.find_region(parent, RegionKind::Heap), 0, 20).pages_copied, 0u);
  EXPECT_EQ(m.frames_in_use(), kImagePages);
}

TEST(MemoryModel, ParentWriteWhileChildLivesCopiesInTheParent) {
  MemoryModel m;
  const AddressSpaceId parent = m.create_image(kLayout, 0);
  const AddressSpaceId child = m.fork(parent, 0, 1);
  const RegionId data = m.find_region(parent, RegionKind::Data);
  EXPECT_EQ(m.write(parent, data, 0, 4).pages_copied, 4u);
  EXPECT_EQ(m.usage(parent).private_pages, 4u);
  EXPECT_EQ(m.usage(child).private_pages, 4u);  // the child's originals are now its alone
}

TEST(MemoryModel, ThreadsShareTheHeapAndAddOnlyAStack) {
  MemoryModel m;
  const AddressSpaceId p = m.create_image(kLayout, 0);
  m.add_stack(p, 1, 3);
  m.add_stack(p, 2, 3);
  EXPECT_EQ(m.usage(p).resident_pages, kImagePages + 6);
  EXPECT_EQ(m.usage(p).shared_pages, 0u);  // sharing inside one address space is not "shared"
  EXPECT_EQ(m.write(p, m.find_region(p, RegionKind::Heap), 0, 20).pages_copied, 0u);
  m.remove_stack(p, 1);
  EXPECT_EQ(m.usage(p).resident_pages, kImagePages + 3);
  EXPECT_EQ(m.find_region(p, RegionKind::Stack, 1), MemoryModel::kNoRegion);
}

TEST(MemoryModel, ExplicitSharedMemoryIsSharedAndNeverCopied) {
  MemoryModel m;
  const AddressSpaceId a = m.create_image(kLayout, 0);
  const AddressSpaceId b = m.create_image(kLayout, 1);
  const ShmId shm = m.create_shm(a, 10);
  EXPECT_EQ(m.usage(a).shared_pages, 0u);  // nobody else maps it yet
  const RegionId rb = m.map_shm(b, shm);
  EXPECT_EQ(m.usage(a).shared_pages, 10u);
  EXPECT_EQ(m.usage(b).shared_pages, 10u);
  EXPECT_EQ(m.write(b, rb, 0, 10).pages_copied, 0u);
  EXPECT_EQ(m.usage(a).shared_pages, 10u);
  EXPECT_THROW(m.map_shm(b, shm), std::logic_error);
  m.exit(a);
  EXPECT_EQ(m.usage(b).shared_pages, 0u);
  m.exit(b);
  EXPECT_EQ(m.frames_in_use(), 0u);
  EXPECT_THROW(m.map_shm(m.create_image(kLayout, 2), shm), std::logic_error);
}

TEST(MemoryModel, ForkKeepsSharedMemoryShared) {
  MemoryModel m;
  const AddressSpaceId parent = m.create_image(kLayout, 0);
  const ShmId shm = m.create_shm(parent, 6);
  const AddressSpaceId child = m.fork(parent, 0, 1);
  EXPECT_EQ(m.write(child, m.find_region(child, RegionKind::Shared, shm), 0, 6).pages_copied, 0u);
  m.exit(parent);
  EXPECT_EQ(m.usage(child).shared_pages, 0u);
  EXPECT_EQ(m.usage(child).resident_pages, kImagePages + 6);
}

TEST(MemoryModel, SpawnSharesNothing) {
  MemoryModel m;
  const AddressSpaceId parent = m.create_image(kLayout, 0);
  const AddressSpaceId child = m.create_image(kLayout, 1);
  EXPECT_EQ(m.usage(parent).shared_pages, 0u);
  EXPECT_EQ(m.usage(child).shared_pages, 0u);
  EXPECT_EQ(m.frames_in_use(), 2 * kImagePages);
}

TEST(MemoryModel, SpawnOfTheSameProgramSharesOnlyReadOnlyCode) {
  MemoryModel m;
  const AddressSpaceId parent = m.create_image(kLayout, 0);
  const AddressSpaceId child = m.create_image(kLayout, 1, parent);
  EXPECT_EQ(m.usage(child).resident_pages, kImagePages);
  EXPECT_EQ(m.usage(child).shared_pages, 8u);
  EXPECT_EQ(m.usage(child).private_pages, kImagePages - 8);
  EXPECT_THROW(m.write(child, m.find_region(child, RegionKind::Code), 0, 1), std::logic_error);
  EXPECT_EQ(m.frames_in_use(), 2 * kImagePages - 8);
}

TEST(MemoryModel, ForkOfAMultithreadedProcessCopiesOtherStacksToNoOne) {
  MemoryModel m;
  const AddressSpaceId parent = m.create_image(kLayout, 0);
  m.add_stack(parent, 7, 2);
  const AddressSpaceId child = m.fork(parent, 7, 9);
  EXPECT_NE(m.find_region(child, RegionKind::Stack, 9), MemoryModel::kNoRegion);
  EXPECT_NE(m.find_region(child, RegionKind::Stack, kNoThread), MemoryModel::kNoRegion);
  EXPECT_EQ(m.find_region(child, RegionKind::Stack, 7), MemoryModel::kNoRegion);
  EXPECT_EQ(m.usage(child).resident_pages, kImagePages + 2);
}

TEST(MemoryModel, PythonProfileMatchesCalibratedWorkerMemory) {
  const CostProfile py = cost_profile(CostProfileKind::Python);
  MemoryModel m;
  const AddressSpaceId parent = m.create_image(image_layout(py, false), 0);
  const AddressSpaceId forked = m.fork(parent, 0, 1);
  const AddressSpaceId spawned = m.create_image(image_layout(py, true), 2, parent);
  // What a forked child dirties soon after fork (reference counts, GC), as the engine will do.
  m.write(forked, m.find_region(forked, RegionKind::Heap), 0, pages_for_kb(py.fork_dirty_kb));
  const std::uint64_t stack_kb = pages_for_kb(py.thread_stack_kb) * kPageKb;
  EXPECT_EQ(m.usage(forked).resident_kb(), 13u * 1024 + stack_kb);
  EXPECT_EQ(m.usage(forked).private_kb(), py.fork_dirty_kb);
  EXPECT_EQ(m.usage(spawned).resident_kb(), 16u * 1024 + stack_kb);
  EXPECT_EQ(m.usage(spawned).private_kb(), 9u * 1024 + stack_kb);
}

TEST(MemoryModel, MisuseIsReportedNotSilentlyAccepted) {
  MemoryModel m;
  const AddressSpaceId p = m.create_image(kLayout, 0);
  const RegionId heap = m.find_region(p, RegionKind::Heap);
  EXPECT_THROW(m.write(p, heap, 18, 3), std::logic_error);
  EXPECT_THROW(m.write(p, heap, 21, 0), std::logic_error);
  EXPECT_THROW(m.write(p, 99, 0, 1), std::logic_error);
  EXPECT_THROW(m.remove_stack(p, 42), std::logic_error);
  m.exit(p);
  EXPECT_THROW(m.write(p, heap, 0, 1), std::logic_error);
  EXPECT_THROW(m.fork(p, 0, 1), std::logic_error);
}

TEST(MemoryModel, FrameNumbersAreReproducible) {
  auto run = [] {
    MemoryModel m;
    const AddressSpaceId a = m.create_image(kLayout, 0);
    const AddressSpaceId b = m.fork(a, 0, 1);
    m.write(b, m.find_region(b, RegionKind::Heap), 3, 5);
    m.exit(a);
    const AddressSpaceId c = m.create_image(kLayout, 2);
    std::vector<FrameId> frames;
    for (const Region& r : m.regions(c)) frames.insert(frames.end(), r.frames.begin(), r.frames.end());
    return frames;
  };
  EXPECT_EQ(run(), run());
}

TEST(MemoryModel, GrowAddsPrivatePages) {
  MemoryModel m;
  const AddressSpaceId p = m.create_image(kLayout, 0);
  const AddressSpaceId c = m.fork(p, 0, 1);
  m.grow(c, m.find_region(c, RegionKind::Heap), 5);
  EXPECT_EQ(m.usage(c).private_pages, 5u);
  EXPECT_EQ(m.usage(p).resident_pages, kImagePages);
}

}  // namespace
}  // namespace tl

namespace tl {
namespace {

// Usage is kept incrementally; this recounts it the slow way (every mapped frame, shared when
// another space maps it too) after each step of a long mixed history and demands agreement.
MemoryUsage recount(const MemoryModel& m, AddressSpaceId space) {
  MemoryUsage u;
  if (!m.alive(space)) return u;
  for (const Region& r : m.regions(space)) {
    if (!r.mapped) continue;
    u.resident_pages += r.frames.size();
    for (FrameId f : r.frames) u.shared_pages += m.map_count(f) > 1 ? 1 : 0;
  }
  u.private_pages = u.resident_pages - u.shared_pages;
  return u;
}

TEST(MemoryModel, IncrementalUsageMatchesARecountThroughForksWritesStacksSharedMemoryAndExits) {
  MemoryModel m;
  std::vector<AddressSpaceId> live;
  live.push_back(m.create_image(kLayout, 0));
  const ShmId shm = m.create_shm(live[0], 6);
  ThreadId next_thread = 1;
  std::uint64_t x = 12345;
  auto rnd = [&](std::uint64_t n) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return (x >> 33) % n;
  };
  auto check_all = [&] {
    for (AddressSpaceId s = 0; s < m.space_count(); ++s) {
      const MemoryUsage want = recount(m, s), got = m.usage(s);
      ASSERT_EQ(got.resident_pages, want.resident_pages) << "space " << s;
      ASSERT_EQ(got.shared_pages, want.shared_pages) << "space " << s;
    }
  };
  std::vector<std::pair<AddressSpaceId, ThreadId>> stacks;
  for (int step = 0; step < 400; ++step) {
    const AddressSpaceId s = live[rnd(live.size())];
    switch (rnd(7)) {
      case 0:
        if (live.size() < 12) live.push_back(m.fork(s, 0, next_thread++));
        break;
      case 1: {
        const RegionId heap = m.find_region(s, RegionKind::Heap);
        const std::uint32_t first = static_cast<std::uint32_t>(rnd(20));
        m.write(s, heap, first, static_cast<std::uint32_t>(rnd(21 - first)));
        break;
      }
      case 2:
        m.add_stack(s, next_thread, 2);
        stacks.push_back({s, next_thread++});
        break;
      case 3:
        if (!stacks.empty()) {
          const std::size_t i = rnd(stacks.size());
          if (m.alive(stacks[i].first)) m.remove_stack(stacks[i].first, stacks[i].second);
          stacks.erase(stacks.begin() + static_cast<std::ptrdiff_t>(i));
        }
        break;
      case 4:
        if (m.shm_alive(shm) && m.find_region(s, RegionKind::Shared, shm) == MemoryModel::kNoRegion) m.map_shm(s, shm);
        break;
      case 5:
        if (live.size() > 1) {
          m.exit(s);
          live.erase(std::find(live.begin(), live.end(), s));
        }
        break;
      case 6: m.grow(s, m.find_region(s, RegionKind::Heap), 1); break;
    }
    check_all();
  }
  EXPECT_GT(m.space_count(), 5u);  // the history did fork and exit
}

TEST(MemoryModel, ChangedSpacesListsEachChangedSpaceOnce) {
  MemoryModel m;
  const AddressSpaceId a = m.create_image(kLayout, 0);
  EXPECT_EQ(m.take_changed_spaces(), std::vector<AddressSpaceId>{a});
  const AddressSpaceId b = m.fork(a, 0, 1);  // both change: the parent's pages become shared
  EXPECT_EQ(m.take_changed_spaces(), (std::vector<AddressSpaceId>{b, a}));
  m.add_stack(a, 2, 2);  // only a
  EXPECT_EQ(m.take_changed_spaces(), std::vector<AddressSpaceId>{a});
  EXPECT_TRUE(m.take_changed_spaces().empty());
}

}  // namespace
}  // namespace tl
