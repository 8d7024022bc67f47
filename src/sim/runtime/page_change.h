// What the memory model reports as it changes the mappings of an address space: plain data in
// address-space, region and page terms, without time. The engine stamps each change with the
// time of the runtime call that made it and keeps it in the trace (trace/page_events.h), from
// which a replay rebuilds every process's page map at any time. Ranges, not single pages: a
// fork of a 1 GB image is one change, and so is the copy of a run of written pages.
#pragma once
#include "sim/runtime/specs.h"

#include <cstdint>

namespace tl {

inline constexpr std::uint32_t kPageBytes = 4096;
inline constexpr std::uint32_t kPageKb = kPageBytes / 1024;
inline constexpr std::uint32_t pages_for_kb(std::uint32_t kb) { return (kb + kPageKb - 1) / kPageKb; }

using AddressSpaceId = std::uint32_t;                           // dense, in creation order (not the scenario's ProcessId:
                                                                // forked and spawned children get theirs at run time)
using RegionId = std::uint32_t;                                 // index into one address space's regions; stable
inline constexpr AddressSpaceId kNoSpace = ~AddressSpaceId{0};  // a process not started yet

enum class PageChangeKind : std::uint8_t {
  Map,          // `region` of `space` (its next id) gets `count` fresh private pages; kind, tag
  Share,        // `region` of `space` (new, or an empty one) maps the frames of `from_space`'s
                // region `from`: code through the page cache, or a shared-memory region
  Fork,         // `space` (new) is a child of `from_space`: the same regions mapping the same
                // frames; stacks are retagged: the forking thread's (`from`) becomes the
                // child's thread (`tag`), the others belong to no thread (kNoThread)
  Copy,         // pages [first, first + count) of `region` were mapped elsewhere too and are
                // now private copies: copy-on-write faults
  SharedWrite,  // pages [first, first + count) of a shared-memory `region` were written in
                // place: nothing is copied, every mapper sees the write
  Unmap,        // `region` of `space` is gone (a thread's stack at its exit)
  Exit,         // every region of `space` is gone: the process exited
  Grow,         // `region` of `space` gains `count` fresh private pages at its end
};
const char* to_string(PageChangeKind kind);  // "map", "share", "fork", "copy", "shared-write", "unmap", "exit", "grow"

struct PageChange {
  PageChangeKind kind = PageChangeKind::Map;
  RegionKind region_kind = RegionKind::Heap;  // Map, Share: the region's kind
  AddressSpaceId space = 0;
  RegionId region = 0;            // all but Fork and Exit
  std::uint32_t first = 0;        // Copy, SharedWrite: first page of the range
  std::uint32_t count = 0;        // Map, Grow, Copy, SharedWrite: pages
  std::uint32_t tag = 0;          // Map, Share: the region's tag (Stack: its
                                  // thread; Shared: the region's id); Fork: the child's thread
  AddressSpaceId from_space = 0;  // Share, Fork
  std::uint32_t from = 0;         // Share: region of from_space; Fork: the forking thread
};

}  // namespace tl
