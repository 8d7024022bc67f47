// Address spaces in 4 KiB pages, for the lesson "threads share memory, processes do not".
// Each process owns regions (code, data, heap, one stack per thread, mapped shared memory);
// each region is a list of page frames; a frame counts how many address spaces map it. Fork
// makes the child map every parent frame (copy-on-write); the first write to a frame that
// is still mapped elsewhere copies it (a fault the engine charges). Threads add a stack and
// nothing else: they already share everything.
//
// Frames are numbered and recycled through a LIFO free list, so the same calls give the same
// frame numbers on every platform (the memory view draws them).
//
// Usage is kept incrementally, so a query costs O(1) however many stacks a process has: each
// space counts its resident and shared pages as frames are mapped and unmapped, and each frame
// keeps the XOR of the ids of the spaces mapping it, which names the sole mapper when one is
// left (that mapper's page stops being shared). A frame is mapped at most once per space.
// Spaces whose counts changed are listed until take_changed_spaces(), so a recorder samples
// only those.
//
// Calls that would corrupt the model (a write past a region, to code, to an exited process)
// throw std::logic_error: the scenario parser rejects such input first, so reaching one is a
// bug in the caller.
//
// [SECTION] Vocabulary
// [SECTION] MemoryModel
#pragma once
#include "sim/runtime/cost_profile.h"
#include "sim/runtime/page_change.h"
#include "sim/runtime/specs.h"
#include "sim/core/types.h"

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

namespace tl {

// ---------------------------------------------------------------------------------------------
// [SECTION] Vocabulary
// ---------------------------------------------------------------------------------------------
using FrameId = std::uint32_t;
using ShmId = std::uint32_t;
// AddressSpaceId, RegionId, kPageKb and pages_for_kb: page_change.h; RegionKind: specs.h.

struct Region {
  RegionKind kind = RegionKind::Heap;
  std::uint32_t tag = 0;        // Stack: owning ThreadId (kNoThread: copied by fork,
                                // no thread uses it); Shared: ShmId; otherwise 0
  bool mapped = true;           // false after unmap; ids of later regions stay stable
  std::vector<FrameId> frames;  // page i of the region
};

struct ImageLayout {  // a fresh program image, in pages
  std::uint32_t code_pages = 0;
  std::uint32_t data_pages = 0;
  std::uint32_t heap_pages = 0;
  std::uint32_t stack_pages = 0;  // the main thread's stack
};
ImageLayout image_layout(const CostProfile& profile, bool spawned);  // spawned: + spawn_extra_kb heap

struct MemoryUsage {
  std::uint64_t resident_pages = 0;  // every frame mapped
  std::uint64_t shared_pages = 0;    // frames also mapped by another address space
  std::uint64_t private_pages = 0;   // resident - shared
  std::uint64_t resident_kb() const { return resident_pages * kPageKb; }
  std::uint64_t shared_kb() const { return shared_pages * kPageKb; }
  std::uint64_t private_kb() const { return private_pages * kPageKb; }
};

struct WriteResult {
  std::uint32_t pages_touched = 0;
  std::uint32_t pages_copied = 0;  // copy-on-write faults: the engine charges each one
};

// ---------------------------------------------------------------------------------------------
// [SECTION] MemoryModel
// ---------------------------------------------------------------------------------------------
class MemoryModel {
 public:
  // From now on every change to a mapping is appended to `sink` (nullptr: none), as it
  // happens; the owner drains it (page_change.h).
  void record_changes(std::vector<PageChange>* sink) { changes_ = sink; }

  // A fresh image (the first process, or spawn). With share_code_from, its code region maps
  // that address space's code frames: the same program file is in the page cache once.
  AddressSpaceId create_image(const ImageLayout& layout, ThreadId main_thread);
  AddressSpaceId create_image(const ImageLayout& layout, ThreadId main_thread, AddressSpaceId share_code_from);

  // The child maps every frame of the parent (nothing is copied yet). Only the forking
  // thread exists in the child: its stack is retagged to child_thread; other threads' stacks
  // are copied too, as fork does, but belong to no thread (tag kNoThread).
  AddressSpaceId fork(AddressSpaceId parent, ThreadId forking_thread, ThreadId child_thread);

