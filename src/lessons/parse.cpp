// The lesson parser and validator. Like the scenario parser it never stops at the first
// problem: every error is collected with its JSON path, and nothing is built from a document
// that has any. Sizes are bounded before anything is kept.
//
// [SECTION] Helpers
// [SECTION] Text
// [SECTION] Scenarios and the names they declare
// [SECTION] Controls and control values
// [SECTION] Measures and checks
// [SECTION] Tasks and the question
// [SECTION] The document
#include "lessons/catalog.h"
#include "lessons/evaluate.h"
#include "lessons/markup.h"

#include "sim/core/json_depth.h"
#include "sim/scenario/reader.h"

#include <set>

namespace tl::lessons {

namespace {

using detail::Json;
using detail::key_path;
using detail::index_path;
using detail::type_name;

// ---------------------------------------------------------------------------------------------
// [SECTION] Helpers
// ---------------------------------------------------------------------------------------------
// Mechanisms a lesson once had to declare missing and the simulator and app have since gained:
// a lesson still naming one probably still tells learners it is missing.
bool feature_available(std::string_view feature) {
  for (std::string_view f : {"smt", "asyncio", "pool", "forkserver", "compare_view", "speedup_chart"})
    if (feature == f) return true;
  return false;
}

struct Parser {
  const Context& context;
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> warnings;
  Lesson lesson;
  // Names the lesson's scenarios declare (any of them): checks may only name these.
  std::set<std::string> threads, processes, vars;
  std::set<std::string> quote_names, run_names;
  std::size_t check_nodes = 0;

  // Every diagnostic is one line: the lesson's own text quoted in it (a quote name, a key, an
  // OSTEP word) may hold line breaks or other control characters. One place, so no message can
  // forget it.
  void error(std::string path, std::string message) { errors.push_back({one_line(std::move(path)), one_line(std::move(message))}); }
  void warn(std::string path, std::string message) { warnings.push_back({one_line(std::move(path)), one_line(std::move(message))}); }

  void keys(const Json& o, const std::string& path, std::initializer_list<std::string_view> allowed) {
    for (auto it = o.begin(); it != o.end(); ++it) {
      bool ok = false;
      for (std::string_view a : allowed) ok = ok || it.key() == a;
      if (ok) continue;
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      error(key_path(path, it.key()), "unknown key " + quote_name(it.key()) + " (expected " + list + ")");
    }
  }

  const Json* object(const Json& v, const std::string& path) {
    if (v.is_object()) return &v;
    error(path, std::string("expected an object, got ") + type_name(v));
    return nullptr;
  }

  const Json* array(const Json& v, const std::string& path, std::size_t min, std::size_t max) {
    if (!v.is_array()) {
      error(path, std::string("expected an array, got ") + type_name(v));
      return nullptr;
    }
    if (v.size() < min || v.size() > max) {
      error(path, "expected " + std::to_string(min) + " to " + std::to_string(max) + " entries, got " +
                      std::to_string(v.size()));
      return nullptr;
    }
    return &v;
  }

  std::optional<std::string> string(const Json& v, const std::string& path, std::size_t max = kMaxTextChars) {
    if (!v.is_string()) {
      error(path, std::string("expected a string, got ") + type_name(v));
      return std::nullopt;
    }
    const std::string& s = v.get_ref<const std::string&>();
    if (s.empty()) {
      error(path, "must not be empty");
      return std::nullopt;
    }
    if (s.size() > max) {
      error(path, "too long (" + std::to_string(s.size()) + " characters, at most " + std::to_string(max) + ")");
      return std::nullopt;
    }
    return s;
  }

  static bool valid_id(std::string_view s) {
    if (s.empty() || s.size() > kMaxIdChars) return false;
    for (char c : s)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
    return true;
  }

  std::optional<std::string> id(const Json& v, const std::string& path) {
    std::optional<std::string> s = string(v, path, kMaxIdChars + 1);
    if (s && !valid_id(*s)) {
      error(path, "id " + quote_name(*s) + " must be 1 to 48 of a-z 0-9 _ - (ids stay stable across translations)");
      return std::nullopt;
    }
    return s;
  }

  std::optional<double> number(const Json& v, const std::string& path, double min, double max) {
    if (!v.is_number()) {
      error(path, std::string("expected a number, got ") + type_name(v));
      return std::nullopt;
    }
    const double d = v.get<double>();
    if (!(d >= min && d <= max)) {
      error(path, "out of range (" + format_number(min, -1) + " .. " + format_number(max, -1) + ")");
      return std::nullopt;
    }
    return d;
  }

