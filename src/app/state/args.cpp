#include "app/state/args.h"

#include "app/state/catalog.h"
#include "app/state/interface_table.h"
#include "app/state/lesson_state.h"
#include "app/state/run_slot.h"  // kMinCores, kMaxCores
#include "app/state/view_kind.h"
#include "app/views/compare_state.h"

#include "sim/core/format.h"

#include <algorithm>
#include <charconv>
#include <string_view>

namespace tl::app {
namespace {

// A whole decimal number in [lo, hi], or an error naming the option, the range and the value.
void parse_int(std::string_view option, const char* text, int lo, int hi, int& out, std::vector<std::string>& errors) {
  const std::string range = std::to_string(lo) + " to " + std::to_string(hi);
  if (text == nullptr) {
    errors.push_back("error: " + std::string(option) + ": missing value (a whole number from " + range + ")");
    return;
  }
  const std::string_view value(text);
  int parsed = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size() || parsed < lo || parsed > hi) {
    errors.push_back("error: " + std::string(option) + ": expected a whole number from " + range + ", got " + quote_name(value));
    return;
  }
  out = parsed;
}

const OptionKey* find_option(std::string_view arg) {
  if (arg == "-h") arg = "--help";
  if (arg.substr(0, 2) != "--") return nullptr;
  for (const OptionKey& option : kOptionKeys)
    if (arg.substr(2) == option.key) return &option;
  return nullptr;
}

// Reads `value` into the option `key` names; false for a key the table has and this does not
// (a test keeps the two together).
bool apply(std::string_view key, const char* value, Options& options, std::vector<std::string>& errors) {
  std::string flag = "--";  // appends: g++ 12's -Wrestrict misfires on "a" + b
  flag += key;
  if (key == "help") {
    options.help = true;
  } else if (key == "cores") {
    parse_int(flag, value, kMinCores, kMaxCores, options.cores, errors);
  } else if (key == "frames") {
    parse_int(flag, value, 1, 1'000'000'000, options.frames, errors);
  } else if (key == "scenario") {
    if (value == nullptr || *value == '\0')
      errors.push_back("error: --scenario: missing value (one of: " + embedded_scenario_names() + ")");
    else if (find_embedded_scenario(value) == nullptr)
      errors.push_back("error: --scenario: unknown scenario " + quote_name(value) + " (one of: " +
                       embedded_scenario_names() + ")");
    else
      options.scenario = value;
  } else if (key == "lesson") {
    if (value == nullptr || *value == '\0')
      errors.push_back("error: --lesson: missing value (one of: " + lesson_ids() + ")");
    else if (find_lesson(value) < 0)
      errors.push_back("error: --lesson: unknown lesson " + quote_name(value) + " (one of: " + lesson_ids() + ")");
    else
      options.lesson = value;
  } else if (key == "view") {
    std::string names;
    for (const ViewName& v : kViews) (names += names.empty() ? "" : ", ") += v.name;
    if (value == nullptr || *value == '\0')
      errors.push_back("error: --view: missing value (one of: " + names + ")");
    else if (!view_from_name(value))
      errors.push_back("error: --view: unknown view " + quote_name(value) + " (one of: " + names + ")");
    else
      options.view = value;
  } else if (key == "compare") {
    if (value == nullptr || *value == '\0' || find_compare_workload(value) == nullptr)
      errors.push_back("error: --compare: " +
                       (value == nullptr || *value == '\0' ? std::string("missing value")
                                                           : "unknown workload " + quote_name(value)) +
                       " (one of: " + compare_workload_names() + ")");
    else
      options.compare = value;
  } else if (key == "screenshot") {
    if (value == nullptr || *value == '\0')
      errors.push_back("error: --screenshot: missing value (a file name for the PPM image)");
    else
      options.screenshot = value;
  } else {
    return false;
  }
  return true;
}

}  // namespace

ParsedArgs parse_args(std::span<const char* const> args) {
  ParsedArgs parsed;
  Options& options = parsed.options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i] ? args[i] : "";
    const OptionKey* option = find_option(arg);
    if (option == nullptr && !arg.empty() && arg[0] != '-') {  // a scenario file
      if (!options.file.empty())
        parsed.errors.push_back("error: unexpected argument " + quote_name(arg) + " (one scenario FILE at most)");
      else
        options.file = std::string(arg);
      continue;
    }
    const bool takes_value = option != nullptr && *option->value != '\0';
    const char* value = takes_value && i + 1 < args.size() ? args[i + 1] : nullptr;
    if (option == nullptr || !apply(option->key, value, options, parsed.errors))
      parsed.errors.push_back("error: unknown argument " + quote_name(arg) + " (see --help)");
    i += value != nullptr;
  }
  if (!options.file.empty() && !options.scenario.empty())
    parsed.errors.push_back("error: --scenario: give a scenario FILE or --scenario NAME, not both");
  return parsed;
}

std::string usage_text() {
  std::string text = "usage: threadlab [FILE.json]";
  for (const OptionKey& option : kOptionKeys) {
    (text += " [--") += option.key;
    if (*option.value != '\0') (text += " ") += option.value;
    text += "]";
  }
  text += "\n  FILE.json          open this scenario file (errors as threadlab-cli validate prints them)\n";
  for (const OptionKey& option : kOptionKeys) {
    std::string left = "  --";
    left += option.key;
    if (*option.value != '\0') (left += " ") += option.value;
    left.resize(std::max<std::size_t>(left.size() + 2, 21), ' ');
    text += left + option.help + "\n";
  }
  return text;
}

}  // namespace tl::app
