// The scenario being studied, as opened: its text, the Scenario parsed from it, and the prose a
// learner reads (title, description). Parsed once, by parse_document; everything else reads it.
#pragma once
#include "sim/scenario/scenario.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tl::app {

struct Document {
  std::string name;                // the picker's name ("race") or the file it came from
  std::string text;                // the JSON as opened ("" for a scenario built in code)
  Scenario scenario;               // as parsed: machine.cores is the scenario's own count
  std::string title;               // the file's "name", if any
  std::string description;         // the file's "description", if any
  bool description_cores = false;  // the description states a core count
};

struct DocumentParse {
  std::optional<Document> document;   // set iff errors is empty
  std::vector<ScenarioError> errors;  // the parser's, document order
};

DocumentParse parse_document(std::string_view name, std::string_view json_text);
// A scenario built in code (lessons, tests): no text, no prose.
Document document_from(Scenario scenario, std::string_view name);

// The parser's errors as the CLI prints them: one "error: PATH: reason" line each.
std::string error_lines(const std::vector<ScenarioError>& errors);

// Whether a description states a core count ("on two cores", "on 2 cores", "one core"), so the
// UI can say which count it describes once the learner moves the slider.
bool mentions_core_count(std::string_view description);

}  // namespace tl::app
