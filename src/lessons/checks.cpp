// Reading measures off run results and evaluating checks, quotes and answers. Pure functions
// of (lesson, runs): no state, no I/O.
//
// [SECTION] Measures
// [SECTION] Checks
// [SECTION] Quotes and answers
#include "lessons/catalog.h"
#include "lessons/evaluate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tl::lessons {

// ---------------------------------------------------------------------------------------------
// [SECTION] Measures
// ---------------------------------------------------------------------------------------------
namespace {

MeasureValue fail(std::string why) {
  MeasureValue v;
  v.error = std::move(why);
  return v;
}

MeasureValue number(double n) {
  MeasureValue v;
  v.ok = true;
  v.number = n;
  return v;
}

// Aggregates per-thread numbers over the threads a measure selects.
MeasureValue aggregate(const std::vector<double>& xs, std::string_view agg) {
  if (xs.empty()) return fail("no thread matches");
  double out = xs.front();
  if (agg == "sum" || agg == "mean") {
    out = 0;
    for (double x : xs) out += x;
    if (agg == "mean") out /= static_cast<double>(xs.size());
  } else if (agg == "max") {
    out = *std::max_element(xs.begin(), xs.end());
  } else if (agg == "min") {
    out = *std::min_element(xs.begin(), xs.end());
  }
  return number(out);
}

double thread_number(const MetricInfo& info, const Measure& m, const RunResult& r, ThreadId t) {
  const ThreadMetrics& tm = r.metrics.threads[t];
  const std::string_view b = info.base;
  if (b == "turnaround") return static_cast<double>(tm.turnaround);
  if (b == "response") return static_cast<double>(tm.response);
  if (b == "wait") return static_cast<double>(tm.wait);
  if (b == "cpu") return static_cast<double>(tm.cpu);
  if (b == "gil_wait") return static_cast<double>(tm.gil_wait);
  if (b == "wakeup_mean") return static_cast<double>(tm.wakeup_latency.mean);
  if (b == "wakeup_max") return static_cast<double>(tm.wakeup_latency.max);
  if (b == "wakeups") return static_cast<double>(tm.wakeup_latency.count);
  const std::optional<ThreadState> state = find_state(m.state);
  double total = 0, count = 0;
  if (state && t < r.trace.threads.size())
    for (const StateSpan& s : r.trace.threads[t])
      if (s.state == *state) {
        total += static_cast<double>(s.end - s.start);
        count += 1;
      }
  return b == "state" ? total : count;
}

// Most cores busy at one instant, from the core lanes (each sorted and non-overlapping).
double max_running(const RunResult& r) {
  std::vector<std::pair<TimeNs, int>> edges;
  for (const auto& lane : r.trace.cores)
    for (const CoreSpan& s : lane) {
      edges.push_back({s.start, +1});
      edges.push_back({s.end, -1});
    }
  std::sort(edges.begin(), edges.end());  // at equal times -1 sorts first: touching spans don't overlap
  int now = 0, best = 0;
  for (const auto& e : edges) best = std::max(best, now += e.second);
  return best;
}

}  // namespace

