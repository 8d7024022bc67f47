// The scenario editor: the JSON in a text field, checked on every change with each error at
// its line and JSON path; Run shows it in the timeline; start from an example or a template;
// Reset goes back to where it started. Edits change the editor state in place; running is
// returned as what the learner asked for.
#pragma once
#include "app/rect.h"
#include "app/state/editor_state.h"

#include <map>
#include <string>
#include <vector>

namespace tl::app {

struct EditorAsk {
  bool run = false;  // show the text's scenario in the timeline
};

struct EditorLayout {  // where the last frame put things (tl_state_json, tests)
  Rect text, run, reset, start_combo;
  std::map<std::string, Rect> start_items;  // the open combo's entries, by name
  std::vector<Rect> errors;                 // [error] its line in the list
};

EditorAsk draw_editor_view(EditorState& editor, EditorLayout& layout);

}  // namespace tl::app
