#include "app/views/memory_layout.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace tl::app {
namespace {

// Cell sides tried, largest first: big cells while pages are few, down to two pixels (one
// pixel per page would no longer show a page's state next to its neighbour's).
constexpr float kCellSizes[] = {16, 14, 12, 10, 8, 6, 5, 4, 3, 2};
constexpr float kSegmentGap = 3;

std::uint32_t per_row(float width, float cell) { return std::max<std::uint32_t>(1, std::uint32_t(width / cell)); }

float rows_height(std::uint32_t pages, std::uint32_t row, float cell) {
  return float((pages + row - 1) / row) * cell;
}

// Segments in address-space order: code, data, heap, stacks, shared regions (the RegionKind
// order), each kind by region id.
std::vector<MemorySegment> segments_of(const PageMap& map, AddressSpaceId space) {
  std::vector<MemorySegment> out;
  const std::span<const PageMapRegion> regions = map.regions(space);
  for (RegionId id = 0; id < regions.size(); ++id) {
    const PageMapRegion& r = regions[id];
    if (!r.mapped || r.frames.empty()) continue;
    MemorySegment segment;
    segment.region = id;
    segment.kind = r.kind;
    segment.tag = r.tag;
    segment.pages = std::uint32_t(r.frames.size());
    out.push_back(segment);
  }
  std::stable_sort(out.begin(), out.end(), [](const MemorySegment& a, const MemorySegment& b) { return a.kind < b.kind; });
  return out;
}

float column_height(const MemoryColumn& column, float cells_w, float cell, const MemoryLayoutInput& in) {
  float h = in.header_h;
  for (const MemorySegment& s : column.segments)
    h += in.label_h + rows_height(s.pages, per_row(cells_w, cell), cell) + kSegmentGap;
  return h;
}

}  // namespace

MemoryLayout layout_memory(const MemoryReplay& replay, std::uint32_t processes, const MemoryLayoutInput& in) {
  MemoryLayout out;
  const PageMap& map = replay.map();
  for (ProcessId p = 0; p < processes; ++p) {
    const AddressSpaceId space = map.space_of(p);
    if (space == kNoSpace) continue;
    MemoryColumn column;
    column.process = p;
    column.space = space;
    column.alive = map.alive(space);
    if (column.alive) column.segments = segments_of(map, space);
    out.columns.push_back(std::move(column));
  }
  if (out.columns.empty()) return out;

  const float n = float(out.columns.size());
  const float width = std::max(1.0f, (in.area.x1 - in.area.x0 - in.column_gap * (n - 1)) / n);
  const float cells_w = std::max(1.0f, width - in.gutter_w);
  const float height = in.area.y1 - in.area.y0;
  out.cell = 0;
  for (const float cell : kCellSizes) {
    bool fits = true;
    for (const MemoryColumn& column : out.columns) fits = fits && column_height(column, cells_w, cell, in) <= height;
    if (fits) {
      out.cell = cell;
      break;
    }
  }
  out.height = height;
  if (out.cell == 0) {
    out.cell = kCellSizes[std::size(kCellSizes) - 1];
    out.scrolls = true;
    for (const MemoryColumn& column : out.columns)
      out.height = std::max(out.height, column_height(column, cells_w, out.cell, in));
  }

  for (std::size_t c = 0; c < out.columns.size(); ++c) {
    MemoryColumn& column = out.columns[c];
    const float x0 = std::floor(in.area.x0 + float(c) * (width + in.column_gap));
    const float x1 = x0 + std::floor(width);
    const float y1 = in.area.y0 + out.height;
    column.rect = {x0, in.area.y0, x1, y1};
    column.header = {x0, in.area.y0, x1, in.area.y0 + in.header_h};
    column.gutter = {x0, column.header.y1, x0 + in.gutter_w, y1};
    float y = column.header.y1;
    for (MemorySegment& s : column.segments) {
      s.per_row = per_row(cells_w, out.cell);
      s.label = {column.gutter.x1, y, x1, y + in.label_h};
      y += in.label_h;
      const float h = rows_height(s.pages, s.per_row, out.cell);
      const float w = float(std::min(s.per_row, s.pages)) * out.cell;
      s.cells = {column.gutter.x1, y, column.gutter.x1 + w, y + h};
      y += h + kSegmentGap;
      out.pages += s.pages;
    }
  }
  return out;
}

void fill_page_instances(const MemoryLayout& layout, const MemoryReplay& replay, TimeNs now, TimeNs fade,
                         std::vector<PageInstance>& out) {
  out.resize(layout.pages);
  PageInstance* next = out.data();
  const float cell = layout.cell;
  const PageMap& map = replay.map();
  for (const MemoryColumn& column : layout.columns) {
    if (!column.alive) continue;
    const std::span<const PageMapRegion> regions = map.regions(column.space);
    for (const MemorySegment& s : column.segments) {
      const std::vector<std::uint32_t>& frames = regions[s.region].frames;
      const std::span<const PageNote> notes = replay.notes(column.space, s.region);
      const std::uint32_t pages = std::min<std::uint32_t>(s.pages, std::uint32_t(frames.size()));
      const std::uint32_t shared_look = palette_index(s.kind == RegionKind::Code ? PageLook::SharedFile : PageLook::SharedFork);
      float x = s.cells.x0, y = s.cells.y0;
      std::uint32_t in_row = 0;
      for (std::uint32_t i = 0; i < pages; ++i) {
        const PageNote note = i < notes.size() ? notes[i] : PageNote{};
        std::uint32_t look;
        if (s.kind == RegionKind::Shared) look = palette_index(PageLook::SharedRegion);
        else if (replay.mappers(frames[i]) > 1) look = shared_look;
        else look = palette_index(note.origin == PageOrigin::Copied ? PageLook::Copied : PageLook::Private);
        const TimeNs age = now - note.since;
        const std::uint32_t flash = age >= 0 && age < fade ? std::uint32_t(255 * (fade - age) / fade) : 0;
        *next++ = {x, y, cell, page_style(look, flash)};
        x += cell;
        if (++in_row == s.per_row) {
          in_row = 0;
          x = s.cells.x0;
          y += cell;
        }
      }
    }
  }
  out.resize(std::size_t(next - out.data()));
}

bool hit_page(const MemoryLayout& layout, float x, float y, PageHit& hit) {
  for (std::size_t c = 0; c < layout.columns.size(); ++c) {
    const MemoryColumn& column = layout.columns[c];
    if (x < column.rect.x0 || x >= column.rect.x1) continue;
    for (std::size_t s = 0; s < column.segments.size(); ++s) {
      const MemorySegment& seg = column.segments[s];
      if (x < seg.cells.x0 || y < seg.cells.y0 || y >= seg.cells.y1) continue;
      const auto col = std::uint32_t((x - seg.cells.x0) / layout.cell);
      const auto row = std::uint32_t((y - seg.cells.y0) / layout.cell);
      if (col >= seg.per_row) continue;
      const std::uint32_t page = row * seg.per_row + col;
      if (page >= seg.pages) continue;
      hit = {c, s, page};
      return true;
    }
  }
  return false;
}

}  // namespace tl::app
