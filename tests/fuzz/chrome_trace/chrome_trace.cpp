// The Chrome trace of any valid scenario's (bounded) run is one well-formed JSON document with
// a traceEvents array, whatever names and numbers the scenario holds.
#include "fuzz_support.h"

#include "sim/export/chrome_trace.h"
#include "sim/scenario/scenario.h"

#include <nlohmann/json.hpp>

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tl;
  ParseResult parsed = parse_scenario(fuzz::as_text(data, size));
  if (!parsed.scenario) return 0;
  Scenario& sc = *parsed.scenario;
  // Fewer steps than the run target: writing and re-reading the trace costs per span, and
  // 2000 steps already give every kind of event the writer emits.
  fuzz::bound_for_fuzzing(sc, 2'000);
  const RunResult r = run(sc);
  std::ostringstream out;
  fuzz::require(write_chrome_trace(out, sc, r), "the trace is written to a good stream");
  const nlohmann::json doc = nlohmann::json::parse(out.str(), nullptr, false);
  fuzz::require(!doc.is_discarded(), "the trace is valid JSON");
  fuzz::require(doc.is_object() && doc.contains("traceEvents") && doc["traceEvents"].is_array(),
                "the trace has a traceEvents array");
  return 0;
}
