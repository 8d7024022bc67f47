// Explicit shared memory ("shared_memory" + write "shared"): the one thing processes share
// besides copy-on-write pages after a fork. Mapped by every listed process, counted as shared
// while two or more map it, never copied on write; errors name their path.
#include "support/scenarios.h"

namespace tl::test {
namespace {

// textbook image: code 512 KB (shared between processes of one program), data 64, heap 256,
// main stack 8; cow faults at 50 us so that any copy would show in the CPU time.
constexpr std::uint64_t kImageKb = 512 + 64 + 256 + 8;
const std::string kMachine = R"("machine":{"profile":"textbook","cores":2,"cow_fault_us":50})";

TEST(SharedMemory, MappedByBothProcessesSharedAndNeverCopied) {
  const RunResult r = run_json("{" + kMachine + R"(,
      "shared_memory":[{"name":"buf","kb":1024,"processes":["A","B"]}],
      "processes":[{"name":"A","threads":[{"program":[{"write":"shared","pages":256},{"compute_us":100}]}]},
        {"name":"B","threads":[{"program":[{"write":"shared","name":"buf","pages":100,"first_page":156},{"compute_us":100}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  // No copy, so no fault time: each thread used exactly its compute.
  EXPECT_EQ(r.metrics.threads[0].cpu, 100 * kUs);
  EXPECT_EQ(r.metrics.threads[1].cpu, 100 * kUs);
  for (int p = 0; p < 2; ++p) {
    const MemorySample& start = r.trace.memory[p].front();
    EXPECT_EQ(start.time, 0);
    EXPECT_EQ(start.resident_kb, kImageKb + 1024) << p;
    EXPECT_EQ(start.shared_kb, 512u + 1024) << p;  // code (one program) + the region
    EXPECT_EQ(start.private_kb, kImageKb - 512) << p;
    EXPECT_EQ(r.metrics.processes[p].shared_kb, 512u + 1024) << p;
  }
  // Nothing changed between the start and the exits: the writes touched shared frames in place.
  EXPECT_EQ(r.trace.memory[0].size(), 2u);  // start, exit (both exit at the same instant)
}

TEST(SharedMemory, HeapIsCopiedAfterForkButTheRegionIsNot) {
  const RunResult r = run_json("{" + kMachine + R"(,
      "shared_memory":[{"name":"buf","kb":400,"processes":["parent","child"]}],
      "processes":[{"name":"parent","threads":[{"program":[{"fork":"child"},{"wait":"child"}]}]},
        {"name":"child","start":"fork","threads":[{"program":[{"write":"shared","pages":100},{"write":"heap","pages":10}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  const CostProfile textbook = cost_profile(CostProfileKind::Textbook);
  const std::uint64_t dirty_pages = pages_for_kb(textbook.fork_dirty_kb);
  // Only heap pages fault: the fork's dirty pages and the 10 written (if not already dirty).
  const std::uint64_t heap_faults = std::max<std::uint64_t>(dirty_pages, 10);
  EXPECT_EQ(r.metrics.threads[1].cpu, static_cast<TimeNs>(heap_faults) * 50 * kUs);
  // The child inherited the mapping once (MAP_SHARED survives fork), not mapped twice.
  EXPECT_EQ(r.metrics.processes[1].resident_kb, kImageKb + 400);
  // The region stays shared after the child's writes.
  const MemorySample& last_alive = r.trace.memory[1][r.trace.memory[1].size() - 2];
  EXPECT_EQ(last_alive.resident_kb, kImageKb + 400);
  EXPECT_EQ(last_alive.private_kb, heap_faults * kPageKb);
  EXPECT_GE(last_alive.shared_kb, 400u);
}

TEST(SharedMemory, ASpawnedProcessMapsItWhenItStarts) {
  const RunResult r = run_json("{" + kMachine + R"(,
      "shared_memory":[{"name":"buf","kb":64,"processes":["main","worker"]}],
      "processes":[{"name":"main","threads":[{"program":[{"compute_us":100},{"spawn":"worker"},{"wait":"worker"}]}]},
        {"name":"worker","start":"spawn","threads":[{"program":[{"write":"shared","pages":16},{"compute_us":100}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.metrics.threads[1].cpu, 100 * kUs);
  // Before the spawn main's 64 KB are its own; once the worker maps them they are shared.
  EXPECT_EQ(r.trace.memory[0].front().shared_kb, 0u);
  EXPECT_EQ(r.trace.memory[0].front().resident_kb, kImageKb + 64);
  EXPECT_EQ(r.metrics.processes[0].shared_kb, 64u + 512);  // code + the region
  EXPECT_EQ(r.metrics.processes[1].shared_kb, 64u + 512);
}

TEST(SharedMemory, TheNamePicksAmongSeveralRegions) {
  const RunResult r = run_json("{" + kMachine + R"(,
      "shared_memory":[{"name":"small","kb":8,"processes":["A"]},{"name":"big","kb":4096,"processes":["A","B"]}],
      "processes":[{"name":"A","threads":[{"program":[{"write":"shared","name":"big","pages":1024},
                                                      {"write":"shared","name":"small","pages":2},{"compute_us":100}]}]},
        {"name":"B","threads":[{"program":[{"write":"shared","pages":1024},{"compute_us":100}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.trace.memory[0].front().resident_kb, kImageKb + 8 + 4096);
  EXPECT_EQ(r.trace.memory[0].front().shared_kb, 512u + 4096);  // "small" is mapped by A alone
  EXPECT_EQ(r.trace.memory[1].front().resident_kb, kImageKb + 4096);
}

std::string doc(const std::string& shm, const std::string& a_program, const std::string& b_program = "[]") {
  return R"({"shared_memory":)" + shm + R"(,"processes":[{"name":"A","threads":[{"program":)" + a_program +
         R"(}]},{"name":"B","threads":[{"program":)" + b_program + "}]}]}";
}

TEST(SharedMemory, ErrorsNameThePathAndReason) {
  const std::string one = R"([{"name":"buf","kb":16,"processes":["A"]}])";
  const std::string two = R"([{"name":"buf","kb":16,"processes":["A"]},{"name":"ctl","kb":4,"processes":["A","B"]}])";
  const std::string at = "processes[0].threads[0].program[0]";
  EXPECT_TRUE(has_error(doc(one, R"([{"write":"shared","name":"bfu"}])"), at + ".name",
                        "no shared memory 'bfu' (declared: buf)"));
  EXPECT_TRUE(has_error(doc("[]", R"([{"write":"shared","name":"x"}])"), at + ".name", "none is declared"));
  EXPECT_TRUE(has_error(doc(one, "[]", R"([{"write":"shared","name":"buf"}])"), "processes[1].threads[0].program[0].name",
                        "process 'B' does not map shared memory 'buf' (list it in shared_memory[0].processes)"));
  EXPECT_TRUE(has_error(doc(one, "[]", R"([{"write":"shared"}])"), "processes[1].threads[0].program[0].write",
                        "process 'B' maps no shared memory"));
  EXPECT_TRUE(has_error(doc(two, R"([{"write":"shared"}])"), at, "maps several shared-memory regions (buf, ctl): say which"));
  EXPECT_TRUE(has_error(doc(one, R"([{"write":"heap","name":"buf"}])"), at + ".name", "applies only to \"write\": \"shared\""));
  EXPECT_TRUE(has_error(doc(one, R"([{"write":"shared","pages":4,"first_page":1}])"), at,
                        "pages 1 .. 4 are outside the shared memory 'buf' (4 pages of 4 KiB)"));
  EXPECT_TRUE(has_error(doc(R"([{"name":"buf","kb":16,"processes":["A","C"]}])", "[]"), "shared_memory[0].processes[1]",
                        "no process 'C'"));
  EXPECT_TRUE(has_error(doc(R"([{"name":"buf","kb":16,"processes":["A","A"]}])", "[]"), "shared_memory[0].processes[1]",
                        "listed twice"));
  EXPECT_TRUE(has_error(doc(R"([{"name":"b","kb":1,"processes":["A"]},{"name":"b","kb":1,"processes":["B"]}])", "[]"),
                        "shared_memory[1].name", "duplicate shared memory name 'b'"));
  EXPECT_TRUE(has_error(doc(R"([{"name":"buf","kb":0,"processes":["A"]}])", "[]"), "shared_memory[0].kb", ""));
  EXPECT_TRUE(has_error(doc(R"([{"name":"buf","processes":[]}])", "[]"), "shared_memory[0]", "needs \"kb\""));
  EXPECT_TRUE(has_error(doc(R"([{"name":"buf","kb":4,"processes":[]}])", "[]"), "shared_memory[0].processes",
                        "at least one process"));
  EXPECT_TRUE(has_error(doc(R"([{"name":"buf","kb":4,"processes":["A"],"mode":"rw"}])", "[]"), "shared_memory[0]",
                        "unknown key 'mode'"));
  EXPECT_TRUE(has_error(doc(R"({"buf":4})", "[]"), "shared_memory", "expected an array"));
}

// Hand-built scenarios: a region listing an id past the processes maps nothing and does not
// break the run.
TEST(SharedMemory, HandBuiltOutOfRangeIdsAreIgnored) {
  Scenario sc = scenario_from(R"({"machine":{"profile":"textbook"},"processes":[{"threads":[{"program":[{"compute_us":1}]}]}]})");
  sc.shared_memory.push_back({"x", 64, {0, 7}});
  const RunResult r = run(sc);
  EXPECT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.metrics.processes[0].resident_kb, kImageKb + 64);
}

}  // namespace
}  // namespace tl::test