  RegionId add_stack(AddressSpaceId space, ThreadId thread, std::uint32_t pages);
  void remove_stack(AddressSpaceId space, ThreadId thread);  // thread exit
  // Writing pages [first, first+count) of a region: copies each page still mapped elsewhere.
  WriteResult write(AddressSpaceId space, RegionId region, std::uint32_t first, std::uint32_t count);
  // Extends a region by fresh private pages (a heap that grows as the program allocates).
  void grow(AddressSpaceId space, RegionId region, std::uint32_t pages);

  // Explicit shared memory: created mapped into `creator`, mappable by any other process.
  ShmId create_shm(AddressSpaceId creator, std::uint32_t pages);
  RegionId map_shm(AddressSpaceId space, ShmId shm);
  // False once its last mapping is gone (its frames are freed; a later user creates a new one).
  bool shm_alive(ShmId shm) const { return shm < shms_.size() && shms_[shm].mappings > 0; }

  void exit(AddressSpaceId space);  // unmaps everything; frames nobody maps are freed

  // Queries
  MemoryUsage usage(AddressSpaceId space) const;
  bool alive(AddressSpaceId space) const;
  // The spaces whose usage may have changed since the last call, each once, in the order
  // they first changed; the list is then cleared.
  std::vector<AddressSpaceId> take_changed_spaces();
  std::size_t space_count() const { return spaces_.size(); }
  std::span<const Region> regions(AddressSpaceId space) const;
  RegionId find_region(AddressSpaceId space, RegionKind kind, std::uint32_t tag = 0) const;  // kNoRegion if none
  std::uint32_t map_count(FrameId frame) const { return refs_[frame]; }
  std::uint64_t frames_in_use() const { return in_use_; }

  static constexpr RegionId kNoRegion = ~RegionId{0};

 private:
  struct Space {
    bool alive = true;
    bool changed = false;  // listed in changed_
    std::uint64_t resident = 0;
    std::uint64_t shared = 0;
    std::vector<Region> regions;
    // Live regions by (kind, tag), but for the forked copies of other threads' stacks (tag
    // kNoThread, several at once): find_region in O(1) among thousands of stacks.
    std::unordered_map<std::uint64_t, RegionId> index;
  };
  struct Shm {
    std::vector<FrameId> frames;
    std::uint32_t mappings = 0;  // 0: destroyed with its last mapping
  };

  FrameId alloc_frame(AddressSpaceId owner);
  void add_mapper(FrameId frame, AddressSpaceId space);
  void unref(FrameId frame, AddressSpaceId space);
  void unmap(AddressSpaceId space, RegionId region);
  void mark_changed(AddressSpaceId space);
  static std::uint64_t index_key(RegionKind kind, std::uint32_t tag) {
    return std::uint64_t{static_cast<std::uint32_t>(kind)} << 32 | tag;
  }
  static bool indexed(RegionKind kind, std::uint32_t tag) { return kind != RegionKind::Stack || tag != kNoThread; }
  Space& space(AddressSpaceId id);
  const Space& space(AddressSpaceId id) const;
  Region& region(AddressSpaceId space, RegionId region);
  RegionId add_region(AddressSpaceId id, RegionKind kind, std::uint32_t tag, std::uint32_t pages);
  void note(const PageChange& change) {
    if (changes_) changes_->push_back(change);
  }

  std::vector<Space> spaces_;
  std::vector<std::uint32_t> refs_;      // [frame] address spaces mapping it
  std::vector<AddressSpaceId> mappers_;  // [frame] XOR of the ids of the spaces mapping it
  std::vector<AddressSpaceId> changed_;  // spaces whose usage changed: take_changed_spaces
  std::vector<FrameId> free_;            // LIFO: deterministic reuse
  std::vector<Shm> shms_;
  std::uint64_t in_use_ = 0;
  std::vector<PageChange>* changes_ = nullptr;
};

}  // namespace tl
