// `threadlab-cli validate FILE`: every error of the scenario, one format_error line each.
#include "cli/commands.h"

#include "sim/scenario/scenario.h"

#include "sim/core/format.h"
#include <ostream>

namespace tl::cli {

namespace {

const char* policy_name(PolicyKind p) {
  switch (p) {
    case PolicyKind::Fifo: return "fifo";
    case PolicyKind::Sjf: return "sjf";
    case PolicyKind::Stcf: return "stcf";
    case PolicyKind::Rr: return "rr";
    case PolicyKind::Priority: return "priority";
    case PolicyKind::Mlfq: return "mlfq";
    case PolicyKind::Cyclic: return "cyclic";
  }
  return "?";
}

}  // namespace

int cmd_validate(std::span<const std::string> args, Streams io) {
  std::string file;
  for (const std::string& a : args) {
    if (a.size() > 1 && a[0] == '-') {
      io.err << "error: unknown flag " << tl::quote_name(a) << " (validate takes one FILE)\n";
      return kExitBadInput;
    }
    if (!file.empty()) {
      io.err << "error: unexpected argument " << tl::quote_name(a) << " (validate takes one FILE)\n";
      return kExitBadInput;
    }
    file = a;
  }
  if (file.empty()) {
    io.err << "error: validate: missing scenario FILE\n";
    return kExitBadInput;
  }
  std::string reason;
  std::optional<std::string> text = read_text_file(file, reason);
  if (!text) {
    io.err << "error: " << file << ": " << reason << "\n";
    return kExitBadInput;
  }
  ParseResult parsed = parse_scenario(*text, scenario_parse_options(file));
  if (!parsed.scenario) {
    for (const ScenarioError& e : parsed.errors) io.err << format_error(e) << "\n";
    return kExitBadInput;
  }
  const Scenario& s = *parsed.scenario;
  io.out << "ok: " << file << ": " << s.processes.size() << " process"
         << (s.processes.size() == 1 ? "" : "es") << ", " << s.threads.size() << " thread"
         << (s.threads.size() == 1 ? "" : "s") << ", " << s.machine.cores << " core"
         << (s.machine.cores == 1 ? "" : "s") << ", policy " << policy_name(s.scheduler.policy)
         << "\n";
  return kExitOk;
}

}  // namespace tl::cli
