// Bad OSTEP flags get one clear reason naming the flag; exact engine numbers behind the text.
#include "sim/ostep/mlfq.h"
#include "sim/ostep/process_run.h"
#include "sim/ostep/scheduler.h"

#include <gtest/gtest.h>

namespace tl::ostep {
namespace {

template <class T>
std::string error_of(Parsed<T> p) {
  EXPECT_FALSE(p.options.has_value());
  return p.error;
}

std::string sched_error(std::vector<std::string> a) { return error_of(parse_scheduler_args(a)); }
std::string pr_error(std::vector<std::string> a) { return error_of(parse_process_run_args(a)); }
std::string mlfq_error(std::vector<std::string> a) { return error_of(parse_mlfq_args(a)); }

TEST(OstepErrors, Scheduler) {
  EXPECT_EQ(sched_error({"-p", "sjf", "-l", "1"}),
            "-p/--policy: unknown policy 'sjf' (FIFO, SJF or RR; names are case sensitive)");
  EXPECT_EQ(sched_error({"-p", "RR", "-q", "0", "-l", "1"}),
            "-q/--quantum: must be between 1 and 1000000, got 0");
  EXPECT_EQ(sched_error({"-l", "1,0"}), "-l/--jlist: job 1: length must be greater than 0");
  EXPECT_EQ(sched_error({"-l", "1,,2"}),
            "-l/--jlist: job 1: expected a non-negative number with at most 6 decimals, got ''");
  EXPECT_EQ(sched_error({"-l", "1.0000001"}),
            "-l/--jlist: job 0: expected a non-negative number with at most 6 decimals, got "
            "'1.0000001'");
  EXPECT_EQ(sched_error({"-j", "0"}), "-j/--jobs: must be between 1 and 1000, got 0");
  // 25 jobs of 1e6 units in slices of 1 is more work than any homework needs.
  std::string big = "1000000";
  for (int i = 0; i < 24; ++i) big += ",1000000";
  EXPECT_EQ(sched_error({"--policy=RR", "-l", big}).substr(0, 41),
            "-q/--quantum: 25000025 round-robin slices");
}

TEST(OstepErrors, ProcessRun) {
  EXPECT_EQ(pr_error({"-P", "c3", "-S", "SWITCH_ON_FOO"}),
            "-S/--switch: expected SWITCH_ON_IO or SWITCH_ON_END, got 'SWITCH_ON_FOO'");
  EXPECT_EQ(pr_error({"-P", "c3", "-I", "later"}),
            "-I/--iodone: expected IO_RUN_LATER or IO_RUN_IMMEDIATE, got 'later'");
  EXPECT_EQ(pr_error({"-P", "c3:x2"}),
            "-P/--program: process 1: bad instruction 'x2' (cN for N cpu steps, or i for an io)");
  EXPECT_EQ(pr_error({"-P", "c0"}), "-P/--program: process 0 has no instructions");
  EXPECT_EQ(pr_error({"-P", "c3", "-L", "-1"}), "-L/--iolength: must be between 0 and 1000000, got -1");
  EXPECT_EQ(pr_error({"-l", "5"}),
            "-l/--processlist: process 0: '5': expected X:Y (X instructions, Y% chance of cpu)");
  EXPECT_EQ(pr_error({"-l", "5:101"}), "-l/--processlist: process 0: '5:101': must be at most 100, got 101");
  EXPECT_EQ(pr_error({}),
            "give the processes with -P/--program (e.g. c3,i:c2) or -l/--processlist (X:Y,...)");
}

TEST(OstepErrors, Mlfq) {
  EXPECT_EQ(mlfq_error({"-l", "0,10"}),
            "-l/--jlist: job 0: expected startTime,runTime,ioFreq, got '0,10'");
  EXPECT_EQ(mlfq_error({"-l", "0,0,0"}),
            "-l/--jlist: job 0: runTime must be between 1 and 1000000, got 0");
  EXPECT_EQ(mlfq_error({"-l", "-1,5,0"}),
            "-l/--jlist: job 0: startTime must be between 0 and 1000000, got -1");
  EXPECT_EQ(mlfq_error({"-l", "0,5,0", "-Q", "10,10", "-A", "1,1,1"}),
            "-A/--allotmentList: 3 allotments for 2 queues (must match)");
  EXPECT_EQ(mlfq_error({"-l", "0,5,0", "-A", "0,1,1"}),
            "-A/--allotmentList: entry 0: must be between 1 and 1000000, got 0");
  EXPECT_EQ(mlfq_error({"-l", "0,5,0", "-a", "0"}),
            "-a/--allotment: must be between 1 and 1000000, got 0");
  EXPECT_EQ(mlfq_error({"-l", "0,5,0", "-B", "-5"}), "-B/--boost: must be between 0 and 1000000, got -5");
  // The lowest queue's allotment is never used, and mlfq.py accepts anything there.
  EXPECT_TRUE(parse_mlfq_args(std::vector<std::string>{"-l", "0,5,0", "-A", "1,1,0"}).options);
}

// A word quoted in a reason keeps the reason on one line: control characters show as '?' and a
// long word is cut. A shell passes such words ($'RR\n'); a lesson's command held one.
TEST(OstepErrors, QuotedWordsStayOnOneLine) {
  const std::vector<std::string> reasons = {
      sched_error({"-p", "RR\nFIFO"}),
      sched_error({"--pol\ricy=RR"}),
      sched_error({"-\n"}),
      sched_error({"stray\nword"}),
      sched_error({"-l", "1,\n2"}),
      pr_error({"-l", "5:\n100"}),
      pr_error({"-L", "c\n1"}),
      pr_error({"-P", "c1,x\n"}),
      pr_error({"-S", "SWITCH_ON_IO\n"}),
      mlfq_error({"-l", "0,10\n,0"}),
      sched_error({"stray" + std::string(200, 'x')}),
  };
  for (const std::string& r : reasons) {
    EXPECT_EQ(r.find_first_of("\n\r"), std::string::npos) << r;
    EXPECT_LT(r.size(), 200u) << r;
  }
  EXPECT_EQ(reasons[0], "-p/--policy: unknown policy 'RR?FIFO' (FIFO, SJF or RR; names are case sensitive)");
  EXPECT_EQ(reasons[3], "unexpected argument 'stray?word'");
}

TEST(OstepScheduler, EngineNumbersAreExactNanoseconds) {
  auto parsed = parse_scheduler_args(std::vector<std::string>{"-p", "RR", "-l", "2.5,1.5,3"});
  ASSERT_TRUE(parsed.options);
  const SchedulerReport r = solve_scheduler(*parsed.options);
  ASSERT_EQ(r.jobs.size(), 3u);
  // One unit = 1e6 ns: job 1 finishes at 4.5, job 0 at 6, job 2 at 7 (hand-checked RR, q=1).
  EXPECT_EQ(r.jobs[0].response, 0);
  EXPECT_EQ(r.jobs[1].response, 1'000'000);
  EXPECT_EQ(r.jobs[2].response, 2'000'000);
  EXPECT_EQ(r.jobs[0].turnaround, 6'000'000);
  EXPECT_EQ(r.jobs[1].turnaround, 4'500'000);
  EXPECT_EQ(r.jobs[2].turnaround, 7'000'000);
  EXPECT_EQ(r.jobs[0].wait, 3'500'000);
  EXPECT_EQ(r.jobs[1].wait, 3'000'000);
  EXPECT_EQ(r.jobs[2].wait, 4'000'000);
}

TEST(OstepScheduler, RandomJobsAreSeededAndSaySo) {
  auto a = parse_scheduler_args(std::vector<std::string>{"-s", "7", "-j", "5", "-m", "20"});
  auto b = parse_scheduler_args(std::vector<std::string>{"-s", "7", "-j", "5", "-m", "20"});
  auto c = parse_scheduler_args(std::vector<std::string>{"-s", "8", "-j", "5", "-m", "20"});
  ASSERT_TRUE(a.options && b.options && c.options);
  EXPECT_EQ(a.options->lengths, b.options->lengths);
  EXPECT_NE(a.options->lengths, c.options->lengths);
  ASSERT_EQ(a.options->lengths.size(), 5u);
  for (std::int64_t len : a.options->lengths) {
    EXPECT_EQ(len % kUnitNs, 0);  // random lengths are whole units, as in scheduler.py
    EXPECT_GE(len, kUnitNs);
    EXPECT_LE(len, 20 * kUnitNs);
  }
  const std::string text = format_scheduler(*a.options, nullptr);
  EXPECT_NE(text.find("ARG seed 7\n"), std::string::npos);
  EXPECT_NE(text.find(kRandomNote), std::string::npos);
}

TEST(OstepScheduler, WithoutSolvePosesTheProblem) {
  auto p = parse_scheduler_args(std::vector<std::string>{"-l", "5,2.5"});
  ASSERT_TRUE(p.options);
  EXPECT_EQ(format_scheduler(*p.options, nullptr),
            "ARG policy FIFO\n"
            "ARG jlist 5,2.5\n"
            "\n"
            "Here is the job list, with the run time of each job: \n"
            "  Job 0 ( length = 5.0 )\n"
            "  Job 1 ( length = 2.5 )\n"
            "\n\n"
            "Compute the turnaround time, response time, and wait time for each job.\n"
            "When you are done, run this program again, with the same arguments,\n"
            "but with -c, which will thus provide you with the answers. You can use\n"
            "-s <somenumber> or your own job list (-l 10,15,20 for example)\n"
            "to generate different problems for yourself.\n\n");
}

TEST(OstepProcessRun, WithoutSolveListsInstructions) {
  auto p = parse_process_run_args(std::vector<std::string>{"-P", "c1,i", "-S", "SWITCH_ON_END"});
  ASSERT_TRUE(p.options);
  EXPECT_EQ(format_process_run(*p.options, nullptr),
            "Produce a trace of what would happen when you run these processes:\n"
            "Process 0\n"
            "  cpu\n"
            "  io\n"
            "  io_done\n"
            "\n"
            "Important behaviors:\n"
            "  System will switch when the current process is FINISHED\n"
            "  After IOs, the process issuing the IO will run LATER (when it is its turn)\n"
            "\n");
}

TEST(OstepProcessRun, RandomListsUseOurGeneratorAndSaySo) {
  auto p = parse_process_run_args(std::vector<std::string>{"-l", "10:50", "-s", "3"});
  ASSERT_TRUE(p.options);
  std::size_t draws = 0;
  for (Instr i : p.options->programs[0]) draws += i != Instr::IoDone;
  EXPECT_EQ(draws, 10u);
  const ProcessRunReport r = solve_process_run(*p.options);
  EXPECT_EQ(format_process_run(*p.options, &r).rfind(kRandomNote, 0), 0u);
}

TEST(OstepMlfq, HeaderListsQueuesHighestFirst) {
  auto p = parse_mlfq_args(std::vector<std::string>{"-l", "0,5,0", "-Q", "2,4", "-A", "3,1"});
  ASSERT_TRUE(p.options);
  const std::string text = format_mlfq(*p.options, nullptr);
  EXPECT_NE(text.find("OPTIONS queues 2\n"
                      "OPTIONS allotments for queue  1 is   3\n"
                      "OPTIONS quantum length for queue  1 is   2\n"
                      "OPTIONS allotments for queue  0 is   1\n"
                      "OPTIONS quantum length for queue  0 is   4\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  Job  0: startTime   0 - runTime   5 - ioFreq   0\n"), std::string::npos);
}

}  // namespace
}  // namespace tl::ostep

namespace tl::ostep {
namespace {

// Sizes that would need gigabytes of trace or per-tick table are refused up front.
TEST(OstepErrors, AbsurdSizesAreRefused) {
  EXPECT_EQ(pr_error({"-P", "i,i,i", "-L", "1000000"}).substr(0, 42),
            "-L/--iolength: the run could last 3000006 ");
  EXPECT_EQ(mlfq_error({"-l", "0,1000000,1:0,1000000,0"}).substr(0, 26), "-l/--jlist: the jobs need ");
  EXPECT_EQ(mlfq_error({"-l", "0,500000,1", "-i", "5", "-B", "1"}).substr(0, 13), "-B/--boost: 3");
}

}  // namespace
}  // namespace tl::ostep
