// Desktop exports: the run's Chrome trace, its metrics as CSV and its scenario as JSON, written
// as files next to the working directory (the web page downloads the same texts instead).
#pragma once
#include "app/app.h"

#include <filesystem>
#include <string>
#include <vector>

namespace tl::app {

struct SavedExports {
  std::vector<std::string> files;  // written, in order: trace, metrics, scenario
  std::string error;               // the first failure ("" if none)
};

// Writes threadlab-NAME.trace.json, .metrics.csv and .scenario.json (when the scenario has a
// file) into `dir`.
SavedExports save_exports(const AppState& state, const std::filesystem::path& dir);

// An "Export" button on the current line (if there is room) and, after a click, what it wrote.
void draw_export_button(const AppState& state);

}  // namespace tl::app
