// Expected outputs were produced by running a line-by-line Python transliteration of the
// ostep-homework tools' solving code (commit 6c6cfc7e semantics, see ostep-compat.md) on the
// same arguments; only the resulting lines are kept here, not the tools' code.
#include "sim/ostep/scheduler.h"
#include "support/text.h"

#include <gtest/gtest.h>

namespace tl::ostep {
namespace {

struct Case {
  const char* name;
  std::vector<std::string> args;
  const char* expected;  // "Execution trace" and "Final statistics" lines
};

const Case kCases[] = {
    {"public_rr_5_3_4_q2", {"-p", "RR", "-l", "5,3,4", "-q", "2", "-c"},
     "  [ time   0 ] Run job   0 for 2.00 secs\n"
     "  [ time   2 ] Run job   1 for 2.00 secs\n"
     "  [ time   4 ] Run job   2 for 2.00 secs\n"
     "  [ time   6 ] Run job   0 for 2.00 secs\n"
     "  [ time   8 ] Run job   1 for 1.00 secs ( DONE at 9.00 )\n"
     "  [ time   9 ] Run job   2 for 2.00 secs ( DONE at 11.00 )\n"
     "  [ time  11 ] Run job   0 for 1.00 secs ( DONE at 12.00 )\n"
     "  Job   0 -- Response: 0.00  Turnaround 12.00  Wait 7.00\n"
     "  Job   1 -- Response: 2.00  Turnaround 9.00  Wait 6.00\n"
     "  Job   2 -- Response: 4.00  Turnaround 11.00  Wait 7.00\n"
     "  Average -- Response: 2.00  Turnaround 10.67  Wait 6.67\n"},
    {"public_fifo_10_10_10", {"-p", "FIFO", "-l", "10,10,10", "-c"},
     "  [ time   0 ] Run job 0 for 10.00 secs ( DONE at 10.00 )\n"
     "  [ time  10 ] Run job 1 for 10.00 secs ( DONE at 20.00 )\n"
     "  [ time  20 ] Run job 2 for 10.00 secs ( DONE at 30.00 )\n"
     "  Job   0 -- Response: 0.00  Turnaround 10.00  Wait 0.00\n"
     "  Job   1 -- Response: 10.00  Turnaround 20.00  Wait 10.00\n"
     "  Job   2 -- Response: 20.00  Turnaround 30.00  Wait 20.00\n"
     "  Average -- Response: 10.00  Turnaround 20.00  Wait 10.00\n"},
    {"rr_fractional_lengths", {"-p", "RR", "-l", "2.5,1.5,3", "-q", "1", "-c"},
     "  [ time   0 ] Run job   0 for 1.00 secs\n"
     "  [ time   1 ] Run job   1 for 1.00 secs\n"
     "  [ time   2 ] Run job   2 for 1.00 secs\n"
     "  [ time   3 ] Run job   0 for 1.00 secs\n"
     "  [ time   4 ] Run job   1 for 0.50 secs ( DONE at 4.50 )\n"
     "  [ time   4 ] Run job   2 for 1.00 secs\n"
     "  [ time   5 ] Run job   0 for 0.50 secs ( DONE at 6.00 )\n"
     "  [ time   6 ] Run job   2 for 1.00 secs ( DONE at 7.00 )\n"
     "  Job   0 -- Response: 0.00  Turnaround 6.00  Wait 3.50\n"
     "  Job   1 -- Response: 1.00  Turnaround 4.50  Wait 3.00\n"
     "  Job   2 -- Response: 2.00  Turnaround 7.00  Wait 4.00\n"
     "  Average -- Response: 1.00  Turnaround 5.83  Wait 3.50\n"},
    {"sjf_ties_keep_id_order", {"-p", "SJF", "-l", "3,1,3,1", "-c"},
     "  [ time   0 ] Run job 1 for 1.00 secs ( DONE at 1.00 )\n"
     "  [ time   1 ] Run job 3 for 1.00 secs ( DONE at 2.00 )\n"
     "  [ time   2 ] Run job 0 for 3.00 secs ( DONE at 5.00 )\n"
     "  [ time   5 ] Run job 2 for 3.00 secs ( DONE at 8.00 )\n"
     "  Job   1 -- Response: 0.00  Turnaround 1.00  Wait 0.00\n"
     "  Job   3 -- Response: 1.00  Turnaround 2.00  Wait 1.00\n"
     "  Job   0 -- Response: 2.00  Turnaround 5.00  Wait 2.00\n"
     "  Job   2 -- Response: 5.00  Turnaround 8.00  Wait 5.00\n"
     "  Average -- Response: 2.00  Turnaround 4.00  Wait 2.00\n"},
    {"sjf_fractional_tie", {"-p", "SJF", "-l", "5,2.5,2.5", "-c"},
     "  [ time   0 ] Run job 1 for 2.50 secs ( DONE at 2.50 )\n"
     "  [ time   2 ] Run job 2 for 2.50 secs ( DONE at 5.00 )\n"
     "  [ time   5 ] Run job 0 for 5.00 secs ( DONE at 10.00 )\n"
     "  Job   1 -- Response: 0.00  Turnaround 2.50  Wait 0.00\n"
     "  Job   2 -- Response: 2.50  Turnaround 5.00  Wait 2.50\n"
     "  Job   0 -- Response: 5.00  Turnaround 10.00  Wait 5.00\n"
     "  Average -- Response: 2.50  Turnaround 5.83  Wait 2.50\n"},
    {"rr_quantum_longer_than_jobs", {"-p", "RR", "-l", "2,3", "-q", "5", "-c"},
     "  [ time   0 ] Run job   0 for 2.00 secs ( DONE at 2.00 )\n"
     "  [ time   2 ] Run job   1 for 3.00 secs ( DONE at 5.00 )\n"
     "  Job   0 -- Response: 0.00  Turnaround 2.00  Wait 0.00\n"
     "  Job   1 -- Response: 2.00  Turnaround 5.00  Wait 2.00\n"
     "  Average -- Response: 1.00  Turnaround 3.50  Wait 1.00\n"},
    {"rr_exact_multiple_of_quantum", {"-p", "RR", "-l", "4,4", "-q", "2", "-c"},
     "  [ time   0 ] Run job   0 for 2.00 secs\n"
     "  [ time   2 ] Run job   1 for 2.00 secs\n"
     "  [ time   4 ] Run job   0 for 2.00 secs ( DONE at 6.00 )\n"
     "  [ time   6 ] Run job   1 for 2.00 secs ( DONE at 8.00 )\n"
     "  Job   0 -- Response: 0.00  Turnaround 6.00  Wait 2.00\n"
     "  Job   1 -- Response: 2.00  Turnaround 8.00  Wait 4.00\n"
     "  Average -- Response: 1.00  Turnaround 7.00  Wait 3.00\n"},
    {"rr_single_job_short_last_slice", {"-p", "RR", "-l", "3.5", "-q", "1", "-c"},
     "  [ time   0 ] Run job   0 for 1.00 secs\n"
     "  [ time   1 ] Run job   0 for 1.00 secs\n"
     "  [ time   2 ] Run job   0 for 1.00 secs\n"
     "  [ time   3 ] Run job   0 for 0.50 secs ( DONE at 3.50 )\n"
     "  Job   0 -- Response: 0.00  Turnaround 3.50  Wait 0.00\n"
     "  Average -- Response: 0.00  Turnaround 3.50  Wait 0.00\n"},
    {"fifo_average_exact_tie_rounds_to_even", {"-p", "FIFO", "-l", "1,0.25", "-c"},
     "  [ time   0 ] Run job 0 for 1.00 secs ( DONE at 1.00 )\n"
     "  [ time   1 ] Run job 1 for 0.25 secs ( DONE at 1.25 )\n"
     "  Job   0 -- Response: 0.00  Turnaround 1.00  Wait 0.00\n"
     "  Job   1 -- Response: 1.00  Turnaround 1.25  Wait 1.00\n"
     "  Average -- Response: 0.50  Turnaround 1.12  Wait 0.50\n"},
    {"fifo_float_sum_rounds_like_python", {"-p", "FIFO", "-l", "0.5,0.505", "-c"},
     "  [ time   0 ] Run job 0 for 0.50 secs ( DONE at 0.50 )\n"
     "  [ time   0 ] Run job 1 for 0.51 secs ( DONE at 1.00 )\n"
     "  Job   0 -- Response: 0.00  Turnaround 0.50  Wait 0.00\n"
     "  Job   1 -- Response: 0.50  Turnaround 1.00  Wait 0.50\n"
     "  Average -- Response: 0.25  Turnaround 0.75  Wait 0.25\n"},
    {"rr_tenths_no_quantum_waste", {"-p", "RR", "-l", "0.1,0.2,0.3", "-q", "1", "-c"},
     "  [ time   0 ] Run job   0 for 0.10 secs ( DONE at 0.10 )\n"
     "  [ time   0 ] Run job   1 for 0.20 secs ( DONE at 0.30 )\n"
     "  [ time   0 ] Run job   2 for 0.30 secs ( DONE at 0.60 )\n"
     "  Job   0 -- Response: 0.00  Turnaround 0.10  Wait 0.00\n"
     "  Job   1 -- Response: 0.10  Turnaround 0.30  Wait 0.10\n"
     "  Job   2 -- Response: 0.30  Turnaround 0.60  Wait 0.30\n"
     "  Average -- Response: 0.13  Turnaround 0.33  Wait 0.13\n"},
    {"fifo_six_decimals", {"-p", "FIFO", "-l", "1.234567,2.000001", "-c"},
     "  [ time   0 ] Run job 0 for 1.23 secs ( DONE at 1.23 )\n"
     "  [ time   1 ] Run job 1 for 2.00 secs ( DONE at 3.23 )\n"
     "  Job   0 -- Response: 0.00  Turnaround 1.23  Wait 0.00\n"
     "  Job   1 -- Response: 1.23  Turnaround 3.23  Wait 1.23\n"
     "  Average -- Response: 0.62  Turnaround 2.23  Wait 0.62\n"},
    {"sjf_reorders", {"-p", "SJF", "-l", "200,100,300", "-c"},
     "  [ time   0 ] Run job 1 for 100.00 secs ( DONE at 100.00 )\n"
     "  [ time 100 ] Run job 0 for 200.00 secs ( DONE at 300.00 )\n"
     "  [ time 300 ] Run job 2 for 300.00 secs ( DONE at 600.00 )\n"
     "  Job   1 -- Response: 0.00  Turnaround 100.00  Wait 0.00\n"
     "  Job   0 -- Response: 100.00  Turnaround 300.00  Wait 100.00\n"
     "  Job   2 -- Response: 300.00  Turnaround 600.00  Wait 300.00\n"
     "  Average -- Response: 133.33  Turnaround 333.33  Wait 133.33\n"},
    {"rr_quantum_10", {"-p", "RR", "-l", "10,20,30", "-q", "10", "-c"},
     "  [ time   0 ] Run job   0 for 10.00 secs ( DONE at 10.00 )\n"
     "  [ time  10 ] Run job   1 for 10.00 secs\n"
     "  [ time  20 ] Run job   2 for 10.00 secs\n"
     "  [ time  30 ] Run job   1 for 10.00 secs ( DONE at 40.00 )\n"
     "  [ time  40 ] Run job   2 for 10.00 secs\n"
     "  [ time  50 ] Run job   2 for 10.00 secs ( DONE at 60.00 )\n"
     "  Job   0 -- Response: 0.00  Turnaround 10.00  Wait 0.00\n"
     "  Job   1 -- Response: 10.00  Turnaround 40.00  Wait 20.00\n"
     "  Job   2 -- Response: 20.00  Turnaround 60.00  Wait 30.00\n"
     "  Average -- Response: 10.00  Turnaround 36.67  Wait 16.67\n"},
    {"fifo_binary_tie_0_375", {"-p", "FIFO", "-l", "0.375,0.75", "-c"},
     "  [ time   0 ] Run job 0 for 0.38 secs ( DONE at 0.38 )\n"
     "  [ time   0 ] Run job 1 for 0.75 secs ( DONE at 1.12 )\n"
     "  Job   0 -- Response: 0.00  Turnaround 0.38  Wait 0.00\n"
     "  Job   1 -- Response: 0.38  Turnaround 1.12  Wait 0.38\n"
     "  Average -- Response: 0.19  Turnaround 0.75  Wait 0.19\n"},
};

class SchedulerCase : public ::testing::TestWithParam<Case> {};

TEST_P(SchedulerCase, MatchesSchedulerPy) {
  const Case& c = GetParam();
  Parsed<SchedulerOptions> parsed = parse_scheduler_args(c.args);
  ASSERT_TRUE(parsed.options) << parsed.error;
  const SchedulerReport report = solve_scheduler(*parsed.options);
  const std::string text = format_scheduler(*parsed.options, &report);
  EXPECT_EQ(test::lines_after(text, "Execution trace:", {"Final statistics:"}), c.expected) << text;
}

INSTANTIATE_TEST_SUITE_P(Ostep, SchedulerCase, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace tl::ostep
