// The runtime of a run behind one object the engine owns and calls at a handful of points:
// costs by kind (cost_profile), the per-process GIL (gil), address spaces and copy-on-write
// (memory_model) and channels (channel). The engine keeps time, cores, thread states and the
// trace; this object answers "what does this cost", "may this thread compute", "whom does
// that wake", and tells a MemoryObserver (the engine's recorder) when memory changed.
//
// Processes are declared in the scenario (so the engine's arrays stay fixed-size); a process's
// origin says how it comes to life: Initial ones exist from time 0, Forked and Spawned ones
// when a thread of another process forks or spawns them (the creator pays the cost).
//
// [SECTION] Spec
// [SECTION] RuntimeModel
#pragma once
#include "sim/runtime/channel.h"
#include "sim/runtime/cost_profile.h"
#include "sim/runtime/gil.h"
#include "sim/runtime/memory_model.h"
#include "sim/runtime/specs.h"

#include <cstdint>
#include <set>
#include <span>
#include <utility>
#include <string>
#include <vector>

namespace tl {

// ---------------------------------------------------------------------------------------------
// [SECTION] Spec
// ---------------------------------------------------------------------------------------------
// Told after every runtime call that changed an address space (at time 0 for the initial
// images): the changes in the order they happened, the model to read and each process's
// address space (kNoSpace: not started), and the processes whose usage may have changed
// (every other process's usage is what it was at the previous call: an observer that samples
// only these does O(changed) work, not O(processes)). The runtime itself keeps no history; the
// engine's recorder turns this into the trace's memory lanes and page events.
class MemoryObserver {
 public:
  virtual ~MemoryObserver() = default;
  virtual void memory_changed(TimeNs now, std::span<const PageChange> changes, const MemoryModel& memory,
                              std::span<const AddressSpaceId> space_of, std::span<const ProcessId> changed) = 0;
};

struct RuntimeModelSpec {
  CostProfile costs;
  GilSpec gil;
  std::vector<ProcessId> thread_process;        // [thread] owning process
  std::vector<ProcessOrigin> process_origin;    // [process]
  std::vector<ChannelKind> channels;            // [channel] declared channels, ids in order
  std::vector<SharedMemorySpec> shared_memory;  // [region] declared regions, ids in order
};

// The start method behind a created process's origin (Initial counts as spawned).
WorkerKind worker_kind(ProcessOrigin origin);

// ---------------------------------------------------------------------------------------------
// [SECTION] RuntimeModel
// ---------------------------------------------------------------------------------------------
class RuntimeModel {
 public:
  // Builds the images of the Initial processes and reports them to `observer` at time 0.
  explicit RuntimeModel(RuntimeModelSpec spec, MemoryObserver* observer = nullptr);

  const CostProfile& costs() const { return spec_.costs; }
  ProcessId process_of(ThreadId t) const { return spec_.thread_process[t]; }

  // Scheduling: what a core pays to start `next` after `last` (kNoThread: it ran nothing).
  TimeNs switch_cost(ThreadId last, ThreadId next) const;

  // GIL. With it off every call says "go ahead" and nothing waits.
  bool gil_enabled() const { return spec_.gil.enabled; }
  // Before computing: true = holds the GIL; false = the thread now waits for it (off-core).
  bool acquire_gil(ThreadId t, TimeNs now);
  // Blocking, sleeping, waiting for a lock or finishing: the GIL passes on; `to` is the thread
  // to wake at `at` (it holds the GIL now; `at` adds the profile's gil_handoff), or kNoThread.
  GilHandover release_gil(ThreadId t, TimeNs now);
  // When the next drop request is due, over all processes (kForever: none).
  // O(log processes): an ordered set of the processes' due times, updated after every GIL
  // change, instead of a scan over every process's GIL.
  GilDue next_gil_request() const {
    return gil_due_.empty() ? GilDue{} : GilDue{gil_due_.begin()->first, gil_due_.begin()->second};
  }
  // At that time: the request is made. The engine then calls drop_gil at once if the holder
  // is on a core, else when it is next dispatched (must_drop_gil).
  ThreadId request_gil_drop(ProcessId p, TimeNs now);  // returns the holder
  bool must_drop_gil(ThreadId t) const;
  GilHandover drop_gil(ThreadId holder, TimeNs now);  // holder waits; `to` must be woken at `at`
  const GilSet& gils() const { return gils_; }

