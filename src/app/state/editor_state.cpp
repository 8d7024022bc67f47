#include "app/state/editor_state.h"

#include "app/state/document.h"

#include <array>

namespace tl::app {
namespace {

constexpr std::array kTemplates = {
    EditorTemplate{"Two threads, one counter, a lock", R"({
  "name": "my counter",
  "description": "Two threads of one process add to a shared counter under a lock.",
  "machine":   { "profile": "textbook", "cores": 2 },
  "scheduler": { "policy": "rr", "quantum_us": 1000 },
  "processes": [
    { "name": "P", "shared": { "counter": 0 },
      "threads": [
        { "name": "A", "program": [ { "repeat": 100, "do": [ { "lock": "m" }, { "increment": "counter" }, { "unlock": "m" } ] } ] },
        { "name": "B", "program": [ { "repeat": 100, "do": [ { "lock": "m" }, { "increment": "counter" }, { "unlock": "m" } ] } ] }
      ] } ]
}
)"},
    EditorTemplate{"Two processes computing", R"({
  "name": "my processes",
  "description": "Two single-threaded processes share the cores; each has its own memory.",
  "machine":   { "profile": "textbook", "cores": 2 },
  "scheduler": { "policy": "rr", "quantum_us": 10000 },
  "processes": [
    { "name": "first",  "threads": [ { "name": "main", "program": [ { "compute_us": 30000 } ] } ] },
    { "name": "second", "threads": [ { "name": "main", "program": [ { "compute_us": 30000 } ] } ] }
  ]
}
)"},
    EditorTemplate{"A CPU thread beside an I/O thread", R"({
  "name": "my overlap",
  "description": "While one thread waits for I/O the other computes.",
  "machine":   { "profile": "textbook", "cores": 1 },
  "scheduler": { "policy": "rr", "quantum_us": 5000 },
  "processes": [
    { "name": "server",
      "threads": [
        { "name": "cpu", "program": [ { "compute_us": 40000 } ] },
        { "name": "io",  "program": [ { "repeat": 10, "do": [ { "io_us": 3000 }, { "compute_us": 200 } ] } ] }
      ] } ]
}
)"},
};

}  // namespace

std::span<const EditorTemplate> editor_templates() { return kTemplates; }

void start_editor(EditorState& editor, std::string_view origin, std::string_view text) {
  editor.origin = std::string(origin);
  editor.origin_text = std::string(text);
  editor.text = editor.origin_text;
  check_editor(editor);
}

void check_editor(EditorState& editor) {
  ++editor.edits;
  editor.errors.clear();
  editor.summary.clear();
  const DocumentParse parsed = parse_document("editor", editor.text);
  if (parsed.document) {
    const Scenario& s = parsed.document->scenario;
    editor.summary = std::to_string(s.processes.size()) + (s.processes.size() == 1 ? " process, " : " processes, ") +
                     std::to_string(s.threads.size()) + (s.threads.size() == 1 ? " thread" : " threads") + " on " +
                     std::to_string(s.machine.cores) + (s.machine.cores == 1 ? " core" : " cores");
    return;
  }
  const JsonLines lines = json_lines(editor.text);
  for (const ScenarioError& e : parsed.errors) {
    const int named = line_in_message(e.message);
    editor.errors.push_back({named > 0 ? named : line_of(lines, e.path), e.path, e.message});
  }
}

void reset_editor(EditorState& editor) {
  editor.text = editor.origin_text;
  check_editor(editor);
}

}  // namespace tl::app
