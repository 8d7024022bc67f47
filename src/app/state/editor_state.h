// The scenario editor's side of the state: the text being edited, its errors located at their
// lines (checked on every change, so they follow the learner's typing), the example or
// template it started from. Running it hands the text to the viewer (load_scenario).
#pragma once
#include "app/state/json_lines.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tl::app {

struct EditorError {
  int line = 1;      // 1-based, where the error is in the text
  std::string path;  // the JSON path the parser named ("" = the document)
  std::string message;
};

struct EditorTemplate {
  const char* name;  // shown in the Templates menu
  const char* text;  // a complete, valid scenario to start from
};
// Small scenarios that show one idea each; every one parses (tests check).
std::span<const EditorTemplate> editor_templates();

struct EditorState {
  std::string text;                 // what the learner is editing
  std::string origin;               // the example or template it started from
  std::string origin_text;          // its text, for Reset
  std::vector<EditorError> errors;  // of `text`, in document order
  std::string summary;              // "2 processes, 3 threads" when valid
  std::uint64_t edits = 0;          // changes checked so far
  std::uint64_t runs = 0;           // Run pressed with a valid text
};

// Starts from `text` (an example's or a template's); checks it.
void start_editor(EditorState& editor, std::string_view origin, std::string_view text);
// The learner changed the text: check it again.
void check_editor(EditorState& editor);
// Back to the text it started from.
void reset_editor(EditorState& editor);

}  // namespace tl::app
