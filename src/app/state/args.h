// Command-line arguments, which are also the page's URL keys: the web loader passes ?cores=4 as
// --cores 4 (src/app/interface.json lists which keys it passes; that one list also gives the
// usage text). The parser never exits: it reports every problem and keeps the default for that
// option, and the platform decides whether a problem is fatal (desktop: exit 2) or a warning
// (web).
#pragma once
#include <span>
#include <string>
#include <vector>

namespace tl::app {

struct Options {
  std::string file;        // a scenario file to open (desktop: `threadlab FILE.json`)
  std::string scenario;    // an embedded scenario's name; "" = the default (slice)
  std::string lesson;      // a lesson's id; "" = none (the scenario viewer)
  std::string compare;     // a compare workload's name: open the Compare view on it
  int cores = 0;           // 0 = the scenario's own core count
  std::string view;        // a view's name (view_kind.h); "" = the timeline
  int frames = 0;          // 0 = run until the window closes
  std::string screenshot;  // write the last frame here (PPM), then exit
  bool help = false;
};

struct ParsedArgs {
  Options options;
  std::vector<std::string> errors;  // "error: --cores: ..." one line each
};

// `args` excludes the program name.
ParsedArgs parse_args(std::span<const char* const> args);

std::string usage_text();

}  // namespace tl::app