  // ---------------------------------------------------------------------------------------------
  // [SECTION] Text
  // ---------------------------------------------------------------------------------------------
  // A learner-facing string: its markup must parse, its terms exist, its quotes be declared.
  std::optional<std::string> text(const Json& v, const std::string& path) {
    std::optional<std::string> s = string(v, path);
    if (!s) return s;
    std::vector<Inline> spans;
    std::string why;
    std::string_view body = *s;
    if (body.substr(0, 2) == "- ") body.remove_prefix(2);
    if (!parse_inline(body, spans, why)) {
      error(path, why);
      return std::nullopt;
    }
    bool ok = true;
    for (const Inline& span : spans) {
      if (span.kind == Inline::Kind::Term && context.has_term && !context.has_term(span.ref)) {
        error(path, "glossary term " + quote_name(span.ref) + " is not in lessons/glossary.json");
        ok = false;
      }
      if (span.kind == Inline::Kind::Quote && !quote_names.count(span.ref)) {
        error(path, "{{" + span.ref + "}} is not one of the lesson's quotes");
        ok = false;
      }
    }
    return ok ? s : std::nullopt;
  }

  void text_list(const Json& v, const std::string& path, std::size_t min, std::size_t max, std::vector<std::string>& out) {
    if (!array(v, path, min, max)) return;
    for (std::size_t i = 0; i < v.size(); ++i)
      if (auto s = text(v[i], index_path(path, i))) out.push_back(*s);
  }

  // ---------------------------------------------------------------------------------------------
  // [SECTION] Scenarios and the names they declare
  // ---------------------------------------------------------------------------------------------
  void note_names(const Scenario& sc) {
    for (const ProcessSpec& p : sc.processes) {
      processes.insert(p.name);
      for (const std::string& v : p.vars) vars.insert(v);
    }
    for (const ThreadSpec& t : sc.threads) threads.insert(t.name);
  }

