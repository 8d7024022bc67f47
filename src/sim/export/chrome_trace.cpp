// [SECTION] Writer
#include "sim/export/chrome_trace.h"

#include "sim/core/format.h"
#include "sim/scenario/hardware_thread_name.h"

#include <algorithm>

namespace tl {

// ---------------------------------------------------------------------------------------------
// [SECTION] Writer
// ---------------------------------------------------------------------------------------------
namespace {

// Buffers events and hands them to the stream in ~1 MB pieces.
class EventSink {
 public:
  explicit EventSink(std::ostream& out) : out_(out) { buf_.reserve(kChunk + 4096); }
  // Starts the next event: the caller appends one JSON object to the returned string.
  std::string& next() {
    if (buf_.size() >= kChunk) flush();
    buf_ += first_ ? "\n" : ",\n";
    first_ = false;
    return buf_;
  }
  void raw(std::string_view text) { buf_ += text; }
  bool flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
    return static_cast<bool>(out_);
  }

 private:
  static constexpr std::size_t kChunk = 1 << 20;
  std::ostream& out_;
  std::string buf_;
  bool first_ = true;
};

// What a person reads on a thread's track; args.state keeps the stable identifier (trace.h).
const char* state_label(ThreadState s) {
  switch (s) {
    case ThreadState::Ready: return "ready";
    case ThreadState::Running: return "running";
    case ThreadState::BlockedIo: return "blocked on I/O";
    case ThreadState::Sleeping: return "sleeping";
    case ThreadState::BlockedLock: return "waiting for a lock";
    case ThreadState::WaitingGil: return "waiting for the GIL";
    case ThreadState::BlockedJoin: return "waiting for a thread or process to finish";
    case ThreadState::BlockedReceive: return "waiting for a message";
  }
  return "?";
}

// chrome://tracing's reserved colour names, so runnable-but-not-running states look alike and
// blocked ones differ from them (Perfetto picks its own colours and ignores this).
const char* state_colour(ThreadState s) {
  switch (s) {
    case ThreadState::Ready: return "thread_state_runnable";
    case ThreadState::Running: return "thread_state_running";
    case ThreadState::BlockedIo: return "thread_state_iowait";
    case ThreadState::Sleeping: return "thread_state_sleeping";
    case ThreadState::BlockedLock: return "thread_state_uninterruptible";
    case ThreadState::WaitingGil: return "terrible";
    case ThreadState::BlockedJoin: return "thread_state_sleeping";
    case ThreadState::BlockedReceive: return "thread_state_iowait";
  }
  return "generic_work";
}

// One "C" event: a counter of a simulated process with one value.
void append_counter(std::string& e, const char* name, const std::string& pid, TimeNs time, std::uint64_t kb) {
  e += R"({"name":")";
  e += name;
  e += R"(","ph":"C","pid":)";
  e += pid;
  e += R"(,"tid":0,"ts":)";
  append_us(e, time);
  e += R"(,"args":{"KB":)";
  e += std::to_string(kb);
  e += "}}";
}

}  // namespace

