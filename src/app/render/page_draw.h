// The seam between the memory view (tlapp, no GL) and the page renderer (the program's GL
// code): the view adds its PageBatch to an ImDrawList as one draw callback, and whatever
// renderer the platform installed submits it when ImGui renders that command, in draw order,
// clipped like its neighbours. Headless (no renderer installed) the command is there and does
// nothing, so tests can count it.
#pragma once
#include "app/render/page_batch.h"

#include <imgui.h>
#include <string>

namespace tl::app {

// Draws `batch` clipped to `cmd.ClipRect` with GL state of its own (ImGui's is restored after).
using PageSubmitFn = void (*)(const PageBatch& batch, const ImDrawCmd& cmd);

// The platform's renderer (nullptr: none). `problem` says why there is none, if it failed.
void install_page_renderer(PageSubmitFn submit, std::string problem = {});
bool page_renderer_installed();
const std::string& page_renderer_problem();

// Appends one callback drawing every page of `batch` (which must live until the frame is
// rendered), then ImGui's reset of its own render state.
void add_page_batch(ImDrawList& list, const PageBatch& batch);
// The callback add_page_batch uses: lets tests find the command and its batch.
ImDrawCallback page_batch_callback();

}  // namespace tl::app
