// Program execution: a thread's program counter walks its flat op list. Ops of zero cost run
// inline at the current instant; an op with a cost asks for CPU and takes effect when that CPU
// has been spent (a Load reads, a Store writes, a Lock acquires at the END of its cost), so two
// cores interleave at op granularity and non-atomic increments can lose updates.
//
// [SECTION] Set-up
// [SECTION] Stepping through a program
// [SECTION] Locks, waits, CPU demand
#include "sim/engine/internal.h"

#include <unordered_map>

#include <algorithm>

namespace tl {
namespace detail {

namespace {
constexpr std::uint32_t kNoIndex = 0xFFFFFFFFu;

TimeNs sat_add(TimeNs a, TimeNs b) { return a > kForever - b ? kForever : a + b; }
TimeNs sat_mul(TimeNs a, TimeNs b) {
  if (a == 0 || b == 0) return 0;
  return a > kForever / b ? kForever : a * b;
}
}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Set-up
// ---------------------------------------------------------------------------------------------
// Matches loops by nesting rather than trusting LoopEnd::arg, so a malformed program from an
// adapter cannot jump out of bounds; also sizes each thread's loop-counter stack.
// Threads with identical programs (thousands of workers declared alike) share one copy and one
// loop table: the ops a step reads stay in cache instead of one cold copy per thread.
void Engine::init_programs() {
  const std::size_t n = sc_.threads.size();
  op_base_.resize(n);
  prog_.resize(n);
  prog_len_.resize(n);
  std::vector<std::uint32_t> stack;
  std::uint32_t base = 0, loop_slots = 0;
  // Lays a program's loop table out at `base`: each loop head's end and each end's head.
  // Returns its loop nesting depth (the counter slots a running copy needs).
  auto layout = [&](const std::vector<Op>& prog) {
    loop_end_.resize(base + prog.size(), kNoIndex);
    stack.clear();
    std::uint32_t depth = 0;
    for (std::uint32_t i = 0; i < prog.size(); ++i) {
      // A serve loop pairs with its end like a repeat (it needs no counter, but one slot per
      // level keeps the bookkeeping simple).
      if (prog[i].kind == OpKind::LoopBegin || prog[i].kind == OpKind::Serve) {
        stack.push_back(i);
        depth = std::max<std::uint32_t>(depth, static_cast<std::uint32_t>(stack.size()));
      } else if ((prog[i].kind == OpKind::LoopEnd || prog[i].kind == OpKind::ServeEnd) && !stack.empty()) {
        loop_end_[base + stack.back()] = i;
        loop_end_[base + i] = stack.back();
        stack.pop_back();
      }
    }
    for (std::uint32_t open : stack) loop_end_[base + open] = static_cast<std::uint32_t>(prog.size()) - 1;
    base += static_cast<std::uint32_t>(prog.size());
    return depth;
  };
  auto same_op = [](const Op& a, const Op& b) {
    return a.kind == b.kind && a.arg == b.arg && a.duration == b.duration && a.source == b.source;
  };
  std::unordered_map<std::uint64_t, std::vector<ThreadId>> by_hash;  // lookups only: order-free
  for (ThreadId t = 0; t < n; ++t) {
    const std::vector<Op>& prog = sc_.threads[t].program;
    std::uint64_t h = prog.size();
    for (const Op& op : prog)
      h = mix64(h ^ (static_cast<std::uint64_t>(op.kind) << 56 ^ std::uint64_t{op.arg} << 24 ^ op.source)) ^
          static_cast<std::uint64_t>(op.duration);
    std::vector<ThreadId>& twins = by_hash[h];
    ThreadId twin = kNoThread;
    for (ThreadId o : twins) {
      const std::vector<Op>& other = sc_.threads[o].program;
      if (other.size() == prog.size() && std::equal(prog.begin(), prog.end(), other.begin(), same_op)) {
        twin = o;
        break;
      }
    }
    prog_len_[t] = static_cast<std::uint32_t>(prog.size());
    if (twin != kNoThread) {
      op_base_[t] = op_base_[twin];
      prog_[t] = prog_[twin];
      threads_[t].loop_base = loop_slots;
      const std::uint32_t depth = loop_depth_[twin];
      loop_depth_.push_back(depth);
      loop_slots += depth;
      continue;
    }
    twins.push_back(t);
    op_base_[t] = base;
    prog_[t] = prog.data();
    const std::uint32_t depth = layout(prog);
    threads_[t].loop_base = loop_slots;
    loop_depth_.push_back(depth);
    loop_slots += depth;
  }
  // asyncio tasks: a program per declaration (copies made by "count" share it), counter slots
  // per task.
  std::vector<std::uint32_t> task_depth(sc_.task_programs.size());
  task_op_base_.resize(sc_.task_programs.size());
  for (std::size_t p = 0; p < sc_.task_programs.size(); ++p) {
    task_op_base_[p] = base;
    task_depth[p] = layout(sc_.task_programs[p]);
  }
  tasks_.resize(sc_.tasks.size());
  for (std::size_t k = 0; k < sc_.tasks.size(); ++k) {
    tasks_[k].loop_base = loop_slots;
    loop_slots += sc_.tasks[k].program < task_depth.size() ? task_depth[sc_.tasks[k].program] : 0;
  }
  loop_depth_.clear();
  loop_depth_.shrink_to_fit();
  loops_.assign(loop_slots, 0);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Stepping through a program
// ---------------------------------------------------------------------------------------------
StepResult Engine::step(ThreadId t, TimeNs now) {
  ThreadRt& th = threads_[t];
  // Not const: inside an event loop, a task switch swaps the thread's program for another.
  const Op* prog = prog_[t];
  std::uint32_t len = prog_len_[t];
  std::uint32_t base = op_base_[t];
  auto reload = [&] {
    prog = prog_[t];
    len = prog_len_[t];
    base = op_base_[t];
  };
  if (th.op_left == 0 && th.fault_debt > 0) {
    th.op_left = th.fault_debt;
    th.fault_debt = 0;
    th.prelude = true;
  }
  for (;;) {
    if (th.op_left > 0) return StepResult::NeedCpu;
    if (th.pc >= len) {
      // The end of a task (or a loop between tasks, whose program is empty): the loop's turn.
      if (!th.in_loop) return StepResult::Finished;
      if (const std::optional<StepResult> r = loop_next(t, now)) return *r;
      reload();
      continue;
    }
    // Inline ops count as engine steps so that a huge zero-cost loop still meets max_events
    // and the cancellation point.
    if (++steps_ > sc_.limits.max_events) {
      halt_ = true;
      return StepResult::NeedCpu;
    }
    if (cancelled_ || (steps_ >= next_poll_ && poll(now))) return StepResult::NeedCpu;
    const Op& op = prog[th.pc];
    TimeNs cost = 0;
    switch (op.kind) {
      case OpKind::Compute:
      case OpKind::CCallHold:
        if (op.duration > 0) {
          th.op_left = th.op_total = op.duration;
          return StepResult::NeedCpu;
        }
        ++th.pc;
        continue;
      case OpKind::CCallRelease:
        // Py_BEGIN_ALLOW_THREADS: the GIL passes on while the C code runs on this core.
        if (op.duration > 0) {
          gil_release(t, now);
          th.op_left = th.op_total = op.duration;
          return StepResult::NeedCpu;
        }
        ++th.pc;
        continue;
      case OpKind::Io:
      case OpKind::Sleep:
        // In a task, an await: the task waits, the thread goes on with the loop.
        if (th.in_loop && op.arg == 0) {
          ++th.pc;
          if (const std::optional<StepResult> r = task_await(t, op, now)) return *r;
          reload();
          continue;
        }
        // A zero-length I/O still gives up the core and comes back as a wake at this instant.
        ++th.pc;
        block(t, op.kind == OpKind::Io ? RtState::BlockedIo : RtState::Sleeping, now,
              sat_add(now, std::max<TimeNs>(0, op.duration)));
        return StepResult::Blocked;
      case OpKind::LoopBegin:
        if (op.arg == 0 || loop_end_[base + th.pc] == kNoIndex) {
          th.pc = loop_end_[base + th.pc] == kNoIndex ? th.pc + 1 : loop_end_[base + th.pc] + 1;
          continue;
        }
        loops_[th.loop_base + th.loop_depth++] = op.arg;
        ++th.pc;
        continue;
      case OpKind::LoopEnd: {
        const std::uint32_t begin = loop_end_[base + th.pc];
        if (begin == kNoIndex || th.loop_depth == 0) {
          ++th.pc;
          continue;
        }
        std::uint32_t& count = loops_[th.loop_base + th.loop_depth - 1];
        if (--count > 0) {
          th.pc = begin + 1;
        } else {
          --th.loop_depth;
          ++th.pc;
        }
        continue;
      }
      // A line last written on another core is fetched first: contended atomics and mutexes
      // cost more than uncontended ones (still correct), and so do shared plain variables. A
      // write asks for the line as it begins (a read-for-ownership), so two cores writing one
      // line take turns paying for it.
      case OpKind::Lock:
      case OpKind::Unlock: {
        const ProcessId p = process_of(t);
        cost = machine_.lock_cost;
        if (!sc_.processes.empty() && op.arg < sc_.processes[p].mutexes.size()) {
          CoreId& line = mutexes_[mutex_base_[p] + op.arg].line_core;
          cost += line_cost(line, t);
          line = th.core;
        }
        break;
      }
      case OpKind::AtomicIncrement:
      case OpKind::Load:
      case OpKind::Add:
      case OpKind::Store: {
        cost = op.kind == OpKind::AtomicIncrement ? machine_.atomic_cost : mem_op_cost(t);
        if (op.kind != OpKind::Add)
          if (const std::int64_t v = var_index(t, op.arg); v >= 0) {
            cost += line_cost(var_core_[v], t);
            if (op.kind != OpKind::Load) var_core_[v] = th.core;
          }
        break;
      }
      // Creation: the creator pays first, then the worker starts (complete_op).
      case OpKind::Create: cost = runtime_.creation_cost(WorkerKind::Thread); break;
      case OpKind::Fork: cost = runtime_.fork_cost(t); break;
      case OpKind::Spawn: cost = runtime_.creation_cost(WorkerKind::SpawnedProcess); break;
      case OpKind::ForkServer: cost = runtime_.creation_cost(WorkerKind::ForkServerProcess); break;
      case OpKind::Join:
        ++th.pc;
        if (op.arg >= threads_.size() || threads_[op.arg].state == RtState::Done) continue;
        joiners_[op.arg].push_back(t);
        return wait_for(t, RtState::BlockedJoin, now);
      case OpKind::Wait:
        ++th.pc;
        if (op.arg >= proc_waiters_.size() || runtime_.process_exited(op.arg)) continue;
        proc_waiters_[op.arg].push_back(t);
        return wait_for(t, RtState::BlockedJoin, now);
      // Memory: the write happens now; copy-on-write faults are then paid as CPU.
      case OpKind::Write: {
        const auto region = static_cast<RegionKind>(op.arg & 0xFF);
        const auto first = static_cast<std::uint32_t>(static_cast<std::uint64_t>(op.duration) >> 32);
        const auto pages = static_cast<std::uint32_t>(op.duration & 0xFFFFFFFF);
        cost = runtime_.write(t, region, first, pages, now, op.arg >> 8);
        break;
      }
      case OpKind::Read: {
        const auto region = static_cast<RegionKind>(op.arg & 0xFF);
        const auto first = static_cast<std::uint32_t>(static_cast<std::uint64_t>(op.duration) >> 32);
        const auto pages = static_cast<std::uint32_t>(op.duration & 0xFFFFFFFF);
        cost = runtime_.read(t, region, first, pages, now);
        break;
      }
      case OpKind::GcFreeze:
        runtime_.gc_freeze(t);
        ++th.pc;
        continue;
      case OpKind::GcCollect: cost = runtime_.gc_collect(t, now); break;
      // A pool worker: the next task, or the end of the loop once the channel is closed and
      // drained; otherwise it waits like a receive (pc stays: the wake retries).
      case OpKind::Serve: {
        Channels& ch = runtime_.channels();
        if (op.arg >= ch.size()) break;
        if (!ch.holds_message(t)) {
          if (ch.closed_and_empty(op.arg)) {
            const std::uint32_t end = loop_end_[base + th.pc];
            th.pc = end == kNoIndex ? th.pc + 1 : end + 1;
            continue;
          }
          if (!ch.receive(op.arg, t, now)) return wait_for(t, RtState::BlockedReceive, now);
        }
        cost = ch.receive_cost(op.arg, ch.take(t).bytes);
        break;
      }
      case OpKind::ServeEnd: {
        const std::uint32_t begin = loop_end_[base + th.pc];
        th.pc = begin == kNoIndex ? th.pc + 1 : begin;
        continue;
      }
      case OpKind::EventLoop:
        ++th.pc;
        if (const std::optional<StepResult> r = enter_loop(t, op.arg, now)) return *r;
        reload();
        continue;
      case OpKind::Close:
        if (op.arg < runtime_.channels().size())
          for (ThreadId w : runtime_.channels().close(op.arg)) schedule_wake(w, now);
        ++th.pc;
        continue;
      // Communication: the sender pays, then the message enters the channel (complete_op);
      // the receiver takes it, then pays (latency, copy, unpickling).
      case OpKind::Send:
        cost = op.arg < runtime_.channels().size()
                   ? runtime_.channels().send_cost(op.arg, static_cast<std::uint64_t>(op.duration))
                   : 0;
        break;
      case OpKind::Receive: {
        Channels& ch = runtime_.channels();
        if (op.arg >= ch.size()) break;
        if (!ch.holds_message(t) && !ch.receive(op.arg, t, now))
          return wait_for(t, RtState::BlockedReceive, now);  // pc stays: the wake retries and finds it
        const Message message = ch.take(t);
        result_.trace.messages.push_back({message.sent, now, message.bytes, message.sender, t, op.arg});
        cost = ch.receive_cost(op.arg, message.bytes);
        break;
      }
    }
    if (cost > 0) {
      th.op_left = th.op_total = cost;
      return StepResult::NeedCpu;
    }
    if (const StepResult r = complete_op(t, now); r != StepResult::NeedCpu) return r;
  }
}

// The op at pc has had its CPU: apply its effect. NeedCpu means "carry on with the next op".
StepResult Engine::complete_op(ThreadId t, TimeNs now) {
  ThreadRt& th = threads_[t];
  const Op& op = prog_[t][th.pc];  // the thread's program, or its loop's current task's
  switch (op.kind) {
    case OpKind::Create:
      if (op.arg < threads_.size() && threads_[op.arg].state == RtState::NotArrived && sc_.threads[op.arg].created)
        arrive(op.arg, now);
      ++th.pc;
      return StepResult::NeedCpu;
    case OpKind::Fork:
    case OpKind::Spawn:
    case OpKind::ForkServer:
      start_process(op.arg, t, now);
      ++th.pc;
      return StepResult::NeedCpu;
    case OpKind::CCallHold:
      ++th.pc;
      return StepResult::NeedCpu;
    case OpKind::CCallRelease:
      // Py_END_ALLOW_THREADS: back to Python code, which needs the GIL; off the core until then.
      ++th.pc;
      if (runtime_.gil_enabled() && !runtime_.acquire_gil(t, now)) {
        set_state(t, RtState::WaitingGil, now);
        arm_gil(now);
        return StepResult::Blocked;
      }
      return StepResult::NeedCpu;
    case OpKind::Send:
      if (op.arg < runtime_.channels().size())
        if (const ThreadId w = runtime_.channels().deliver(op.arg, t, static_cast<std::uint64_t>(op.duration), now);
            w != kNoThread)
          schedule_wake(w, now);
      ++th.pc;
      return StepResult::NeedCpu;
    case OpKind::Write:
    case OpKind::Read:
    case OpKind::GcCollect:
    case OpKind::Serve:
    case OpKind::Receive:
      ++th.pc;
      return StepResult::NeedCpu;
    default:
      break;
  }
  if (sc_.processes.empty()) {  // a hand-built Scenario without processes: nothing to share
    ++th.pc;
    return StepResult::NeedCpu;
  }
  const ProcessId p = process_of(t);
  const bool var_ok = op.arg < sc_.processes[p].vars.size();
  std::int64_t* var = var_ok ? &vars_[var_base_[p] + op.arg] : nullptr;
  switch (op.kind) {
    case OpKind::Lock: {
      if (op.arg >= sc_.processes[p].mutexes.size()) break;
      const std::uint32_t m = mutex_base_[p] + op.arg;
      MutexRt& mx = mutexes_[m];
      if (mx.owner == kNoThread) {
        mx.owner = t;
        // glibc's slow path takes the lock as "contended": it cannot know whether others sleep.
        if (th.lock_retry) mx.contended = true;
        th.lock_retry = false;
        break;
      }
      // Contended (or already ours: a self-deadlock, as with a non-recursive mutex): sleep.
      mx.contended = true;
      th.lock_retry = false;
      enqueue_waiter(mx, t);
      th.waiting_for = m;
      // pc stays on the Lock: a fair hand-off moves it on; a barging wake retries it
      return wait_for(t, RtState::BlockedLock, now);
    }
    case OpKind::Unlock: {
      if (op.arg >= sc_.processes[p].mutexes.size()) break;
      MutexRt& mx = mutexes_[mutex_base_[p] + op.arg];
      if (mx.owner != t) break;  // the parser rejects this statically; adapters get a no-op
      if (mx.fair) {
        // FIFO hand-off: ownership goes straight to the first waiter, which wakes now.
        const ThreadId w = pop_waiter(mx);
        mx.owner = w;
        if (w != kNoThread) {
          ++threads_[w].pc;
          schedule_wake(w, now);
        }
        break;
      }
      // Barging (glibc): the mutex is free at once, so this thread may take it straight back;
      // if it was contended one sleeper wakes and competes for it when it runs.
      mx.owner = kNoThread;
      if (!mx.contended) break;
      mx.contended = false;
      if (const ThreadId w = pop_waiter(mx); w != kNoThread) {
        threads_[w].lock_retry = true;
        schedule_wake(w, now);
      }
      break;
    }
    case OpKind::Load:
      if (var) {
        th.reg = *var;
        record_var_access(t, var, VarAccessKind::Load, th.reg, now);
      }
      break;
    case OpKind::Add:
      ++th.reg;
      if (var) record_var_access(t, var, VarAccessKind::Add, th.reg, now);
      break;
    case OpKind::Store:
      if (var) {
        *var = th.reg;
        ++increments_[static_cast<std::size_t>(var - vars_.data())];
        record_var_access(t, var, VarAccessKind::Store, *var, now);
      }
      break;
    case OpKind::AtomicIncrement:
      if (var) {
        ++*var;
        ++increments_[static_cast<std::size_t>(var - vars_.data())];
        record_var_access(t, var, VarAccessKind::Atomic, *var, now);
      }
      break;
    default: break;
  }
  ++th.pc;
  return StepResult::NeedCpu;
}

// mem_op_cost plus a jitter of 0..mem_op_cost ns drawn from (seed, thread, the thread's count of
// memory ops): the same on every run and platform, but enough to stagger two cores so that lost
// updates are partial, as on real hardware.
TimeNs Engine::mem_op_cost(ThreadId t) {
  const TimeNs base = machine_.mem_op_cost;
  if (base <= 0) return 0;
  ThreadRt& th = threads_[t];
  const std::uint64_t r = mix64(jitter_seed_ ^ (std::uint64_t{t} * 0xD6E8FEB86659FD93ull) ^ th.mem_ops++);
  return base + static_cast<TimeNs>(r % (static_cast<std::uint64_t>(base) + 1));
}

TimeNs Engine::line_cost(CoreId line_core, ThreadId t) const {
  const CoreId here = threads_[t].core;
  return line_core != kNoCore && here != kNoCore && line_core != here ? machine_.line_transfer_cost : 0;
}

std::int64_t Engine::var_index(ThreadId t, std::uint32_t var) const {
  if (sc_.processes.empty()) return -1;
  const ProcessId p = process_of(t);
  return var < sc_.processes[p].vars.size() ? static_cast<std::int64_t>(var_base_[p] + var) : -1;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Locks, waits, CPU demand
// ---------------------------------------------------------------------------------------------
void Engine::block(ThreadId t, RtState state, TimeNs now, TimeNs wake_at) {
  set_state(t, state, now);
  gil_release(t, now);
  schedule_wake(t, wake_at);
}

void Engine::schedule_wake(ThreadId t, TimeNs at) {
  events_.push(thread_event(at, kPhaseWake, ++wake_seq_, t));
  ++pending_;
}

void Engine::enqueue_waiter(MutexRt& mx, ThreadId t) {
  threads_[t].next_waiter = kNoThread;
  if (mx.tail == kNoThread) mx.head = t;
  else threads_[mx.tail].next_waiter = t;
  mx.tail = t;
}

ThreadId Engine::pop_waiter(MutexRt& mx) {
  const ThreadId w = mx.head;
  if (w == kNoThread) return w;
  mx.head = threads_[w].next_waiter;
  if (mx.head == kNoThread) mx.tail = kNoThread;
  threads_[w].next_waiter = kNoThread;
  return w;
}

void Engine::collect_waits() {
  for (ThreadId t = 0; t < threads_.size(); ++t) {
    if (threads_[t].state != RtState::BlockedLock) continue;
    const ProcessId p = process_of(t);
    const std::uint32_t m = threads_[t].waiting_for;
    result_.waits.push_back({t, p, m - mutex_base_[p], mutexes_[m].owner});
  }
}

}  // namespace detail

TimeNs program_cpu_demand(const std::vector<Op>& program, const MachineSpec& machine) {
  TimeNs total = 0;
  std::vector<TimeNs> mult{1};
  for (const Op& op : program) {
    TimeNs cost = 0;
    switch (op.kind) {
      case OpKind::Compute:
      case OpKind::CCallHold:
      case OpKind::CCallRelease: cost = op.duration; break;
      case OpKind::Lock:
      case OpKind::Unlock: cost = machine.lock_cost; break;
      case OpKind::Load:
      case OpKind::Add:
      case OpKind::Store: cost = machine.mem_op_cost; break;
      case OpKind::AtomicIncrement: cost = machine.atomic_cost; break;
      case OpKind::Create: cost = creation_cost(machine.costs, WorkerKind::Thread); break;
      case OpKind::Fork: cost = creation_cost(machine.costs, WorkerKind::ForkedProcess); break;
      case OpKind::Spawn: cost = creation_cost(machine.costs, WorkerKind::SpawnedProcess); break;
      case OpKind::ForkServer: cost = creation_cost(machine.costs, WorkerKind::ForkServerProcess); break;
      case OpKind::LoopBegin: mult.push_back(detail::sat_mul(mult.back(), op.arg)); continue;
      case OpKind::LoopEnd:
        if (mult.size() > 1) mult.pop_back();
        continue;
      default: continue;
    }
    total = detail::sat_add(total, detail::sat_mul(mult.back(), std::max<TimeNs>(0, cost)));
  }
  return total;
}

}  // namespace tl
