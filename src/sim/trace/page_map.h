// Replays a run's page events into every address space's page map at a chosen time: which
// regions it maps, and for each page the frame behind it and whether another address space
// maps that frame too. Frames are the replay's own numbers (fresh pages get the next one,
// never reused), so two pages show the same frame exactly when the model shared them.
// Counting pages per process gives the memory lanes' resident/private/shared values.
#pragma once
#include "sim/trace/page_events.h"

#include <cstdint>
#include <span>
#include <vector>

namespace tl {

enum class PageState : std::uint8_t {
  Private,  // no other address space maps its frame
  Shared,   // another address space maps the same frame: copy-on-write after a fork, code
            // through the page cache, or a shared-memory region
};
const char* to_string(PageState state);  // "private", "shared"

struct PageMapRegion {
  RegionKind kind = RegionKind::Heap;
  std::uint32_t tag = 0;              // as PageChange::tag
  bool mapped = true;                 // false after Unmap or Exit; ids of later regions stay
  std::vector<std::uint32_t> frames;  // page i -> frame
};

struct PageCounts {
  std::uint64_t resident = 0;  // pages mapped
  std::uint64_t shared = 0;    // of which their frame is mapped elsewhere too
  std::uint64_t private_ = 0;  // resident - shared
};

class PageMap {
 public:
  explicit PageMap(const PageEvents& pages);  // before any event: nothing mapped

  // The maps at the end of instant `t` (every event with time <= t applied). Moving forward
  // applies only the events in between; moving back replays from the start.
  void seek(TimeNs t);
  TimeNs time() const { return time_; }

  std::size_t space_count() const { return spaces_.size(); }  // created by now
  AddressSpaceId space_of(ProcessId process) const;           // kNoSpace: not started by now
  bool alive(AddressSpaceId space) const;
  std::span<const PageMapRegion> regions(AddressSpaceId space) const;
  PageState state(std::uint32_t frame) const;
  PageState page_state(AddressSpaceId space, RegionId region, std::uint32_t page) const;
  // Pages of a process's address space now (all zero before it starts and after it exits).
  PageCounts counts(ProcessId process) const;

 private:
  struct Space {
    bool alive = true;
    std::vector<PageMapRegion> regions;
  };
  void reset();
  void apply(const PageChange& change);
  std::uint32_t fresh();
  void unref(std::vector<std::uint32_t>& frames);
  PageMapRegion& region(const PageChange& change);

  const PageEvents* pages_;
  std::size_t next_ = 0;  // first event not applied
  TimeNs time_ = -1;
  std::vector<Space> spaces_;
  std::vector<std::uint32_t> refs_;  // [frame] address spaces mapping it
};

// The page maps at time `t` in one call.
PageMap page_map_at(const PageEvents& pages, TimeNs t);

}  // namespace tl
