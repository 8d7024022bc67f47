// Controls: the vocabulary (one row each), reading values, and applying a control state to a
// lesson scenario. Controls that pick cost defaults or reshape a compare workload (profile,
// as, workers, start) edit the JSON document before it is parsed, since the parser derives
// defaults from them, and leave sources they do not apply to alone (OSTEP flags; as/workers/
// start on an ordinary scenario); the others edit the parsed Scenario, which works for every
// source (JSON files and OSTEP homework flags alike).
//
// [SECTION] Vocabulary
// [SECTION] Values
// [SECTION] States
// [SECTION] Building a scenario
#include "lessons/evaluate.h"

#include "sim/ostep/mlfq.h"
#include "sim/ostep/process_run.h"
#include "sim/ostep/scheduler.h"
#include "sim/scenario/compare.h"
#include "sim/scenario/reader.h"

namespace tl::lessons {

// ---------------------------------------------------------------------------------------------
// [SECTION] Vocabulary
// ---------------------------------------------------------------------------------------------
const std::vector<ControlInfo>& control_table() {
  static const std::vector<ControlInfo> table = {
      {ControlKind::Scenario, "scenario", ValueType::Choice, 0, 0, ""},
      {ControlKind::Cores, "cores", ValueType::Int, 1, 256},
      // Hardware threads per core (machine.smt): cores x smt hardware threads, each core's
      // siblings sharing its execution units.
      {ControlKind::Smt, "smt", ValueType::Int, 1, 8},
      {ControlKind::Policy, "policy", ValueType::Choice, 0, 0, "fifo sjf stcf rr priority mlfq cyclic"},
      {ControlKind::QuantumUs, "quantum_us", ValueType::Time, 1, 1'000'000'000},
      {ControlKind::SwitchUs, "switch_us", ValueType::Time, 0, 1'000'000'000},
      {ControlKind::Gil, "gil", ValueType::Bool},
      {ControlKind::SwitchIntervalUs, "switch_interval_us", ValueType::Time, 1, 1'000'000'000},
      {ControlKind::Profile, "profile", ValueType::Choice, 0, 0, "native python textbook"},
      {ControlKind::As, "as", ValueType::Choice, 0, 0, "threads processes"},
      {ControlKind::Workers, "workers", ValueType::Int, 1, static_cast<std::int64_t>(kMaxWorkers)},
      {ControlKind::Start, "start", ValueType::Choice, 0, 0, "fork spawn"},
  };
  return table;
}

const ControlInfo* find_control(std::string_view name) {
  for (const ControlInfo& c : control_table())
    if (name == c.name) return &c;
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Values
// ---------------------------------------------------------------------------------------------
std::string ControlValue::display() const {
  switch (type) {
    case ValueType::Int: return std::to_string(number);
    case ValueType::Bool: return number ? "on" : "off";
    case ValueType::Choice: return text;
    case ValueType::Time: {
      // Exact decimal microseconds from integer ns ("0.5", "1000").
      std::string s = std::to_string(number / 1000);
      if (const std::int64_t frac = number % 1000) {
        std::string f = std::to_string(1000 + frac).substr(1);
        while (!f.empty() && f.back() == '0') f.pop_back();
        s += "." + f;
      }
      return s;
    }
  }
  return "";
}

std::optional<ControlValue> control_value_from_text(const ControlInfo& info, std::string_view text,
                                                    std::string& reason) {
  ControlValue v;
  v.type = info.type;
  switch (info.type) {
    case ValueType::Bool:
      if (text == "on" || text == "true" || text == "1") v.number = 1;
      else if (text == "off" || text == "false" || text == "0") v.number = 0;
      else {
        reason = "expected on or off, got '" + std::string(text.substr(0, 40)) + "'";
        return std::nullopt;
      }
      return v;
    case ValueType::Int: {
      std::int64_t n = 0;
      if (text.empty() || text.size() > 12) {
        reason = "expected an integer";
        return std::nullopt;
      }
      for (char c : text) {
        if (c < '0' || c > '9') {
          reason = "expected an integer, got '" + std::string(text.substr(0, 40)) + "'";
          return std::nullopt;
        }
        n = n * 10 + (c - '0');
      }
      if (n < info.min || n > info.max) {
        reason = "out of range (" + std::to_string(info.min) + " .. " + std::to_string(info.max) + ")";
        return std::nullopt;
      }
      v.number = n;
      return v;
    }
    case ValueType::Time: {
      const std::optional<TimeNs> ns = detail::us_text_to_ns(text);
      if (!ns) {
        reason = "expected microseconds (a decimal number), got '" + std::string(text.substr(0, 40)) + "'";
        return std::nullopt;
      }
      if (*ns < info.min || *ns > info.max * 1000) {
        reason = "out of range (" + (info.min ? std::string("greater than 0") : std::string("0")) + " .. " +
                 std::to_string(info.max) + " us)";
        return std::nullopt;
      }
      v.number = *ns;
      return v;
    }
    case ValueType::Choice: {
      v.text = std::string(text);
      const std::string_view allowed = info.choices;
      if (allowed.empty()) return v;  // scenario names: checked against the lesson
      std::size_t at = 0;
      while (at <= allowed.size()) {
        std::size_t end = allowed.find(' ', at);
        if (end == std::string_view::npos) end = allowed.size();
        if (allowed.substr(at, end - at) == text) return v;
        at = end + 1;
      }
      reason = "'" + std::string(text.substr(0, 40)) + "' is not one of: " + std::string(allowed);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] States
// ---------------------------------------------------------------------------------------------
ControlState starting_state(const Lesson& lesson) {
  ControlState s;
  for (const Control& c : lesson.controls)
    if (!c.start_from_scenario) s[c.name] = c.start;
  return s;
}

ControlState effective_state(const Lesson& lesson, const ControlState& learner, const Run& run) {
  ControlState s = starting_state(lesson);
  for (const auto& [k, v] : learner) s[k] = v;
  for (const auto& [k, v] : run.fixed) s[k] = v;
  return s;
}

std::string set_control(const Lesson& lesson, ControlState& state, std::string_view assignment) {
  const std::size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) return "expected CONTROL=VALUE, got '" + std::string(assignment) + "'";
  const std::string_view name = assignment.substr(0, eq);
  const ControlInfo* info = find_control(name);
  const Control* offered = nullptr;
  for (const Control& c : lesson.controls)
    if (c.name == name) offered = &c;
  if (!info || !offered) {
    std::string list;
    for (const Control& c : lesson.controls) list += (list.empty() ? "" : ", ") + c.name;
    return "unknown control '" + std::string(name) + "' (this lesson has: " + (list.empty() ? "none" : list) + ")";
  }
  std::string reason;
  std::optional<ControlValue> v = control_value_from_text(*info, assignment.substr(eq + 1), reason);
  if (!v) return std::string(name) + ": " + reason;
  if (info->type == ValueType::Choice && !offered->options.empty()) {
    bool found = false;
    for (const std::string& o : offered->options) found = found || o == v->text;
    if (!found) {
      std::string list;
      for (const std::string& o : offered->options) list += (list.empty() ? "" : ", ") + o;
      return std::string(name) + ": '" + v->text + "' is not offered (" + list + ")";
    }
  }
  // The range the lesson offers, not only what the simulator accepts: a learner (or a URL, or
  // a test) must not reach a setting the lesson's author never meant to show.
  if ((info->type == ValueType::Int || info->type == ValueType::Time) &&
      (v->number < offered->min || v->number > offered->max)) {
    ControlValue low = *v, high = *v;
    low.number = offered->min;
    high.number = offered->max;
    const char* unit = info->type == ValueType::Time ? " us" : "";
    return std::string(name) + ": " + v->display() + unit + " is outside this lesson's range (" + low.display() +
           " to " + high.display() + unit + ")";
  }
  state[std::string(name)] = *v;
  return "";
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Building a scenario
// ---------------------------------------------------------------------------------------------
namespace {

using Json = detail::Json;

const ControlValue* value_of(const ControlState& s, const char* name) {
  auto it = s.find(name);
  return it == s.end() ? nullptr : &it->second;
}

std::optional<PolicyKind> policy_named(std::string_view name) {
  for (PolicyKind p : {PolicyKind::Fifo, PolicyKind::Sjf, PolicyKind::Stcf, PolicyKind::Rr, PolicyKind::Priority,
                       PolicyKind::Mlfq, PolicyKind::Cyclic})
    if (name == to_string(p)) return p;
  return std::nullopt;
}

std::string join_errors(const std::vector<ScenarioError>& errors) {
  std::string out;
  for (std::size_t i = 0; i < errors.size() && i < 3; ++i) {
    if (i) out += "; ";
    out += errors[i].path.empty() ? errors[i].message : errors[i].path + ": " + errors[i].message;
  }
  if (errors.size() > 3) out += "; and " + std::to_string(errors.size() - 3) + " more";
  return out;
}

// A JSON source with the document-level controls applied, then parsed.
BuiltScenario build_from_json(const std::string& text, const ControlState& s, const std::string& where) {
  BuiltScenario out;
  detail::Errors errors;
  std::optional<Json> doc = detail::parse_json(text, errors);
  if (!doc || !doc->is_object()) {
    out.error = where + ": " + (errors.count() ? join_errors(errors.take()) : "not a JSON object");
    return out;
  }
  // Edits go only where the document has an object to edit; anything else is left for the
  // parser to report.
  auto object_at = [&](const char* key) { return !doc->contains(key) || (*doc)[key].is_object(); };
  if (const ControlValue* v = value_of(s, "profile"); v && object_at("machine")) (*doc)["machine"]["profile"] = v->text;
  const bool compare = is_compare_document(*doc);
  WorkerModel as = WorkerModel::Threads;
  // as/workers/start reshape a compare workload; a lesson may offer them beside ordinary
  // scenarios (one experiment each), which they leave alone.
  for (const char* key : {"as", "workers", "start"}) {
    const ControlValue* v = value_of(s, key);
    if (!v || !compare || !(*doc)["workload"].is_object()) continue;
    if (v->type == ValueType::Int) (*doc)["workload"][key] = v->number;
    else (*doc)["workload"][key] = v->text;
  }
  if (compare) {
    std::vector<ScenarioError> cerrors;
    std::optional<WorkerModel> m = compare_model(*doc, cerrors);
    if (m) as = *m;
    std::optional<Json> expanded = m ? expand_compare(*doc, as, cerrors) : std::nullopt;
    if (!expanded) {
      out.error = where + ": " + join_errors(cerrors);
      return out;
    }
    doc = std::move(expanded);
  }
  ParseResult parsed = parse_scenario(doc->dump());
  if (!parsed.scenario) {
    out.error = where + ": " + join_errors(parsed.errors);
    return out;
  }
  out.scenario = std::move(parsed.scenario);
  return out;
}

BuiltScenario build_from_ostep(const std::vector<std::string>& words, const std::string& where) {
  BuiltScenario out;
  if (words.empty()) {
    out.error = where + ": no OSTEP tool named";
    return out;
  }
  const std::span<const std::string> flags(words.data() + 1, words.size() - 1);
  std::string error;
  if (words[0] == "scheduler") {
    auto p = ostep::parse_scheduler_args(flags);
    if (p.options) out.scenario = ostep::scheduler_scenario(*p.options);
    error = p.error;
  } else if (words[0] == "process-run") {
    auto p = ostep::parse_process_run_args(flags);
    if (p.options) out.scenario = ostep::process_run_scenario(*p.options);
    error = p.error;
  } else if (words[0] == "mlfq") {
    auto p = ostep::parse_mlfq_args(flags);
    if (p.options) out.scenario = ostep::mlfq_scenario(*p.options);
    error = p.error;
  } else {
    error = "unknown OSTEP tool " + quote_name(words[0]) + " (scheduler, process-run or mlfq)";
  }
  if (!out.scenario) out.error = where + ": " + error;
  return out;
}

void apply_policy(Scenario& sc, PolicyKind policy) {
  SchedulerSpec& s = sc.scheduler;
  if (s.policy == policy) return;
  s.policy = policy;
  // What the parser would have given this policy with no policy-specific keys.
  if (policy == PolicyKind::Mlfq) s.levels.assign(3, MlfqLevel{s.quantum, 1});
  s.dispatch_before_wakes = policy == PolicyKind::Cyclic;
  if (policy != PolicyKind::Cyclic) s.wake_preempts = s.io_holds_core = false;
}

}  // namespace

BuiltScenario build_scenario(const Lesson& lesson, const ControlState& s, const Context& context) {
  const ScenarioSource* source = lesson.scenarios.empty() ? nullptr : &lesson.scenarios.front();
  if (const ControlValue* v = value_of(s, "scenario")) {
    source = nullptr;
    for (const ScenarioSource& src : lesson.scenarios)
      if (src.name == v->text) source = &src;
    if (!source) return {std::nullopt, "control scenario: the lesson has no scenario '" + v->text + "'", ""};
  }
  if (!source) return {std::nullopt, "the lesson has no scenario", ""};

  BuiltScenario out;
  const std::string where = "scenarios." + source->name;
  switch (source->kind) {
    case ScenarioSource::Kind::Example: {
      std::optional<std::string> text = context.example ? context.example(source->example) : std::nullopt;
      if (!text) return {std::nullopt, where + ": no example '" + source->example + "'", source->name};
      out = build_from_json(*text, s, where);
      break;
    }
    case ScenarioSource::Kind::Inline: out = build_from_json(source->json, s, where); break;
    case ScenarioSource::Kind::Ostep:
      // The OSTEP tools model no costs and no workloads: profile, as, workers and start do
      // not apply to them.
      out = build_from_ostep(source->ostep, where);
      break;
  }
  out.source = source->name;
  if (!out.scenario) return out;

  Scenario& sc = *out.scenario;
  if (const ControlValue* v = value_of(s, "cores")) sc.machine.cores = static_cast<std::uint32_t>(v->number);
  if (const ControlValue* v = value_of(s, "smt")) sc.machine.smt = static_cast<std::uint32_t>(v->number);
  // The quantum first, so that MLFQ levels made for a policy switched to mlfq use it; levels a
  // scenario defines itself keep their own quanta.
  if (const ControlValue* v = value_of(s, "quantum_us")) sc.scheduler.quantum = v->number;
  if (const ControlValue* v = value_of(s, "policy"))
    if (std::optional<PolicyKind> p = policy_named(v->text)) apply_policy(sc, *p);
  if (const ControlValue* v = value_of(s, "switch_us")) sc.machine.switch_cost = v->number;
  if (const ControlValue* v = value_of(s, "gil")) sc.gil.enabled = v->number != 0;
  if (const ControlValue* v = value_of(s, "switch_interval_us")) sc.gil.switch_interval = v->number;
  // The machine's limits as the reader keeps them in a file: cores and smt change them here.
  if (const std::vector<MachineLimitError> limits = machine_limit_errors(sc.machine); !limits.empty()) {
    out.error = "controls cores and smt: machine." + std::string(limits.front().field) + ": " + limits.front().message;
    out.scenario.reset();
  }
  return out;
}

std::optional<ControlValue> control_value_in(const Scenario& sc, std::string_view name) {
  const ControlInfo* info = find_control(name);
  if (info == nullptr) return std::nullopt;
  ControlValue v;
  v.type = info->type;
  if (name == "cores") v.number = sc.machine.cores;
  else if (name == "smt") v.number = sc.machine.smt;
  else if (name == "quantum_us") v.number = sc.scheduler.quantum;
  else if (name == "switch_us") v.number = sc.machine.switch_cost;
  else if (name == "gil") v.number = sc.gil.enabled ? 1 : 0;
  else if (name == "switch_interval_us") v.number = sc.gil.switch_interval;
  else if (name == "policy") v.text = to_string(sc.scheduler.policy);
  else return std::nullopt;
  return v;
}

std::vector<LessonRun> run_lesson(const Lesson& lesson, const ControlState& learner, const Context& context) {
  std::vector<LessonRun> runs;
  for (const Run& r : lesson.runs) {
    LessonRun lr;
    lr.name = r.name;
    lr.built = build_scenario(lesson, effective_state(lesson, learner, r), context);
    if (lr.built.scenario) lr.result = std::make_shared<const RunResult>(tl::run(*lr.built.scenario));
    runs.push_back(std::move(lr));
  }
  return runs;
}

RunSet RunSet::of(const std::vector<LessonRun>& runs) {
  RunSet set;
  for (const LessonRun& r : runs) {
    set.names.push_back(r.name);
    set.scenarios.push_back(r.built.scenario ? &*r.built.scenario : nullptr);
    set.results.push_back(r.result.get());
  }
  return set;
}

}  // namespace tl::lessons
