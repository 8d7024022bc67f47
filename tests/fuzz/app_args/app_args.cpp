// The desktop program's arguments, which the web loader also builds from URL parameters (so
// anyone who crafts a link controls them): one word per line of the input. Every problem is an
// "error:" line and every accepted value is in its range.
#include "fuzz_support.h"

#include "app/app.h"
#include "app/state/args.h"
#include "app/state/catalog.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tl;
  const std::vector<std::string> words = fuzz::split_words(fuzz::as_text(data, size));
  std::vector<const char*> argv;
  for (const std::string& w : words) argv.push_back(w.c_str());
  const app::ParsedArgs parsed = app::parse_args(argv);
  for (const std::string& e : parsed.errors) {
    fuzz::require(e.rfind("error: ", 0) == 0, "an error line starts with 'error: '");
    fuzz::require(e.find('\n') == std::string::npos, "an error is one line");
  }
  const app::Options& o = parsed.options;
  fuzz::require(o.cores == 0 || (o.cores >= app::kMinCores && o.cores <= app::kMaxCores), "cores in range");
  fuzz::require(o.frames >= 0, "frames not negative");
  fuzz::require(o.scenario.empty() || app::find_embedded_scenario(o.scenario) != nullptr, "a known scenario");
  return 0;
}
