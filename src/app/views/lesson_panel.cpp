// [SECTION] Text flow and markup
// [SECTION] Controls
// [SECTION] List, progress, tasks, question
// [SECTION] The column
#include "app/views/lesson_panel.h"
#include "app/views/widgets.h"

#include "app/platform/storage.h"
#include "app/state/progress_store.h"
#include "app/theme.h"
#include "lessons/content.h"
#include "lessons/markup.h"

#include <cstdio>
#include <imgui.h>
#include <sstream>
#include <unordered_map>

namespace tl::app {
namespace {

constexpr ImU32 kPass = theme::rgb(0x7BD88F);
constexpr ImU32 kCode = theme::rgb(0xE5C07B);

// ---------------------------------------------------------------------------------------------
// [SECTION] Text flow and markup
// ---------------------------------------------------------------------------------------------
// The last item's rectangle if it is wholly inside the column's visible area, else empty (a
// test must scroll to it before it can click it).
Rect visible_item(const Rect& column) {
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  if (min.y < column.y0 || max.y > column.y1) return Rect{};
  return Rect{min.x, min.y, max.x, max.y};
}

// Draws words one after another, wrapping at the column's right edge, so spans of different
// colours flow as one paragraph (ImGui's wrapped text wraps one string only).
class Flow {
 public:
  Flow() : right_(ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {}

  void words(const std::string& text, ImU32 color, const std::string* tooltip = nullptr) {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find(' ', start);
      if (end == std::string::npos) end = text.size();
      const bool space_before = start > 0 || leading_space_;
      if (end > start) put(text.data() + start, text.data() + end, color, space_before, tooltip);
      start = end + 1;
      leading_space_ = false;
    }
    leading_space_ = !text.empty() && text.back() == ' ';
  }
  void end() {
    if (!first_) return;
    ImGui::NewLine();
  }

