// threadlab-cli entry point: dispatches to one command and turns anything that escapes into
// exit code 1 with one "error:" line, so no input can crash the tool. Returns (never calls
// exit) so the exit code survives the Emscripten/Node build too.
#include "cli/commands.h"

#include "sim/core/format.h"
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

namespace {

int dispatch(const std::vector<std::string>& argv) {
  using namespace tl::cli;
  Streams io{std::cout, std::cerr};
  if (argv.empty()) {
    print_usage(std::cerr);
    return kExitBadInput;
  }
  const std::string& command = argv[0];
  std::span<const std::string> rest(argv.data() + 1, argv.size() - 1);
  if (command == "run") return cmd_run(rest, io);
  if (command == "validate") return cmd_validate(rest, io);
  if (command == "ostep") return cmd_ostep(rest, io);
  if (command == "compare") return cmd_compare(rest, io);
  if (command == "sweep") return cmd_sweep(rest, io);
  if (command == "lesson") return cmd_lesson(rest, io);
  if (command == "measure") return cmd_measure(rest, io);
  if (command == "help" || command == "--help" || command == "-h") {
    print_usage(std::cout);
    return kExitOk;
  }
  std::cerr << "error: unknown command " << tl::quote_name(command) << " (run, validate, ostep, compare, sweep, lesson, measure or help)\n";
  return kExitBadInput;
}

}  // namespace

int main(int argc, char** argv) {
  int code = tl::cli::kExitInternal;
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    code = dispatch(args);
  } catch (const std::bad_alloc&) {
    std::cerr << "error: internal: out of memory\n";
    code = tl::cli::kExitInternal;
  } catch (const std::exception& e) {
    std::cerr << "error: internal: " << e.what() << "\n";
    code = tl::cli::kExitInternal;
  } catch (...) {
    std::cerr << "error: internal: unknown exception\n";
    code = tl::cli::kExitInternal;
  }
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "error: could not write the output\n";
    if (code == tl::cli::kExitOk) code = tl::cli::kExitInternal;
  }
  return code;
}