MeasureValue measure(const Measure& m, const RunSet& runs) {
  std::size_t index = 0;
  if (!m.run.empty()) {
    index = runs.names.size();
    for (std::size_t i = 0; i < runs.names.size(); ++i)
      if (runs.names[i] == m.run) index = i;
  }
  if (index >= runs.names.size()) return fail("no run '" + m.run + "'");
  const Scenario* sc = runs.scenarios[index];
  const RunResult* r = runs.results[index];
  const std::string& run_name = runs.names[index];
  if (!sc || !r) return fail("run '" + run_name + "' did not run");
  const std::optional<MetricName> name = find_metric(m.metric);
  if (!name) return fail("unknown metric '" + m.metric + "'");
  const MetricInfo& info = *name->info;
  const double unit = static_cast<double>(name->unit_ns);
  const std::string_view b = info.base;
  auto in_run = [&](std::string what) { return fail("run '" + run_name + "': " + what); };

  std::optional<ProcessId> process;
  if (!m.process.empty()) {
    for (ProcessId p = 0; p < sc->processes.size(); ++p)
      if (sc->processes[p].name == m.process) process = p;
    if (!process) return in_run("no process '" + m.process + "'");
  }

  switch (info.scope) {
    case MetricScope::Run: {
      if (b == "outcome") {
        MeasureValue v;
        v.ok = true;
        v.text = to_string(r->outcome);
        return v;
      }
      if (b == "makespan") return number(static_cast<double>(r->metrics.makespan) / unit);
      if (b == "context_switches") return number(static_cast<double>(r->metrics.context_switches));
      if (b == "preemptions") return number(static_cast<double>(r->trace.instants.size()));
      if (b == "max_running") return number(max_running(*r));
      if (b == "ipc_copied") return number(static_cast<double>(r->metrics.ipc_bytes_copied) / 1024.0 / unit);
      if (b == "finished_threads") {
        double n = 0;
        for (const ThreadMetrics& t : r->metrics.threads) n += t.finished ? 1 : 0;
        return number(n);
      }
      if (b == "parallelism") {
        if (r->metrics.makespan <= 0) return number(0);
        double busy = 0;
        for (const CoreMetrics& c : r->metrics.cores) busy += static_cast<double>(c.busy);
        return number(busy / static_cast<double>(r->metrics.makespan));
      }
      break;
    }
    case MetricScope::Thread: {
      std::vector<double> xs;
      bool named = false;
      for (ThreadId t = 0; t < sc->threads.size() && t < r->metrics.threads.size(); ++t) {
        if (process && sc->threads[t].process != *process) continue;
        if (!m.thread.empty() && sc->threads[t].name != m.thread) continue;
        named = true;
        xs.push_back(thread_number(info, m, *r, t) / unit);
      }
      if (!named) return in_run("no thread '" + m.thread + "'" + (process ? " in process '" + m.process + "'" : ""));
      return aggregate(xs, m.agg.empty() ? info.default_agg : m.agg);
    }
    case MetricScope::Core: {
      double total = 0;
      for (std::size_t c = 0; c < r->metrics.cores.size(); ++c) {
        if (m.core >= 0 && static_cast<std::size_t>(m.core) != c) continue;
        total += static_cast<double>(b == "busy" ? r->metrics.cores[c].busy : r->metrics.cores[c].overhead);
      }
      if (m.core >= 0 && static_cast<std::size_t>(m.core) >= r->metrics.cores.size())
        return in_run("no core " + std::to_string(m.core));
      return number(total / unit);
    }
    case MetricScope::Process: {
      double total = 0;
      for (ProcessId p = 0; p < sc->processes.size() && p < r->metrics.processes.size(); ++p) {
        if (process && p != *process) continue;
        const ProcessMemoryMetrics& pm = r->metrics.processes[p];
        total += static_cast<double>(b == "resident" ? pm.resident_kb : b == "private" ? pm.private_kb
                                                                                       : pm.shared_kb);
      }
      return number(total / unit);
    }
    case MetricScope::Var: {
      // The first process (or the named one) that declares the variable.
      for (ProcessId p = 0; p < sc->processes.size(); ++p) {
        if (process && p != *process) continue;
        const auto& vars = sc->processes[p].vars;
        for (std::size_t v = 0; v < vars.size(); ++v) {
          if (vars[v] != m.var) continue;
          const std::int64_t final_value = p < r->final_vars.size() && v < r->final_vars[p].size() ? r->final_vars[p][v] : 0;
          const std::int64_t initial = v < sc->processes[p].initial.size() ? sc->processes[p].initial[v] : 0;
          const std::uint64_t done = p < r->increments.size() && v < r->increments[p].size() ? r->increments[p][v] : 0;
          if (b == "value") return number(static_cast<double>(final_value));
          if (b == "increments") return number(static_cast<double>(done));
          return number(static_cast<double>(initial + static_cast<std::int64_t>(done) - final_value));
        }
      }
      return in_run("no shared variable '" + m.var + "'");
    }
  }
  return fail("metric '" + m.metric + "' cannot be read");
}

