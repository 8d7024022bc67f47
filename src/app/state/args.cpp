#include "app/args.h"

#include "app/app.h"
#include "app/scenarios.h"

#include <charconv>
#include <string_view>

namespace tl::app {
namespace {

// A whole decimal number in [lo, hi], or an error naming the option, the range and the value.
bool parse_int(std::string_view option, const char* text, int lo, int hi, int& out,
               std::vector<std::string>& errors) {
  const std::string range = std::to_string(lo) + " to " + std::to_string(hi);
  if (text == nullptr) {
    errors.push_back("error: " + std::string(option) + ": missing value (a whole number from " + range + ")");
    return false;
  }
  const std::string_view value(text);
  int parsed = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size() || parsed < lo || parsed > hi) {
    errors.push_back("error: " + std::string(option) + ": expected a whole number from " + range +
                     ", got '" + std::string(value) + "'");
    return false;
  }
  out = parsed;
  return true;
}

}  // namespace

ParsedArgs parse_args(std::span<const char* const> args) {
  ParsedArgs parsed;
  Options& options = parsed.options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i] ? args[i] : "";
    const char* value = i + 1 < args.size() ? args[i + 1] : nullptr;
    if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else if (arg == "--cores") {
      parse_int(arg, value, kMinCores, kMaxCores, options.cores, parsed.errors);
      i += value != nullptr;
    } else if (arg == "--scenario") {
      if (value == nullptr || *value == '\0')
        parsed.errors.push_back("error: --scenario: missing value (one of: " + embedded_scenario_names() + ")");
      else if (find_embedded_scenario(value) == nullptr)
        parsed.errors.push_back("error: --scenario: unknown scenario '" + std::string(value) +
                                "' (one of: " + embedded_scenario_names() + ")");
      else
        options.scenario = value;
      i += value != nullptr;
    } else if (arg == "--frames") {
      parse_int(arg, value, 1, 1'000'000'000, options.frames, parsed.errors);
      i += value != nullptr;
    } else if (arg == "--screenshot") {
      if (value == nullptr || *value == '\0')
        parsed.errors.push_back("error: --screenshot: missing value (a file name for the PPM image)");
      else
        options.screenshot = value;
      i += value != nullptr;
    } else {
      parsed.errors.push_back("error: unknown argument '" + std::string(arg) + "' (see --help)");
    }
  }
  return parsed;
}

const char* usage_text() {
  return "usage: threadlab [--scenario NAME] [--cores N] [--frames N] [--screenshot FILE] [--help]\n"
         "  --scenario NAME    open this example (the Scenario combo lists them; default slice)\n"
         "  --cores N          start with N cores (1 to 16; default: the scenario's own)\n"
         "  --frames N         draw N frames, then exit (smoke tests)\n"
         "  --screenshot FILE  save the last frame as a PPM image, then exit (desktop only;\n"
         "                     with no --frames, after 5 frames)\n"
         "  --help             show this help\n";
}

}  // namespace tl::app
