#include "app/views/lesson_panel.h"

#include "app/theme.h"
#include "lessons/content.h"
#include "lessons/markup.h"

#include <cstdio>
#include <imgui.h>
#include <sstream>

namespace tl::app {
namespace {

constexpr ImU32 kPass = theme::rgb(0x7BD88F);
constexpr ImU32 kCode = theme::rgb(0xE5C07B);

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
      const std::string word = text.substr(start, end - start);
      const bool space_before = start > 0 || leading_space_;
      if (!word.empty()) put(word, color, space_before, tooltip);
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
  void put(const std::string& word, ImU32 color, bool space_before, const std::string* tooltip) {
    const float space = ImGui::CalcTextSize(" ").x;
    const float width = ImGui::CalcTextSize(word.c_str()).x;
    if (!first_) {
      ImGui::SameLine(0, space_before ? space : 0);
      if (ImGui::GetCursorScreenPos().x + width > right_) ImGui::NewLine();
    }
    first_ = false;
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(word.c_str());
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

// One paragraph of lesson markup; {{quote}}s show the measured numbers.
void draw_markup(const std::string& paragraph, const std::map<std::string, std::string>& quotes) {
  const lessons::Block block = lessons::parse_block(paragraph);
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
      case lessons::Inline::Kind::Term: {
        const lessons::GlossaryTerm* term = lessons::find_term(span.ref);
        const std::string definition =
            term != nullptr ? term->term + ": " + lessons::render_plain(term->definition, {}) : span.ref;
        flow.words(span.text, theme::kAccent, &definition);
        break;
      }
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
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

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

// One control as the lesson labels it; returns "name=value" when the learner changed it.
std::string draw_control(const lessons::Lesson& lesson, const lessons::Control& control,
                         const lessons::ControlState& state) {
  const auto found = state.find(control.name);
  const lessons::ControlValue* value = found != state.end() ? &found->second : nullptr;
  const std::string label = control.label.empty() ? control.name : control.label;
  ImGui::PushID(control.name.c_str());
  ImGui::SetNextItemWidth(160);
  std::string out;
  switch (control.start.type) {
    case lessons::ValueType::Int: {
      int v = value ? int(value->number) : int(control.min);
      if (ImGui::SliderInt(label.c_str(), &v, int(control.min), int(control.max), "%d", ImGuiSliderFlags_AlwaysClamp) &&
          (!value || v != value->number))
        out = control.name + "=" + std::to_string(v);
      break;
    }
    case lessons::ValueType::Time: {
      double us = value ? double(value->number) / 1000.0 : double(control.min) / 1000.0;
      if (ImGui::InputDouble(label.c_str(), &us, 0, 0, "%g", ImGuiInputTextFlags_EnterReturnsTrue)) {
        char text[64];
        std::snprintf(text, sizeof text, "%.3f", us);
        out = control.name + "=" + text;
      }
      break;
    }
    case lessons::ValueType::Bool: {
      bool on = value && value->number != 0;
      if (ImGui::Checkbox(label.c_str(), &on)) out = control.name + (on ? "=on" : "=off");
      break;
    }
    case lessons::ValueType::Choice: {
      const std::string current = value ? value->text : "";
      if (ImGui::BeginCombo(label.c_str(), current.c_str())) {
        for (const std::string& option : choice_options(lesson, control))
          if (ImGui::Selectable(option.c_str(), option == current) && option != current)
            out = control.name + "=" + option;
        ImGui::EndCombo();
      }
      break;
    }
  }
  ImGui::PopID();
  return out;
}

void draw_list(LessonState& state, LessonAsk& ask) {
  const auto& catalog = lesson_catalog();
  if (!ImGui::CollapsingHeader("Lessons")) return;
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    const LessonEntry& entry = catalog[i];
    const bool done = i < state.done.size() && state.done[i];
    std::string row = (done ? "[x] " : "[ ] ") + std::to_string(i + 1) + ". " +
                      (entry.lesson ? entry.lesson->title : entry.id + " (cannot open)");
    ImGui::PushID(int(i));
    if (ImGui::Selectable(row.c_str(), int(i) == state.current) && int(i) != state.current) ask.open = int(i);
    if (!entry.error.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", entry.error.c_str());
    ImGui::PopID();
  }
}

void draw_tasks(LessonState& state) {
  const lessons::Lesson& lesson = state.lesson();
  for (std::size_t i = 0; i < lesson.tasks.size(); ++i) {
    const lessons::Task& task = lesson.tasks[i];
    const bool pass = state.task_passed(i);
    ImGui::PushID(int(i));
    ImGui::PushStyleColor(ImGuiCol_Text, pass ? kPass : theme::kWarning);
    ImGui::TextUnformatted(pass ? "[pass]" : "[    ]");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    wrapped(lessons::render_plain(task.text, state.quotes));
    if (i < state.tasks.size()) {
      const lessons::CheckResult& check = state.tasks[i].check;
      for (const lessons::Reading& r : check.readings)
        wrapped("    " + r.label + ": " + r.measured, r.pass ? kPass : theme::kDimText);
      if (!check.error.empty()) wrapped("    " + check.error, theme::kError);
    }
    if (pass && !task.explanation.empty()) wrapped(lessons::render_plain(task.explanation, state.quotes), theme::kDimText);
    int& shown = state.hints_shown[i];
    for (int h = 0; h < shown && std::size_t(h) < task.hints.size(); ++h)
      wrapped("Hint: " + lessons::render_plain(task.hints[std::size_t(h)], state.quotes), theme::kAccent);
    if (std::size_t(shown) < task.hints.size() && !pass && ImGui::SmallButton(shown == 0 ? "Hint" : "Another hint")) ++shown;
    ImGui::PopID();
    ImGui::Spacing();
  }
}

void draw_question(LessonState& state) {
  const lessons::Question& q = state.lesson().question;
  if (q.kind == lessons::Question::Kind::None) return;
  heading("Question");
  wrapped(lessons::render_plain(q.text, state.quotes));
  if (q.kind == lessons::Question::Kind::Choice) {
    for (std::size_t c = 0; c < q.choices.size(); ++c) {
      ImGui::PushID(int(c));
      if (ImGui::RadioButton("##answer", state.choice == int(c))) answer_choice(state, int(c));
      ImGui::SameLine();
      wrapped(lessons::render_plain(q.choices[c].text, state.quotes));
      ImGui::PopID();
    }
  } else {
    ImGui::SetNextItemWidth(120);
    ImGui::InputDouble(q.unit.empty() ? "##number" : q.unit.c_str(), &state.number, 0, 0, "%g");
    ImGui::SameLine();
    if (ImGui::Button("Check")) answer_number(state, state.number);
  }
  if (state.grade) {
    wrapped(state.grade->correct ? "Correct." : "Not quite.", state.grade->correct ? kPass : theme::kWarning);
    if (!state.grade->feedback.empty()) wrapped(lessons::render_plain(state.grade->feedback, state.quotes));
  }
}

}  // namespace

LessonAsk draw_lesson_panel(LessonState& state) {
  LessonAsk ask;
  draw_list(state, ask);
  if (!state.open()) return ask;
  const lessons::Lesson& lesson = state.lesson();
  const int count = int(lesson_catalog().size());

  ImGui::BeginDisabled(state.current == 0);
  if (ImGui::Button("< Previous")) ask.open = state.current - 1;
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(state.current + 1 >= count);
  if (ImGui::Button("Next >")) ask.open = state.current + 1;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Close lesson")) ask.close = true;

  ImGui::PushStyleColor(ImGuiCol_Text, theme::kTitle);
  ImGui::TextWrapped("%d. %s", state.current + 1, lesson.title.c_str());
  ImGui::PopStyleColor();
  for (const std::string& paragraph : lesson.text) {
    draw_markup(paragraph, state.quotes);
    ImGui::Spacing();
  }

  if (!lesson.controls.empty()) heading("Controls");
  for (const lessons::Control& control : lesson.controls) {
    std::string changed = draw_control(lesson, control, state.controls);
    if (!changed.empty()) ask.assignment = std::move(changed);
  }
  if (!state.error.empty()) wrapped(state.error, theme::kError);

  heading("Tasks");
  draw_tasks(state);
  draw_question(state);
  return ask;
}

}  // namespace tl::app
