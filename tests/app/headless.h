// A null ImGui backend: context, built font atlas and display size, no window, no renderer.
// frame() runs the program's real UI function between NewFrame and Render.
#pragma once
#include "app/api.h"
#include "app/app.h"
#include "app/state/catalog.h"
#include "app/theme.h"

#include <gtest/gtest.h>
#include <imgui.h>

namespace tl::app::test {

class HeadlessUi {
 public:
  explicit HeadlessUi(float width = 1280, float height = 800) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    theme::apply_style();
    theme::setup_fonts(*io.Fonts);
    // The keys by USB HID usage id, as SDL's scancodes (and so the desktop and web) number them.
    io.KeyMap[ImGuiKey_Space] = 44;
    io.KeyMap[ImGuiKey_LeftArrow] = 80;
    io.KeyMap[ImGuiKey_RightArrow] = 79;
    io.KeyMap[ImGuiKey_Home] = 74;
    io.KeyMap[ImGuiKey_End] = 77;
    io.KeyMap[ImGuiKey_Escape] = 41;
  }
  ~HeadlessUi() {
    attach_api(nullptr);
    ImGui::DestroyContext();
  }
  HeadlessUi(const HeadlessUi&) = delete;
  HeadlessUi& operator=(const HeadlessUi&) = delete;

  const ImDrawData& frame(AppState& state) {
    ImGui::NewFrame();
    draw_frame(state);
    ImGui::Render();
    return *ImGui::GetDrawData();
  }

  // One frame with `key` (an ImGuiKey) held, then one with it released.
  void press_key(AppState& state, ImGuiKey key) { press_index(state, ImGui::GetIO().KeyMap[key]); }
  void press_index(AppState& state, int index, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[index] = true;
    frame(state);
    io.KeysDown[index] = false;
    frame(state);
    io.KeyCtrl = false;
  }
  // One frame in which `c` was typed.
  void type(AppState& state, ImWchar c) {
    ImGui::GetIO().AddInputCharacter(c);
    frame(state);
  }
};

// n threads of one process, each computing `cpu` in one burst, round robin with `quantum`.
inline Scenario compute_scenario(int threads, TimeNs cpu, TimeNs quantum, std::uint32_t cores) {
  Scenario s;
  s.machine.cores = cores;
  s.scheduler.policy = PolicyKind::Rr;
  s.scheduler.quantum = quantum;
  ProcessSpec process;
  process.name = "p";
  for (int i = 0; i < threads; ++i) {
    ThreadSpec thread;
    thread.name = "T";
    thread.name += std::to_string(i);
    thread.process = 0;
    thread.program.push_back(Op{OpKind::Compute, 0, cpu, 0});
    std::string path = "processes[0].threads[";  // appends: g++ 12 -Wrestrict misfires on a+b+c
    path += std::to_string(i);
    path += "].program[0]";
    thread.op_paths.push_back(std::move(path));
    process.threads.push_back(ThreadId(i));
    s.threads.push_back(std::move(thread));
  }
  s.processes.push_back(std::move(process));
  return s;
}

// Whether the frame drew a vertex of exactly `colour` inside `r` (a rectangle's corner, a line).
inline bool drew_colour_in(const ImDrawData& draw, ImU32 colour, const Rect& r) {
  for (int l = 0; l < draw.CmdListsCount; ++l)
    for (const ImDrawVert& v : draw.CmdLists[l]->VtxBuffer)
      if (v.col == colour && v.pos.x >= r.x0 && v.pos.x <= r.x1 && v.pos.y >= r.y0 && v.pos.y <= r.y1) return true;
  return false;
}

// An embedded example, run to its end and paused there.
inline AppState paused_example(const char* name) {
  AppState state;
  EXPECT_TRUE(load_scenario(state, find_embedded_scenario(name)->json, name)) << state.error;
  wait_for_run(state);
  state.playback.playing = false;
  return state;
}

}  // namespace tl::app::test