std::string describe(const Measure& m) {
  std::string s = m.metric;
  std::string detail;
  auto add = [&](const std::string& part) { detail += (detail.empty() ? "" : ", ") + part; };
  if (!m.state.empty()) add(m.state);
  if (!m.var.empty()) add(m.var);
  if (!m.thread.empty()) add("thread " + m.thread);
  if (!m.process.empty()) add("process " + m.process);
  if (m.core >= 0) add("core " + std::to_string(m.core));
  if (!m.agg.empty()) add(m.agg);
  if (!detail.empty()) s += " (" + detail + ")";
  if (!m.run.empty()) s += " [" + m.run + "]";
  return s;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Checks
// ---------------------------------------------------------------------------------------------
const char* to_string(CompareOp op) {
  switch (op) {
    case CompareOp::Lt: return "<";
    case CompareOp::Le: return "<=";
    case CompareOp::Eq: return "==";
    case CompareOp::Ne: return "!=";
    case CompareOp::Ge: return ">=";
    case CompareOp::Gt: return ">";
  }
  return "?";
}

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value)) return value > 0 ? "inf" : value < 0 ? "-inf"
                                                                  : "nan";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals < 0 ? 2 : decimals, value);
  std::string s = buf;
  if (decimals < 0 && s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

namespace {

MeasureValue operand_value(const Operand& o, const RunSet& runs) {
  switch (o.kind) {
    case Operand::Kind::Number: return number(o.number);
    case Operand::Kind::Text: {
      MeasureValue v;
      v.ok = true;
      v.text = o.text;
      return v;
    }
    case Operand::Kind::Measure: return measure(o.measure, runs);
    case Operand::Kind::Ratio: {
      const MeasureValue a = measure(o.measure, runs);
      if (!a.ok) return a;
      const MeasureValue d = measure(o.denominator, runs);
      if (!d.ok) return d;
      if (d.number == 0) return fail(describe(o.denominator) + " is 0: no ratio");
      return number(a.number / d.number);
    }
  }
  return fail("?");
}

std::string operand_label(const Operand& o) {
  switch (o.kind) {
    case Operand::Kind::Number: return format_number(o.number, -1);
    case Operand::Kind::Text: return o.text;
    case Operand::Kind::Measure: return describe(o.measure);
    case Operand::Kind::Ratio: return describe(o.measure) + " / " + describe(o.denominator);
  }
  return "?";
}

// Readings keep three decimals (trimmed) so a near miss such as 1.004 > 1 is visible.
std::string shown(const MeasureValue& v) {
  if (!v.text.empty()) return v.text;
  std::string s = format_number(v.number, 3);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

bool compare(double a, CompareOp op, double b, double tolerance) {
  const bool equal = std::fabs(a - b) <= tolerance;
  switch (op) {
    case CompareOp::Lt: return a < b && !equal;
    case CompareOp::Le: return a <= b || equal;
    case CompareOp::Eq: return equal;
    case CompareOp::Ne: return !equal;
    case CompareOp::Ge: return a >= b || equal;
    case CompareOp::Gt: return a > b && !equal;
  }
  return false;
}

}  // namespace

CheckResult evaluate(const Check& c, const RunSet& runs) {
  CheckResult out;
  switch (c.kind) {
    case Check::Kind::All:
    case Check::Kind::Any: {
      const bool all = c.kind == Check::Kind::All;
      out.pass = all;
      for (const Check& child : c.children) {
        CheckResult r = evaluate(child, runs);
        if (!r.error.empty() && out.error.empty()) out.error = r.error;
        out.pass = all ? out.pass && r.pass : out.pass || r.pass;
        for (Reading& rd : r.readings) out.readings.push_back(std::move(rd));
      }
      if (!out.error.empty()) out.pass = false;
      return out;
    }
    case Check::Kind::Not: {
      CheckResult r = c.children.empty() ? CheckResult{} : evaluate(c.children.front(), runs);
      out.readings = std::move(r.readings);
      for (Reading& rd : out.readings) rd.label.insert(0, "not: ");
      out.error = r.error;
      out.pass = r.error.empty() && !r.pass;
      return out;
    }
    case Check::Kind::Compare: break;
  }
  const MeasureValue a = operand_value(c.left, runs);
  const MeasureValue b = operand_value(c.right, runs);
  Reading rd;
  rd.label = operand_label(c.left) + " " + to_string(c.op) + " " + operand_label(c.right);
  if (c.tolerance > 0) rd.label += " (within " + format_number(c.tolerance, -1) + ")";
  if (!a.ok || !b.ok) {
    out.error = !a.ok ? a.error : b.error;
    rd.measured = std::string(1, '?');  // not = "?": GCC 12 -O3 warns falsely (-Wrestrict)
    out.readings.push_back(rd);
    return out;
  }
  rd.measured = shown(a);
  if (c.right.kind == Operand::Kind::Measure || c.right.kind == Operand::Kind::Ratio) rd.measured += " vs " + shown(b);
  const bool text = !a.text.empty() || !b.text.empty();
  if (text) rd.pass = c.op == CompareOp::Eq ? a.text == b.text : c.op == CompareOp::Ne && a.text != b.text;
  else rd.pass = compare(a.number, c.op, b.number, c.tolerance);
  out.pass = rd.pass;
  out.readings.push_back(rd);
  return out;
}

std::vector<TaskResult> evaluate_tasks(const Lesson& lesson, const RunSet& runs) {
  std::vector<TaskResult> out;
  for (const Task& t : lesson.tasks) out.push_back({t.id, evaluate(t.check, runs)});
  return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Quotes and answers
// ---------------------------------------------------------------------------------------------
MeasureValue quote_value(const Quote& q, const RunSet& runs) {
  Operand o;
  o.kind = q.denominator ? Operand::Kind::Ratio : Operand::Kind::Measure;
  o.measure = q.measure;
  if (q.denominator) o.denominator = *q.denominator;
  return operand_value(o, runs);
}

std::map<std::string, std::string> quote_values(const Lesson& lesson, const RunSet& runs) {
  std::map<std::string, std::string> out;
  for (const Quote& q : lesson.quotes) {
    const MeasureValue v = quote_value(q, runs);
    if (v.ok) out[q.name] = v.text.empty() ? format_number(v.number, q.decimals) : v.text;
  }
  return out;
}

std::optional<double> quote_number(const Lesson& lesson, std::string_view name, const RunSet& runs) {
  for (const Quote& q : lesson.quotes)
    if (q.name == name) {
      const MeasureValue v = quote_value(q, runs);
      if (v.ok && v.text.empty()) return v.number;
    }
  return std::nullopt;
}

Grade grade_choice(const Question& q, std::size_t choice) {
  if (q.kind != Question::Kind::Choice || choice >= q.choices.size()) return {false, ""};
  return {q.choices[choice].correct, q.choices[choice].feedback};
}

Grade grade_number(const Lesson& lesson, double answer, const RunSet& runs) {
  const Question& q = lesson.question;
  if (q.kind != Question::Kind::Number) return {false, ""};
  std::optional<double> expected = q.answer;
  if (!q.answer_quote.empty()) expected = quote_number(lesson, q.answer_quote, runs);
  if (!expected) return {false, "the expected answer could not be measured (did the run fail?)"};
  if (std::fabs(answer - *expected) <= q.tolerance) return {true, q.feedback_correct};
  return {false, answer < *expected ? q.feedback_low : q.feedback_high};
}

}  // namespace tl::lessons
