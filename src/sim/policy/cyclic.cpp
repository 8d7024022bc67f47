// "cyclic": the scheduler of OSTEP's process-run.py (docs/ostep-compat.md section 2),
// generalised to N cores. With 1 core, zero costs, whole-tick times, each process-run `io`
// mapped to one tick of compute followed by an I/O of L ticks and dispatch_before_wakes on, it
// reproduces process-run's schedules exactly.
//
// - A core that just freed picks the next ready thread by id after the one it last ran
//   (cur+1, ..., n-1, 0, ..., cur), not by ready time.
// - A core that was idle takes the FIRST thread that became ready (ready order) — the one that
//   found the CPU idle (IO_RUN_LATER's "sole runnable process").
// - wake_preempts (IO_RUN_IMMEDIATE): a woken thread takes a core at once; if no core is idle it
//   preempts (the engine evicts the highest-numbered core: all ranks are equal). Among several
//   wakes at one instant the LAST one wins, as in process-run.
// - io_holds_core (SWITCH_ON_END): a thread that blocks keeps its core reserved; the core idles
//   until that thread is ready again and then runs it.
#include "sim/policy/factory.h"
#include "sim/policy/util.h"

#include <algorithm>

namespace tl::detail {
namespace {

class CyclicPolicy final : public Policy {
 public:
  CyclicPolicy(const SchedulerSpec& spec, const PolicyContext& ctx)
      : wake_preempts_(spec.wake_preempts), io_holds_(spec.io_holds_core) {
    const std::size_t n = ctx.scenario->threads.size();
    // The engine's clamp: a hand-built scenario's 0 cores run as 1 (and this policy must then
    // have a slot for core 0), more than 256 as 256.
    const std::size_t cores = hardware_threads(ctx.scenario->machine);
    ready_.assign(n, false);
    ready_order_.assign(n, 0);
    core_of_.assign(n, kNoCore);
    reserved_by_.assign(n, kNoCore);
    last_.assign(cores, kNoThread);
    reserved_.assign(cores, kNoThread);
  }

  void enqueue(ThreadId t, ReadyReason why, TimeNs now) override {
    ready_[t] = true;
    ready_order_[t] = ++order_;
    ++count_;
    if (wake_preempts_ && why == ReadyReason::Wake) {
      winner_ = t;
      winner_time_ = now;
    }
  }

  ThreadId pick(CoreId core, bool core_was_idle, TimeNs now) override {
    if (core >= last_.size()) return kNoThread;
    if (reserved_[core] != kNoThread) {
      const ThreadId held = reserved_[core];
      if (!ready_[held]) return kNoThread;
      reserved_[core] = kNoThread;
      reserved_by_[held] = kNoCore;
      return take(core, held);
    }
    if (winner_ != kNoThread && winner_time_ == now && available(winner_, core)) {
      const ThreadId t = winner_;
      winner_ = kNoThread;
      return take(core, t);
    }
    if (count_ == 0) return kNoThread;
    const std::size_t n = ready_.size();
    ThreadId best = kNoThread;
    if (core_was_idle) {
      for (ThreadId t = 0; t < n; ++t)
        if (available(t, core) && (best == kNoThread || ready_order_[t] < ready_order_[best])) best = t;
    } else {
      const std::size_t start = last_[core] == kNoThread ? 0 : last_[core] + 1;
      for (std::size_t i = 0; i < n && best == kNoThread; ++i) {
        const ThreadId t = static_cast<ThreadId>((start + i) % n);
        if (available(t, core)) best = t;
      }
    }
    return best == kNoThread ? kNoThread : take(core, best);
  }

  TimeNs slice(ThreadId) const override { return kForever; }

  void on_stop(ThreadId t, TimeNs, StopReason why, TimeNs) override {
    if (why == StopReason::Blocked && io_holds_ && core_of_[t] != kNoCore) {
      reserved_[core_of_[t]] = t;
      reserved_by_[t] = core_of_[t];
    }
  }

  bool may_preempt() const override { return wake_preempts_; }
  bool preempts(ThreadId, ReadyReason why, ThreadId) const override {
    return wake_preempts_ && why == ReadyReason::Wake;
  }


 private:
  bool available(ThreadId t, CoreId core) const {
    return ready_[t] && (reserved_by_[t] == kNoCore || reserved_by_[t] == core);
  }
  ThreadId take(CoreId core, ThreadId t) {
    ready_[t] = false;
    --count_;
    last_[core] = t;
    core_of_[t] = core;
    return t;
  }

  bool wake_preempts_;
  bool io_holds_;
  std::vector<bool> ready_;
  std::vector<std::uint64_t> ready_order_;
  std::vector<CoreId> core_of_;
  std::vector<CoreId> reserved_by_;  // [thread] core held for it while it is blocked
  std::vector<ThreadId> last_;       // [core] thread it last ran
  std::vector<ThreadId> reserved_;   // [core]
  ThreadId winner_ = kNoThread;
  TimeNs winner_time_ = -1;
  std::uint64_t order_ = 0;
  std::size_t count_ = 0;
};

}  // namespace

std::unique_ptr<Policy> make_cyclic_policy(const SchedulerSpec& spec, const PolicyContext& ctx) {
  return std::make_unique<CyclicPolicy>(spec, ctx);
}

}  // namespace tl::detail
