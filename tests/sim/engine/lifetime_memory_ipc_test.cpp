// Creation steps (the creator pays), join/wait, copy-on-write after fork, pipes that copy and
// queues that do not, and the path-naming errors of the new steps.
#include "support/scenarios.h"

namespace tl::test {
namespace {

TEST(Lifetime, CreatingAThreadIsPaidByTheCreator) {
  const RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":2,"thread_create_us":200},
      "processes":[{"threads":[
        {"name":"main","program":[{"create":"w"},{"join":"w"}]},
        {"name":"w","start":"created","program":[{"compute_us":1000}]}]}]})");
  EXPECT_EQ(r.metrics.threads[0].cpu, 200 * kUs);
  EXPECT_EQ(first_in(r, 1, ThreadState::Running), 200 * kUs);
  EXPECT_EQ(r.trace.completion[1], 1200 * kUs);
  EXPECT_EQ(r.trace.completion[0], 1200 * kUs);  // the join waited for it
  EXPECT_EQ(first_in(r, 0, ThreadState::BlockedJoin), 200 * kUs);
}

TEST(Lifetime, ForkAndSpawnArePaidByTheCreatorAndWaitEndsAtExit) {
  const std::string doc = R"({"machine":{"profile":"textbook","cores":2,"fork_us":5000,"spawn_us":120000},
      "processes":[{"name":"main","threads":[{"program":[{"fork":"a"},{"spawn":"b"},{"wait":"a"},{"wait":"b"}]}]},
        {"name":"a","start":"fork","threads":[{"program":[{"compute_us":1000}]}]},
        {"name":"b","start":"spawn","threads":[{"program":[{"compute_us":1000}]}]}]})";
  const RunResult r = run_json(doc);
  ASSERT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.metrics.threads[0].cpu, 125 * kMs);
  EXPECT_EQ(first_in(r, 1, ThreadState::Running), 5 * kMs);
  EXPECT_EQ(first_in(r, 2, ThreadState::Running), 125 * kMs);
  EXPECT_EQ(r.trace.completion[0], 126 * kMs);
  ASSERT_EQ(r.metrics.processes.size(), 3u);
  EXPECT_GT(r.metrics.processes[2].private_kb, 0u);  // a spawned image is its own
}

// 400 KB heap = 100 pages; the child dirties nothing on its own (fork_dirty_kb 0) and then
// writes k = 10 heap pages: exactly those become private, at 2 us of fault each.
TEST(Memory, ForkSharesPagesUntilTheChildWritesThem) {
  const RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":2,"heap_kb":400,"fork_dirty_kb":0,"cow_fault_us":2},
      "processes":[{"name":"parent","threads":[{"program":[{"fork":"child"},{"wait":"child"}]}]},
        {"name":"child","start":"fork","threads":[{"program":[{"compute_us":100},{"write":"heap","pages":10,"first_page":5}]}]}]})");
  ASSERT_EQ(r.outcome, Outcome::Completed);
  const ProcessMemoryMetrics& child = r.metrics.processes[1];
  const std::uint64_t image_kb = 512 + 64 + 400 + 8;
  EXPECT_EQ(child.resident_kb, image_kb);
  EXPECT_EQ(child.private_kb, 10u * 4);
  EXPECT_EQ(child.shared_kb, image_kb);  // at the fork, before any write
  EXPECT_EQ(r.metrics.threads[1].cpu, 10 * 2 * kUs + 100 * kUs);
  // The memory lane shows the moment: after the writes, 40 KB private and the rest shared.
  const MemoryLane& lane = r.trace.memory[1];
  ASSERT_FALSE(lane.empty());
  bool seen = false;
  for (const MemorySample& s : lane)
    if (s.private_kb == 40 && s.shared_kb == image_kb - 40) seen = true;
  EXPECT_TRUE(seen);
}

