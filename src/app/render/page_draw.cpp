#include "app/render/page_draw.h"

namespace tl::app {
namespace {

PageSubmitFn g_submit = nullptr;
std::string g_problem;

void draw_pages(const ImDrawList*, const ImDrawCmd* cmd) {
  if (g_submit != nullptr && cmd->UserCallbackData != nullptr)
    g_submit(*static_cast<const PageBatch*>(cmd->UserCallbackData), *cmd);
}

}  // namespace

void install_page_renderer(PageSubmitFn submit, std::string problem) {
  g_submit = submit;
  g_problem = std::move(problem);
}

bool page_renderer_installed() { return g_submit != nullptr; }
const std::string& page_renderer_problem() { return g_problem; }

ImDrawCallback page_batch_callback() { return &draw_pages; }

void add_page_batch(ImDrawList& list, const PageBatch& batch) {
  if (batch.instances.empty()) return;
  list.AddCallback(&draw_pages, const_cast<PageBatch*>(&batch));  // ImGui's slot is a void*
  list.AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

}  // namespace tl::app
