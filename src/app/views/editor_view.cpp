#include "app/views/editor_view.h"
#include "app/views/widgets.h"

#include "app/state/catalog.h"
#include "app/theme.h"

#include <algorithm>
#include <imgui.h>

namespace tl::app {
namespace {

// std::string as ImGui's growing text buffer.
int resize_callback(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* text = static_cast<std::string*>(data->UserData);
    text->resize(std::size_t(data->BufTextLen));
    data->Buf = text->data();
  }
  return 0;
}

void draw_start_menu(EditorState& editor, EditorLayout& layout) {
  ImGui::SetNextItemWidth(280);
  const std::string preview = editor.origin.empty() ? "Start from..." : "Started from " + editor.origin;
  const bool open = ImGui::BeginCombo("##start", preview.c_str(), ImGuiComboFlags_HeightLarge);
  layout.start_combo = item_rect();
  if (!open) return;
  ImGui::TextDisabled("Templates");
  for (const EditorTemplate& t : editor_templates()) {
    if (ImGui::Selectable(t.name)) start_editor(editor, t.name, t.text);
    layout.start_items[t.name] = item_rect();
  }
  ImGui::Separator();
  ImGui::TextDisabled("Examples");
  for (const EmbeddedScenario& s : embedded_scenarios()) {
    if (ImGui::Selectable(s.name)) start_editor(editor, s.name, s.json);
    layout.start_items[s.name] = item_rect();
  }
  ImGui::EndCombo();
}

}  // namespace

EditorAsk draw_editor_view(EditorState& editor, EditorLayout& layout) {
  EditorAsk ask;
  layout = EditorLayout{};
  draw_start_menu(editor, layout);
  ImGui::SameLine();
  ImGui::BeginDisabled(editor.origin_text.empty() || editor.text == editor.origin_text);
  if (ImGui::Button("Reset")) reset_editor(editor);
  ImGui::EndDisabled();
  layout.reset = item_rect();
  ImGui::SameLine();
  ImGui::BeginDisabled(!editor.errors.empty());
  if (ImGui::Button("Run")) ask.run = true;
  ImGui::EndDisabled();
  layout.run = item_rect();
  ImGui::SameLine();
  if (editor.errors.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kDimText);
    ImGui::Text("valid: %s", editor.summary.c_str());
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
    ImGui::Text("%zu error%s", editor.errors.size(), editor.errors.size() == 1 ? "" : "s");
  }
  ImGui::PopStyleColor();

  // The text takes what the error list leaves (the list keeps up to six lines).
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  const float errors_h = line_h * float(std::min<std::size_t>(std::max<std::size_t>(editor.errors.size(), 1), 6)) +
                         ImGui::GetStyle().ItemSpacing.y * 2;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (ImGui::InputTextMultiline("##scenario", editor.text.data(), editor.text.capacity() + 1,
                                ImVec2(avail.x, std::max(120.0f, avail.y - errors_h)),
                                ImGuiInputTextFlags_AllowTabInput | ImGuiInputTextFlags_CallbackResize, resize_callback,
                                &editor.text))
    check_editor(editor);
  layout.text = item_rect();

  ImGui::BeginChild("editor-errors", ImVec2(0, 0), false);
  for (const EditorError& e : editor.errors) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
    ImGui::TextWrapped("line %d: %s%s%s", e.line, e.path.c_str(), e.path.empty() ? "" : ": ", e.message.c_str());
    ImGui::PopStyleColor();
    layout.errors.push_back(item_rect());
  }
  ImGui::EndChild();
  return ask;
}

}  // namespace tl::app
