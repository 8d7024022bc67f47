// Any bytes as a compare document ("workload" shorthand): expanding it for threads and for
// processes gives either errors or a document the scenario parser takes or rejects cleanly;
// a valid expansion runs (bounded) and keeps the run's promises.
#include "fuzz_support.h"

#include "sim/scenario/compare.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tl;
  const nlohmann::ordered_json doc = nlohmann::ordered_json::parse(fuzz::as_text(data, size), nullptr, false);
  if (doc.is_discarded() || !is_compare_document(doc)) return 0;
  std::vector<ScenarioError> model_errors;
  (void)compare_model(doc, model_errors);
  for (WorkerModel as : {WorkerModel::Threads, WorkerModel::Processes}) {
    std::vector<ScenarioError> errors;
    const std::optional<nlohmann::ordered_json> expanded = expand_compare(doc, as, errors);
    fuzz::require(expanded.has_value() == errors.empty(), "an expansion or errors, not both");
    if (!expanded) continue;
    ParseResult parsed = parse_scenario(expanded->dump());
    fuzz::require(parsed.scenario.has_value() == parsed.errors.empty(), "a scenario or errors, not both");
    if (!parsed.scenario) continue;
    fuzz::bound_for_fuzzing(*parsed.scenario);
    fuzz::check_run(*parsed.scenario, run(*parsed.scenario));
  }
  return 0;
}
