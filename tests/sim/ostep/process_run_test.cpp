// Expected outputs were produced by running a line-by-line Python transliteration of the
// ostep-homework tools' solving code (commit 6c6cfc7e semantics, see ostep-compat.md) on the
// same arguments; only the resulting lines are kept here, not the tools' code.
#include "sim/ostep/process_run.h"
#include "support/text.h"

#include <gtest/gtest.h>

namespace tl::ostep {
namespace {

struct Case {
  const char* name;
  std::vector<std::string> args;
  const char* expected;  // the per-tick table and the -p statistics, verbatim
};

const Case kCases[] = {
    {"public_l_3_0_5_100_immediate", {"-l", "3:0,5:100", "-L", "5", "-S", "SWITCH_ON_IO", "-I", "IO_RUN_IMMEDIATE", "-c", "-p"},
     "Time        PID: 0        PID: 1           CPU           IOs\n"
     "  1         RUN:io         READY             1          \n"
     "  2        BLOCKED       RUN:cpu             1             1\n"
     "  3        BLOCKED       RUN:cpu             1             1\n"
     "  4        BLOCKED       RUN:cpu             1             1\n"
     "  5        BLOCKED       RUN:cpu             1             1\n"
     "  6        BLOCKED       RUN:cpu             1             1\n"
     "  7*   RUN:io_done          DONE             1          \n"
     "  8         RUN:io          DONE             1          \n"
     "  9        BLOCKED          DONE                           1\n"
     " 10        BLOCKED          DONE                           1\n"
     " 11        BLOCKED          DONE                           1\n"
     " 12        BLOCKED          DONE                           1\n"
     " 13        BLOCKED          DONE                           1\n"
     " 14*   RUN:io_done          DONE             1          \n"
     " 15         RUN:io          DONE             1          \n"
     " 16        BLOCKED          DONE                           1\n"
     " 17        BLOCKED          DONE                           1\n"
     " 18        BLOCKED          DONE                           1\n"
     " 19        BLOCKED          DONE                           1\n"
     " 20        BLOCKED          DONE                           1\n"
     " 21*   RUN:io_done          DONE             1          \n"
     "\n"
     "Stats: Total Time 21\n"
     "Stats: CPU Busy 11 (52.38%)\n"
     "Stats: IO Busy  15 (71.43%)\n"
     "\n"},
    {"public_l_5_100_5_100", {"-l", "5:100,5:100", "-c", "-p"},
     "Time        PID: 0        PID: 1           CPU           IOs\n"
     "  1        RUN:cpu         READY             1          \n"
     "  2        RUN:cpu         READY             1          \n"
     "  3        RUN:cpu         READY             1          \n"
     "  4        RUN:cpu         READY             1          \n"
     "  5        RUN:cpu         READY             1          \n"
     "  6           DONE       RUN:cpu             1          \n"
     "  7           DONE       RUN:cpu             1          \n"
     "  8           DONE       RUN:cpu             1          \n"
     "  9           DONE       RUN:cpu             1          \n"
     " 10           DONE       RUN:cpu             1          \n"
     "\n"
     "Stats: Total Time 10\n"
     "Stats: CPU Busy 10 (100.00%)\n"
     "Stats: IO Busy  0 (0.00%)\n"
     "\n"},
    {"cpu_then_io_default", {"-P", "c3,i:c2", "-c", "-p"},
     "Time        PID: 0        PID: 1           CPU           IOs\n"
     "  1        RUN:cpu         READY             1          \n"
     "  2        RUN:cpu         READY             1          \n"
     "  3        RUN:cpu         READY             1          \n"
     "  4         RUN:io         READY             1          \n"
     "  5        BLOCKED       RUN:cpu             1             1\n"
     "  6        BLOCKED       RUN:cpu             1             1\n"
     "  7        BLOCKED          DONE                           1\n"
     "  8        BLOCKED          DONE                           1\n"
     "  9        BLOCKED          DONE                           1\n"
     " 10*   RUN:io_done          DONE             1          \n"
     "\n"
     "Stats: Total Time 10\n"
     "Stats: CPU Busy 7 (70.00%)\n"
     "Stats: IO Busy  5 (50.00%)\n"
     "\n"},
    {"switch_on_end_idles_during_io", {"-P", "i,c1:c3", "-S", "SWITCH_ON_END", "-c", "-p"},
     "Time        PID: 0        PID: 1           CPU           IOs\n"
     "  1         RUN:io         READY             1          \n"
     "  2        BLOCKED         READY                           1\n"
     "  3        BLOCKED         READY                           1\n"
     "  4        BLOCKED         READY                           1\n"
     "  5        BLOCKED         READY                           1\n"
     "  6        BLOCKED         READY                           1\n"
     "  7*   RUN:io_done         READY             1          \n"
     "  8        RUN:cpu         READY             1          \n"
     "  9           DONE       RUN:cpu             1          \n"
     " 10           DONE       RUN:cpu             1          \n"
     " 11           DONE       RUN:cpu             1          \n"
     "\n"
     "Stats: Total Time 11\n"
     "Stats: CPU Busy 6 (54.55%)\n"
     "Stats: IO Busy  5 (45.45%)\n"
     "\n"},
    {"io_length_zero", {"-P", "c1,i,c1:c2", "-L", "0", "-c", "-p"},
     "Time        PID: 0        PID: 1           CPU           IOs\n"
     "  1        RUN:cpu         READY             1          \n"
     "  2         RUN:io         READY             1          \n"
     "  3*         READY       RUN:cpu             1          \n"
     "  4          READY       RUN:cpu             1          \n"
     "  5    RUN:io_done          DONE             1          \n"
     "  6        RUN:cpu          DONE             1          \n"
     "\n"
     "Stats: Total Time 6\n"
     "Stats: CPU Busy 6 (100.00%)\n"
     "Stats: IO Busy  0 (0.00%)\n"
     "\n"},
    {"io_run_immediate_preempts", {"-P", "i,c2:i,c3:c4", "--iodone=IO_RUN_IMMEDIATE", "-c", "-p"},
     "Time        PID: 0        PID: 1        PID: 2           CPU           IOs\n"
     "  1         RUN:io         READY         READY             1          \n"
     "  2        BLOCKED        RUN:io         READY             1             1\n"
     "  3        BLOCKED       BLOCKED       RUN:cpu             1             2\n"
     "  4        BLOCKED       BLOCKED       RUN:cpu             1             2\n"
     "  5        BLOCKED       BLOCKED       RUN:cpu             1             2\n"
     "  6        BLOCKED       BLOCKED       RUN:cpu             1             2\n"
     "  7*   RUN:io_done       BLOCKED          DONE             1             1\n"
     "  8*         READY   RUN:io_done          DONE             1          \n"
     "  9          READY       RUN:cpu          DONE             1          \n"
     " 10          READY       RUN:cpu          DONE             1          \n"
     " 11          READY       RUN:cpu          DONE             1          \n"
     " 12        RUN:cpu          DONE          DONE             1          \n"
     " 13        RUN:cpu          DONE          DONE             1          \n"
     "\n"
     "Stats: Total Time 13\n"
     "Stats: CPU Busy 13 (100.00%)\n"
     "Stats: IO Busy  6 (46.15%)\n"
     "\n"},
    {"io_completion_and_exit_same_tick", {"-P", "i:c4", "-L", "3", "-c", "-p"},
     "Time        PID: 0        PID: 1           CPU           IOs\n"
     "  1         RUN:io         READY             1          \n"
     "  2        BLOCKED       RUN:cpu             1             1\n"
     "  3        BLOCKED       RUN:cpu             1             1\n"
     "  4        BLOCKED       RUN:cpu             1             1\n"
     "  5*         READY       RUN:cpu             1          \n"
     "  6    RUN:io_done          DONE             1          \n"
     "\n"
     "Stats: Total Time 6\n"
     "Stats: CPU Busy 6 (100.00%)\n"
     "Stats: IO Busy  3 (50.00%)\n"
     "\n"},
    {"immediate_takes_core_from_just_picked", {"-P", "i,c1:c1:c2", "-L", "1", "-I", "IO_RUN_IMMEDIATE", "-c", "-p"},
     "Time        PID: 0        PID: 1        PID: 2           CPU           IOs\n"
     "  1         RUN:io         READY         READY             1          \n"
     "  2        BLOCKED       RUN:cpu         READY             1             1\n"
     "  3*   RUN:io_done          DONE         READY             1          \n"
     "  4        RUN:cpu          DONE         READY             1          \n"
     "  5           DONE          DONE       RUN:cpu             1          \n"
     "  6           DONE          DONE       RUN:cpu             1          \n"
     "\n"
     "Stats: Total Time 6\n"
     "Stats: CPU Busy 6 (100.00%)\n"
     "Stats: IO Busy  1 (16.67%)\n"
     "\n"},
    {"later_waits_for_its_turn", {"-P", "i,c1:c1:c2", "-L", "1", "-c", "-p"},
     "Time        PID: 0        PID: 1        PID: 2           CPU           IOs\n"
     "  1         RUN:io         READY         READY             1          \n"
     "  2        BLOCKED       RUN:cpu         READY             1             1\n"
     "  3*         READY          DONE       RUN:cpu             1          \n"
     "  4          READY          DONE       RUN:cpu             1          \n"
     "  5    RUN:io_done          DONE          DONE             1          \n"
     "  6        RUN:cpu          DONE          DONE             1          \n"
     "\n"
     "Stats: Total Time 6\n"
     "Stats: CPU Busy 6 (100.00%)\n"
     "Stats: IO Busy  1 (16.67%)\n"
     "\n"},
    {"next_pid_scan_is_cyclic", {"-P", "c1,i,c1:c3:c2", "-L", "2", "-c", "-p"},
     "Time        PID: 0        PID: 1        PID: 2           CPU           IOs\n"
     "  1        RUN:cpu         READY         READY             1          \n"
     "  2         RUN:io         READY         READY             1          \n"
     "  3        BLOCKED       RUN:cpu         READY             1             1\n"
     "  4        BLOCKED       RUN:cpu         READY             1             1\n"
     "  5*         READY       RUN:cpu         READY             1          \n"
     "  6          READY          DONE       RUN:cpu             1          \n"
     "  7          READY          DONE       RUN:cpu             1          \n"
     "  8    RUN:io_done          DONE          DONE             1          \n"
     "  9        RUN:cpu          DONE          DONE             1          \n"
     "\n"
     "Stats: Total Time 9\n"
     "Stats: CPU Busy 9 (100.00%)\n"
     "Stats: IO Busy  2 (22.22%)\n"
     "\n"},
    {"switch_on_end_with_immediate", {"-P", "i,c2:c3", "-L", "4", "-S", "SWITCH_ON_END", "-I", "IO_RUN_IMMEDIATE", "-c", "-p"},
     "Time        PID: 0        PID: 1           CPU           IOs\n"
     "  1         RUN:io         READY             1          \n"
     "  2        BLOCKED         READY                           1\n"
     "  3        BLOCKED         READY                           1\n"
     "  4        BLOCKED         READY                           1\n"
     "  5        BLOCKED         READY                           1\n"
     "  6*   RUN:io_done         READY             1          \n"
     "  7        RUN:cpu         READY             1          \n"
     "  8        RUN:cpu         READY             1          \n"
     "  9           DONE       RUN:cpu             1          \n"
     " 10           DONE       RUN:cpu             1          \n"
     " 11           DONE       RUN:cpu             1          \n"
     "\n"
     "Stats: Total Time 11\n"
     "Stats: CPU Busy 7 (63.64%)\n"
     "Stats: IO Busy  4 (36.36%)\n"
     "\n"},
    {"overlapping_ios_count_once", {"-P", "i:i:c8", "-c", "-p"},
     "Time        PID: 0        PID: 1        PID: 2           CPU           IOs\n"
     "  1         RUN:io         READY         READY             1          \n"
     "  2        BLOCKED        RUN:io         READY             1             1\n"
     "  3        BLOCKED       BLOCKED       RUN:cpu             1             2\n"
     "  4        BLOCKED       BLOCKED       RUN:cpu             1             2\n"
     "  5        BLOCKED       BLOCKED       RUN:cpu             1             2\n"
     "  6        BLOCKED       BLOCKED       RUN:cpu             1             2\n"
     "  7*         READY       BLOCKED       RUN:cpu             1             1\n"
     "  8*         READY         READY       RUN:cpu             1          \n"
     "  9          READY         READY       RUN:cpu             1          \n"
     " 10          READY         READY       RUN:cpu             1          \n"
     " 11    RUN:io_done         READY          DONE             1          \n"
     " 12           DONE   RUN:io_done          DONE             1          \n"
     "\n"
     "Stats: Total Time 12\n"
     "Stats: CPU Busy 12 (100.00%)\n"
     "Stats: IO Busy  6 (50.00%)\n"
     "\n"},
    {"zero_length_io_immediate", {"-P", "i,i:c1", "-L", "0", "-I", "IO_RUN_IMMEDIATE", "-c", "-p"},
     "Time        PID: 0        PID: 1           CPU           IOs\n"
     "  1         RUN:io         READY             1          \n"
     "  2*   RUN:io_done         READY             1          \n"
     "  3         RUN:io         READY             1          \n"
     "  4*   RUN:io_done         READY             1          \n"
     "  5           DONE       RUN:cpu             1          \n"
     "\n"
     "Stats: Total Time 5\n"
     "Stats: CPU Busy 5 (100.00%)\n"
     "Stats: IO Busy  0 (0.00%)\n"
     "\n"},
    {"three_way_io_chain", {"--program=c2,i:c2,i:c2,i", "--iolength=3", "-c", "-p"},
     "Time        PID: 0        PID: 1        PID: 2           CPU           IOs\n"
     "  1        RUN:cpu         READY         READY             1          \n"
     "  2        RUN:cpu         READY         READY             1          \n"
     "  3         RUN:io         READY         READY             1          \n"
     "  4        BLOCKED       RUN:cpu         READY             1             1\n"
     "  5        BLOCKED       RUN:cpu         READY             1             1\n"
     "  6        BLOCKED        RUN:io         READY             1             1\n"
     "  7*         READY       BLOCKED       RUN:cpu             1             1\n"
     "  8          READY       BLOCKED       RUN:cpu             1             1\n"
     "  9          READY       BLOCKED        RUN:io             1             1\n"
     " 10*   RUN:io_done         READY       BLOCKED             1             1\n"
     " 11           DONE   RUN:io_done       BLOCKED             1             1\n"
     " 12           DONE          DONE       BLOCKED                           1\n"
     " 13*          DONE          DONE   RUN:io_done             1          \n"
     "\n"
     "Stats: Total Time 13\n"
     "Stats: CPU Busy 12 (92.31%)\n"
     "Stats: IO Busy  9 (69.23%)\n"
     "\n"},
    {"single_io_process", {"-P", "i", "-c", "-p"},
     "Time        PID: 0           CPU           IOs\n"
     "  1         RUN:io             1          \n"
     "  2        BLOCKED                           1\n"
     "  3        BLOCKED                           1\n"
     "  4        BLOCKED                           1\n"
     "  5        BLOCKED                           1\n"
     "  6        BLOCKED                           1\n"
     "  7*   RUN:io_done             1          \n"
     "\n"
     "Stats: Total Time 7\n"
     "Stats: CPU Busy 2 (28.57%)\n"
     "Stats: IO Busy  5 (71.43%)\n"
     "\n"},
    {"switch_on_end_short_io", {"-P", "i,c1:c1:c2", "-L", "1", "--switch", "SWITCH_ON_END", "-c", "-p"},
     "Time        PID: 0        PID: 1        PID: 2           CPU           IOs\n"
     "  1         RUN:io         READY         READY             1          \n"
     "  2        BLOCKED         READY         READY                           1\n"
     "  3*   RUN:io_done         READY         READY             1          \n"
     "  4        RUN:cpu         READY         READY             1          \n"
     "  5           DONE       RUN:cpu         READY             1          \n"
     "  6           DONE          DONE       RUN:cpu             1          \n"
     "  7           DONE          DONE       RUN:cpu             1          \n"
     "\n"
     "Stats: Total Time 7\n"
     "Stats: CPU Busy 6 (85.71%)\n"
     "Stats: IO Busy  1 (14.29%)\n"
     "\n"},
};

class ProcessRunCase : public ::testing::TestWithParam<Case> {};

TEST_P(ProcessRunCase, MatchesProcessRunPy) {
  const Case& c = GetParam();
  Parsed<ProcessRunOptions> parsed = parse_process_run_args(c.args);
  ASSERT_TRUE(parsed.options) << parsed.error;
  const ProcessRunReport report = solve_process_run(*parsed.options);
  std::string text = format_process_run(*parsed.options, &report);
  // -l lists start with the note about our random generator; the table follows.
  text = text.substr(text.find("Time"));
  EXPECT_EQ(text, c.expected);
}

INSTANTIATE_TEST_SUITE_P(Ostep, ProcessRunCase, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace tl::ostep