  void scenarios(const Json& v, const std::string& path) {
    if (!object(v, path)) return;
    if (v.empty() || v.size() > kMaxScenarios) {
      error(path, "expected 1 to " + std::to_string(kMaxScenarios) + " scenarios, got " + std::to_string(v.size()));
      return;
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string p = key_path(path, it.key());
      if (!valid_id(it.key())) {
        error(p, "scenario name " + quote_name(it.key()) + " must be 1 to 48 of a-z 0-9 _ -");
        continue;
      }
      if (!object(it.value(), p)) continue;
      const Json& s = it.value();
      keys(s, p, {"example", "inline", "ostep"});
      if (s.size() != 1) {
        error(p, "expected exactly one of example, inline, ostep");
        continue;
      }
      ScenarioSource src;
      src.name = it.key();
      src.path = p;
      if (s.contains("example")) {
        std::optional<std::string> name = string(s["example"], key_path(p, "example"), 200);
        if (!name) continue;
        src.kind = ScenarioSource::Kind::Example;
        src.example = *name;
        if (!context.example || !context.example(*name)) {
          error(key_path(p, "example"), "no example " + quote_name(*name) + " (examples/<name>.json, or compare/<name>)");
          continue;
        }
      } else if (s.contains("inline")) {
        if (!object(s["inline"], key_path(p, "inline"))) continue;
        src.kind = ScenarioSource::Kind::Inline;
        src.json = s["inline"].dump();
      } else if (s.contains("ostep")) {
        std::optional<std::string> line = string(s["ostep"], key_path(p, "ostep"), 1000);
        if (!line) continue;
        src.kind = ScenarioSource::Kind::Ostep;
        // Words as a shell splits them: a tab or a line break in the command separates too.
        constexpr std::string_view kBlanks = " \t\n\r\v\f";
        std::size_t at = 0;
        while (at < line->size()) {
          const std::size_t end = std::min(line->find_first_of(kBlanks, at), line->size());
          if (end > at) src.ostep.push_back(line->substr(at, end - at));
          at = end + 1;
        }
      } else {
        continue;  // the unknown key was reported
      }
      lesson.scenarios.push_back(std::move(src));
      // Parse it now, as written (compare documents both ways), for its errors and its names.
      Lesson probe;
      probe.scenarios.push_back(lesson.scenarios.back());
      std::vector<ControlState> variants(1);
      if (lesson.scenarios.back().kind != ScenarioSource::Kind::Ostep) {
        const std::string& text = lesson.scenarios.back().kind == ScenarioSource::Kind::Inline
                                      ? lesson.scenarios.back().json
                                      : *context.example(lesson.scenarios.back().example);
        detail::Errors ignored;
        std::optional<Json> doc = detail::parse_json(text, ignored);
        if (doc && doc->is_object() && doc->contains("workload")) {
          variants.assign(2, {});
          variants[0]["as"] = ControlValue{ValueType::Choice, 0, "threads"};
          variants[1]["as"] = ControlValue{ValueType::Choice, 0, "processes"};
        }
      }
      for (const ControlState& cs : variants) {
        BuiltScenario b = build_scenario(probe, cs, context);
        if (!b.scenario) {
          error(p, b.error.substr(b.error.find(':') == std::string::npos ? 0 : b.error.find(':') + 2));
          break;
        }
        note_names(*b.scenario);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // [SECTION] Controls and control values
  // ---------------------------------------------------------------------------------------------
  std::optional<ControlValue> value(const ControlInfo& info, const Json& v, const std::string& path) {
    std::string textual;
    switch (info.type) {
      case ValueType::Bool:
        if (!v.is_boolean()) {
          error(path, std::string("expected true or false, got ") + type_name(v));
          return std::nullopt;
        }
        return ControlValue{ValueType::Bool, v.get<bool>() ? 1 : 0, ""};
      case ValueType::Int:
        if (!v.is_number_integer()) {
          error(path, std::string("expected an integer, got ") + type_name(v));
          return std::nullopt;
        }
        textual = v.dump();
        break;
      case ValueType::Time:
        if (!v.is_number()) {
          error(path, std::string("expected microseconds (a number), got ") + type_name(v));
          return std::nullopt;
        }
        textual = v.dump();
        break;
      case ValueType::Choice:
        if (!v.is_string()) {
          error(path, std::string("expected a string, got ") + type_name(v));
          return std::nullopt;
        }
        textual = v.get<std::string>();
        if (info.kind == ControlKind::Scenario) {
          bool found = false;
          for (const ScenarioSource& s : lesson.scenarios) found = found || s.name == textual;
          if (!found) {
            error(path, "no scenario " + quote_name(textual) + " in this lesson's \"scenarios\"");
            return std::nullopt;
          }
        }
        break;
    }
    std::string reason;
    std::optional<ControlValue> out = control_value_from_text(info, textual, reason);
    if (!out) error(path, reason);
    return out;
  }

  // {"cores": 1, "gil": false}: `offered_only` limits it to the lesson's controls (a solution
  // may only change what the learner can change).
  ControlState settings(const Json& v, const std::string& path, bool offered_only) {
    ControlState out;
    if (!object(v, path)) return out;
    if (v.size() > kMaxControls) {
      error(path, "too many settings (at most " + std::to_string(kMaxControls) + ")");
      return out;
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string p = key_path(path, it.key());
      const ControlInfo* info = find_control(it.key());
      if (!info) {
        std::string list;
        for (const ControlInfo& c : control_table()) list += (list.empty() ? "" : ", ") + std::string(c.name);
        error(p, "unknown control " + quote_name(it.key()) + " (" + list + ")");
        continue;
      }
      const Control* offered = nullptr;
      for (const Control& c : lesson.controls)
        if (c.name == it.key()) offered = &c;
      if (offered_only && !offered) {
        error(p, "the lesson does not offer control " + quote_name(it.key()) + " (add it to \"controls\")");
        continue;
      }
      std::optional<ControlValue> cv = value(*info, it.value(), p);
      if (!cv) continue;
      if (offered_only && !in_offer(*offered, *cv)) {
        error(p, "value " + cv->display() + " is outside what the control offers");
        continue;
      }
      out[it.key()] = *cv;
    }
    return out;
  }

  static bool in_offer(const Control& c, const ControlValue& v) {
    if (v.type == ValueType::Choice) {
      if (c.options.empty()) return true;
      for (const std::string& o : c.options)
        if (o == v.text) return true;
      return false;
    }
    if (v.type == ValueType::Int || v.type == ValueType::Time) return v.number >= c.min && v.number <= c.max;
    return true;
  }

  void controls(const Json& v, const std::string& path) {
    if (!array(v, path, 0, kMaxControls)) return;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string p = index_path(path, i);
      if (!object(v[i], p)) continue;
      const Json& c = v[i];
      keys(c, p, {"control", "label", "start", "options", "min", "max"});
      if (!c.contains("control")) {
        error(p, "missing \"control\" (which setting it changes)");
        continue;
      }
      std::optional<std::string> name = string(c["control"], key_path(p, "control"), 64);
      if (!name) continue;
      const ControlInfo* info = find_control(*name);
      if (!info) {
        std::string list;
        for (const ControlInfo& ci : control_table()) list += (list.empty() ? "" : ", ") + std::string(ci.name);
        error(key_path(p, "control"), "unknown control " + quote_name(*name) + " (" + list + ")");
        continue;
      }
      bool duplicate = false;
      for (const Control& prev : lesson.controls) duplicate = duplicate || prev.name == *name;
      if (duplicate) {
        error(key_path(p, "control"), "control " + quote_name(*name) + " is listed twice");
        continue;
      }
      if (info->requires_feature)
        warn(p, "control " + quote_name(*name) + " needs '" + info->requires_feature +
                    "', which the simulator does not model yet: it is shown but changes nothing");
      Control ctl;
      ctl.kind = info->kind;
      ctl.name = *name;
      ctl.label = *name;
      if (c.contains("label"))
        if (auto l = text(c["label"], key_path(p, "label"))) ctl.label = *l;
      const std::int64_t scale = info->type == ValueType::Time ? 1000 : 1;
      ctl.min = info->min;
      ctl.max = info->max * scale;
      for (const char* bound : {"min", "max"}) {
        if (!c.contains(bound)) continue;
        if (info->type != ValueType::Int && info->type != ValueType::Time) {
          error(key_path(p, bound), std::string("only numeric controls take ") + bound);
          continue;
        }
        if (std::optional<ControlValue> b = value(*info, c[bound], key_path(p, bound)))
          (std::string_view(bound) == "min" ? ctl.min : ctl.max) = b->number;
      }
      if (ctl.min > ctl.max) error(key_path(p, "min"), "greater than max");
      if (c.contains("options")) {
        const std::string op = key_path(p, "options");
        if (info->type != ValueType::Choice) {
          error(op, "only choice controls (scenario, policy, profile, as, start) take options");
        } else if (array(c["options"], op, 1, kMaxOptions)) {
          for (std::size_t k = 0; k < c["options"].size(); ++k)
            if (std::optional<ControlValue> o = value(*info, c["options"][k], index_path(op, k))) ctl.options.push_back(o->text);
        }
      }
      if (!c.contains("start")) {
        error(p, "missing \"start\" (the value the lesson opens with, or null for the scenario's own)");
        continue;
      }
      if (c["start"].is_null() && info->kind != ControlKind::Scenario) {
        // Until the learner moves it, each scenario keeps its own value (a sandbox of
        // examples with different core counts, GIL settings and policies).
        ctl.start_from_scenario = true;
        ctl.start.type = info->type;
      } else {
        std::optional<ControlValue> start = value(*info, c["start"], key_path(p, "start"));
        if (!start) continue;
        ctl.start = *start;
        if (!in_offer(ctl, ctl.start)) error(key_path(p, "start"), "outside the offered options or range");
      }
      lesson.controls.push_back(std::move(ctl));
    }
  }

  void runs(const Json& v, const std::string& path) {
    if (!object(v, path)) return;
    if (v.empty() || v.size() > kMaxRuns) {
      error(path, "expected 1 to " + std::to_string(kMaxRuns) + " runs, got " + std::to_string(v.size()));
      return;
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string p = key_path(path, it.key());
      if (!valid_id(it.key())) {
        error(p, "run name " + quote_name(it.key()) + " must be 1 to 48 of a-z 0-9 _ -");
        continue;
      }
      if (!object(it.value(), p)) continue;
      keys(it.value(), p, {"label", "set"});
      Run r;
      r.name = it.key();
      r.path = p;
      if (it.value().contains("label"))
        if (auto l = text(it.value()["label"], key_path(p, "label"))) r.label = *l;
      if (it.value().contains("set")) r.fixed = settings(it.value()["set"], key_path(p, "set"), false);
      run_names.insert(r.name);
      lesson.runs.push_back(std::move(r));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // [SECTION] Measures and checks
  // ---------------------------------------------------------------------------------------------
  static inline const std::vector<std::string_view> kMeasureKeys = {"run", "metric", "thread", "process",
                                                                    "var", "state", "agg", "core"};

  std::optional<Measure> measure(const Json& o, const std::string& path) {
    Measure m;
    bool ok = true;
    auto field = [&](const char* key, std::string& out, auto&& check) {
      if (!o.contains(key)) return;
      std::optional<std::string> s = string(o[key], key_path(path, key), 200);
      if (!s) {
        ok = false;
        return;
      }
      out = *s;
      if (!check(*s)) ok = false;
    };
    if (!o.contains("metric")) {
      error(path, "missing \"metric\"");
      return std::nullopt;
    }
    field("metric", m.metric, [&](const std::string& s) {
      if (find_metric(s)) return true;
      error(key_path(path, "metric"), "unknown metric " + quote_name(s) + " (" + metric_list() + ")");
      return false;
    });
    if (!ok) return std::nullopt;
    const MetricName name = *find_metric(m.metric);
    const MetricInfo& info = *name.info;
    m.base = info.base;
    m.unit_ns = name.unit_ns;
    auto only = [&](const char* key, bool allowed, const char* why) {
      if (o.contains(key) && !allowed) {
        error(key_path(path, key), std::string("metric ") + quote_name(m.metric) + " takes no " + key + " (" + why + ")");
        ok = false;
      }
    };
    only("thread", info.scope == MetricScope::Thread, "it is not per thread");
    only("agg", info.scope == MetricScope::Thread, "it is not per thread");
    only("state", info.needs_state, "only state_* and state_count do");
    only("var", info.scope == MetricScope::Var, "only value, increments and lost do");
    only("core", info.scope == MetricScope::Core, "only busy and overhead do");
    only("process", info.scope != MetricScope::Run && info.scope != MetricScope::Core, "it is per run");
    field("run", m.run, [&](const std::string& s) {
      if (run_names.count(s)) return true;
      error(key_path(path, "run"), "no run " + quote_name(s) + " (\"runs\" names them)");
      return false;
    });
    field("thread", m.thread, [&](const std::string& s) {
      if (threads.count(s)) return true;
      error(key_path(path, "thread"), "no thread " + quote_name(s) + " in the lesson's scenarios");
      return false;
    });
    field("process", m.process, [&](const std::string& s) {
      if (processes.count(s)) return true;
      error(key_path(path, "process"), "no process " + quote_name(s) + " in the lesson's scenarios");
      return false;
    });
    field("var", m.var, [&](const std::string& s) {
      if (vars.count(s)) return true;
      error(key_path(path, "var"), "no shared variable " + quote_name(s) + " in the lesson's scenarios");
      return false;
    });
    field("state", m.state, [&](const std::string& s) {
      if (find_state(s)) return true;
      error(key_path(path, "state"), "unknown thread state " + quote_name(s) + " (" + state_list() + ")");
      return false;
    });
    field("agg", m.agg, [&](const std::string& s) {
      if (s == "mean" || s == "sum" || s == "max" || s == "min") return true;
      error(key_path(path, "agg"), "unknown aggregate " + quote_name(s) + " (mean, sum, max, min)");
      return false;
    });
    if (info.needs_state && !o.contains("state")) {
      error(path, "metric " + quote_name(m.metric) + " needs \"state\" (" + state_list() + ")");
      ok = false;
    }
    if (info.scope == MetricScope::Var && !o.contains("var")) {
      error(path, "metric " + quote_name(m.metric) + " needs \"var\" (a shared variable)");
      ok = false;
    }
    if (o.contains("core") && info.scope == MetricScope::Core) {
      if (!o["core"].is_number_integer() || o["core"].get<std::int64_t>() < 0 || o["core"].get<std::int64_t>() > 255) {
        error(key_path(path, "core"), "expected a core index 0 .. 255");
        ok = false;
      } else {
        m.core = o["core"].get<std::int64_t>();
      }
    }
    return ok ? std::optional<Measure>(m) : std::nullopt;
  }

  std::optional<Measure> measure_object(const Json& v, const std::string& path) {
    if (!object(v, path)) return std::nullopt;
    keys(v, path, {"run", "metric", "thread", "process", "var", "state", "agg", "core"});
    return measure(v, path);
  }

  std::optional<Check> check(const Json& v, const std::string& path, int depth) {
    if (++check_nodes > kMaxCheckNodes) {
      if (check_nodes == kMaxCheckNodes + 1) error(path, "too many checks (at most " + std::to_string(kMaxCheckNodes) + ")");
      return std::nullopt;
    }
    if (depth > kMaxCheckDepth) {
      error(path, "checks nested too deeply (at most " + std::to_string(kMaxCheckDepth) + " levels)");
      return std::nullopt;
    }
    if (!object(v, path)) return std::nullopt;
    Check c;
    c.path = path;
    for (const char* group : {"all", "any", "not"}) {
      if (!v.contains(group)) continue;
      const std::string gp = key_path(path, group);
      if (v.size() != 1) {
        error(path, std::string("\"") + group + "\" stands alone: no other keys beside it");
        return std::nullopt;
      }
      if (std::string_view(group) == "not") {
        c.kind = Check::Kind::Not;
        std::optional<Check> inner = check(v[group], gp, depth + 1);
        if (!inner) return std::nullopt;
        c.children.push_back(std::move(*inner));
        return c;
      }
      c.kind = std::string_view(group) == "all" ? Check::Kind::All : Check::Kind::Any;
      if (!array(v[group], gp, 1, 16)) return std::nullopt;
      bool ok = true;
      for (std::size_t i = 0; i < v[group].size(); ++i) {
        std::optional<Check> child = check(v[group][i], index_path(gp, i), depth + 1);
        if (child) c.children.push_back(std::move(*child));
        else ok = false;
      }
      return ok ? std::optional<Check>(std::move(c)) : std::nullopt;
    }
    // A comparison: left side inline ("metric", ...) or a "ratio"; right side "value" or "than".
    std::vector<std::string_view> allowed(kMeasureKeys);
    for (std::string_view k : {"ratio", "op", "value", "than", "tolerance"}) allowed.push_back(k);
    bool ok = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
      bool known = false;
      for (std::string_view a : allowed) known = known || it.key() == a;
      if (!known) {
        error(key_path(path, it.key()), "unknown key " + quote_name(it.key()) +
                                            " (a check is all, any, not, or metric/ratio + op + value/than)");
        ok = false;
      }
    }
    bool text_metric = false;
    if (v.contains("ratio")) {
      const std::string rp = key_path(path, "ratio");
      if (v.contains("metric")) {
        error(rp, "a check compares either a metric or a ratio, not both");
        return std::nullopt;
      }
      if (!array(v["ratio"], rp, 2, 2)) return std::nullopt;
      std::optional<Measure> a = measure_object(v["ratio"][0], index_path(rp, 0));
      std::optional<Measure> b = measure_object(v["ratio"][1], index_path(rp, 1));
      if (!a || !b) return std::nullopt;
      for (const Measure* m : {&*a, &*b})
        if (m->base == "outcome") {
          error(rp, "outcome is not a number");
          return std::nullopt;
        }
      c.left.kind = Operand::Kind::Ratio;
      c.left.measure = *a;
      c.left.denominator = *b;
    } else {
      for (const auto& key : {"run", "thread", "process", "var", "state", "agg", "core"})
        if (v.contains(key) && !v.contains("metric")) {
          error(path, std::string("\"") + key + "\" without \"metric\"");
          return std::nullopt;
        }
      if (!v.contains("metric")) {
        error(path, "expected \"metric\" or \"ratio\" (or all / any / not)");
        return std::nullopt;
      }
      std::optional<Measure> m = measure(v, path);
      if (!m) return std::nullopt;
      c.left.kind = Operand::Kind::Measure;
      c.left.measure = *m;
      text_metric = m->base == "outcome";
    }
    if (!v.contains("op")) {
      error(path, "missing \"op\" (<, <=, ==, !=, >=, >)");
      ok = false;
    } else if (std::optional<std::string> op = string(v["op"], key_path(path, "op"), 4)) {
      const std::pair<const char*, CompareOp> ops[] = {{"<", CompareOp::Lt}, {"<=", CompareOp::Le}, {"==", CompareOp::Eq}, {"!=", CompareOp::Ne}, {">=", CompareOp::Ge}, {">", CompareOp::Gt}};
      bool found = false;
      for (const auto& [s, o] : ops)
        if (*op == s) {
          c.op = o;
          found = true;
        }
      if (!found) {
        error(key_path(path, "op"), "unknown operator " + quote_name(*op) + " (<, <=, ==, !=, >=, >)");
        ok = false;
      } else if (text_metric && c.op != CompareOp::Eq && c.op != CompareOp::Ne) {
        error(key_path(path, "op"), "outcome compares only with == or !=");
        ok = false;
      }
    } else {
      ok = false;
    }
    if (v.contains("value") == v.contains("than")) {
      error(path, "expected exactly one of \"value\" (a constant) or \"than\" (another measure)");
      return std::nullopt;
    }
    if (v.contains("value")) {
      const std::string vp = key_path(path, "value");
      if (text_metric) {
        std::optional<std::string> s = string(v["value"], vp, 40);
        if (s && *s != "completed" && *s != "deadlock" && *s != "time-limit" && *s != "event-limit") {
          error(vp, "unknown outcome " + quote_name(*s) + " (completed, deadlock, time-limit, event-limit)");
          s.reset();
        }
        if (!s) return std::nullopt;
        c.right.kind = Operand::Kind::Text;
        c.right.text = *s;
      } else {
        std::optional<double> d = number(v["value"], vp, -1e15, 1e15);
        if (!d) return std::nullopt;
        c.right.number = *d;
      }
    } else {
      if (text_metric) {
        error(key_path(path, "than"), "outcome compares with a \"value\"");
        return std::nullopt;
      }
      std::optional<Measure> m = measure_object(v["than"], key_path(path, "than"));
      if (!m) return std::nullopt;
      if (m->base == "outcome") {
        error(key_path(path, "than"), "outcome is not a number");
        return std::nullopt;
      }
      c.right.kind = Operand::Kind::Measure;
      c.right.measure = *m;
    }
    if (v.contains("tolerance"))
      if (std::optional<double> t = number(v["tolerance"], key_path(path, "tolerance"), 0, 1e15)) c.tolerance = *t;
    return ok ? std::optional<Check>(std::move(c)) : std::nullopt;
  }

  std::optional<Check> top_check(const Json& v, const std::string& path) {
    check_nodes = 0;
    return check(v, path, 0);
  }

  void quotes(const Json& v, const std::string& path) {
    if (!object(v, path)) return;
    if (v.size() > kMaxQuotes) {
      error(path, "too many quotes (at most " + std::to_string(kMaxQuotes) + ")");
      return;
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string p = key_path(path, it.key());
      if (!valid_id(it.key())) {
        error(p, "quote name " + quote_name(it.key()) + " must be 1 to 48 of a-z 0-9 _ -");
        continue;
      }
      quote_names.insert(it.key());  // declared even if broken, so its uses aren't errors too
      if (!object(it.value(), p)) continue;
      std::vector<std::string_view> allowed(kMeasureKeys);
      allowed.push_back("decimals");
      allowed.push_back("ratio");
      for (auto k = it.value().begin(); k != it.value().end(); ++k) {
        bool known = false;
        for (std::string_view a : allowed) known = known || k.key() == a;
        if (!known) error(key_path(p, k.key()), "unknown key " + quote_name(k.key()) + " (a measure and \"decimals\")");
      }
      Quote q;
      q.name = it.key();
      q.path = p;
      if (it.value().contains("decimals")) {
        const Json& d = it.value()["decimals"];
        if (!d.is_number_integer() || d.get<std::int64_t>() < 0 || d.get<std::int64_t>() > 6)
          error(key_path(p, "decimals"), "expected an integer 0 .. 6");
        else q.decimals = static_cast<int>(d.get<std::int64_t>());
      }
      std::optional<Measure> m;
      if (it.value().contains("ratio")) {
        const std::string rp = key_path(p, "ratio");
        if (it.value().contains("metric")) {
          error(rp, "a quote is either a metric or a ratio, not both");
          continue;
        }
        if (!array(it.value()["ratio"], rp, 2, 2)) continue;
        m = measure_object(it.value()["ratio"][0], index_path(rp, 0));
        q.denominator = measure_object(it.value()["ratio"][1], index_path(rp, 1));
        if (!q.denominator) continue;
      } else {
        m = measure(it.value(), p);
      }
      if (!m) continue;
      if (m->base == "outcome" || (q.denominator && q.denominator->base == "outcome")) {
        error(key_path(p, "metric"), "a quote is a number; outcome is text");
        continue;
      }
      q.measure = *m;
      lesson.quotes.push_back(std::move(q));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // [SECTION] Tasks and the question
  // ---------------------------------------------------------------------------------------------
  void tasks(const Json& v, const std::string& path) {
    if (!array(v, path, 1, kMaxTasks)) return;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string p = index_path(path, i);
      if (!object(v[i], p)) continue;
      const Json& t = v[i];
      keys(t, p, {"id", "text", "check", "hints", "solution", "explanation"});
      Task task;
      bool ok = true;
      for (const char* required : {"id", "text", "check", "solution"})
        if (!t.contains(required)) {
          error(p, std::string("missing \"") + required + "\"");
          ok = false;
        }
      if (!ok) continue;
      if (auto s = id(t["id"], key_path(p, "id"))) {
        task.id = *s;
        if (!ids.insert(*s).second) {
          error(key_path(p, "id"), "task id " + quote_name(*s) + " is used twice");
          ok = false;
        }
      } else {
        ok = false;
      }
      if (auto s = text(t["text"], key_path(p, "text"))) task.text = *s;
      else ok = false;
      if (std::optional<Check> c = top_check(t["check"], key_path(p, "check"))) task.check = std::move(*c);
      else ok = false;
      if (t.contains("hints")) text_list(t["hints"], key_path(p, "hints"), 1, kMaxHints, task.hints);
      if (t.contains("explanation"))
        if (auto s = text(t["explanation"], key_path(p, "explanation"))) task.explanation = *s;
      const std::string sp = key_path(p, "solution");
      if (object(t["solution"], sp)) {
        keys(t["solution"], sp, {"set"});
        if (!t["solution"].contains("set")) error(sp, "missing \"set\" (the control values that make the task pass)");
        else task.solution = settings(t["solution"]["set"], key_path(sp, "set"), true);
      }
      if (ok) lesson.tasks.push_back(std::move(task));
    }
  }

  void question(const Json& v, const std::string& path) {
    if (!object(v, path)) return;
    keys(v, path, {"text", "choices", "number", "feedback"});
    Question& q = lesson.question;
    if (!v.contains("text")) error(path, "missing \"text\"");
    else if (auto s = text(v["text"], key_path(path, "text"))) q.text = *s;
    if (v.contains("choices") == v.contains("number")) {
      error(path, "expected exactly one of \"choices\" (multiple choice) or \"number\" (a number with tolerance)");
      return;
    }
    if (v.contains("choices")) {
      q.kind = Question::Kind::Choice;
      if (v.contains("feedback")) error(key_path(path, "feedback"), "with choices, feedback belongs to each choice");
      const std::string cp = key_path(path, "choices");
      if (!array(v["choices"], cp, 2, kMaxChoices)) return;
      int correct = 0;
      for (std::size_t i = 0; i < v["choices"].size(); ++i) {
        const std::string p = index_path(cp, i);
        if (!object(v["choices"][i], p)) continue;
        const Json& c = v["choices"][i];
        keys(c, p, {"text", "correct", "feedback"});
        Choice ch;
        for (const char* required : {"text", "feedback"})
          if (!c.contains(required)) error(p, std::string("missing \"") + required + "\" (every answer gets its feedback)");
        if (c.contains("text"))
          if (auto s = text(c["text"], key_path(p, "text"))) ch.text = *s;
        if (c.contains("feedback"))
          if (auto s = text(c["feedback"], key_path(p, "feedback"))) ch.feedback = *s;
        if (c.contains("correct")) {
          if (!c["correct"].is_boolean()) error(key_path(p, "correct"), std::string("expected true or false, got ") + type_name(c["correct"]));
          else ch.correct = c["correct"].get<bool>();
        }
        correct += ch.correct ? 1 : 0;
        q.choices.push_back(std::move(ch));
      }
      if (correct == 0) error(cp, "no choice is marked \"correct\": true");
      return;
    }
    q.kind = Question::Kind::Number;
    const std::string np = key_path(path, "number");
    if (!object(v["number"], np)) return;
    const Json& n = v["number"];
    keys(n, np, {"answer", "quote", "tolerance", "unit"});
    if (n.contains("answer") == n.contains("quote")) {
      error(np, "expected exactly one of \"answer\" (a constant) or \"quote\" (a measured value)");
    } else if (n.contains("answer")) {
      q.answer = number(n["answer"], key_path(np, "answer"), -1e15, 1e15);
    } else if (auto s = id(n["quote"], key_path(np, "quote"))) {
      if (!quote_names.count(*s)) error(key_path(np, "quote"), "no quote " + quote_name(*s) + " (\"quotes\" names them)");
      q.answer_quote = *s;
    }
    if (!n.contains("tolerance")) error(np, "missing \"tolerance\" (0 for an exact answer)");
    else if (auto t = number(n["tolerance"], key_path(np, "tolerance"), 0, 1e15)) q.tolerance = *t;
    if (n.contains("unit"))
      if (auto s = string(n["unit"], key_path(np, "unit"), 20)) q.unit = *s;
    const std::string fp = key_path(path, "feedback");
    if (!v.contains("feedback")) {
      error(path, "missing \"feedback\" (correct, low, high)");
      return;
    }
    if (!object(v["feedback"], fp)) return;
    keys(v["feedback"], fp, {"correct", "low", "high"});
    for (const char* k : {"correct", "low", "high"}) {
      if (!v["feedback"].contains(k)) {
        error(fp, std::string("missing \"") + k + "\"");
        continue;
      }
      if (auto s = text(v["feedback"][k], key_path(fp, k)))
        (std::string_view(k) == "correct" ? q.feedback_correct : std::string_view(k) == "low" ? q.feedback_low
                                                                                              : q.feedback_high) = *s;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // [SECTION] The document
  // ---------------------------------------------------------------------------------------------
  void document(const Json& doc) {
    if (!object(doc, "")) return;
    keys(doc, "", {"$schema", "id", "title", "summary", "requires", "text", "scenarios", "controls", "runs", "quotes", "claims", "tasks", "question"});
    for (const char* required : {"id", "title", "text", "scenarios", "tasks", "question"})
      if (!doc.contains(required)) error(required, "missing (a lesson needs id, title, text, scenarios, tasks and question)");
    if (doc.contains("id"))
      if (auto s = id(doc["id"], "id")) lesson.id = *s;
    if (doc.contains("requires") && array(doc["requires"], "requires", 1, 16)) {
      for (std::size_t i = 0; i < doc["requires"].size(); ++i)
        if (auto f = id(doc["requires"][i], index_path("requires", i))) {
          lesson.requires_features.push_back(*f);
          if (feature_available(*f))
            warn(index_path("requires", i), "'" + *f +
                                                "' is in the simulator and the app now: take it out of "
                                                "\"requires\" and out of any text that says it is missing");
          else
            warn(index_path("requires", i), "needs '" + *f +
                                                "', which the simulator or the app does not have yet; "
                                                "the lesson uses what exists");
        }
    }
    if (doc.contains("scenarios")) scenarios(doc["scenarios"], "scenarios");
    if (doc.contains("controls")) controls(doc["controls"], "controls");
    if (doc.contains("runs")) runs(doc["runs"], "runs");
    if (lesson.runs.empty()) {
      lesson.runs.push_back({"main", "", {}, ""});
      run_names.insert("main");
    }
    if (doc.contains("quotes")) quotes(doc["quotes"], "quotes");
    if (doc.contains("title"))
      if (auto s = text(doc["title"], "title")) lesson.title = *s;
    if (doc.contains("summary"))
      if (auto s = text(doc["summary"], "summary")) lesson.summary = *s;
    if (doc.contains("text")) text_list(doc["text"], "text", 1, kMaxParagraphs, lesson.text);
    if (doc.contains("claims") && array(doc["claims"], "claims", 1, kMaxClaims)) {
      for (std::size_t i = 0; i < doc["claims"].size(); ++i) {
        const std::string p = index_path("claims", i);
        if (!object(doc["claims"][i], p)) continue;
        keys(doc["claims"][i], p, {"text", "check"});
        Claim c;
        if (!doc["claims"][i].contains("text") || !doc["claims"][i].contains("check")) {
          error(p, "a claim needs \"text\" and \"check\"");
          continue;
        }
        if (auto s = text(doc["claims"][i]["text"], key_path(p, "text"))) c.text = *s;
        if (std::optional<Check> ch = top_check(doc["claims"][i]["check"], key_path(p, "check"))) {
          c.check = std::move(*ch);
          lesson.claims.push_back(std::move(c));
        }
      }
    }
    if (doc.contains("tasks")) tasks(doc["tasks"], "tasks");
    if (doc.contains("question")) question(doc["question"], "question");
  }
};

}  // namespace

LessonParse parse_lesson(std::string_view json_text, const Context& context) {
  LessonParse out;
  if (json_text.size() > kMaxLessonBytes) {
    out.errors.push_back({"", "lesson file too large (" + std::to_string(json_text.size()) + " bytes, at most " +
                                  std::to_string(kMaxLessonBytes) + ")"});
    return out;
  }
  if (json_nesting_exceeds(json_text, 64)) {
    out.errors.push_back({"", "nested more than 64 levels deep"});
    return out;
  }
  detail::Errors json_errors;
  std::optional<Json> doc = detail::parse_json(json_text, json_errors);
  for (ScenarioError& e : json_errors.take()) out.errors.push_back({e.path, e.message});
  if (!doc || !out.errors.empty()) return out;
  Parser p{context, {}, {}, {}, {}, {}, {}, {}, {}, 0};
  p.document(*doc);
  out.errors = std::move(p.errors);
  out.warnings = std::move(p.warnings);
  if (out.errors.empty()) out.lesson = std::move(p.lesson);
  return out;
}

bool is_lesson_document(std::string_view json_text) {
  if (json_text.size() > kMaxLessonBytes || json_nesting_exceeds(json_text, 64)) return false;
  detail::Errors errors;
  const std::optional<Json> doc = detail::parse_json(json_text, errors);
  return doc && doc->is_object() && doc->contains("tasks");
}

std::string format_diagnostic(const char* severity, std::string_view file, const Diagnostic& d) {
  std::string s = std::string(severity) + ": ";
  if (!file.empty()) s += std::string(file) + ": ";
  if (!d.path.empty()) s += d.path + ": ";
  return s + d.message;
}

}  // namespace tl::lessons
