// Expected outputs were produced by running a line-by-line Python transliteration of the
// ostep-homework tools' solving code (commit 6c6cfc7e semantics, see ostep-compat.md) on the
// same arguments; only the resulting lines are kept here, not the tools' code.
#include "sim/ostep/mlfq.h"
#include "support/text.h"

#include <gtest/gtest.h>

namespace tl::ostep {
namespace {

struct Case {
  const char* name;
  std::vector<std::string> args;
  const char* expected;  // the "Final statistics" lines
};

const Case kCases[] = {
    {"public_j3_s0_jobs", {"-l", "0,84,7:0,42,3:0,51,4", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround 180\n"
     "  Job  1: startTime   0 - response   7 - turnaround 161\n"
     "  Job  2: startTime   0 - response  10 - turnaround 171\n"
     "  Avg  2: startTime n/a - response 5.67 - turnaround 170.67\n"},
    {"single_long_job", {"-l", "0,200,0", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround 200\n"
     "  Avg  0: startTime n/a - response 0.00 - turnaround 200.00\n"},
    {"two_cpu_jobs_demote", {"-l", "0,30,0:0,30,0", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround  50\n"
     "  Job  1: startTime   0 - response  10 - turnaround  60\n"
     "  Avg  1: startTime n/a - response 5.00 - turnaround 55.00\n"},
    {"later_arrival_preempts_lower_queue", {"-l", "0,50,0:20,10,0", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround  60\n"
     "  Job  1: startTime  20 - response   0 - turnaround  10\n"
     "  Avg  1: startTime n/a - response 0.00 - turnaround 35.00\n"},
    {"boost_rescues_demoted_jobs", {"-l", "0,100,0:0,100,0:10,20,2", "-B", "50", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround 210\n"
     "  Job  1: startTime   0 - response  10 - turnaround 220\n"
     "  Job  2: startTime  10 - response  10 - turnaround  90\n"
     "  Avg  2: startTime n/a - response 6.67 - turnaround 173.33\n"},
    {"same_jobs_without_boost", {"-l", "0,100,0:0,100,0:10,20,2", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround 210\n"
     "  Job  1: startTime   0 - response  10 - turnaround 220\n"
     "  Job  2: startTime  10 - response  10 - turnaround  75\n"
     "  Avg  2: startTime n/a - response 6.67 - turnaround 168.33\n"},
    {"iobump_three_jobs", {"-l", "0,20,2:0,20,2:0,20,0", "-Q", "4,4", "-I", "-i", "2", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround  44\n"
     "  Job  1: startTime   0 - response   2 - turnaround  42\n"
     "  Job  2: startTime   0 - response   8 - turnaround  60\n"
     "  Avg  2: startTime n/a - response 3.33 - turnaround 48.67\n"},
    {"io_keeps_slice_without_stay", {"-l", "0,30,5:0,40,0", "-Q", "5,10,20", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround  75\n"
     "  Job  1: startTime   0 - response   5 - turnaround  60\n"
     "  Avg  1: startTime n/a - response 2.50 - turnaround 67.50\n"},
    {"stay_resets_but_slice_end_still_counts", {"-l", "0,30,5:0,40,0", "-Q", "5,10,20", "-S", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround  65\n"
     "  Job  1: startTime   0 - response   5 - turnaround  70\n"
     "  Avg  1: startTime n/a - response 2.50 - turnaround 67.50\n"},
    {"allotment_two_per_level", {"-l", "0,40,0:0,40,0", "-A", "2,2,1", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround  70\n"
     "  Job  1: startTime   0 - response  10 - turnaround  80\n"
     "  Avg  1: startTime n/a - response 5.00 - turnaround 75.00\n"},
    {"quantum_list_and_iotime", {"-l", "0,40,0:5,40,0", "--quantumList=2,4,8", "--iotime=3", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround  78\n"
     "  Job  1: startTime   5 - response   0 - turnaround  75\n"
     "  Avg  1: startTime n/a - response 0.00 - turnaround 76.50\n"},
    {"finish_beats_io", {"-l", "0,10,5:0,10,5", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround  15\n"
     "  Job  1: startTime   0 - response   5 - turnaround  20\n"
     "  Avg  1: startTime n/a - response 2.50 - turnaround 17.50\n"},
    {"zero_iotime", {"-l", "0,12,4:0,12,4", "-i", "0", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround  22\n"
     "  Job  1: startTime   0 - response   4 - turnaround  24\n"
     "  Avg  1: startTime n/a - response 2.00 - turnaround 23.00\n"},
    {"boost_while_in_io", {"-l", "0,60,10:0,60,0", "--boost=25", "-i", "7", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround 127\n"
     "  Job  1: startTime   0 - response  10 - turnaround 103\n"
     "  Avg  1: startTime n/a - response 5.00 - turnaround 115.00\n"},
    {"start_times_and_idle", {"-l", "5,10,0:7,3,0", "-c"},
     "  Job  0: startTime   5 - response   0 - turnaround  10\n"
     "  Job  1: startTime   7 - response   8 - turnaround  11\n"
     "  Avg  1: startTime n/a - response 4.00 - turnaround 10.50\n"},
    {"stay_with_allotments", {"-l", "0,25,5:3,25,0", "-Q", "5,10", "-S", "-A", "2,1", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround  50\n"
     "  Job  1: startTime   3 - response   2 - turnaround  42\n"
     "  Avg  1: startTime n/a - response 1.00 - turnaround 46.00\n"},
    {"boost_with_allotment_list", {"-l", "0,100,0:0,100,0:0,100,0", "-Q", "10,20,30", "-A", "1,2,3", "-B", "100", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround 240\n"
     "  Job  1: startTime   0 - response  10 - turnaround 290\n"
     "  Job  2: startTime   0 - response  20 - turnaround 300\n"
     "  Avg  2: startTime n/a - response 10.00 - turnaround 276.67\n"},
    {"everything_at_once", {"-l", "0,50,4:2,30,0:4,20,3", "-Q", "3,6,9", "-B", "20", "-I", "-S", "-i", "4", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround 120\n"
     "  Job  1: startTime   2 - response   1 - turnaround  79\n"
     "  Job  2: startTime   4 - response   2 - turnaround  50\n"
     "  Avg  2: startTime n/a - response 1.00 - turnaround 83.00\n"},
    {"single_queue_is_round_robin", {"-l", "0,7,0:0,5,0:1,3,0", "-n", "1", "-q", "2", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround  15\n"
     "  Job  1: startTime   0 - response   2 - turnaround  14\n"
     "  Job  2: startTime   1 - response   3 - turnaround  10\n"
     "  Avg  2: startTime n/a - response 1.67 - turnaround 13.00\n"},
    {"io_every_tick", {"-l", "0,5,1:0,5,1", "-i", "1", "-c"},
     "  Job  0: startTime   0 - response   0 - turnaround   9\n"
     "  Job  1: startTime   0 - response   1 - turnaround  10\n"
     "  Avg  1: startTime n/a - response 0.50 - turnaround 9.50\n"},
};

class MlfqCase : public ::testing::TestWithParam<Case> {};

TEST_P(MlfqCase, MatchesMlfqPy) {
  const Case& c = GetParam();
  Parsed<MlfqOptions> parsed = parse_mlfq_args(c.args);
  ASSERT_TRUE(parsed.options) << parsed.error;
  const MlfqReport report = solve_mlfq(*parsed.options);
  const std::string text = format_mlfq(*parsed.options, &report);
  EXPECT_EQ(test::lines_after(text, "Final statistics:"), c.expected) << text;
}

INSTANTIATE_TEST_SUITE_P(Ostep, MlfqCase, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace tl::ostep
