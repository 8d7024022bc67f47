// [SECTION] Layout
// [SECTION] Frames
// [SECTION] Address spaces
// [SECTION] Writes and shared memory
// [SECTION] Queries
#include "sim/runtime/memory_model.h"

#include <stdexcept>
#include <string>

namespace tl {

// ---------------------------------------------------------------------------------------------
// [SECTION] Layout
// ---------------------------------------------------------------------------------------------
ImageLayout image_layout(const CostProfile& profile, bool spawned) {
  ImageLayout layout;
  layout.code_pages = pages_for_kb(profile.code_kb);
  layout.data_pages = pages_for_kb(profile.data_kb);
  layout.heap_pages = pages_for_kb(profile.heap_kb + (spawned ? profile.spawn_extra_kb : 0));
  layout.stack_pages = pages_for_kb(profile.thread_stack_kb);
  return layout;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Frames
// ---------------------------------------------------------------------------------------------
FrameId MemoryModel::alloc_frame(AddressSpaceId owner) {
  FrameId f;
  if (!free_.empty()) {
    f = free_.back();
    free_.pop_back();
  } else {
    f = static_cast<FrameId>(refs_.size());
    refs_.push_back(0);
    mappers_.push_back(0);
  }
  refs_[f] = 1;
  mappers_[f] = owner;
  ++in_use_;
  ++spaces_[owner].resident;
  mark_changed(owner);
  return f;
}

void MemoryModel::mark_changed(AddressSpaceId id) {
  Space& s = spaces_[id];
  if (s.changed) return;
  s.changed = true;
  changed_.push_back(id);
}

// `space` maps `frame` too: a frame mapped once so far becomes shared for its sole mapper.
void MemoryModel::add_mapper(FrameId frame, AddressSpaceId id) {
  const std::uint32_t before = refs_[frame]++;
  Space& s = spaces_[id];
  ++s.resident;
  if (before >= 1) ++s.shared;
  mark_changed(id);
  if (before == 1) {
    ++spaces_[mappers_[frame]].shared;
    mark_changed(mappers_[frame]);
  }
  mappers_[frame] ^= id;
}

// `space` no longer maps `frame`: with one mapper left, that mapper's page is private again.
void MemoryModel::unref(FrameId frame, AddressSpaceId id) {
  const std::uint32_t before = refs_[frame]--;
  mappers_[frame] ^= id;
  Space& s = spaces_[id];
  --s.resident;
  if (before >= 2) --s.shared;
  mark_changed(id);
  if (before == 2) {
    --spaces_[mappers_[frame]].shared;
    mark_changed(mappers_[frame]);
  }
  if (before == 1) {
    free_.push_back(frame);
    --in_use_;
  }
}

void MemoryModel::unmap(AddressSpaceId id, RegionId rid) {
  Space& s = spaces_[id];
  Region& r = s.regions[rid];
  if (!r.mapped) return;
  for (FrameId f : r.frames) unref(f, id);
  r.frames.clear();
  r.frames.shrink_to_fit();
  r.mapped = false;
  if (indexed(r.kind, r.tag)) s.index.erase(index_key(r.kind, r.tag));
  if (r.kind == RegionKind::Shared && --shms_[r.tag].mappings == 0) shms_[r.tag].frames.clear();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Address spaces
// ---------------------------------------------------------------------------------------------
MemoryModel::Space& MemoryModel::space(AddressSpaceId id) {
  if (id >= spaces_.size() || !spaces_[id].alive)
    throw std::logic_error("memory: address space " + std::to_string(id) + " does not exist or has exited");
  return spaces_[id];
}

const MemoryModel::Space& MemoryModel::space(AddressSpaceId id) const {
  return const_cast<MemoryModel*>(this)->space(id);
}

Region& MemoryModel::region(AddressSpaceId id, RegionId r) {
  Space& s = space(id);
  if (r >= s.regions.size() || !s.regions[r].mapped)
    throw std::logic_error("memory: region " + std::to_string(r) + " of address space " +
                           std::to_string(id) + " is not mapped");
  return s.regions[r];
}

RegionId MemoryModel::add_region(AddressSpaceId id, RegionKind kind, std::uint32_t tag, std::uint32_t pages) {
  space(id);  // validates
  Region r;
  r.kind = kind;
  r.tag = tag;
  r.frames.reserve(pages);
  for (std::uint32_t i = 0; i < pages; ++i) r.frames.push_back(alloc_frame(id));
  Space& s = spaces_[id];
  s.regions.push_back(std::move(r));
  const auto rid = static_cast<RegionId>(s.regions.size() - 1);
  if (indexed(kind, tag)) s.index.emplace(index_key(kind, tag), rid);
  note(PageChange{PageChangeKind::Map, kind, id, rid, 0, pages, tag, 0, 0});
  return rid;
}

AddressSpaceId MemoryModel::create_image(const ImageLayout& layout, ThreadId main_thread) {
  spaces_.emplace_back();
  const auto id = static_cast<AddressSpaceId>(spaces_.size() - 1);
  mark_changed(id);  // a new space is sampled even when it maps nothing
  add_region(id, RegionKind::Code, 0, layout.code_pages);
  add_region(id, RegionKind::Data, 0, layout.data_pages);
  add_region(id, RegionKind::Heap, 0, layout.heap_pages);
  add_region(id, RegionKind::Stack, main_thread, layout.stack_pages);
  return id;
}

AddressSpaceId MemoryModel::create_image(const ImageLayout& layout, ThreadId main_thread,
                                         AddressSpaceId share_code_from) {
  const RegionId code_at = find_region(share_code_from, RegionKind::Code);
  if (code_at == kNoRegion) throw std::logic_error("memory: no code region to share");
  ImageLayout without_code = layout;
  without_code.code_pages = 0;
  const AddressSpaceId id = create_image(without_code, main_thread);
  std::vector<FrameId> shared = spaces_[share_code_from].regions[code_at].frames;
  for (FrameId f : shared) add_mapper(f, id);
  const RegionId code_region = find_region(id, RegionKind::Code);
  Region& code = spaces_[id].regions[code_region];
  code.frames = std::move(shared);
  note(PageChange{PageChangeKind::Share, RegionKind::Code, id, code_region, 0, 0, 0, share_code_from, code_at});
  return id;
}

AddressSpaceId MemoryModel::fork(AddressSpaceId parent, ThreadId forking_thread, ThreadId child_thread) {
  space(parent);  // validates before spaces_ may reallocate
  spaces_.emplace_back();
  const auto id = static_cast<AddressSpaceId>(spaces_.size() - 1);
  mark_changed(id);
  Space& child = spaces_[id];
  child.regions = spaces_[parent].regions;
  for (std::size_t i = 0; i < child.regions.size(); ++i) {
    Region& r = child.regions[i];
    if (!r.mapped) continue;
    for (FrameId f : r.frames) add_mapper(f, id);
    if (r.kind == RegionKind::Shared) ++shms_[r.tag].mappings;  // MAP_SHARED stays shared
    if (r.kind == RegionKind::Stack) r.tag = r.tag == forking_thread ? child_thread : kNoThread;
    if (indexed(r.kind, r.tag)) child.index.emplace(index_key(r.kind, r.tag), static_cast<RegionId>(i));
  }
  note(PageChange{PageChangeKind::Fork, RegionKind::Heap, id, 0, 0, 0, child_thread, parent, forking_thread});
  return id;
}

RegionId MemoryModel::add_stack(AddressSpaceId id, ThreadId thread, std::uint32_t pages) {
  return add_region(id, RegionKind::Stack, thread, pages);
}

void MemoryModel::remove_stack(AddressSpaceId id, ThreadId thread) {
  const RegionId r = find_region(id, RegionKind::Stack, thread);
  if (r == kNoRegion)
    throw std::logic_error("memory: thread " + std::to_string(thread) + " has no stack in address space " +
                           std::to_string(id));
  unmap(id, r);
  note(PageChange{PageChangeKind::Unmap, RegionKind::Stack, id, r, 0, 0, thread, 0, 0});
}

void MemoryModel::exit(AddressSpaceId id) {
  Space& s = space(id);
  for (std::size_t r = 0; r < s.regions.size(); ++r) unmap(id, static_cast<RegionId>(r));
  s.alive = false;
  note(PageChange{PageChangeKind::Exit, RegionKind::Heap, id, 0, 0, 0, 0, 0, 0});
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Writes and shared memory
// ---------------------------------------------------------------------------------------------
WriteResult MemoryModel::write(AddressSpaceId id, RegionId rid, std::uint32_t first, std::uint32_t count) {
  Region& r = region(id, rid);
  if (r.kind == RegionKind::Code) throw std::logic_error("memory: code is read-only");
  if (first > r.frames.size() || count > r.frames.size() - first)
    throw std::logic_error("memory: write of pages [" + std::to_string(first) + ", " +
                           std::to_string(std::uint64_t{first} + count) + ") past a " + to_string(r.kind) +
                           " region of " + std::to_string(r.frames.size()) + " pages");
  WriteResult result;
  result.pages_touched = count;
  if (r.kind == RegionKind::Shared) {  // the point of shared memory: no copy
    if (count > 0) note(PageChange{PageChangeKind::SharedWrite, r.kind, id, rid, first, count, r.tag, 0, 0});
    return result;
  }
  // Copies are reported as runs of consecutive pages: a write over a forked heap is one change.
  std::uint32_t run_first = 0, run_count = 0;
  auto flush = [&] {
    if (run_count > 0) note(PageChange{PageChangeKind::Copy, r.kind, id, rid, run_first, run_count, r.tag, 0, 0});
    run_count = 0;
  };
  for (std::uint32_t i = first; i < first + count; ++i) {
    const FrameId old = r.frames[i];
    if (refs_[old] == 1) {  // already private: written in place
      flush();
      continue;
    }
    const FrameId copy = alloc_frame(id);  // before unref: never reuse `old` itself
    unref(old, id);
    r.frames[i] = copy;
    ++result.pages_copied;
    if (run_count == 0) run_first = i;
    ++run_count;
  }
  flush();
  return result;
}

void MemoryModel::grow(AddressSpaceId id, RegionId rid, std::uint32_t pages) {
  Region& r = region(id, rid);
  if (r.kind == RegionKind::Code || r.kind == RegionKind::Shared)
    throw std::logic_error(std::string("memory: cannot grow a ") + to_string(r.kind) + " region");
  for (std::uint32_t i = 0; i < pages; ++i) r.frames.push_back(alloc_frame(id));
  note(PageChange{PageChangeKind::Grow, r.kind, id, rid, 0, pages, r.tag, 0, 0});
}

ShmId MemoryModel::create_shm(AddressSpaceId creator, std::uint32_t pages) {
  const ShmId shm = static_cast<ShmId>(shms_.size());
  const RegionId r = add_region(creator, RegionKind::Shared, shm, pages);
  shms_.push_back(Shm{space(creator).regions[r].frames, 1});
  return shm;
}

RegionId MemoryModel::map_shm(AddressSpaceId id, ShmId shm) {
  space(id);  // validates
  if (shm >= shms_.size() || shms_[shm].mappings == 0)
    throw std::logic_error("memory: shared memory " + std::to_string(shm) + " no longer exists");
  if (find_region(id, RegionKind::Shared, shm) != kNoRegion)
    throw std::logic_error("memory: shared memory " + std::to_string(shm) + " is already mapped");
  Region r;
  r.kind = RegionKind::Shared;
  r.tag = shm;
  r.frames = shms_[shm].frames;
  for (FrameId f : r.frames) add_mapper(f, id);
  ++shms_[shm].mappings;
  Space& s = spaces_[id];
  s.regions.push_back(std::move(r));
  const auto rid = static_cast<RegionId>(s.regions.size() - 1);
  s.index.emplace(index_key(RegionKind::Shared, shm), rid);
  if (changes_) {
    // A page event names a live mapping of the same frames (the creator may have exited).
    for (AddressSpaceId other = 0; other < spaces_.size(); ++other) {
      if (other == id || !spaces_[other].alive) continue;
      const RegionId at = find_region(other, RegionKind::Shared, shm);
      if (at == kNoRegion) continue;
      note(PageChange{PageChangeKind::Share, RegionKind::Shared, id, rid, 0, 0, shm, other, at});
      break;
    }
  }
  return rid;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Queries
// ---------------------------------------------------------------------------------------------
MemoryUsage MemoryModel::usage(AddressSpaceId id) const {
  MemoryUsage u;
  if (id >= spaces_.size() || !spaces_[id].alive) return u;  // an exited process holds nothing
  u.resident_pages = spaces_[id].resident;
  u.shared_pages = spaces_[id].shared;
  u.private_pages = u.resident_pages - u.shared_pages;
  return u;
}

std::vector<AddressSpaceId> MemoryModel::take_changed_spaces() {
  std::vector<AddressSpaceId> out;
  out.swap(changed_);
  for (AddressSpaceId id : out) spaces_[id].changed = false;
  return out;
}

bool MemoryModel::alive(AddressSpaceId id) const { return id < spaces_.size() && spaces_[id].alive; }

std::span<const Region> MemoryModel::regions(AddressSpaceId id) const { return space(id).regions; }

RegionId MemoryModel::find_region(AddressSpaceId id, RegionKind kind, std::uint32_t tag) const {
  const Space& s = space(id);
  if (indexed(kind, tag)) {
    const auto it = s.index.find(index_key(kind, tag));
    return it == s.index.end() ? kNoRegion : it->second;
  }
  for (std::size_t i = 0; i < s.regions.size(); ++i) {
    const Region& r = s.regions[i];
    if (r.mapped && r.kind == kind && r.tag == tag) return static_cast<RegionId>(i);
  }
  return kNoRegion;
}

}  // namespace tl
