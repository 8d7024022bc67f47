// The page maps at the playhead with what the memory view says about each page, UI-free: the
// simulation's PageMap (frames and who shares them) plus, per page, how it got its frame and
// since when (mapped, inherited by a fork, copied by a write, ...), and the per-process figures
// as Linux's /proc/PID/smaps counts them. Seeking forward applies only the events in between.
//
// [SECTION] Vocabulary
// [SECTION] MemoryReplay
#pragma once
#include "sim/trace/page_map.h"

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace tl::app {

// ---------------------------------------------------------------------------------------------
// [SECTION] Vocabulary
// ---------------------------------------------------------------------------------------------
enum class PageOrigin : std::uint8_t {
  Mapped,   // a fresh page (map, grow)
  Mapping,  // the frames of another region: code through the page cache, a shared-memory region
  Forked,   // inherited by a fork: the child's page and the parent's share one frame
  Copied,   // a copy-on-write fault gave it a frame of its own
};

// What the view colours a page by: the four states the lesson names, plus code, which is
// shared through the page cache rather than by a fork.
enum class PageLook : std::uint8_t {
  Private,       // no other process maps its frame
  SharedFork,    // shared with a parent or child since a fork, copy-on-write
  Copied,        // was shared, a write copied it: now private
  SharedRegion,  // an explicit shared-memory region: writes are seen by all
  SharedFile,    // code shared through the page cache
};
inline constexpr int kPageLooks = 5;
const char* to_string(PageLook look);  // legend text

// The colour of each PageLook (0xRRGGBB): colour-blind safe (Okabe and Ito's set), none of them
// a thread colour, so a browser test can count each state's pixels.
inline constexpr std::array<std::uint32_t, kPageLooks> kPageLookRgb = {
    0x0072B2,  // private: blue
    0xE69F00,  // shared since fork: orange
    0xCC79A7,  // copied by a write: reddish purple
    0x009E73,  // shared region: bluish green
    0xF0E442,  // shared code: yellow
};

struct PageNote {
  TimeNs since = 0;  // when it got its current frame (or was last written in place)
  PageOrigin origin = PageOrigin::Mapped;
  bool written = false;  // shared-memory page written in place (smaps: dirty)
};

// Per process, as /proc/PID/smaps sums its mappings (kB): Rss counts every resident page,
// Pss divides each by the number of processes mapping it, Shared_* counts pages another
// process maps too and Private_* the rest; dirty pages were written (anonymous memory is, code
// is not, a shared-memory page once written).
struct SmapsFigures {
  std::uint64_t rss_kb = 0;
  std::uint64_t pss_kb = 0;
  std::uint64_t shared_clean_kb = 0;
  std::uint64_t shared_dirty_kb = 0;
  std::uint64_t private_clean_kb = 0;
  std::uint64_t private_dirty_kb = 0;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] MemoryReplay
// ---------------------------------------------------------------------------------------------
class MemoryReplay {
 public:
  explicit MemoryReplay(const PageEvents& pages);  // keeps a reference: pages must outlive it

  void seek(TimeNs t);  // the maps at the end of instant t
  TimeNs time() const { return map_.time(); }
  std::size_t applied() const { return next_; }  // events applied: a new value = a new picture
  const PageMap& map() const { return map_; }

  std::span<const PageNote> notes(AddressSpaceId space, RegionId region) const;
  PageLook look(AddressSpaceId space, RegionId region, std::uint32_t page) const;
  // How many address spaces map `frame` now.
  std::uint32_t mappers(std::uint32_t frame) const { return frame < refs_.size() ? refs_[frame] : 0; }
  SmapsFigures smaps(AddressSpaceId space) const;

 private:
  void reset();
  void apply(const PageEvent& event);
  void count_refs();

  const PageEvents* pages_;
  PageMap map_;
  std::size_t next_ = 0;
  std::vector<std::vector<std::vector<PageNote>>> notes_;  // [space][region][page]
  std::vector<std::uint32_t> refs_;                        // [frame] live mappers, after seek
};

}  // namespace tl::app
