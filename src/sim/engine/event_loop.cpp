// asyncio's event loop on one thread. An event_loop step hands the thread to a loop that runs
// its tasks one at a time, as CPython's BaseEventLoop._run_once does: each iteration first asks
// the selector for what finished (here: the awaits whose time has come, kept in one heap, since
// a timer and an I/O both end at a known time), appends those tasks to the FIFO ready queue,
// then runs the handles that were in the queue when the iteration began. A task runs on its
// thread until it awaits (its I/O or sleep then waits without the thread) or ends; its compute
// steps run on the thread and block every other task meanwhile. With nothing ready the thread
// waits in the selector (BlockedIo, GIL released) until the earliest await ends.
//
// A task switch swaps the thread's program counter, loop counters and program for the task's
// (ThreadRt::in_loop), so the ordinary stepping in ops.cpp runs task code unchanged; between
// tasks the thread's program is empty and step() comes back here. The loop's own work (a
// step, a new task, a timer or selector registration) is CPU the thread pays before going on,
// as the prelude of its next op.
//
// [SECTION] Set-up
// [SECTION] Entering and leaving, the next task
// [SECTION] Awaits
// [SECTION] Task lanes
#include "sim/engine/internal.h"

#include <algorithm>

namespace tl::detail {

namespace {
bool timer_later(const LoopTimer& a, const LoopTimer& b) { return a.time != b.time ? a.time > b.time : a.seq > b.seq; }
}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Set-up
// ---------------------------------------------------------------------------------------------
void Engine::init_event_loops() {
  event_loops_.resize(sc_.event_loops.size());
  thread_loop_.assign(sc_.threads.size(), kNoTask);
  result_.trace.tasks.resize(sc_.tasks.size());
  result_.trace.task_completion.assign(sc_.tasks.size(), -1);
  // The SJF/STCF oracle: a loop's thread also does its tasks' work.
  for (const EventLoopSpec& loop : sc_.event_loops) {
    if (loop.thread >= remaining_cpu_.size()) continue;
    TimeNs& rem = remaining_cpu_[loop.thread];
    for (std::uint32_t k = loop.first_task; k < loop.first_task + loop.task_count && k < sc_.tasks.size(); ++k)
      if (sc_.tasks[k].program < sc_.task_programs.size()) {
        const TimeNs d = program_cpu_demand(sc_.task_programs[sc_.tasks[k].program], machine_);
        rem = rem > kForever - d ? kForever : rem + d;
      }
  }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Entering and leaving, the next task
// ---------------------------------------------------------------------------------------------
// asyncio.run(): the thread keeps its own place (pc already past the step) and takes the
// loop's; every task is scheduled in declaration order (create_task's call_soon) and Ready.
std::optional<StepResult> Engine::enter_loop(ThreadId t, std::uint32_t loop, TimeNs now) {
  if (loop >= event_loops_.size() || sc_.event_loops[loop].thread != t) return std::nullopt;  // hand-built: no-op
  const EventLoopSpec& spec = sc_.event_loops[loop];
  ThreadRt& th = threads_[t];
  LoopRt& L = event_loops_[loop];
  L.prog = prog_[t];
  L.len = prog_len_[t];
  L.op_base = op_base_[t];
  L.pc = th.pc;
  L.loop_base = th.loop_base;
  L.loop_depth = th.loop_depth;
  for (std::uint32_t k = spec.first_task; k < spec.first_task + spec.task_count && k < tasks_.size(); ++k) {
    if (sc_.tasks[k].program >= sc_.task_programs.size()) continue;
    L.ready.push_back(k);
    set_task_state(k, RtState::Ready, now);
  }
  thread_loop_[t] = loop;
  th.in_loop = true;
  leave_task(t, L);
  return charge_loop(t, runtime_.costs().asyncio_run);
}

// The thread is between tasks: its program is empty, so step() asks here what comes next.
void Engine::leave_task(ThreadId t, LoopRt& L) {
  L.current = kNoTask;
  prog_[t] = L.prog;  // any valid pointer: nothing is read at length 0
  prog_len_[t] = 0;
  threads_[t].pc = 0;
  threads_[t].loop_depth = 0;
}

// The loop's work as CPU on its thread, before whatever comes next.
std::optional<StepResult> Engine::charge_loop(ThreadId t, TimeNs cost) {
  if (cost <= 0) return std::nullopt;
  ThreadRt& th = threads_[t];
  th.op_left = th.op_total = cost;
  th.prelude = true;
  return StepResult::NeedCpu;
}

// The current task ended (or the thread is between tasks): run the next handle of this
// iteration, or begin the next iteration, or wait in the selector, or leave the loop.
std::optional<StepResult> Engine::loop_next(ThreadId t, TimeNs now) {
  ThreadRt& th = threads_[t];
  LoopRt& L = event_loops_[thread_loop_[t]];
  if (L.current != kNoTask) {
    set_task_state(L.current, RtState::Done, now);
    result_.trace.task_completion[L.current] = now;
    ++L.done;
    leave_task(t, L);
  }
  if (L.iteration_left == 0) {
    // _run_once: what the selector reports and the timers due now join the ready queue.
    // A task is ready from the moment its await ended (its lane shows how long the loop then
    // kept it waiting: a busy loop, the thread's own wake-up, the GIL).
    while (!L.timers.empty() && L.timers.front().time <= now) {
      const LoopTimer due = L.timers.front();
      std::pop_heap(L.timers.begin(), L.timers.end(), timer_later);
      L.timers.pop_back();
      L.ready.push_back(due.task);
      set_task_state(due.task, RtState::Ready, std::max(due.time, tasks_[due.task].state_since));
    }
    if (L.ready.empty()) {
      if (!L.timers.empty()) {
        // select() with the earliest deadline as its timeout: the thread sleeps in the kernel.
        block(t, RtState::BlockedIo, now, L.timers.front().time);
        return StepResult::Blocked;
      }
      // asyncio.run() returns: every task is done. The thread goes on with its own program.
      prog_[t] = L.prog;
      prog_len_[t] = L.len;
      op_base_[t] = L.op_base;
      th.pc = L.pc;
      th.loop_base = L.loop_base;
      th.loop_depth = L.loop_depth;
      th.in_loop = false;
      thread_loop_[t] = kNoTask;
      return std::nullopt;
    }
    L.iteration_left = static_cast<std::uint32_t>(L.ready.size());
  }
  // Handle._run: the next ready task takes the thread.
  const std::uint32_t k = L.ready.front();
  L.ready.pop_front();
  --L.iteration_left;
  L.current = k;
  TaskRt& task = tasks_[k];
  const std::uint32_t program = sc_.tasks[k].program;
  prog_[t] = sc_.task_programs[program].data();
  prog_len_[t] = static_cast<std::uint32_t>(sc_.task_programs[program].size());
  op_base_[t] = task_op_base_[program];
  th.pc = task.pc;
  th.loop_base = task.loop_base;
  th.loop_depth = task.loop_depth;
  th.reg = task.reg;
  set_task_state(k, RtState::Running, now);
  TimeNs cost = runtime_.costs().asyncio_step;
  if (!task.started) {
    task.started = true;
    cost += runtime_.costs().asyncio_task;
  }
  return charge_loop(t, cost);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Awaits
// ---------------------------------------------------------------------------------------------
// The current task awaits an I/O or asyncio.sleep (pc already past it): it keeps its place and
// waits; the thread pays for the registration and moves on. A zero-length await (sleep(0), an
// I/O already complete) only yields: the task goes to the back of the ready queue.
std::optional<StepResult> Engine::task_await(ThreadId t, const Op& op, TimeNs now) {
  ThreadRt& th = threads_[t];
  LoopRt& L = event_loops_[thread_loop_[t]];
  const std::uint32_t k = L.current;
  TaskRt& task = tasks_[k];
  task.pc = th.pc;
  task.loop_depth = th.loop_depth;
  task.reg = th.reg;
  leave_task(t, L);
  if (op.duration <= 0) {
    L.ready.push_back(k);
    set_task_state(k, RtState::Ready, now);
    return std::nullopt;
  }
  const TimeNs at = now > kForever - op.duration ? kForever : now + op.duration;
  L.timers.push_back({at, L.seq++, k});
  std::push_heap(L.timers.begin(), L.timers.end(), timer_later);
  const bool io = op.kind == OpKind::Io;
  set_task_state(k, io ? RtState::BlockedIo : RtState::Sleeping, now);
  return charge_loop(t, io ? runtime_.costs().asyncio_io : runtime_.costs().asyncio_sleep);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Task lanes
// ---------------------------------------------------------------------------------------------
// A task's lane, recorded like a thread's: Ready in the queue, Running while its thread runs
// its step, BlockedIo or Sleeping while it awaits; the lane ends when the task does.
void Engine::set_task_state(std::uint32_t k, RtState s, TimeNs now) {
  TaskRt& task = tasks_[k];
  ThreadState lane_state;
  bool open = true;
  switch (task.state) {
    case RtState::Ready:
    case RtState::WaitingGil: lane_state = ThreadState::Ready; break;
    case RtState::Running: lane_state = ThreadState::Running; break;
    case RtState::BlockedIo: lane_state = ThreadState::BlockedIo; break;
    case RtState::Sleeping: lane_state = ThreadState::Sleeping; break;
    case RtState::BlockedLock: lane_state = ThreadState::BlockedLock; break;
    case RtState::BlockedJoin: lane_state = ThreadState::BlockedJoin; break;
    case RtState::BlockedReceive: lane_state = ThreadState::BlockedReceive; break;
    default: open = false; break;
  }
  if (open && now > task.state_since) {
    std::vector<StateSpan>& lane = result_.trace.tasks[k];
    if (task.lane_end == task.state_since && task.lane_state == lane_state) lane.back().end = now;
    else lane.push_back({task.state_since, now, lane_state});
    task.lane_end = now;
    task.lane_state = lane_state;
  }
  task.state = s == RtState::WaitingGil ? RtState::Ready : s;
  task.state_since = now;
}

// The current task is where its thread is: running with it, waiting with it for a core or the
// GIL (Ready), blocked with it in a blocking call made from the task.
void Engine::mirror_task(ThreadId t, RtState s, TimeNs now) {
  const std::uint32_t loop = thread_loop_[t];
  if (loop == kNoTask) return;
  const std::uint32_t k = event_loops_[loop].current;
  if (k == kNoTask || s == RtState::Done) return;
  set_task_state(k, s, now);
}

}  // namespace tl::detail
