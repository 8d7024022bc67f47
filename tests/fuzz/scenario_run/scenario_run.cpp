// Any bytes a scenario file could hold, parsed and, when valid, run twice with the event limit
// lowered (fuzz_support.h): the run keeps the trace's promises and is deterministic.
#include "fuzz_support.h"

#include "sim/scenario/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tl;
  ParseResult parsed = parse_scenario(fuzz::as_text(data, size));
  if (!parsed.scenario) return 0;
  Scenario& sc = *parsed.scenario;
  fuzz::bound_for_fuzzing(sc);
  const RunResult a = run(sc);
  fuzz::check_run(sc, a);
  const RunResult b = run(sc);
  fuzz::check_same(a, b);
  return 0;
}
