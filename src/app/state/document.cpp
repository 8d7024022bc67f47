#include "app/state/document.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace tl::app {

DocumentParse parse_document(std::string_view name, std::string_view json_text) {
  ParseResult parsed = parse_scenario(json_text);
  DocumentParse out;
  if (!parsed.scenario) {
    out.errors = std::move(parsed.errors);
    return out;
  }
  Document document = document_from(std::move(*parsed.scenario), name);
  document.text = std::string(json_text);
  document.title = std::move(parsed.title);
  document.description = std::move(parsed.description);
  document.description_cores = mentions_core_count(document.description);
  out.document = std::move(document);
  return out;
}

Document document_from(Scenario scenario, std::string_view name) {
  Document document;
  document.name = std::string(name);
  document.scenario = std::move(scenario);
  return document;
}

std::string error_lines(const std::vector<ScenarioError>& errors) {
  std::string text;
  for (const ScenarioError& error : errors) {
    if (!text.empty()) text += '\n';
    text += format_error(error);
  }
  return text;
}

bool mentions_core_count(std::string_view description) {
  static constexpr std::string_view kCounts[] = {"one", "two", "three", "four", "eight", "sixteen"};
  std::string text(description);
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  for (std::size_t at = text.find("core"); at != std::string::npos; at = text.find("core", at + 1)) {
    // The word before "core"/"cores": a number in digits or in words.
    std::size_t end = at;
    while (end > 0 && text[end - 1] == ' ') --end;
    std::size_t begin = end;
    while (begin > 0 && std::isalnum(static_cast<unsigned char>(text[begin - 1]))) --begin;
    const std::string_view word = std::string_view(text).substr(begin, end - begin);
    if (word.empty() || end == at) continue;  // "multicore", or nothing before it
    if (std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c); })) return true;
    if (std::find(std::begin(kCounts), std::end(kCounts), word) != std::end(kCounts)) return true;
  }
  return false;
}

}  // namespace tl::app
