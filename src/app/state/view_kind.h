// Which view fills the area under the title: the tab bar at the top of the frame picks one (a
// click, or the key of its place: 1, 2, 3, ...), and so do the `view` option, a link's view
// and tl_set_view. Each view lives in its own file(s) under src/app/views/ and is drawn by one
// call. One table names them, in tab order; a new view adds its value and one row.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tl::app {

enum class ViewKind : std::uint8_t {
  Timeline,  // the scenario's run: controls, timeline, legend, metrics
  Memory,    // address spaces at the playhead: segments and pages, smaps figures
  Race,      // a shared variable's loads, adds and stores, one at a time
  Lab,       // measurements of this machine beside the simulator's predictions (desktop)
  Editor,    // the scenario editor (views/editor_view.cpp)
  Compare,   // one workload as threads and as processes side by side, and the speedup chart
};

struct ViewName {
  ViewKind kind;
  const char* name;   // option, link and JavaScript spelling
  const char* label;  // the tab's text
};

inline constexpr std::array<ViewName, 6> kViews = {{
    {ViewKind::Timeline, "timeline", "Timeline"},
    {ViewKind::Memory, "memory", "Memory"},
    {ViewKind::Race, "race", "Race"},
    {ViewKind::Compare, "compare", "Compare"},
    {ViewKind::Lab, "lab", "Lab"},
    {ViewKind::Editor, "editor", "Editor"},
}};

inline const char* to_string(ViewKind kind) {
  for (const ViewName& v : kViews)
    if (v.kind == kind) return v.name;
  return "?";
}

inline std::optional<ViewKind> view_from_name(std::string_view name) {
  for (const ViewName& v : kViews)
    if (name == v.name) return v.kind;
  return std::nullopt;
}

}  // namespace tl::app
