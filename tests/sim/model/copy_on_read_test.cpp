// Copy-on-read after fork. CPython writes an object's reference count whenever it is used, so
// a forked child that only reads its parent's objects still dirties their pages, which the
// kernel then copies: the memory fork was meant to share becomes private page by page. A
// garbage collection writes the GC header of every tracked object, which copies the whole
// inherited heap; gc.freeze() before fork moves the parent's objects to a permanent
// generation that collections skip (the CPython documentation's advice for fork servers).
// C code reading its data writes nothing, so a native child shares it for good.
#include "model_helpers.h"

#include <gtest/gtest.h>

namespace tl::model_test {
namespace {

using tl::test::has_error;

// A parent with a 100 MB heap of objects forks one child; the child runs `child_steps`.
RunResult forked_reader(const std::string& profile, const std::string& parent_first, const std::string& child_steps) {
  return run_json(R"({"machine":{"profile":")" + profile + R"(","cores":2,"heap_kb":102400},
    "processes":[
      {"name":"parent","threads":[{"program":[)" +
                  parent_first + R"({"fork":"child"},{"wait":"child"}]}]},
      {"name":"child","start":"fork","threads":[{"program":[)" +
                  child_steps + "]}]}]}");
}

constexpr std::uint64_t kMb = 1024;  // in KB

TEST(CopyOnRead, AForkedPythonChildThatOnlyReadsCopiesThePagesItReads) {
  // 10 MB read from page 384 on (past the 1.5 MB every forked CPython child dirties at once).
  const std::string read = R"({"read":"heap","first_page":384,"pages":2560})";
  const RunResult python = forked_reader("python", "", read);
  const RunResult native = forked_reader("native", "", read);
  EXPECT_EQ(python.metrics.processes[1].private_kb, 10 * kMb + 1536);  // read + fork_dirty_kb
  EXPECT_LE(native.metrics.processes[1].private_kb, 64u);              // C reads write nothing
  // Each copied page is a fault (2 us): 2560 of them, ~5 ms of the child's CPU.
  const RunResult idle = forked_reader("python", "", R"({"compute_us":0})");
  EXPECT_NEAR(ms(python.metrics.threads[1].cpu) - ms(idle.metrics.threads[1].cpu), 2560 * 0.002, 0.01);
}

TEST(CopyOnRead, ReadingOnesOwnObjectsCopiesNothing) {
  const RunResult r = run_json(R"({"machine":{"profile":"python","cores":1,"heap_kb":102400},
    "processes":[{"threads":[{"program":[{"read":"heap","pages":25600}]}]}]})");
  EXPECT_EQ(r.metrics.threads[0].cpu, 0);  // private already: no fault
}

TEST(CopyOnRead, AGarbageCollectionInTheChildCopiesTheWholeInheritedHeap) {
  const std::string steps = R"({"read":"heap","first_page":384,"pages":2560},{"gc_collect":true})";
  const RunResult plain = forked_reader("python", "", steps);
  const RunResult frozen = forked_reader("python", R"({"gc_freeze":true},)", steps);
  EXPECT_EQ(plain.metrics.processes[1].private_kb, 100 * kMb);                        // every heap page
  EXPECT_EQ(frozen.metrics.processes[1].private_kb, 10 * kMb + 1536);                 // only what it read
  EXPECT_GT(plain.metrics.threads[1].cpu, frozen.metrics.threads[1].cpu + 35 * kMs);  // 22 000 more faults
  // The parent's own collection after a freeze: its objects are frozen, nothing to write.
  const RunResult parent_only = run_json(R"({"machine":{"profile":"python","cores":1},
    "processes":[{"threads":[{"program":[{"gc_freeze":true},{"gc_collect":true}]}]}]})");
  EXPECT_EQ(parent_only.metrics.threads[0].cpu, 0);
}

TEST(CopyOnRead, FreezeAfterTheForkDoesNotHelpTheChild) {
  // The permanent generation is the parent's at the fork: freezing later changes nothing there.
  const RunResult r = run_json(R"({"machine":{"profile":"python","cores":2,"heap_kb":102400},
    "processes":[
      {"name":"parent","threads":[{"program":[{"fork":"child"},{"gc_freeze":true},{"wait":"child"}]}]},
      {"name":"child","start":"fork","threads":[{"program":[{"compute_us":1000},{"gc_collect":true}]}]}]})");
  EXPECT_EQ(r.metrics.processes[1].private_kb, 100 * kMb);
}

TEST(CopyOnRead, BadStepsAreRejectedNamingTheField) {
  const std::string head = R"({"processes":[{"threads":[{"program":[)";
  EXPECT_TRUE(has_error(head + R"({"read":"stack"}]}]}]})", "processes[0].threads[0].program[0].read", "data or heap"));
  EXPECT_TRUE(has_error(head + R"({"read":"heap","pages":0}]}]}]})", "processes[0].threads[0].program[0].pages", ""));
  EXPECT_TRUE(has_error(head + R"({"gc_freeze":false}]}]}]})", "processes[0].threads[0].program[0].gc_freeze", "expected true"));
  EXPECT_TRUE(has_error(head + R"({"gc_collect":1}]}]}]})", "processes[0].threads[0].program[0].gc_collect", "expected true"));
}

}  // namespace
}  // namespace tl::model_test
