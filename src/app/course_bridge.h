// The app's side of what a course page does with threadlab: capture the state into a link and
// restore it, carry out host-page commands, describe the open lesson for the page's accessible
// mirror, and export the run (Chrome trace, metrics CSV, scenario JSON). The checking of what
// comes in lives in tlcourse (src/course), without UI; this applies what passed the checks.
//
// [SECTION] Links
// [SECTION] Host-page commands
// [SECTION] Lesson description and exports
#pragma once
#include "app/app.h"
#include "course/host_api.h"
#include "course/url_state.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tl::app {

// What the page keeps beside the app: embed mode and the view named in the link.
struct CourseSettings {
  bool embed = false;
  std::string view = "timeline";
};

// ---- [SECTION] Links ------------------------------------------------------------------------
course::UrlState capture_url_state(const AppState& state, const CourseSettings& settings);
// Applies a decoded link: lesson (with its settings) or scenario, cores, playhead, playing.
// Returns one message per part that could not be applied (an unknown lesson, a setting the
// lesson refuses); those parts keep their defaults.
std::vector<std::string> apply_url_state(AppState& state, CourseSettings& settings, const course::UrlState& link);
// The views a link may name (the first is the default).
const std::vector<std::string>& view_names();

// ---- [SECTION] Host-page commands -----------------------------------------------------------
// {"ok": true, ...} or {"ok": false, "error": "..."}; get-state's reply carries "state".
nlohmann::json run_host_command(AppState& state, CourseSettings& settings, const course::HostCommand& command);
// The state a host sees: lesson and task ids, controls, cores, playhead (docs/embedding.md).
nlohmann::json host_state(const AppState& state, const CourseSettings& settings);

// ---- [SECTION] Lesson description and exports -----------------------------------------------
// The open lesson as the accessible mirror shows it (null when none): text, controls with
// their choices, tasks with their state, the question.
nlohmann::json lesson_description(const AppState& state);
// kind: "trace" (Chrome trace JSON), "metrics" (CSV), "scenario" (JSON), "run" (JSON: the
// metrics as the mirror's table shows them). "" and `error` set for an unknown kind.
std::string export_text(const AppState& state, std::string_view kind, std::string& error);

}  // namespace tl::app
