#include "sim/trace/page_map.h"

#include <stdexcept>
#include <string>

namespace tl {

const char* to_string(PageState state) {
  switch (state) {
    case PageState::Private: return "private";
    case PageState::Shared: return "shared";
  }
  return "?";
}

PageMap::PageMap(const PageEvents& pages) : pages_(&pages) {}

void PageMap::reset() {
  next_ = 0;
  time_ = -1;
  spaces_.clear();
  refs_.clear();
}

void PageMap::seek(TimeNs t) {
  if (t < time_) reset();
  const std::vector<PageEvent>& events = pages_->events;
  while (next_ < events.size() && events[next_].time <= t) apply(events[next_++].change);
  time_ = t;
}

std::uint32_t PageMap::fresh() {
  refs_.push_back(1);
  return static_cast<std::uint32_t>(refs_.size() - 1);
}

void PageMap::unref(std::vector<std::uint32_t>& frames) {
  for (std::uint32_t f : frames) --refs_[f];
  frames.clear();
}

// The region a change names, created (empty) if it is the space's next one. Page events come
// from the model, so a gap or an unknown space means the trace was not made by the engine.
PageMapRegion& PageMap::region(const PageChange& c) {
  if (c.space >= spaces_.size()) throw std::logic_error("page events: address space " + std::to_string(c.space) + " does not exist");
  std::vector<PageMapRegion>& regions = spaces_[c.space].regions;
  if (c.region == regions.size()) regions.emplace_back();
  if (c.region >= regions.size())
    throw std::logic_error("page events: region " + std::to_string(c.region) + " of address space " +
                           std::to_string(c.space) + " skips an id");
  return regions[c.region];
}

void PageMap::apply(const PageChange& c) {
  switch (c.kind) {
    case PageChangeKind::Map: {
      if (c.space == spaces_.size()) spaces_.emplace_back();  // a fresh image starts with its first region
      PageMapRegion& r = region(c);
      unref(r.frames);
      r.kind = c.region_kind;
      r.tag = c.tag;
      r.mapped = true;
      for (std::uint32_t i = 0; i < c.count; ++i) r.frames.push_back(fresh());
      return;
    }
    case PageChangeKind::Share: {
      if (c.space == spaces_.size()) spaces_.emplace_back();
      const std::vector<std::uint32_t> source = spaces_.at(c.from_space).regions.at(c.from).frames;
      PageMapRegion& r = region(c);
      unref(r.frames);
      r.kind = c.region_kind;
      r.tag = c.tag;
      r.mapped = true;
      r.frames = source;
      for (std::uint32_t f : r.frames) ++refs_[f];
      return;
    }
    case PageChangeKind::Fork: {
      if (c.space != spaces_.size()) throw std::logic_error("page events: a fork must create the next address space");
      Space child;
      child.regions = spaces_.at(c.from_space).regions;
      for (PageMapRegion& r : child.regions) {
        for (std::uint32_t f : r.frames) ++refs_[f];
        if (r.kind == RegionKind::Stack && r.mapped) r.tag = r.tag == c.from ? c.tag : kNoThread;
      }
      spaces_.push_back(std::move(child));
      return;
    }
    case PageChangeKind::Copy: {
      PageMapRegion& r = region(c);
      for (std::uint32_t i = c.first; i < c.first + c.count && i < r.frames.size(); ++i) {
        --refs_[r.frames[i]];
        r.frames[i] = fresh();
      }
      return;
    }
    case PageChangeKind::SharedWrite:
      return;  // nothing changes hands: a view may show the write, the map stays
    case PageChangeKind::Unmap: {
      PageMapRegion& r = region(c);
      unref(r.frames);
      r.mapped = false;
      return;
    }
    case PageChangeKind::Exit: {
      Space& s = spaces_.at(c.space);
      for (PageMapRegion& r : s.regions) {
        unref(r.frames);
        r.mapped = false;
      }
      s.alive = false;
      return;
    }
    case PageChangeKind::Grow: {
      PageMapRegion& r = region(c);
      for (std::uint32_t i = 0; i < c.count; ++i) r.frames.push_back(fresh());
      return;
    }
  }
}

AddressSpaceId PageMap::space_of(ProcessId process) const {
  for (AddressSpaceId s = 0; s < spaces_.size() && s < pages_->space_process.size(); ++s)
    if (pages_->space_process[s] == process) return s;
  return kNoSpace;
}

bool PageMap::alive(AddressSpaceId space) const { return space < spaces_.size() && spaces_[space].alive; }

std::span<const PageMapRegion> PageMap::regions(AddressSpaceId space) const {
  if (space >= spaces_.size()) return {};
  return spaces_[space].regions;
}

PageState PageMap::state(std::uint32_t frame) const {
  return frame < refs_.size() && refs_[frame] > 1 ? PageState::Shared : PageState::Private;
}

PageState PageMap::page_state(AddressSpaceId space, RegionId region, std::uint32_t page) const {
  const std::span<const PageMapRegion> rs = regions(space);
  if (region >= rs.size() || page >= rs[region].frames.size()) return PageState::Private;
  return state(rs[region].frames[page]);
}

PageCounts PageMap::counts(ProcessId process) const {
  PageCounts out;
  const AddressSpaceId space = space_of(process);
  if (!alive(space)) return out;
  for (const PageMapRegion& r : spaces_[space].regions) {
    out.resident += r.frames.size();
    for (std::uint32_t f : r.frames) out.shared += refs_[f] > 1 ? 1 : 0;
  }
  out.private_ = out.resident - out.shared;
  return out;
}

PageMap page_map_at(const PageEvents& pages, TimeNs t) {
  PageMap map(pages);
  map.seek(t);
  return map;
}

}  // namespace tl