 private:
  void put(const char* begin, const char* end, ImU32 color, bool space_before, const std::string* tooltip) {
    const float space = ImGui::CalcTextSize(" ").x;
    const float width = ImGui::CalcTextSize(begin, end).x;
    if (!first_) {
      ImGui::SameLine(0, space_before ? space : 0);
      if (ImGui::GetCursorScreenPos().x + width > right_) ImGui::NewLine();
    }
    first_ = false;
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(begin, end);
    ImGui::PopStyleColor();
    if (tooltip != nullptr && ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
      ImGui::TextUnformatted(tooltip->c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  }
  float right_;
  bool first_ = true;
  bool leading_space_ = false;
};

// A glossary term's hover text, rendered once per term for the program's life.
const std::string& definition(const std::string& ref) {
  static std::unordered_map<std::string, std::string> rendered;
  auto found = rendered.find(ref);
  if (found != rendered.end()) return found->second;
  const lessons::GlossaryTerm* term = lessons::find_term(ref);
  std::string text = term != nullptr ? term->term + ": " + lessons::render_plain(term->definition, {}) : ref;
  return rendered.emplace(ref, std::move(text)).first->second;
}

// One paragraph of lesson markup, parsed when the lesson opened; {{quote}}s show the measured
// numbers.
void draw_markup(const lessons::Block& block, const std::map<std::string, std::string>& quotes) {
  if (block.list_item) {
    ImGui::Bullet();
    ImGui::SameLine();
  }
  ImGui::BeginGroup();
  Flow flow;
  for (const lessons::Inline& span : block.spans) {
    switch (span.kind) {
      case lessons::Inline::Kind::Text: flow.words(span.text, theme::kText); break;
      case lessons::Inline::Kind::Emphasis:
      case lessons::Inline::Kind::Strong: flow.words(span.text, theme::kTitle); break;
      case lessons::Inline::Kind::Code: flow.words(span.text, kCode); break;
      case lessons::Inline::Kind::Term: flow.words(span.text, theme::kAccent, &definition(span.ref)); break;
      case lessons::Inline::Kind::Quote: {
        const auto found = quotes.find(span.ref);
        flow.words(found != quotes.end() ? found->second : "…", theme::kWarning);
        break;
      }
    }
  }
  flow.end();
  ImGui::EndGroup();
}

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kTitle);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

void wrapped(const std::string& text, ImU32 color = theme::kText) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Controls
// ---------------------------------------------------------------------------------------------
std::vector<std::string> choice_options(const lessons::Lesson& lesson, const lessons::Control& control) {
  if (!control.options.empty()) return control.options;
  std::vector<std::string> out;
  if (control.kind == lessons::ControlKind::Scenario) {
    for (const lessons::ScenarioSource& s : lesson.scenarios) out.push_back(s.name);
    return out;
  }
  if (const lessons::ControlInfo* info = lessons::find_control(control.name)) {
    std::istringstream words{std::string(info->choices)};
    for (std::string w; words >> w;) out.push_back(w);
  }
  return out;
}

constexpr float kControlWidth = 160;

// The widget's own frame (not its label), as the tests aim at it.
Rect widget_rect(const Rect& column) {
  Rect r = visible_item(column);
  if (r.x1 > r.x0) r.x1 = r.x0 + kControlWidth;
  return r;
}

// One control as the lesson labels it; returns "name=value" when the learner changed it.
// Sliders take Ctrl+click to type a value; time fields select their text on click, and take
// the typed value on Enter (a value outside the lesson's range is refused, and the panel says
// why).
std::string draw_control(const lessons::Lesson& lesson, const lessons::Control& control,
                         const lessons::ControlState& state, const Scenario* shown, LessonPanelLayout& layout) {
  const auto found = state.find(control.name);
  const lessons::ControlValue* value = found != state.end() ? &found->second : nullptr;
  // Not set by the learner yet: show what the scenario on screen has.
  std::optional<lessons::ControlValue> own;
  if (value == nullptr && shown != nullptr && (own = lessons::control_value_in(*shown, control.name))) value = &*own;
  const std::string label = control.label.empty() ? control.name : control.label;
  ImGui::PushID(control.name.c_str());
  ImGui::SetNextItemWidth(kControlWidth);
  std::string out;
  switch (control.start.type) {
    case lessons::ValueType::Int: {
      int v = value ? int(value->number) : int(control.min);
      if (readable_slider_int(label.c_str(), &v, int(control.min), int(control.max)) &&
          (!value || v != value->number))
        out = control.name + "=" + std::to_string(v);
      layout.controls[control.name] = widget_rect(layout.column);
      break;
    }
    case lessons::ValueType::Time: {
      double us = value ? double(value->number) / 1000.0 : double(control.min) / 1000.0;
      if (ImGui::InputDouble(label.c_str(), &us, 0, 0, "%g",
                             ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll)) {
        char text[64];
        std::snprintf(text, sizeof text, "%.3f", us);
        out = control.name + "=" + text;
      }
      layout.controls[control.name] = widget_rect(layout.column);
      break;
    }
    case lessons::ValueType::Bool: {
      bool on = value && value->number != 0;
      if (ImGui::Checkbox(label.c_str(), &on)) out = control.name + (on ? "=on" : "=off");
      const ImVec2 min = ImGui::GetItemRectMin();
      Rect box = visible_item(layout.column);
      if (box.x1 > box.x0) box.x1 = min.x + ImGui::GetFrameHeight();  // the box, not its label
      layout.controls[control.name] = box;
      break;
    }
    case lessons::ValueType::Choice: {
      const std::string current = value ? value->text : "";
      const bool opened = ImGui::BeginCombo(label.c_str(), current.c_str());
      layout.controls[control.name] = widget_rect(layout.column);
      if (opened) {
        for (const std::string& option : choice_options(lesson, control)) {
          if (ImGui::Selectable(option.c_str(), option == current) && option != current) out = control.name + "=" + option;
          const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
          layout.options[option] = Rect{min.x, min.y, max.x, max.y};
        }
        ImGui::EndCombo();
      }
      break;
    }
  }
  ImGui::PopID();
  return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] List, progress, tasks, question
// ---------------------------------------------------------------------------------------------
void draw_list(LessonState& state, LessonAsk& ask, LessonPanelLayout& layout) {
  const auto& catalog = lesson_catalog();
  const bool expanded = ImGui::CollapsingHeader("Lessons");
  layout.list_header = visible_item(layout.column);
  layout.list_open = expanded;
  if (!expanded) return;
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    const LessonEntry& entry = catalog[i];
    const bool done = state.progress.done(entry.id);
    std::string row = (done ? "[x] " : "[ ] ") + std::to_string(i + 1) + ". " +
                      (entry.lesson ? entry.lesson->title : entry.id + " (cannot open)");
    ImGui::PushID(int(i));
    if (ImGui::Selectable(row.c_str(), int(i) == state.current) && int(i) != state.current) ask.open = int(i);
    layout.list[i] = visible_item(layout.column);
    if (!entry.error.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", entry.error.c_str());
    ImGui::PopID();
  }
  if (state.open() && state.current < 0) {  // a teacher's lesson from a file or URL
    const std::string row = std::string(state.done() ? "[x] " : "[ ] ") + state.lesson().title + " (" + state.source + ")";
    ImGui::Selectable(row.c_str(), true);
  }
}

// Done marks, and the file that carries them to another machine. Reset asks once more.
void draw_progress(LessonState& state, LessonAsk& ask, LessonPanelLayout& layout) {
  std::string& path = state.progress_file;
  bool& confirming = state.confirm_reset;
  if (state.progress_message_unasked) {
    ImGui::SetNextItemOpen(true);
    state.progress_message_unasked = false;
  }
  const bool expanded = ImGui::CollapsingHeader("Your progress");
  layout.progress_header = visible_item(layout.column);
  if (!expanded) return;
  ImGui::PushID("progress");
  const std::size_t count = lesson_catalog().size();
  std::size_t done = 0;
  for (const LessonEntry& entry : lesson_catalog()) done += state.progress.done(entry.id) ? 1 : 0;
  ImGui::Text("%zu of %zu lessons done. Kept in %s.", done, count, platform::progress_location().c_str());
  if (platform::progress_files_have_paths()) {
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, "%s", path.c_str());
    ImGui::SetNextItemWidth(220);
    if (ImGui::InputText("File", buffer, sizeof buffer)) path = buffer;
    layout.path_field = visible_item(layout.column);
  }
  if (ImGui::Button("Export")) {
    ask.progress.export_file = true;
    ask.progress.path = path;
  }
  layout.export_button = visible_item(layout.column);
  ImGui::SameLine();
  if (ImGui::Button("Import")) {
    ask.progress.import_file = true;
    ask.progress.path = path;
  }
  layout.import_button = visible_item(layout.column);
  ImGui::SameLine();
  if (!confirming) {
    if (ImGui::Button("Reset...")) confirming = true;
    layout.reset_button = visible_item(layout.column);
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
    if (ImGui::Button("Forget every lesson's progress")) {
      ask.progress.reset = true;
      confirming = false;
    }
    ImGui::PopStyleColor();
    layout.reset_button = visible_item(layout.column);
    ImGui::SameLine();
    if (ImGui::Button("Keep it")) confirming = false;
  }
  if (!state.progress_message.empty()) wrapped(state.progress_message, theme::kDimText);
  ImGui::PopID();
}

void draw_tasks(LessonState& state, LessonPanelLayout& layout) {
  const lessons::Lesson& lesson = state.lesson();
  const LessonTexts& texts = state.texts;
  layout.tasks.assign(lesson.tasks.size(), Rect{});
  layout.hints.assign(lesson.tasks.size(), Rect{});
  for (std::size_t i = 0; i < lesson.tasks.size(); ++i) {
    const lessons::Task& task = lesson.tasks[i];
    const bool pass = state.task_passed(i);
    ImGui::PushID(int(i));
    ImGui::PushStyleColor(ImGuiCol_Text, pass ? kPass : theme::kWarning);
    ImGui::TextUnformatted(pass ? "[pass]" : "[    ]");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    wrapped(texts.tasks[i]);
    layout.tasks[i] = visible_item(layout.column);
    if (i < state.tasks.size()) {
      const lessons::CheckResult& check = state.tasks[i].check;
      for (const lessons::Reading& r : check.readings)
        wrapped("    " + r.label + ": " + r.measured, r.pass ? kPass : theme::kDimText);
      if (!check.error.empty()) wrapped("    " + check.error, theme::kError);
    }
    if (pass && !texts.explanations[i].empty()) wrapped(texts.explanations[i], theme::kDimText);
    int& shown = state.hints_shown[i];
    for (int h = 0; h < shown && std::size_t(h) < task.hints.size(); ++h)
      wrapped("Hint: " + texts.hints[i][std::size_t(h)], theme::kAccent);
    if (std::size_t(shown) < task.hints.size() && !pass) {
      if (ImGui::SmallButton(shown == 0 ? "Hint" : "Another hint")) ++shown;
      layout.hints[i] = visible_item(layout.column);
    }
    ImGui::PopID();
    ImGui::Spacing();
  }
}

void draw_question(LessonState& state, LessonPanelLayout& layout) {
  const lessons::Question& q = state.lesson().question;
  layout.choices.assign(q.choices.size(), Rect{});
  if (q.kind == lessons::Question::Kind::None) return;
  heading("Question");
  wrapped(state.texts.question);
  if (q.kind == lessons::Question::Kind::Choice) {
    for (std::size_t c = 0; c < q.choices.size(); ++c) {
      ImGui::PushID(int(c));
      if (ImGui::RadioButton("##answer", state.choice == int(c))) answer_choice(state, int(c));
      layout.choices[c] = visible_item(layout.column);
      ImGui::SameLine();
      wrapped(state.texts.choices[c]);
      ImGui::PopID();
    }
  } else {
    ImGui::SetNextItemWidth(120);
    ImGui::InputDouble(q.unit.empty() ? "##number" : q.unit.c_str(), &state.number, 0, 0, "%g",
                       ImGuiInputTextFlags_AutoSelectAll);
    layout.number = visible_item(layout.column);
    if (layout.number.x1 > layout.number.x0) layout.number.x1 = layout.number.x0 + 120;
    ImGui::SameLine();
    if (ImGui::Button("Check")) answer_number(state, state.number);
    layout.check = visible_item(layout.column);
  }
  if (state.grade) {
    wrapped(state.grade->correct ? "Correct." : "Not quite.", state.grade->correct ? kPass : theme::kWarning);
    if (!state.grade->feedback.empty()) wrapped(state.grade->feedback);
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] The column
// ---------------------------------------------------------------------------------------------
LessonAsk draw_lesson_panel(LessonState& state, LessonPanelLayout& layout) {
  LessonAsk ask;
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  layout = LessonPanelLayout{};
  layout.column = Rect{pos.x, pos.y, pos.x + size.x, pos.y + size.y};
  layout.scroll_y = ImGui::GetScrollY();
  layout.scroll_max = ImGui::GetScrollMaxY();
  layout.list.assign(lesson_catalog().size(), Rect{});

  if (!state.load_error.empty()) {
    wrapped("This lesson file could not be opened:", theme::kError);
    wrapped(state.load_error, theme::kError);
    if (ImGui::SmallButton("Dismiss")) state.load_error.clear();
    ImGui::Spacing();
  }
  if (!state.single_lesson) {
    draw_list(state, ask, layout);
    draw_progress(state, ask, layout);
  }
  if (!state.open()) {
    if (ImGui::Button("Close")) ask.close = true;
    return ask;
  }
  const lessons::Lesson& lesson = state.lesson();
  const int count = int(lesson_catalog().size());

  const bool from_list = state.current >= 0;
  if (!state.single_lesson) {
    ImGui::BeginDisabled(!from_list || state.current == 0);
    if (ImGui::Button("< Previous")) ask.open = state.current - 1;
    layout.previous = visible_item(layout.column);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!from_list || state.current + 1 >= count);
    if (ImGui::Button("Next >")) ask.open = state.current + 1;
    layout.next = visible_item(layout.column);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Close lesson")) ask.close = true;
    layout.close = visible_item(layout.column);
  }

  ImGui::PushStyleColor(ImGuiCol_Text, theme::kTitle);
  if (from_list && !state.single_lesson)  // its number in a list the frame does not show means nothing
    ImGui::TextWrapped("%d. %s%s", state.current + 1, lesson.title.c_str(), state.done() ? "  (done)" : "");
  else
    ImGui::TextWrapped("%s%s", lesson.title.c_str(), state.done() ? "  (done)" : "");
  ImGui::PopStyleColor();
  for (const lessons::Block& paragraph : state.texts.paragraphs) {
    draw_markup(paragraph, state.quotes);
    ImGui::Spacing();
  }

  if (!lesson.controls.empty()) heading("Controls");
  const Scenario* shown = !state.runs.empty() && state.runs.front().built.scenario ? &*state.runs.front().built.scenario : nullptr;
  for (const lessons::Control& control : lesson.controls) {
    std::string changed = draw_control(lesson, control, state.controls, shown, layout);
    if (!changed.empty()) ask.assignment = std::move(changed);
  }
  if (!state.refusal.empty()) wrapped("Not changed: " + state.refusal, theme::kError);
  if (!state.error.empty()) wrapped(state.error, theme::kError);

  heading(state.pending() ? "Tasks (checking the new runs...)" : "Tasks");
  draw_tasks(state, layout);
  draw_question(state, layout);
  return ask;
}

}  // namespace tl::app
