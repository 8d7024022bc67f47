// Any bytes as a scenario file: the parser returns a scenario or errors (never both, never
// neither), and every error prints as one "error: ..." line.
#include "fuzz_support.h"

#include "sim/scenario/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tl;
  const ParseResult r = parse_scenario(fuzz::as_text(data, size));
  fuzz::require(r.scenario.has_value() == r.errors.empty(), "a scenario or errors, not both");
  for (const ScenarioError& e : r.errors) {
    const std::string line = format_error(e);
    fuzz::require(line.rfind("error: ", 0) == 0, "an error line starts with 'error: '");
    fuzz::require(line.find('\n') == std::string::npos && line.find('\r') == std::string::npos,
                  "an error is one line");
  }
  return 0;
}
