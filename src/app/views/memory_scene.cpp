#include "app/views/memory_scene.h"

namespace tl::app {
namespace {

bool same(const MemoryLayoutInput& a, const MemoryLayoutInput& b) {
  return a.area.x0 == b.area.x0 && a.area.y0 == b.area.y0 && a.area.x1 == b.area.x1 && a.area.y1 == b.area.y1 &&
         a.label_h == b.label_h && a.header_h == b.header_h && a.gutter_w == b.gutter_w && a.column_gap == b.column_gap;
}

}  // namespace

void MemoryScene::reset(const PageEvents& pages) {
  replay_ = std::make_unique<MemoryReplay>(pages);
  laid_applied_ = ~std::size_t{0};
  exit_times_.assign(pages.space_process.size(), TimeNs(-1));
  for (const PageEvent& e : pages.events)
    if (e.change.kind == PageChangeKind::Exit && e.change.space < exit_times_.size()) exit_times_[e.change.space] = e.time;
  for (int i = 0; i < kPageLooks; ++i) batch_.palette[std::size_t(i)] = kPageLookRgb[std::size_t(i)];
}

void MemoryScene::update(TimeNs playhead, TimeNs fade, std::uint32_t processes, const MemoryLayoutInput& in) {
  if (!replay_) return;
  replay_->seek(playhead);
  if (replay_->applied() != laid_applied_ || processes != laid_processes_ || !same(in, laid_for_)) {
    layout_ = layout_memory(*replay_, processes, in);
    smaps_.clear();
    for (const MemoryColumn& column : layout_.columns) smaps_.push_back(replay_->smaps(column.space));
    laid_applied_ = replay_->applied();
    laid_processes_ = processes;
    laid_for_ = in;
  }
  fill_page_instances(layout_, *replay_, playhead, fade, batch_.instances);
}

}  // namespace tl::app
