// `threadlab-cli compare FILE [--json]`: a compare document (one "workload") run as threads of
// one process and as processes; prints both and the ratio of their makespans.
#include "cli/commands.h"
#include "sim/scenario/compare.h"
#include "sim/engine/engine.h"
#include "sim/core/format.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace tl::cli {

std::optional<Scenario> load_compare_variant(const std::string& file, const std::string& text, WorkerModel as,
                                             std::optional<bool> gil, Streams io) {
  nlohmann::ordered_json doc = nlohmann::ordered_json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    io.err << "error: " << file << ": not valid JSON\n";
    return std::nullopt;
  }
  if (!is_compare_document(doc)) {
    io.err << "error: " << file << ": not a compare document (expected \"workload\": {\"as\", \"workers\", \"program\"})\n";
    return std::nullopt;
  }
  std::vector<ScenarioError> errors;
  std::optional<nlohmann::ordered_json> expanded = expand_compare(doc, as, errors);
  if (expanded && gil) (*expanded)["runtime"]["gil"] = *gil;
  ParseResult parsed = expanded ? parse_scenario(expanded->dump()) : ParseResult{};
  for (const ScenarioError& e : expanded ? parsed.errors : errors) io.err << format_error(e) << "\n";
  return parsed.scenario;
}

int cmd_compare(std::span<const std::string> args, Streams io) {
  std::string file;
  bool json = false;
  for (const std::string& a : args) {
    if (a == "--json") json = true;
    else if (!a.empty() && a[0] == '-') { io.err << "error: unknown flag '" << a << "' (compare takes FILE, --json)\n"; return kExitBadInput; }
    else if (file.empty()) file = a;
    else { io.err << "error: compare takes one FILE\n"; return kExitBadInput; }
  }
  if (file.empty()) { io.err << "error: compare needs a FILE\n"; return kExitBadInput; }
  std::string reason;
  const std::optional<std::string> text = read_text_file(file, reason);
  if (!text) { io.err << "error: " << file << ": " << reason << "\n"; return kExitBadInput; }
  RunResult results[2];
  const WorkerModel models[2] = {WorkerModel::Threads, WorkerModel::Processes};
  for (int i = 0; i < 2; ++i) {
    const std::optional<Scenario> sc = load_compare_variant(file, *text, models[i], std::nullopt, io);
    if (!sc) return kExitBadInput;
    results[i] = run(*sc);
  }
  const TimeNs t = results[0].metrics.makespan, p = results[1].metrics.makespan;
  const std::string ratio = format_thousandths(p > 0 ? t * 1000 / p : 0);
  if (json) {
    io.out << "{\"threads\":{\"outcome\":\"" << to_string(results[0].outcome) << "\",\"makespan_us\":" << format_us(t)
           << "},\"processes\":{\"outcome\":\"" << to_string(results[1].outcome) << "\",\"makespan_us\":" << format_us(p)
           << "},\"speedup_of_processes\":" << ratio << "}\n";
  } else {
    io.out << "as threads:   " << to_string(results[0].outcome) << ", makespan " << format_us(t) << " us\n"
           << "as processes: " << to_string(results[1].outcome) << ", makespan " << format_us(p) << " us\n"
           << "processes are " << ratio << "x as fast as threads\n";
  }
  return kExitOk;
}

}  // namespace tl::cli
