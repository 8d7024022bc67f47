// `threadlab-cli compare FILE [--json]`: a compare document (one "workload") run as threads of
// one process and as processes; prints both and the ratio of their makespans.
#include "cli/commands.h"
#include "sim/scenario/compare.h"
#include "sim/scenario/reader.h"
#include "sim/engine/engine.h"
#include "sim/core/format.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace tl::cli {

std::optional<Scenario> load_compare_variant(const std::string& file, const std::string& text, WorkerModel as,
                                             std::optional<bool> gil, Streams io) {
  // Read with the scenario reader's limits (size, value count, depth) and duplicate-key check:
  // the document is copied and written out again below, so an unbounded one must stop here.
  detail::Errors json_errors;
  const std::optional<nlohmann::ordered_json> json = detail::parse_json(text, json_errors);
  if (!json || json_errors.count() > 0) {
    for (const ScenarioError& e : json_errors.take())
      io.err << "error: " << file << ": " << (e.path.empty() ? "" : e.path + ": ") << e.message << "\n";
    return std::nullopt;
  }
  const nlohmann::ordered_json& doc = *json;
  if (!is_compare_document(doc)) {
    io.err << "error: " << file << ": not a compare document (expected \"workload\": {\"as\", \"workers\", \"program\"})\n";
    return std::nullopt;
  }
  std::vector<ScenarioError> errors;
  std::optional<nlohmann::ordered_json> expanded = expand_compare(doc, as, errors);
  if (expanded && gil) (*expanded)["runtime"]["gil"] = *gil;
  ParseResult parsed = expanded ? parse_scenario(expanded->dump(), scenario_parse_options(file)) : ParseResult{};
  for (const ScenarioError& e : expanded ? parsed.errors : errors) io.err << format_error(e) << "\n";
  return parsed.scenario;
}

int cmd_compare(std::span<const std::string> args, Streams io) {
  CompareArgs a;
  if (std::string bad = parse_compare_args(args, a); !bad.empty()) {
    io.err << "error: " << bad << "\n";
    return kExitBadInput;
  }
  const std::string& file = a.file;
  const bool json = a.json;
  std::string reason;
  const std::optional<std::string> text = read_text_file(file, reason);
  if (!text) {
    io.err << "error: " << file << ": " << reason << "\n";
    return kExitBadInput;
  }
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