TEST(Memory, ThreadsAddOnlyAStack) {
  const RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":2},"processes":[{"threads":[
      {"program":[{"compute_us":10}]},{"program":[{"compute_us":10}]},{"program":[{"compute_us":10}]}]}]})");
  ASSERT_EQ(r.metrics.processes.size(), 1u);
  EXPECT_EQ(r.metrics.processes[0].resident_kb, 512u + 64 + 256 + 3 * 8);
  EXPECT_EQ(r.metrics.processes[0].shared_kb, 0u);
}

std::string pipe_doc(std::uint64_t bytes) {
  return R"({"machine":{"profile":"textbook","cores":2,"ipc_latency_us":50,"ipc_mb_per_s":100},
      "channels":{"results":"pipe"},
      "processes":[{"name":"a","threads":[{"program":[{"send":"results","bytes":)" +
         std::to_string(bytes) + R"(}]}]},
        {"name":"b","threads":[{"program":[{"receive":"results"}]}]}]})";
}

// A pipe is pipelined: the reader copies each 64 KiB chunk while the writer writes the next,
// so after the message is complete it pays only its latency and the last chunk.
TEST(Ipc, APipeCopiesOnceWhileTheReaderOverlapsTheWriter) {
  const TimeNs last_chunk = 65'536 * kMs / 100'000;  // 64 KiB at 100 MB/s
  for (std::uint64_t mb : {1u, 2u}) {
    const RunResult r = run_json(pipe_doc(mb * 1'000'000));
    const TimeNs side = 50 * kUs + static_cast<TimeNs>(mb) * 10 * kMs;  // latency + size / 100 MB/s
    EXPECT_EQ(r.metrics.threads[0].cpu, side);
    EXPECT_EQ(r.metrics.threads[1].cpu, 50 * kUs + last_chunk);
    EXPECT_EQ(r.trace.completion[1], side + 50 * kUs + last_chunk);
    EXPECT_EQ(total_in(r, 1, ThreadState::BlockedReceive), side);
    EXPECT_EQ(r.metrics.ipc_bytes_copied, mb * 1'000'000);
  }
}

// multiprocessing.Queue does not overlap: the feeder writes all of it, the reader reads all of
// it, and each side copies twice (its buffer and the kernel).
TEST(Ipc, AnMpQueueCopiesOnBothSidesOneAfterTheOther) {
  std::string doc = pipe_doc(1'000'000);
  doc.replace(doc.find("\"pipe\""), 6, "\"mp_queue\"");
  const RunResult r = run_json(doc);
  const TimeNs side = 50 * kUs + 2 * 10 * kMs;
  EXPECT_EQ(r.metrics.threads[0].cpu, side);
  EXPECT_EQ(r.metrics.threads[1].cpu, side);
  EXPECT_EQ(r.trace.completion[1], 2 * side);
  EXPECT_EQ(r.metrics.ipc_bytes_copied, 1'000'000u);
}

TEST(Ipc, AQueueBetweenThreadsPassesAReference) {
  const RunResult r = run_json(R"({"machine":{"profile":"textbook","cores":2,"queue_handoff_us":50,"ipc_mb_per_s":100},
      "channels":{"jobs":"queue"},
      "processes":[{"threads":[{"program":[{"send":"jobs","bytes":100000000}]},{"program":[{"receive":"jobs"}]}]}]})");
  EXPECT_EQ(r.metrics.ipc_bytes_copied, 0u);
  EXPECT_EQ(r.metrics.threads[0].cpu + r.metrics.threads[1].cpu, 50 * kUs);  // whatever the size
}

TEST(Ipc, PythonPicklingCostsMoreThanNative) {
  auto side = [](const char* profile) {
    const RunResult r = run_json(std::string(R"({"machine":{"profile":")") + profile + R"(","cores":2},"channels":{"c":"pipe"},
        "processes":[{"threads":[{"program":[{"send":"c","bytes":1000000}]}]},{"threads":[{"program":[{"receive":"c"}]}]}]})");
    return r.metrics.threads[0].cpu;
  };
  EXPECT_EQ(side("native"), 5 * kUs + 500 * kUs);                 // latency + 1 MB at 2000 MB/s
  EXPECT_EQ(side("python"), 50 * kUs + 1000 * kUs + 1200 * kUs);  // latency + copy + pickling
}

const std::string kMain = R"({"processes":[{"name":"main","threads":[)";

TEST(StepErrors, NameTheirPath) {
  EXPECT_TRUE(has_error(kMain + R"({"program":[{"create":"x"}]}]}]})", "processes[0].threads[0].program[0].create",
                        "no thread 'x'"));
  EXPECT_TRUE(has_error(kMain + R"({"program":[{"create":"w"}]},{"name":"w","program":[]}]}]})",
                        "processes[0].threads[0].program[0].create", "not declared \"start\": \"created\""));
  EXPECT_TRUE(has_error(kMain + R"({"program":[{"repeat":2,"do":[{"fork":"c"}]}]}]},{"name":"c","start":"fork","threads":[{"program":[]}]}]})",
                        "processes[0].threads[0].program[0].do[0].fork", "exactly once"));
  EXPECT_TRUE(has_error(kMain + R"({"program":[]}]},{"name":"c","start":"fork","threads":[{"program":[]}]}]})", "processes[1]",
                        "no fork step starts it"));
  // A thread never created is named by its own path (here the third thread of the second process).
  EXPECT_TRUE(has_error(R"({"processes":[{"threads":[{"program":[]}]},{"name":"q","threads":[{"program":[]},
                        {"name":"w","start":"created","program":[]},{"name":"idle","start":"created","program":[]}]}]})",
                        "processes[1].threads[2]", "thread 'idle' of process 'q' is declared \"start\": \"created\" but no create step"));
  EXPECT_TRUE(has_error(kMain + R"({"program":[{"spawn":"c"}]}]},{"name":"c","start":"fork","threads":[{"program":[]}]}]})",
                        "processes[0].threads[0].program[0].spawn", "not declared \"start\": \"spawn\""));
  EXPECT_TRUE(has_error(R"({"channels":{"q":"queue"},"processes":[{"threads":[{"program":[{"send":"q","bytes":1}]}]},
                        {"threads":[{"program":[{"receive":"q"}]}]}]})",
                        "processes[1].threads[0].program[0].receive", "use a pipe"));
  EXPECT_TRUE(has_error(kMain + R"({"program":[{"send":"c","bytes":1}]}]}]})", "processes[0].threads[0].program[0].send",
                        "undeclared channel 'c'"));
  EXPECT_TRUE(has_error(kMain + R"({"program":[{"send":"c","bytes":-1}]}]}]})", "processes[0].threads[0].program[0].bytes", ""));
  EXPECT_TRUE(has_error(kMain + R"({"program":[{"write":"code"}]}]}]})", "processes[0].threads[0].program[0].write",
                        "unknown region 'code'"));
  EXPECT_TRUE(has_error(kMain + R"({"program":[{"write":"heap","pages":65}]}]}]})", "processes[0].threads[0].program[0]",
                        "outside the heap region (64 pages"));
  EXPECT_TRUE(has_error(R"({"channels":{"c":"socket"},"processes":[{"threads":[{"program":[]}]}]})", "channels.c", "expected \"pipe\""));
  EXPECT_TRUE(has_error(kMain + R"({"name":"a","start":"created","program":[]}]}]})", "processes[0].threads[0].start", "first thread"));
}

TEST(Lifetime, CircularJoinsAreADeadlockNotAHang) {
  const RunResult r = run_json(R"({"processes":[{"threads":[
      {"name":"main","program":[{"create":"w"},{"join":"w"}]},
      {"name":"w","start":"created","program":[{"join":"x"}]},
      {"name":"x","program":[{"join":"main"}]}]}]})");
  EXPECT_EQ(r.outcome, Outcome::Deadlock);
}

}  // namespace
}  // namespace tl::test