bool write_chrome_trace(std::ostream& out, const Scenario& scenario, const RunResult& result) {
  const Trace& trace = result.trace;
  // Escaped names once, not once per span.
  std::vector<std::string> thread_name(scenario.threads.size()), process_name(scenario.processes.size());
  for (std::size_t t = 0; t < scenario.threads.size(); ++t) {
    append_json_string(thread_name[t], scenario.threads[t].name);
  }
  for (std::size_t p = 0; p < scenario.processes.size(); ++p)
    append_json_string(process_name[p], scenario.processes[p].name);

  EventSink sink(out);
  sink.raw("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[");

  // Metadata: the "CPUs" process first, then the simulated processes in declaration order.
  {
    std::string& e = sink.next();
    e += R"({"name":"process_name","ph":"M","pid":0,"tid":0,"args":{"name":"CPUs"}})";
    sink.next() += R"({"name":"process_sort_index","ph":"M","pid":0,"tid":0,"args":{"sort_index":0}})";
  }
  for (std::size_t c = 0; c < trace.cores.size(); ++c) {
    std::string& e = sink.next();
    e += R"({"name":"thread_name","ph":"M","pid":0,"tid":)";
    e += std::to_string(c);
    e += R"(,"args":{"name":)";
    append_json_string(e, hardware_thread_name(scenario.machine, static_cast<CoreId>(c)));
    e += "}}";
  }
  for (std::size_t p = 0; p < scenario.processes.size(); ++p) {
    std::string& e = sink.next();
    e += R"({"name":"process_name","ph":"M","pid":)";
    e += std::to_string(p + 1);
    e += R"(,"tid":0,"args":{"name":)";
    e += process_name[p];
    e += "}}";
    std::string& s = sink.next();
    s += R"({"name":"process_sort_index","ph":"M","pid":)";
    s += std::to_string(p + 1);
    s += R"(,"tid":0,"args":{"sort_index":)";
    s += std::to_string(p + 1);
    s += "}}";
  }
  for (std::size_t t = 0; t < scenario.threads.size(); ++t) {
    std::string& e = sink.next();
    e += R"({"name":"thread_name","ph":"M","pid":)";
    e += std::to_string(scenario.threads[t].process + 1);
    e += R"(,"tid":)";
    e += std::to_string(t);
    e += R"(,"args":{"name":)";
    e += thread_name[t];
    e += "}}";
  }

  // asyncio tasks: one track each after the threads (tid = thread count + task index), named
  // "THREAD: TASK" after the thread whose event loop runs it.
  const std::size_t ntasks = std::min(trace.tasks.size(), scenario.tasks.size());
  for (std::size_t k = 0; k < ntasks; ++k) {
    const TaskSpec& task = scenario.tasks[k];
    if (task.thread >= scenario.threads.size()) continue;
    std::string& e = sink.next();
    e += R"({"name":"thread_name","ph":"M","pid":)";
    e += std::to_string(scenario.threads[task.thread].process + 1);
    e += R"(,"tid":)";
    e += std::to_string(scenario.threads.size() + k);
    e += R"(,"args":{"name":)";
    append_json_string(e, scenario.threads[task.thread].name + ": " + task.name);
    e += "}}";
  }

  // Core tracks.
  for (std::size_t c = 0; c < trace.cores.size(); ++c) {
    for (const CoreSpan& span : trace.cores[c]) {
      const bool overhead = span.kind == CoreSpanKind::Overhead;
      const std::size_t t = span.thread;
      const std::string& pname = process_name[scenario.threads[t].process];
      std::string& e = sink.next();
      e += R"({"name":)";
      e += overhead ? std::string("\"switch\"") : thread_name[t];
      e += overhead ? R"(,"cat":"overhead")" : R"(,"cat":"run")";
      e += R"(,"ph":"X","pid":0,"tid":)";
      e += std::to_string(c);
      e += R"(,"ts":)";
      append_us(e, span.start);
      e += R"(,"dur":)";
      append_us(e, span.end - span.start);
      e += R"(,"args":{"process":)";
      e += pname;
      e += R"(,"thread":)";
      e += thread_name[t];
      e += "}}";
    }
  }
  for (const Instant& i : trace.instants) {
    std::string& e = sink.next();
    e += R"({"name":"preempt","cat":"preempt","ph":"i","s":"t","pid":0,"tid":)";
    e += std::to_string(i.core);
    e += R"(,"ts":)";
    append_us(e, i.time);
    e += R"(,"args":{"thread":)";
    e += thread_name[i.thread];
    e += "}}";
  }
  for (const CounterSample& s : trace.run_queue) {
    std::string& e = sink.next();
    e += R"({"name":"run queue","ph":"C","pid":0,"tid":0,"ts":)";
    append_us(e, s.time);
    e += R"(,"args":{"ready":)";
    e += std::to_string(s.value);
    e += "}}";
  }

  // One state span as a complete event on track (pid, tid); `cat` says whose: a thread's or a task's.
  const auto state_event = [&sink](const StateSpan& span, const char* cat, const std::string& pid,
                                   const std::string& tid) {
    std::string& e = sink.next();
    e += R"({"name":")";
    e += state_label(span.state);
    e += R"(","cat":")";
    e += cat;
    e += R"(","cname":")";
    e += state_colour(span.state);
    e += R"(","ph":"X","pid":)";
    e += pid;
    e += R"(,"tid":)";
    e += tid;
    e += R"(,"ts":)";
    append_us(e, span.start);
    e += R"(,"dur":)";
    append_us(e, span.end - span.start);
    e += R"(,"args":{"state":")";
    e += to_string(span.state);
    e += "\"}}";
  };

  // Thread tracks: state spans under the simulated process.
  for (std::size_t t = 0; t < trace.threads.size(); ++t) {
    const std::string pid = std::to_string(scenario.threads[t].process + 1);
    const std::string tid = std::to_string(t);
    for (const StateSpan& span : trace.threads[t]) state_event(span, "state", pid, tid);
  }

  // Task tracks: a task's states on its loop's thread (running: the thread runs its step).
  for (std::size_t k = 0; k < ntasks; ++k) {
    const TaskSpec& task = scenario.tasks[k];
    if (task.thread >= scenario.threads.size()) continue;
    const std::string pid = std::to_string(scenario.threads[task.thread].process + 1);
    const std::string tid = std::to_string(scenario.threads.size() + k);
    for (const StateSpan& span : trace.tasks[k]) state_event(span, "task", pid, tid);
  }

  // Memory counters under each simulated process: three separate counters rather than one
  // with three series, because chrome://tracing stacks a counter's series and resident is
  // already private + shared. A process never started has an empty lane and no counter.
  for (std::size_t p = 0; p < trace.memory.size() && p < scenario.processes.size(); ++p) {
    const std::string pid = std::to_string(p + 1);
    for (const MemorySample& m : trace.memory[p]) {
      append_counter(sink.next(), "resident KB", pid, m.time, m.resident_kb);
      append_counter(sink.next(), "private KB", pid, m.time, m.private_kb);
      append_counter(sink.next(), "shared KB", pid, m.time, m.shared_kb);
    }
  }

  // Page events last, so a trace without them reads as before: one process-wide instant per
  // mapping change, named after its kind, with every field of the change in args (a viewer
  // rebuilds the page maps from them as trace/page_map.h does).
  const PageEvents& pages = trace.pages;
  for (const PageEvent& pe : pages.events) {
    const PageChange& c = pe.change;
    const ProcessId p = c.space < pages.space_process.size() ? pages.space_process[c.space] : 0;
    std::string& e = sink.next();
    e += R"({"name":")";
    e += to_string(c.kind);
    e += R"(","cat":"pages","ph":"i","s":"p","pid":)";
    e += std::to_string(p + 1);
    e += R"(,"tid":0,"ts":)";
    append_us(e, pe.time);
    e += R"(,"args":{"space":)";
    e += std::to_string(c.space);
    e += R"(,"region":)";
    e += std::to_string(c.region);
    e += R"(,"region_kind":")";
    e += to_string(c.region_kind);
    e += R"(","first":)";
    e += std::to_string(c.first);
    e += R"(,"pages":)";
    e += std::to_string(c.count);
    e += R"(,"tag":)";
    e += std::to_string(c.tag);
    e += R"(,"from_space":)";
    e += std::to_string(c.from_space);
    e += R"(,"from":)";
    e += std::to_string(c.from);
    e += "}}";
  }
  sink.raw("\n]}\n");
  return sink.flush();
}

}  // namespace tl
