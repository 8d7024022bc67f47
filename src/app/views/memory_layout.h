// Where the memory view puts things, UI-free: a column per process, in it the segments of its
// address space (code, data, heap, a stack per thread, shared regions) as grids of square page
// cells, one cell size for all so that a page is the same size everywhere and the tallest
// column fits. Then the page instances the renderer draws, rebuilt every frame (recent changes
// fade) in one pass over the pages.
#pragma once
#include "app/rect.h"
#include "app/render/page_batch.h"
#include "app/views/memory_replay.h"

#include <cstdint>
#include <vector>

namespace tl::app {

struct MemorySegment {
  RegionId region = 0;
  RegionKind kind = RegionKind::Heap;
  std::uint32_t tag = 0;    // Stack: its thread (kNoThread: none); Shared: the region's id
  std::uint32_t pages = 0;  // resident pages now
  Rect label;               // its caption row
  Rect cells;               // the page grid (rows of per_row cells)
  std::uint32_t per_row = 1;
};

struct MemoryColumn {
  ProcessId process = 0;
  AddressSpaceId space = kNoSpace;  // kNoSpace: not started yet
  bool alive = false;
  Rect rect;    // the whole column
  Rect header;  // name and figures
  Rect gutter;  // left of the segments: its threads
  std::vector<MemorySegment> segments;
};

struct MemoryLayoutInput {
  Rect area;              // what the columns may fill
  float label_h = 14;     // a segment caption's row
  float header_h = 40;    // a column's name and figures
  float gutter_w = 44;    // a column's thread chips
  float column_gap = 12;  // between columns
};

struct MemoryLayout {
  std::vector<MemoryColumn> columns;
  float cell = 1;         // page cell side (px)
  std::size_t pages = 0;  // every resident page drawn
  float height = 0;       // of the columns: more than the area's when even the smallest
  bool scrolls = false;   // cells do not fit (the view then scrolls)
};

// One column per process of `processes` that has started by the replay's time.
MemoryLayout layout_memory(const MemoryReplay& replay, std::uint32_t processes, const MemoryLayoutInput& in);

// The palette index of each look (PageBatch::palette holds their colours).
inline constexpr std::uint32_t palette_index(PageLook look) { return std::uint32_t(look); }

// Fills `out` with one instance per page of `layout` (its storage is reused): look and
// position, and a flash that fades over `fade` after a page changed (at `now`).
void fill_page_instances(const MemoryLayout& layout, const MemoryReplay& replay, TimeNs now, TimeNs fade,
                         std::vector<PageInstance>& out);

// The page under a point, if any.
struct PageHit {
  std::size_t column = 0;
  std::size_t segment = 0;
  std::uint32_t page = 0;
};
bool hit_page(const MemoryLayout& layout, float x, float y, PageHit& hit);

}  // namespace tl::app
