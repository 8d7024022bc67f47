// The page renderer's GL side, linked into the program only (the headless tests have no GL):
// compiles shaders/pages.* with the platform's version line, keeps one instance buffer, and
// installs itself as the PageSubmitFn the memory view's draw callback calls. One instanced
// draw call for all pages, inside ImGui's frame.
#pragma once
#include <string>

namespace tl::app::render {

// After ImGui's GL backend is initialised, with the GL context current. `glsl_version` is the
// line ImGui's backend uses ("#version 300 es", "#version 330 core"). On failure, returns false
// with the reason in `error` and installs no renderer (the view says why pages are missing).
bool init_page_renderer(const char* glsl_version, std::string& error);
void shutdown_page_renderer();

}  // namespace tl::app::render
