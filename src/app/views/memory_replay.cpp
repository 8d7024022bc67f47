#include "app/views/memory_replay.h"

#include <algorithm>

namespace tl::app {

const char* to_string(PageLook look) {
  switch (look) {
    case PageLook::Private: return "private";
    case PageLook::SharedFork: return "shared since fork";
    case PageLook::Copied: return "copied by a write";
    case PageLook::SharedRegion: return "shared region";
    case PageLook::SharedFile: return "shared code (page cache)";
  }
  return "?";
}

MemoryReplay::MemoryReplay(const PageEvents& pages) : pages_(&pages), map_(pages) {}

void MemoryReplay::reset() {
  next_ = 0;
  notes_.clear();
  refs_.clear();
}

void MemoryReplay::seek(TimeNs t) {
  if (t < map_.time()) reset();
  map_.seek(t);
  const std::vector<PageEvent>& events = pages_->events;
  const std::size_t before = next_;
  while (next_ < events.size() && events[next_].time <= t) apply(events[next_++]);
  if (next_ != before || (next_ == 0 && refs_.empty())) count_refs();
}

// The same changes PageMap applies to frames, applied to the notes (the page map checks the
// ids; a change it would refuse never reaches here, so only sizes are guarded).
void MemoryReplay::apply(const PageEvent& event) {
  const PageChange& c = event.change;
  const TimeNs t = event.time;
  if (c.kind == PageChangeKind::Fork) {
    if (c.from_space >= notes_.size()) return;
    std::vector<std::vector<PageNote>> child = notes_[c.from_space];
    for (std::vector<PageNote>& region : child)
      for (PageNote& note : region) note = {t, PageOrigin::Forked, note.written};
    if (notes_.size() <= c.space) notes_.resize(c.space + 1);
    notes_[c.space] = std::move(child);
    return;
  }
  if (notes_.size() <= c.space) notes_.resize(c.space + 1);
  std::vector<std::vector<PageNote>>& space = notes_[c.space];
  if (c.kind == PageChangeKind::Exit) {
    for (std::vector<PageNote>& region : space) region.clear();
    return;
  }
  if (space.size() <= c.region) space.resize(c.region + 1);
  std::vector<PageNote>& region = space[c.region];
  switch (c.kind) {
    case PageChangeKind::Map: region.assign(c.count, PageNote{t, PageOrigin::Mapped, false}); return;
    case PageChangeKind::Share: {
      std::size_t n = 0;
      if (c.from_space < notes_.size() && c.from < notes_[c.from_space].size()) n = notes_[c.from_space][c.from].size();
      region.assign(n, PageNote{t, PageOrigin::Mapping, false});
      return;
    }
    case PageChangeKind::Copy:
      for (std::uint32_t i = c.first; i < c.first + c.count && i < region.size(); ++i)
        region[i] = {t, PageOrigin::Copied, region[i].written};
      return;
    case PageChangeKind::SharedWrite:
      for (std::uint32_t i = c.first; i < c.first + c.count && i < region.size(); ++i) {
        region[i].since = t;
        region[i].written = true;
      }
      return;
    case PageChangeKind::Unmap: region.clear(); return;
    case PageChangeKind::Grow: region.insert(region.end(), c.count, PageNote{t, PageOrigin::Mapped, false}); return;
    case PageChangeKind::Fork:
    case PageChangeKind::Exit: return;  // handled above
  }
}

void MemoryReplay::count_refs() {
  refs_.clear();
  for (AddressSpaceId s = 0; s < map_.space_count(); ++s) {
    if (!map_.alive(s)) continue;
    for (const PageMapRegion& region : map_.regions(s)) {
      if (!region.mapped) continue;
      for (std::uint32_t f : region.frames) {
        if (f >= refs_.size()) refs_.resize(std::size_t(f) + 1 + f / 2, 0);
        ++refs_[f];
      }
    }
  }
}

std::span<const PageNote> MemoryReplay::notes(AddressSpaceId space, RegionId region) const {
  if (space >= notes_.size() || region >= notes_[space].size()) return {};
  return notes_[space][region];
}

PageLook MemoryReplay::look(AddressSpaceId space, RegionId region, std::uint32_t page) const {
  const std::span<const PageMapRegion> regions = map_.regions(space);
  if (region >= regions.size() || page >= regions[region].frames.size()) return PageLook::Private;
  const PageMapRegion& r = regions[region];
  if (r.kind == RegionKind::Shared) return PageLook::SharedRegion;
  if (mappers(r.frames[page]) > 1) return r.kind == RegionKind::Code ? PageLook::SharedFile : PageLook::SharedFork;
  const std::span<const PageNote> n = notes(space, region);
  return page < n.size() && n[page].origin == PageOrigin::Copied ? PageLook::Copied : PageLook::Private;
}

SmapsFigures MemoryReplay::smaps(AddressSpaceId space) const {
  SmapsFigures out;
  if (!map_.alive(space)) return out;
  // Linux adds each page's share in fixed point (PSS_SHIFT) and truncates once at the end.
  constexpr unsigned kShift = 12;
  std::uint64_t pss = 0;
  const std::span<const PageMapRegion> regions = map_.regions(space);
  for (RegionId id = 0; id < regions.size(); ++id) {
    const PageMapRegion& r = regions[id];
    if (!r.mapped) continue;
    const std::span<const PageNote> n = notes(space, id);
    for (std::uint32_t page = 0; page < r.frames.size(); ++page) {
      const std::uint32_t m = std::max<std::uint32_t>(1, mappers(r.frames[page]));
      const bool dirty = r.kind == RegionKind::Code     ? false
                         : r.kind == RegionKind::Shared ? page < n.size() && n[page].written
                                                        : true;
      out.rss_kb += kPageKb;
      pss += (std::uint64_t{kPageBytes} << kShift) / m;
      std::uint64_t& bucket = m > 1 ? (dirty ? out.shared_dirty_kb : out.shared_clean_kb)
                                    : (dirty ? out.private_dirty_kb : out.private_clean_kb);
      bucket += kPageKb;
    }
  }
  out.pss_kb = pss >> (10 + kShift);
  return out;
}

}  // namespace tl::app
