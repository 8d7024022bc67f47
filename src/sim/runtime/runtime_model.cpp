// [SECTION] Set-up
// [SECTION] Scheduling and the GIL
// [SECTION] Lifetime
// [SECTION] Memory
#include "sim/runtime/runtime_model.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace tl {

// ---------------------------------------------------------------------------------------------
// [SECTION] Set-up
// ---------------------------------------------------------------------------------------------
RuntimeModel::RuntimeModel(RuntimeModelSpec spec, MemoryObserver* observer)
    : spec_(std::move(spec)),
      gils_(spec_.process_origin.size(), spec_.gil.switch_interval, spec_.costs.gil_handoff,
            // a release wakes the waiter directly (a futex wake), never slower than a forced drop
            std::min(spec_.costs.gil_handoff, spec_.costs.futex_wake)),
      observer_(observer),
      channels_(spec_.costs) {
  if (observer_) memory_.record_changes(&changes_);
  const std::size_t np = spec_.process_origin.size();
  gil_due_of_.assign(np, kForever);
  space_of_.assign(np, kNoSpace);
  main_thread_.assign(np, kNoThread);
  threads_left_.assign(np, 0);
  exited_.assign(np, false);
  for (ThreadId t = 0; t < spec_.thread_process.size(); ++t) {
    const ProcessId p = spec_.thread_process[t];
    if (p >= np) throw std::logic_error("runtime: thread " + std::to_string(t) + " has no process");
    if (main_thread_[p] == kNoThread) main_thread_[p] = t;
    ++threads_left_[p];
  }
  // Initial processes run the same program: the first one maps the code, the others share it
  // through the page cache, as a second copy of one binary does.
  shm_ids_.assign(spec_.shared_memory.size(), kNoShm);
  for (const SharedMemorySpec& shm : spec_.shared_memory)
    for (ProcessId p : shm.processes)
      if (p >= np) throw std::logic_error("runtime: shared memory '" + shm.name + "' lists no process " + std::to_string(p));
  for (ProcessId p = 0; p < np; ++p) {
    if (spec_.process_origin[p] != ProcessOrigin::Initial) continue;
    const ImageLayout layout = image_layout(spec_.costs, false);
    set_space(p, program_image_ == kNoSpace ? memory_.create_image(layout, main_thread_[p])
                                            : memory_.create_image(layout, main_thread_[p], program_image_));
    if (program_image_ == kNoSpace) program_image_ = space_of_[p];
    map_shared_memory(p);
  }
  for (ChannelKind kind : spec_.channels) channels_.add(kind);
  note_memory(0);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Scheduling and the GIL
// ---------------------------------------------------------------------------------------------
TimeNs RuntimeModel::fork_cost(ThreadId creator) const {
  const ProcessId p = process_of(creator);
  const std::uint64_t resident = process_started(p) ? memory_.usage(space_of_[p]).resident_kb() : 0;
  return tl::fork_cost(spec_.costs, resident);
}

WorkerKind worker_kind(ProcessOrigin origin) {
  switch (origin) {
    case ProcessOrigin::Forked: return WorkerKind::ForkedProcess;
    case ProcessOrigin::ForkServer: return WorkerKind::ForkServerProcess;
    default: return WorkerKind::SpawnedProcess;
  }
}

TimeNs RuntimeModel::switch_cost(ThreadId last, ThreadId next) const {
  if (last == kNoThread) return 0;
  return tl::switch_cost(spec_.costs, last, process_of(last), next, process_of(next));
}

void RuntimeModel::refresh_gil_due(ProcessId p) {
  const TimeNs due = gils_[p].drop_request_due();
  if (due == gil_due_of_[p]) return;
  if (gil_due_of_[p] != kForever) gil_due_.erase({gil_due_of_[p], p});
  if (due != kForever) gil_due_.insert({due, p});
  gil_due_of_[p] = due;
}

bool RuntimeModel::acquire_gil(ThreadId t, TimeNs now) {
  if (!gil_enabled()) return true;
  const bool got = gils_[process_of(t)].acquire(t, now);
  refresh_gil_due(process_of(t));
  return got;
}

GilHandover RuntimeModel::release_gil(ThreadId t, TimeNs now) {
  if (!gil_enabled()) return GilHandover{t, kNoThread, now};
  Gil& gil = gils_[process_of(t)];
  if (gil.holder() != t) return GilHandover{t, kNoThread, now};  // e.g. it blocked before it ever computed
  const GilHandover h = gil.release(t, now);
  refresh_gil_due(process_of(t));
  return h;
}

ThreadId RuntimeModel::request_gil_drop(ProcessId p, TimeNs now) {
  gils_[p].request_drop(now);
  refresh_gil_due(p);
  return gils_[p].holder();
}

bool RuntimeModel::must_drop_gil(ThreadId t) const {
  if (!gil_enabled()) return false;
  const Gil& gil = gils_[process_of(t)];
  return gil.holder() == t && gil.drop_requested();
}

GilHandover RuntimeModel::drop_gil(ThreadId holder, TimeNs now) {
  Gil& gil = gils_[process_of(holder)];
  if (gil.holder() != holder) throw std::logic_error("runtime: drop by a thread that does not hold the GIL");
  const GilHandover h = gil.drop(now);
  refresh_gil_due(process_of(holder));
  return h;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Lifetime
// ---------------------------------------------------------------------------------------------
void RuntimeModel::start_thread(ThreadId t, TimeNs now) {
  const ProcessId p = process_of(t);
  if (!process_started(p))
    throw std::logic_error("runtime: thread " + std::to_string(t) + " starts before its process");
  if (t == main_thread_[p]) return;  // its stack came with the image
  memory_.add_stack(space_of_[p], t, pages_for_kb(spec_.costs.thread_stack_kb));
  note_memory(now);
}

TimeNs RuntimeModel::start_process(ProcessId p, ThreadId creator, TimeNs now) {
  if (process_started(p)) throw std::logic_error("runtime: process " + std::to_string(p) + " started twice");
  const AddressSpaceId parent = space_of_[process_of(creator)];
  TimeNs faults = 0;
  switch (spec_.process_origin[p]) {
    case ProcessOrigin::Initial:
      throw std::logic_error("runtime: an initial process is not created by a step");
    case ProcessOrigin::Forked: {
      set_space(p, memory_.fork(parent, creator, main_thread_[p]));
      // What the child soon writes on its own (CPython: reference counts, the GC) becomes
      // private at once; charging it up front keeps the model simple and the total right.
      const std::uint32_t dirty = pages_for_kb(spec_.costs.fork_dirty_kb);
      const RegionId heap = memory_.find_region(space_of_[p], RegionKind::Heap);
      const std::uint32_t heap_pages = static_cast<std::uint32_t>(memory_.regions(space_of_[p])[heap].frames.size());
      const WriteResult w = memory_.write(space_of_[p], heap, 0, std::min(dirty, heap_pages));
      cow_faults_ += w.pages_copied;
      faults = static_cast<TimeNs>(w.pages_copied) * spec_.costs.cow_fault;
      break;
    }
    case ProcessOrigin::Spawned:
    case ProcessOrigin::ForkServer:
      set_space(p, memory_.create_image(image_layout(spec_.costs, true), main_thread_[p], parent));
      break;
  }
  // The child's own start-up (after-fork hooks; a fresh interpreter's imports) runs on the
  // child's core, before its program, like the faults.
  faults += child_start_cost(spec_.costs, worker_kind(spec_.process_origin[p]));
  map_shared_memory(p);
  note_memory(now);
  return faults;
}

void RuntimeModel::end_thread(ThreadId t, TimeNs now) {
  const ProcessId p = process_of(t);
  if (!process_started(p) || exited_[p]) return;
  if (--threads_left_[p] == 0) {
    memory_.exit(space_of_[p]);
    exited_[p] = true;
  } else if (t != main_thread_[p]) {
    memory_.remove_stack(space_of_[p], t);
  }
  note_memory(now);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Memory
// ---------------------------------------------------------------------------------------------
void RuntimeModel::set_space(ProcessId p, AddressSpaceId space) {
  space_of_[p] = space;
  if (space_process_.size() <= space) space_process_.resize(space + 1, 0);
  space_process_[space] = p;
}

void RuntimeModel::note_memory(TimeNs now) {
  const std::vector<AddressSpaceId> spaces = memory_.take_changed_spaces();
  if (!observer_ || changes_.empty()) return;
  changed_processes_.clear();
  for (AddressSpaceId s : spaces)
    if (s < space_process_.size()) changed_processes_.push_back(space_process_[s]);
  observer_->memory_changed(now, changes_, memory_, space_of_, changed_processes_);
  changes_.clear();
}

// Like shm_open + mmap at start-up: the first listed process to start creates the region, the
// others map the same frames. A forked child already has its parent's mappings (MAP_SHARED
// survives fork), so it maps nothing twice; once every mapper has exited the region is gone
// and a later starter creates a fresh one.
void RuntimeModel::map_shared_memory(ProcessId p) {
  const AddressSpaceId space = space_of_[p];
  for (std::size_t i = 0; i < spec_.shared_memory.size(); ++i) {
    const SharedMemorySpec& shm = spec_.shared_memory[i];
    if (std::find(shm.processes.begin(), shm.processes.end(), p) == shm.processes.end()) continue;
    if (shm_ids_[i] != kNoShm && memory_.shm_alive(shm_ids_[i])) {
      if (memory_.find_region(space, RegionKind::Shared, shm_ids_[i]) == MemoryModel::kNoRegion)
        memory_.map_shm(space, shm_ids_[i]);
    } else {
      shm_ids_[i] = memory_.create_shm(space, pages_for_kb(shm.kb));
    }
  }
}

TimeNs RuntimeModel::write(ThreadId t, RegionKind kind, std::uint32_t first, std::uint32_t pages, TimeNs now,
                           std::uint32_t shm) {
  const ProcessId p = process_of(t);
  const AddressSpaceId space = space_of_[p];
  RegionId region = MemoryModel::kNoRegion;
  if (kind == RegionKind::Stack) {
    region = memory_.find_region(space, kind, t);
  } else if (kind == RegionKind::Shared) {
    if (shm < shm_ids_.size() && shm_ids_[shm] != kNoShm)
      region = memory_.find_region(space, kind, shm_ids_[shm]);
  } else {
    region = memory_.find_region(space, kind);
  }
  if (region == MemoryModel::kNoRegion)
    throw std::logic_error(std::string("runtime: process has no ") + to_string(kind) + " region" +
                           (kind == RegionKind::Shared ? " " + std::to_string(shm) : std::string()));
  const WriteResult w = memory_.write(space, region, first, pages);
  cow_faults_ += w.pages_copied;
  note_memory(now);
  return static_cast<TimeNs>(w.pages_copied) * spec_.costs.cow_fault;
}

}  // namespace tl
