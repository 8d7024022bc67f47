// Usage text and file reading shared by the commands. Files are read with std::ifstream
// (sim/core/text_file), so the same code works natively and under Emscripten's NODERAWFS.
#include "cli/commands.h"

#include "sim/core/text_file.h"
#include "sim/scenario/scenario.h"

#include <ostream>

namespace tl::cli {

void print_usage(std::ostream& out) {
  out << "usage: threadlab-cli COMMAND ...\n"
         "  run FILE [--json] [--trace-out OUT.json]\n"
         "      run a scenario; print its metrics as a table, or as one JSON object with\n"
         "      --json; --trace-out writes a Chrome/Perfetto trace of the run\n"
         "  validate FILE\n"
         "      check a scenario and print every error (exit 2 if there is any)\n"
         "  ostep scheduler|process-run|mlfq [FLAGS] [--json]\n"
         "      OSTEP's homework simulators (scheduler.py, process-run.py, mlfq.py) with their\n"
         "      own flags; -c prints the answers, --json prints them as JSON\n"
         "  compare FILE [--json]\n"
         "      a compare document's workload run as threads and as processes, and the ratio\n"
         "  sweep FILE [--cores A..B] [--json]\n"
         "      the workload on each core count x threads/processes x GIL on/off: speedups\n"
         "  lesson list | validate FILE... | check FILE [--set C=V ...] [--solution TASK] [--json]\n"
         "         | show FILE [--set C=V ...]\n"
         "      the tutorial's lessons: list them, validate lesson files, run a lesson's tasks\n"
         "  measure [--json] [--quick] [--profile-out FILE] [--python PATH] [--max-workers N]\n"
         "      measure this machine (threads, processes, pipes, CPython) beside the simulator's\n"
         "      prediction; --profile-out writes a machine profile for scenarios (native builds)\n"
         "  help\n"
         "exit codes: 0 ok, 1 internal error, 2 bad input\n";
}

std::optional<std::string> read_text_file(const std::string& path, std::string& reason) {
  return tl::read_text_file(path, kMaxScenarioDocumentBytes, "a scenario", reason);
}

ParseOptions scenario_parse_options(const std::string& scenario_file) {
  ParseOptions options;
  const std::size_t slash = scenario_file.find_last_of('/');
  const std::string folder = slash == std::string::npos ? "" : scenario_file.substr(0, slash + 1);
  options.read_profile_file = [folder](const std::string& name, std::string& reason) {
    return read_text_file(!name.empty() && name[0] == '/' ? name : folder + name, reason);
  };
  return options;
}

}  // namespace tl::cli
