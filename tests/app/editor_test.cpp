// The scenario editor through the null backend, as a learner uses it: open its tab, type into
// the text, see each error at its line and path while typing, fix it, run it, reset it, start
// from a template or an example. And the JSON locator the errors' lines come from.
#include "app/state/catalog.h"
#include "app/state/json_lines.h"
#include "lesson_input.h"

#include <gtest/gtest.h>

namespace tl::app::test {
namespace {

TEST(JsonLines, EveryPathGetsTheLineOfItsKeyOrElement) {
  const std::string text =
      "{\n  \"machine\": { \"cores\": 2 },\n  \"processes\": [\n    { \"name\": \"P\",\n"
      "      \"threads\": [ { \"name\": \"A\" },\n                   { \"name\": \"B\" } ] } ]\n}\n";
  const JsonLines lines = json_lines(text);
  EXPECT_EQ(lines.at(""), 1);
  EXPECT_EQ(lines.at("machine.cores"), 2);
  EXPECT_EQ(lines.at("processes[0]"), 4);
  EXPECT_EQ(lines.at("processes[0].threads[1].name"), 6);
  EXPECT_EQ(line_of(lines, "processes[0].threads[1].program"), 6) << "a missing key: its object's line";
  EXPECT_EQ(line_of(lines, "nowhere.at.all"), 1);
  EXPECT_EQ(line_in_message("invalid JSON at line 12, column 3 (byte 80): x"), 12);
  EXPECT_EQ(line_in_message("must be positive"), 0);
  // Half-typed text: what was read stays located.
  const JsonLines partial = json_lines("{\n \"a\": [1,\n 2, {\"b\": ");
  EXPECT_EQ(partial.at("a[1]"), 3);
  EXPECT_EQ(partial.at("a[2].b"), 3);
}

TEST(Editor, EveryTemplateAndEmbeddedExampleIsValid) {
  EditorState editor;
  for (const EditorTemplate& t : editor_templates()) {
    start_editor(editor, t.name, t.text);
    EXPECT_TRUE(editor.errors.empty()) << t.name << ": " << editor.errors.front().message;
  }
  for (const EmbeddedScenario& s : embedded_scenarios()) {
    start_editor(editor, s.name, s.json);
    EXPECT_TRUE(editor.errors.empty()) << s.name;
  }
}

class EditorByInput : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(select_scenario(state, "race"));
    input.settle();
  }
  const EditorLayout& layout() const { return state.layout.editor; }
  // Clicks a rectangle of the main area (no scrolling needed there).
  void click_at(const Rect& r) {
    ASSERT_GT(r.x1, r.x0);
    input.move_to((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
    input.press(true);
    input.press(false);
    input.frame();  // what the click changed is drawn (and laid out) once
  }
  HeadlessUi ui{1280, 720};
  AppState state;
  LessonInput input{ui, state};
};

TEST_F(EditorByInput, TypingShowsErrorsAtTheirLineThenRunsTheFixedScenario) {
  click_at(state.layout.view_tabs[std::size_t(ViewKind::Editor)]);
  ASSERT_EQ(state.view, ViewKind::Editor);
  EXPECT_EQ(state.editor.origin, "race") << "the editor starts from the scenario on screen";
  EXPECT_TRUE(state.editor.errors.empty());

  // Start from a template, then break its second thread's step: the error is at its line.
  click_at(layout().start_combo);
  click_at(layout().start_items.at(editor_templates()[1].name));
  EXPECT_EQ(state.editor.origin, editor_templates()[1].name);
  const std::string& text = state.editor.text;
  const std::size_t at = text.find("30000", text.find("\"second\""));
  ASSERT_NE(at, std::string::npos);
  const int line = 1 + int(std::count(text.begin(), text.begin() + std::ptrdiff_t(at), '\n'));
  click_at(layout().text);
  // Ctrl+End, then walk back to the number: simpler to select everything and type anew.
  input.select_all();
  std::string broken = text;
  broken.replace(at, 5, "-5");
  input.type(broken);
  ASSERT_EQ(state.editor.text, broken);
  ASSERT_EQ(state.editor.errors.size(), 1u);
  EXPECT_EQ(state.editor.errors[0].line, line);
  EXPECT_EQ(state.editor.errors[0].path, "processes[1].threads[0].program[0].compute_us");
  EXPECT_GT(layout().errors[0].y1, layout().errors[0].y0) << "the error is listed on screen";
  const std::uint64_t runs = state.run.runs;
  click_at(layout().run);
  EXPECT_EQ(state.view, ViewKind::Editor) << "Run is disabled while there are errors";

  // Half-typed JSON (a stray comma where the pointer put the cursor): the syntax error names
  // its line too.
  click_at(layout().text);
  input.type(",,");
  ASSERT_FALSE(state.editor.errors.empty());
  EXPECT_EQ(state.editor.errors[0].line, line_in_message(state.editor.errors[0].message));
  EXPECT_GT(state.editor.errors[0].line, 1);

  // Fixed: Run shows it in the timeline.
  click_at(layout().text);
  input.select_all();
  std::string fixed = text.substr(0, 0) + broken;
  fixed.replace(fixed.find("-5"), 2, "20000");
  input.type(fixed);
  ASSERT_TRUE(state.editor.errors.empty()) << state.editor.errors[0].message;
  click_at(layout().run);
  EXPECT_EQ(state.view, ViewKind::Timeline);
  input.settle();
  EXPECT_GT(state.run.runs, runs);
  EXPECT_EQ(state.document.name, "editor");
  EXPECT_EQ(state.document.title, "my processes");
  EXPECT_EQ(state.result().trace.threads.size(), 2u);
  EXPECT_EQ(state.timeline.layout().core_lanes.size(), 2u);

  // Back in the editor, Reset returns to the template's text.
  click_at(state.layout.view_tabs[std::size_t(ViewKind::Editor)]);
  ASSERT_EQ(state.view, ViewKind::Editor);
  click_at(layout().reset);
  EXPECT_EQ(state.editor.text, editor_templates()[1].text);
}

}  // namespace
}  // namespace tl::app::test
