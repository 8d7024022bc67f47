// tl_state_json() shape (version 2 = version 1 plus "thread_lanes", "timeline", "pending"):
//   {"version":2, "frame":N, "cores":N, "canvas":{"w","h"},
//    "lanes":[{"core","x0","y0","x1","y1"}],          // where each core's spans are drawn
//    "thread_lanes":[{"thread","x0","y0","x1","y1"}], // where each thread's states are drawn
//    "timeline":{"x0","y0","x1","y1"},                // its visible region: a lane outside it
//                                                     // is scrolled out of view
//    "threads":[{"name","color":"#rrggbb"}],          // exactly the RGB of the thread's spans
//    "controls":{"cores":{"x0","y0","x1","y1","min","max"}},
//    "makespan_us", "playhead_us", "playing", "runs",
//    "pending"}                                       // a newer run is still being simulated
// Lanes and controls are those of the last frame drawn (empty before the first). "cores" is
// the slider's value; lanes show the last finished run, so compare them once "pending" is false.
#include "app/api.h"

#include "app/scenarios.h"
#include "app/theme.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace tl::app {
namespace {

AppState* g_state = nullptr;

nlohmann::json rect_json(const Rect& r) {
  return {{"x0", r.x0}, {"y0", r.y0}, {"x1", r.x1}, {"y1", r.y1}};
}

std::string hex_color(std::uint32_t rgb) {
  char text[8];
  std::snprintf(text, sizeof text, "#%06x", unsigned(rgb & 0xFFFFFF));
  return text;
}

}  // namespace

void attach_api(AppState* state) { g_state = state; }

}  // namespace tl::app

using namespace tl::app;

TL_EXPORT void tl_set_cores(int cores) {
  if (g_state == nullptr) return;
  if (!set_cores(*g_state, cores))
    std::fprintf(stderr, "tl_set_cores: %d ignored: cores must be %d to %d\n", cores, kMinCores, kMaxCores);
}

TL_EXPORT int tl_set_scenario(const char* name) {
  if (g_state == nullptr) return 0;
  if (name != nullptr && select_scenario(*g_state, name)) return 1;
  std::fprintf(stderr, "tl_set_scenario: unknown scenario '%s' ignored (one of: %s)\n", name ? name : "(null)",
               embedded_scenario_names().c_str());
  return 0;
}

TL_EXPORT const char* tl_state_json() {
  static std::string text;
  if (g_state == nullptr) {
    text = nlohmann::json{{"version", kStateJsonVersion}, {"error", "no app attached"}}.dump();
    return text.c_str();
  }
  const AppState& state = *g_state;
  nlohmann::json lanes = nlohmann::json::array();
  for (std::size_t core = 0; core < state.layout.lanes.size(); ++core) {
    nlohmann::json lane = rect_json(state.layout.lanes[core]);
    lane["core"] = core;
    lanes.push_back(std::move(lane));
  }
  nlohmann::json thread_lanes = nlohmann::json::array();
  for (std::size_t thread = 0; thread < state.layout.thread_lanes.size(); ++thread) {
    nlohmann::json lane = rect_json(state.layout.thread_lanes[thread]);
    lane["thread"] = thread;
    thread_lanes.push_back(std::move(lane));
  }
  nlohmann::json threads = nlohmann::json::array();
  for (tl::ThreadId t = 0; t < state.scenario.threads.size(); ++t)
    threads.push_back({{"name", state.scenario.threads[t].name}, {"color", hex_color(theme::thread_rgb(t))}});
  nlohmann::json scenarios = nlohmann::json::array();
  for (const EmbeddedScenario& s : embedded_scenarios()) scenarios.push_back(s.name);
  nlohmann::json variables = nlohmann::json::array();
  for (const VariableSummary& v : state.variables)
    variables.push_back({{"name", v.name}, {"value", v.value}, {"initial", v.initial}, {"increments", v.increments}});
  nlohmann::json slider = rect_json(state.layout.cores_slider);
  slider["min"] = kMinCores;
  slider["max"] = kMaxCores;

  const nlohmann::json json = {
      {"version", kStateJsonVersion},
      {"frame", state.frame},
      {"cores", state.cores},
      {"canvas", {{"w", state.layout.canvas_w}, {"h", state.layout.canvas_h}}},
      {"lanes", std::move(lanes)},
      {"thread_lanes", std::move(thread_lanes)},
      {"timeline", rect_json(state.layout.timeline)},
      {"threads", std::move(threads)},
      {"controls", {{"cores", std::move(slider)}, {"scenario", rect_json(state.layout.scenario_combo)}}},
      {"scenario", state.scenario_name},
      {"scenarios", std::move(scenarios)},
      {"title", state.title},
      {"outcome", tl::to_string(state.result->outcome)},
      {"outcome_line", state.outcome},
      {"variables", std::move(variables)},
      {"makespan_us", double(state.result->trace.makespan) / 1000.0},
      {"playhead_us", double(state.playhead) / 1000.0},
      {"playing", state.playing},
      {"runs", state.runs},
      {"pending", state.pending},
  };
  text = json.dump();
  return text.c_str();
}
