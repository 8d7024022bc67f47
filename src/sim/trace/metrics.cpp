// Metrics are computed from the Trace alone (plus arrival times from the Scenario), so the
// numbers in a table are exactly what the timeline shows.
#include "sim/trace/metrics.h"

#include <algorithm>

namespace tl {

namespace {
bool is_blocked(ThreadState s) {
  return s == ThreadState::BlockedIo || s == ThreadState::Sleeping || s == ThreadState::BlockedLock ||
         s == ThreadState::BlockedJoin || s == ThreadState::BlockedReceive;
}
}  // namespace

Metrics compute_metrics(const Scenario& scenario, const Trace& trace) {
  Metrics m;
  m.makespan = trace.makespan;
  m.threads.resize(scenario.threads.size());
  m.cores.resize(trace.cores.size());

  // A context switch is a core starting a thread other than the one of its previous span.
  for (std::size_t c = 0; c < trace.cores.size(); ++c) {
    ThreadId prev = kNoThread;
    for (const CoreSpan& s : trace.cores[c]) {
      const TimeNs len = s.end - s.start;
      if (s.kind == CoreSpanKind::Run) {
        m.cores[c].busy += len;
        if (s.thread < m.threads.size()) m.threads[s.thread].cpu += len;
      } else {
        m.cores[c].overhead += len;
      }
      if (prev != kNoThread && s.thread != prev) ++m.context_switches;
      prev = s.thread;
    }
  }

  for (std::size_t t = 0; t < m.threads.size(); ++t) {
    ThreadMetrics& tm = m.threads[t];
    const TimeNs arrival = scenario.threads[t].arrival;
    static const std::vector<StateSpan> kEmpty;
    const std::vector<StateSpan>& lane = t < trace.threads.size() ? trace.threads[t] : kEmpty;
    tm.finished = t < trace.completion.size() && trace.completion[t] >= 0;
    const TimeNs end = tm.finished ? trace.completion[t] : (lane.empty() ? arrival : lane.back().end);
    tm.turnaround = std::max<TimeNs>(0, end - arrival);
    tm.response = tm.turnaround;  // never on a core: it waited all the time we saw
    bool ran = false;
    TimeNs latency_sum = 0;
    for (std::size_t i = 0; i < lane.size(); ++i) {
      const StateSpan& s = lane[i];
      if (s.state == ThreadState::Ready) tm.wait += s.end - s.start;
      if (s.state == ThreadState::WaitingGil) tm.gil_wait += s.end - s.start;
      // Response ends at the first dispatch, even one that only starts an I/O at no CPU cost
      // (it leaves no Running span): the thread got a core then.
      if (!ran && s.state != ThreadState::Ready && s.state != ThreadState::WaitingGil) {
        ran = true;
        tm.response = s.start - arrival;
      }
      if (!is_blocked(s.state)) continue;
      std::size_t j = i + 1;
      while (j < lane.size() && (lane[j].state == ThreadState::Ready || lane[j].state == ThreadState::WaitingGil)) ++j;
      if (j == lane.size() || lane[j].state != ThreadState::Running) continue;
      const TimeNs latency = lane[j].start - s.end;
      latency_sum += latency;
      tm.wakeup_latency.max = std::max(tm.wakeup_latency.max, latency);
      ++tm.wakeup_latency.count;
    }
    if (tm.wakeup_latency.count > 0)
      tm.wakeup_latency.mean = latency_sum / static_cast<TimeNs>(tm.wakeup_latency.count);
  }
  m.tasks.resize(std::min(scenario.tasks.size(), trace.tasks.size()));
  for (std::size_t k = 0; k < m.tasks.size(); ++k) {
    TaskMetrics& km = m.tasks[k];
    const std::vector<StateSpan>& lane = trace.tasks[k];
    km.finished = k < trace.task_completion.size() && trace.task_completion[k] >= 0;
    if (lane.empty()) continue;
    km.turnaround = lane.back().end - lane.front().start;
    TimeNs latency_sum = 0;
    for (std::size_t i = 0; i < lane.size(); ++i) {
      const StateSpan& s = lane[i];
      const TimeNs len = s.end - s.start;
      if (s.state == ThreadState::Running) km.running += len;
      else if (s.state == ThreadState::Ready) km.ready += len;
      else km.awaiting += len;
      if (!is_blocked(s.state)) continue;
      std::size_t j = i + 1;
      while (j < lane.size() && lane[j].state == ThreadState::Ready) ++j;
      if (j == lane.size() || lane[j].state != ThreadState::Running) continue;
      const TimeNs latency = lane[j].start - s.end;
      latency_sum += latency;
      km.wakeup_latency.max = std::max(km.wakeup_latency.max, latency);
      ++km.wakeup_latency.count;
    }
    if (km.wakeup_latency.count > 0)
      km.wakeup_latency.mean = latency_sum / static_cast<TimeNs>(km.wakeup_latency.count);
  }
  m.processes = process_memory_metrics(trace.memory);
  m.ipc_bytes_copied = trace.ipc_bytes_copied;
  m.migrations = trace.migrations;
  m.smt = trace.smt < 1 ? 1 : trace.smt;
  m.physical_cores = static_cast<std::uint32_t>(trace.cores.size() / m.smt);
  m.smt_shared = trace.smt_shared;
  return m;
}

}  // namespace tl