  // Lifetime. Creation costs are paid by the creator as CPU before the effect happens.
  TimeNs creation_cost(WorkerKind kind) const { return tl::creation_cost(spec_.costs, kind); }
  // The parent's part of a fork by `creator`: fork_us plus its process's page tables.
  TimeNs fork_cost(ThreadId creator) const;
  // A thread starts running its program (arrival, or creation by a thread step): its stack.
  void start_thread(ThreadId t, TimeNs now);
  // A Forked or Spawned process comes to life, created by `creator`; returns the page-fault
  // time its first thread pays before its program: the child's start-up (fork_child_us,
  // spawn_child_us, forkserver_child_us) and a forked child's faults dirtying fork_dirty_kb.
  TimeNs start_process(ProcessId p, ThreadId creator, TimeNs now);
  // A thread is done: its stack goes; when its process's last thread is done, the process exits.
  void end_thread(ThreadId t, TimeNs now);
  bool process_started(ProcessId p) const { return space_of_[p] != kNoSpace; }
  bool process_exited(ProcessId p) const { return exited_[p]; }

  // Memory: a write step of `pages` pages from `first` of one of the process's regions
  // (Data, Heap, Stack = the thread's own, Shared = declared region `shm`, which the process
  // must map). Returns the fault time to charge (pages copied x cow_fault; never for Shared).
  TimeNs write(ThreadId t, RegionKind region, std::uint32_t first, std::uint32_t pages, TimeNs now,
               std::uint32_t shm = 0);
  const MemoryModel& memory() const { return memory_; }
  AddressSpaceId space_of(ProcessId p) const { return space_of_[p]; }
  std::span<const AddressSpaceId> spaces() const { return space_of_; }  // [process]
  std::uint64_t cow_faults() const { return cow_faults_; }

  // Communication (see channel.h for the protocol the engine follows).
  Channels& channels() { return channels_; }
  const Channels& channels() const { return channels_; }


 private:
  void note_memory(TimeNs now);
  void set_space(ProcessId p, AddressSpaceId space);  // space_of_ and its inverse
  void refresh_gil_due(ProcessId p);                  // re-files p's drop-request due time in gil_due_
  void map_shared_memory(ProcessId p);                // the declared regions listing p, as it starts

  RuntimeModelSpec spec_;
  GilSet gils_;
  std::set<std::pair<TimeNs, ProcessId>> gil_due_;  // pending drop requests by (time, process)
  std::vector<TimeNs> gil_due_of_;                  // [process] its entry in gil_due_, kForever: none
  MemoryModel memory_;
  MemoryObserver* observer_ = nullptr;
  std::vector<PageChange> changes_;  // since the last note_memory
  Channels channels_;
  std::vector<AddressSpaceId> space_of_;      // [process]
  std::vector<ProcessId> space_process_;      // [address space] its process
  std::vector<ProcessId> changed_processes_;  // scratch for note_memory
  std::vector<ThreadId> main_thread_;         // [process] first declared thread: the image's stack
  std::vector<std::uint32_t> threads_left_;   // [process] threads not yet done
  std::vector<bool> exited_;                  // [process]
  std::vector<ShmId> shm_ids_;                // [declared region] MemoryModel id; kNoShm: never created
  AddressSpaceId program_image_ = kNoSpace;   // for shared code
  static constexpr ShmId kNoShm = ~ShmId{0};
  std::uint64_t cow_faults_ = 0;
};

}  // namespace tl
