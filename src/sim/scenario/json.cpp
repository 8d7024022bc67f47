// parse_scenario: JSON text -> validated, compiled Scenario, collecting every error with its
// JSON path. The field vocabulary is documented in docs/scenario-format.md and
// docs/scenario.schema.json; keep the three in step.
//
// [SECTION] Machine, scheduler, limits
// [SECTION] Processes and threads
// [SECTION] Document
#include "sim/scenario/machine_costs.h"
#include "sim/scenario/reader.h"

#include <algorithm>
#include <map>

namespace tl {

using detail::Errors;
using detail::Json;
using detail::key_path;
using detail::index_path;
using detail::type_name;

namespace {

// Reads the optional member `key` of `obj` with `reader` into `out`.
template <typename Reader, typename T>
void field(const Json& obj, std::string_view key, const std::string& path, Errors& errors, T& out, Reader reader) {
  const std::string k(key);
  if (!obj.contains(k)) return;
  if (auto v = reader(obj[k], key_path(path, key), errors)) out = static_cast<T>(*v);
}

auto time_reader() {
  return [](const Json& v, const std::string& p, Errors& e) { return detail::read_time_us(v, p, e); };
}
auto int_reader(std::int64_t min, std::int64_t max) {
  return [=](const Json& v, const std::string& p, Errors& e) { return detail::read_int(v, p, min, max, e); };
}
auto bool_reader() {
  return [](const Json& v, const std::string& p, Errors& e) { return detail::read_bool(v, p, e); };
}

constexpr TimeNs kLineTransferNs = 40;  // a core-to-core cache-line transfer, tens of ns

bool require_object(const Json& v, const std::string& path, Errors& errors) {
  if (v.is_object()) return true;
  errors.add(path, std::string("expected an object, got ") + type_name(v));
  return false;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Machine, scheduler, limits
// ---------------------------------------------------------------------------------------------
// Every machine field is read here, in document order: "profile" picks the cost defaults
// (native when absent), cost fields (machine_costs.h) override them, and the scheduling
// fields (cores, switch_us, mem_op_ns, atomic_ns) keep their meaning. lock_us is a cost
// field; the engine reads it as MachineSpec::lock_cost.
void parse_machine(const Json& m, const std::string& path, MachineSpec& out, const ParseOptions& options,
                   Errors& errors) {
  if (!require_object(m, path, errors)) return;
  std::vector<ScenarioError> cost_errors;
  ProfileShape shape;
  out.costs = machine_cost_profile(m, path, cost_errors, CostProfileKind::Native, &options.read_profile_file, &shape);
  // The profile's machine, unless told: a scenario's "cores" on a profile with "smt" counts
  // cores of that many hardware threads each, as the profile's own "cores" does.
  if (shape.cores && !m.contains("cores")) out.cores = *shape.cores;
  if (shape.smt && !m.contains("smt")) out.smt = *shape.smt;
  // A cache line moving between cores: tens of ns on current x86; free in the textbook profile
  // (every time cost zero there, except the increments' own steps).
  out.line_transfer_cost = out.costs.kind == CostProfileKind::Textbook ? 0 : kLineTransferNs;
  std::size_t next_cost_error = 0;
  for (auto it = m.begin(); it != m.end(); ++it) {
    const std::string& key = it.key();
    const std::string at = key_path(path, key);
    // The profile and cost errors were collected above; emit them at their key's place
    // (a profile object's own errors are under "machine.profile").
    for (; next_cost_error < cost_errors.size() && (cost_errors[next_cost_error].path == at ||
                                                    cost_errors[next_cost_error].path.rfind(at + ".", 0) == 0);
         ++next_cost_error)
      errors.add(cost_errors[next_cost_error].path, cost_errors[next_cost_error].message);
    if (key == "profile" || find_cost_field(key)) continue;
    if (key == "cores") field(m, "cores", path, errors, out.cores, int_reader(1, detail::kMaxCores));
    else if (key == "switch_us") field(m, "switch_us", path, errors, out.switch_cost, time_reader());
    else if (key == "mem_op_ns") field(m, "mem_op_ns", path, errors, out.mem_op_cost, int_reader(0, 1'000'000'000));
    else if (key == "atomic_ns") field(m, "atomic_ns", path, errors, out.atomic_cost, int_reader(0, 1'000'000'000));
    else if (key == "line_transfer_ns")
      field(m, "line_transfer_ns", path, errors, out.line_transfer_cost, int_reader(0, 1'000'000'000));
    else if (key == "smt") field(m, "smt", path, errors, out.smt, int_reader(1, 8));
    else if (key == "smt_throughput_pct")
      field(m, "smt_throughput_pct", path, errors, out.smt_throughput_pct, int_reader(100, 800));
    else {
      std::string list = "cores, profile, switch_us, mem_op_ns, atomic_ns, line_transfer_ns, smt, smt_throughput_pct";
      for (const CostField& f : cost_fields()) list += std::string(", ") + f.name;
      errors.add(path, "unknown key " + quote_name(key) + " (expected one of: " + list + ")");
    }
  }
  for (; next_cost_error < cost_errors.size(); ++next_cost_error)
    errors.add(cost_errors[next_cost_error].path, cost_errors[next_cost_error].message);
  out.lock_cost = out.costs.lock;
  const bool smt_from_profile = shape.smt && !m.contains("smt");
  for (const MachineLimitError& e : machine_limit_errors(out))
    errors.add(key_path(path, e.field), smt_from_profile ? e.message + " (smt " + std::to_string(out.smt) + " is the profile's)"
                                                         : e.message);
}

// "runtime": {"python": "3.11", "gil": bool, "switch_interval_us": N}. The interval defaults
// to the profile's gil_switch_interval_us (CPython's 5 ms). Naming a version turns the GIL on
// unless it is a free-threaded build (which has none: "gil": true is then an error).
void parse_runtime(const Json& r, const std::string& path, const MachineSpec& machine, GilSpec& out, Errors& errors) {
  out.switch_interval = machine.costs.gil_switch_interval;
  if (!require_object(r, path, errors)) return;
  detail::check_keys(r, path, {"python", "gil", "switch_interval_us"}, errors);
  if (r.contains("python")) {
    constexpr PythonVersion kVersions[] = {PythonVersion::V3_9, PythonVersion::V3_11, PythonVersion::V3_12,
                                           PythonVersion::V3_13t, PythonVersion::V3_14t};
    const Json& v = r["python"];
    bool known = false;
    for (PythonVersion version : kVersions)
      if (v.is_string() && v.get<std::string>() == to_string(version)) {
        out.python = version;
        known = true;
      }
    if (!known)
      errors.add(key_path(path, "python"),
                 "expected \"3.9\" (the GIL may switch inside x += 1), \"3.11\" or "
                 "\"3.12\" (only at eval-breaker points), \"3.13t\" or \"3.14t\" "
                 "(free-threaded: no GIL)");
    else
      out.enabled = !free_threaded(out.python);
  }
  field(r, "gil", path, errors, out.enabled, bool_reader());
  if (out.enabled && free_threaded(out.python))
    errors.add(key_path(path, "gil"), std::string("the free-threaded build ") + to_string(out.python) +
                                          " has no GIL (use \"3.11\" or \"3.12\" for a GIL)");
  field(r, "switch_interval_us", path, errors, out.switch_interval, time_reader());
  if (r.contains("switch_interval_us") && out.switch_interval <= 0)
    errors.add(key_path(path, "switch_interval_us"), "the switch interval must be greater than 0");
}

// "channels": {"results": "pipe", "jobs": "queue", "tasks": "mp_queue"}
void parse_channels(const Json& c, const std::string& path, std::vector<ChannelSpec>& out, Errors& errors) {
  if (!require_object(c, path, errors)) return;
  for (auto it = c.begin(); it != c.end(); ++it) {
    const std::string at = key_path(path, it.key());
    if (it.key().empty()) {
      errors.add(path, "channel names must not be empty");
      continue;
    }
    const Json& v = it.value();
    if (v == "pipe") out.push_back({it.key(), ChannelKind::Pipe});
    else if (v == "queue") out.push_back({it.key(), ChannelKind::Queue});
    else if (v == "mp_queue") out.push_back({it.key(), ChannelKind::MpQueue});
    else errors.add(at,
                    "expected \"pipe\" (multiprocessing.Pipe: between processes, copied), \"mp_queue\" "
                    "(multiprocessing.Queue: between processes, copied by a feeder thread) or \"queue\" "
                    "(queue.Queue: between threads, a reference)");
  }
}

// "shared_memory": [{"name": "buf", "kb": 1024, "processes": ["A", "B"]}]. Read before the
// processes so that write steps can check sizes and membership by name; the process names are
// resolved once every process is known (resolve_shared_memory).
constexpr std::size_t kMaxSharedRegions = 256;             // the op keeps the index in 24 bits
constexpr std::int64_t kMaxSharedKb = 16LL * 1024 * 1024;  // 16 GiB, like an image region

void parse_shared_memory(const Json& list, const std::string& path, std::vector<detail::SharedMemoryDecl>& out,
                         Errors& errors) {
  if (!list.is_array()) {
    errors.add(path, std::string("expected an array of regions such as {\"name\": \"buf\", \"kb\": 64, "
                                 "\"processes\": [\"A\", \"B\"]}, got ") +
                         type_name(list));
    return;
  }
  if (list.size() > kMaxSharedRegions) {
    errors.add(path, "too many shared-memory regions: at most " + std::to_string(kMaxSharedRegions));
    return;
  }
  std::map<std::string, std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = index_path(path, i);
    const Json& r = list[i];
    if (!require_object(r, at, errors)) continue;
    detail::check_keys(r, at, {"name", "kb", "processes"}, errors);
    detail::SharedMemoryDecl d;
    d.path = at;
    for (const char* key : {"name", "kb", "processes"})
      if (!r.contains(key)) errors.add(at, std::string("a shared-memory region needs \"") + key + "\"");
    if (r.contains("name"))
      if (auto n = detail::read_name(r["name"], key_path(at, "name"), errors)) {
        d.name = *n;
        if (auto [it, fresh] = names.try_emplace(d.name, at); !fresh)
          errors.add(key_path(at, "name"), "duplicate shared memory name " + quote_name(d.name) + " (also " + it->second + ")");
      }
    if (r.contains("kb"))
      if (auto kb = detail::read_int(r["kb"], key_path(at, "kb"), 1, kMaxSharedKb, errors)) d.kb = static_cast<std::uint32_t>(*kb);
    if (r.contains("processes")) {
      const std::string pp = key_path(at, "processes");
      const Json& procs = r["processes"];
      if (!procs.is_array() || procs.empty()) {
        errors.add(pp, procs.is_array() ? "list at least one process that maps it"
                                        : std::string("expected an array of process names, got ") + type_name(procs));
      } else {
        for (std::size_t j = 0; j < procs.size(); ++j) {
          const std::string np = index_path(pp, j);
          auto n = detail::read_name(procs[j], np, errors);
          if (!n) continue;
          if (std::find(d.processes.begin(), d.processes.end(), *n) != d.processes.end()) {
            errors.add(np, "process " + quote_name(*n) + " is listed twice");
            continue;
          }
          d.processes.push_back(*n);
          d.process_paths.push_back(np);
        }
      }
    }
    out.push_back(std::move(d));
  }
}

// Process names -> ids, once every process has been read.
void resolve_shared_memory(const std::vector<detail::SharedMemoryDecl>& decls, Scenario& sc, Errors& errors) {
  for (const detail::SharedMemoryDecl& d : decls) {
    SharedMemorySpec spec{d.name, d.kb, {}};
    for (std::size_t j = 0; j < d.processes.size(); ++j) {
      ProcessId found = kNoThread;
      for (ProcessId p = 0; p < sc.processes.size(); ++p)
        if (sc.processes[p].name == d.processes[j]) found = p;
      if (found == kNoThread) errors.add(d.process_paths[j], "no process " + quote_name(d.processes[j]));
      else spec.processes.push_back(found);
    }
    sc.shared_memory.push_back(std::move(spec));
  }
}

struct PolicyName {
  std::string_view name;
  PolicyKind kind;
};
constexpr PolicyName kPolicies[] = {
    {"fifo", PolicyKind::Fifo},
    {"sjf", PolicyKind::Sjf},
    {"stcf", PolicyKind::Stcf},
    {"rr", PolicyKind::Rr},
    {"priority", PolicyKind::Priority},
    {"mlfq", PolicyKind::Mlfq},
    {"cyclic", PolicyKind::Cyclic},
};

// Which policies each scheduler key applies to.
struct SchedulerKey {
  std::string_view key;
  std::string_view policies;
};
constexpr SchedulerKey kSchedulerKeys[] = {
    {"policy", "*"},
    {"dispatch_before_wakes", "*"},
    {"quantum_us", "rr priority mlfq"},
    {"levels", "mlfq"},
    {"boost_us", "mlfq"},
    {"io_bump", "mlfq"},
    {"io_reset", "mlfq"},
    {"wake", "cyclic"},
    {"io", "cyclic"},
};

bool applies(std::string_view policies, std::string_view policy) {
  if (policies == "*") return true;
  std::size_t pos = 0;
  while (pos <= policies.size()) {
    const std::size_t end = std::min(policies.find(' ', pos), policies.size());
    if (policies.substr(pos, end - pos) == policy) return true;
    pos = end + 1;
  }
  return false;
}

void parse_levels(const Json& v, const std::string& path, TimeNs default_quantum, SchedulerSpec& out, Errors& errors) {
  if (!v.is_array() || v.empty() || v.size() > 16) {
    errors.add(path, v.is_array() ? "expected 1 to 16 levels" : std::string("expected an array of levels, got ") + type_name(v));
    return;
  }
  out.levels.clear();
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string lp = index_path(path, i);
    if (!require_object(v[i], lp, errors)) continue;
    detail::check_keys(v[i], lp, {"quantum_us", "allotment"}, errors);
    MlfqLevel level{default_quantum, 1};
    field(v[i], "quantum_us", lp, errors, level.quantum, time_reader());
    field(v[i], "allotment", lp, errors, level.allotment, int_reader(1, 1'000'000));
    if (v[i].contains("quantum_us") && level.quantum == 0)
      errors.add(key_path(lp, "quantum_us"), "quantum must be greater than 0");
    out.levels.push_back(level);
  }
}

void parse_scheduler(const Json& s, const std::string& path, SchedulerSpec& out, Errors& errors) {
  if (!require_object(s, path, errors)) return;
  std::string policy = "rr";
  if (s.contains("policy")) {
    const Json& p = s["policy"];
    bool known = false;
    if (p.is_string()) {
      policy = p.get<std::string>();
      for (const PolicyName& n : kPolicies)
        if (n.name == policy) {
          out.policy = n.kind;
          known = true;
        }
    }
    if (!known) {
      std::string list;
      for (const PolicyName& n : kPolicies) list += (list.empty() ? "" : ", ") + std::string(n.name);
      errors.add(key_path(path, "policy"), (p.is_string() ? "unknown policy " + quote_name(policy)
                                                          : std::string("expected a policy name, got ") + type_name(p)) +
                                               " (expected one of: " + list + ")");
      return;
    }
  }
  for (auto it = s.begin(); it != s.end(); ++it) {
    const SchedulerKey* key = nullptr;
    for (const SchedulerKey& k : kSchedulerKeys)
      if (k.key == it.key()) key = &k;
    if (!key) {
      std::string list;
      for (const SchedulerKey& k : kSchedulerKeys)
        if (applies(k.policies, policy)) list += (list.empty() ? "" : ", ") + std::string(k.key);
      errors.add(path, "unknown key " + quote_name(it.key()) + " (expected one of: " + list + ")");
    } else if (!applies(key->policies, policy)) {
      errors.add(key_path(path, it.key()), "applies only to policy " + std::string(key->policies) +
                                               ", not " + policy);
    }
  }
  if (s.contains("quantum_us") && applies("rr priority mlfq", policy)) {
    field(s, "quantum_us", path, errors, out.quantum, time_reader());
    if (out.quantum == 0) errors.add(key_path(path, "quantum_us"), "quantum must be greater than 0");
  }
  out.dispatch_before_wakes = out.policy == PolicyKind::Cyclic;
  field(s, "dispatch_before_wakes", path, errors, out.dispatch_before_wakes, bool_reader());
  if (out.policy == PolicyKind::Mlfq) {
    out.levels.assign(3, MlfqLevel{out.quantum, 1});
    if (s.contains("levels")) parse_levels(s["levels"], key_path(path, "levels"), out.quantum, out, errors);
    field(s, "boost_us", path, errors, out.boost, time_reader());
    field(s, "io_bump", path, errors, out.io_bump, bool_reader());
    field(s, "io_reset", path, errors, out.io_reset, bool_reader());
  }
  if (out.policy == PolicyKind::Cyclic) {
    auto choice = [&](std::string_view key, std::string_view a, std::string_view b, bool& flag) {
      const std::string k(key);
      if (!s.contains(k)) return;
      const Json& v = s[k];
      if (v.is_string() && (v.get<std::string>() == a || v.get<std::string>() == b)) {
        flag = v.get<std::string>() == b;
        return;
      }
      errors.add(key_path(path, key), "expected \"" + std::string(a) + "\" or \"" + std::string(b) + "\"");
    };
    choice("wake", "later", "immediate", out.wake_preempts);
    choice("io", "switch", "hold", out.io_holds_core);
  }
}

void parse_limits(const Json& l, const std::string& path, Limits& out, Errors& errors) {
  if (!require_object(l, path, errors)) return;
  detail::check_keys(l, path, {"max_sim_time_us", "max_events"}, errors);
  field(l, "max_sim_time_us", path, errors, out.max_sim_time, time_reader());
  field(l, "max_events", path, errors, out.max_events,
        int_reader(1, static_cast<std::int64_t>(detail::kMaxEventsCap)));
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Processes and threads
// ---------------------------------------------------------------------------------------------
struct Totals {
  std::size_t threads = 0;
  std::uint64_t dynamic_ops = 0;
  bool thread_cap_reported = false;
};

void parse_thread(const Json& t, const std::string& path, std::size_t index, detail::ProcessBuild& build,
                  Scenario& sc, std::map<std::string, std::string>& names, Totals& totals, Errors& errors) {
  if (!require_object(t, path, errors)) return;
  detail::check_keys(t, path, {"name", "program", "arrival_us", "priority", "start", "working_set_kb"}, errors);
  ThreadSpec spec;
  spec.working_set_kb = build.working_set_kb;
  field(t, "working_set_kb", path, errors, spec.working_set_kb, int_reader(0, 16LL * 1024 * 1024));
  spec.process = static_cast<ProcessId>(sc.processes.size() - 1);
  spec.name = "T" + std::to_string(index);
  if (t.contains("name")) {
    if (auto n = detail::read_name(t["name"], key_path(path, "name"), errors)) spec.name = *n;
  }
  if (auto [it, fresh] = names.try_emplace(spec.name, path); !fresh)
    errors.add(key_path(path, "name"), "duplicate thread name " + quote_name(spec.name) + " in this process (also " +
                                           it->second + ")");
  field(t, "arrival_us", path, errors, spec.arrival, time_reader());
  if (t.contains("start")) {
    if (t["start"] == "created") spec.created = true;
    else if (t["start"] != "arrival")
      errors.add(key_path(path, "start"), "expected \"created\" (a create step starts it) or \"arrival\"");
    if (spec.created && index == 0)
      errors.add(key_path(path, "start"), "the first thread of a process starts with its process; it cannot be created");
  }
  field(t, "priority", path, errors, spec.priority, int_reader(-1'000'000, 1'000'000));
  if (!t.contains("program")) {
    errors.add(path, "a thread needs \"program\": [steps...]");
    return;
  }
  build.thread = static_cast<ThreadId>(sc.threads.size());
  const std::uint64_t ops = detail::compile_program(t["program"], key_path(path, "program"), build, spec, errors);
  if (ops > sc.limits.max_events)
    errors.add(key_path(path, "program"), "program executes " + std::to_string(ops) +
                                              " steps, more than limits.max_events (" +
                                              std::to_string(sc.limits.max_events) + ")");
  totals.dynamic_ops = ops > UINT64_MAX - totals.dynamic_ops ? UINT64_MAX : totals.dynamic_ops + ops;
  build.process->threads.push_back(static_cast<ThreadId>(sc.threads.size()));
  sc.threads.push_back(std::move(spec));
}

void parse_process(const Json& p, const std::string& path, std::size_t index, Scenario& sc,
                   std::map<std::string, std::string>& process_names, Totals& totals,
                   std::vector<detail::PendingRef>& refs, const std::vector<detail::SharedMemoryDecl>& shm,
                   Errors& errors) {
  if (!require_object(p, path, errors)) return;
  detail::check_keys(p, path, {"name", "shared", "mutexes", "threads", "start", "working_set_kb"}, errors);
  sc.processes.emplace_back();
  ProcessSpec& proc = sc.processes.back();
  proc.name = "P" + std::to_string(index);
  if (p.contains("name")) {
    if (auto n = detail::read_name(p["name"], key_path(path, "name"), errors)) proc.name = *n;
  }
  if (auto [it, fresh] = process_names.try_emplace(proc.name, path); !fresh)
    errors.add(key_path(path, "name"), "duplicate process name " + quote_name(proc.name) + " (also " + it->second + ")");

  if (p.contains("start")) {
    const Json& st = p["start"];
    if (st == "fork") proc.origin = ProcessOrigin::Forked;
    else if (st == "spawn") proc.origin = ProcessOrigin::Spawned;
    else if (st == "forkserver") proc.origin = ProcessOrigin::ForkServer;
    else if (st != "initial")
      errors.add(key_path(path, "start"),
                 "expected \"fork\", \"spawn\" or \"forkserver\" (a step of another "
                 "process starts it) or \"initial\"");
    if (proc.origin != ProcessOrigin::Initial && index == 0)
      errors.add(key_path(path, "start"), "the first process runs from time 0; it cannot be forked or spawned");
  }
  detail::ProcessBuild build{&proc, path, {}, {}, &sc.machine.costs, &refs, 0, &shm};
  build.scenario = &sc;
  build.compute_permille = compute_permille(sc.gil.python);
  field(p, "working_set_kb", path, errors, build.working_set_kb, int_reader(0, 16LL * 1024 * 1024));
  // "mutexes": {"m": {"fair": true}}: declared mutexes take the first ids, in declaration order.
  if (p.contains("mutexes")) {
    const std::string mp = key_path(path, "mutexes");
    const Json& mutexes = p["mutexes"];
    if (require_object(mutexes, mp, errors)) {
      for (auto it = mutexes.begin(); it != mutexes.end(); ++it) {
        const std::string at = key_path(mp, it.key());
        if (it.key().empty()) {
          errors.add(mp, "mutex names must not be empty");
          continue;
        }
        if (!require_object(it.value(), at, errors)) continue;
        detail::check_keys(it.value(), at, {"fair"}, errors);
        bool fair = false;
        field(it.value(), "fair", at, errors, fair, bool_reader());
        build.mutex_ids.emplace(it.key(), static_cast<std::uint32_t>(proc.mutexes.size()));
        proc.mutexes.push_back(it.key());
        proc.fair_mutexes.push_back(fair ? 1 : 0);
      }
    }
  }
  if (p.contains("shared")) {
    const std::string sp = key_path(path, "shared");
    const Json& shared = p["shared"];
    if (require_object(shared, sp, errors)) {
      for (auto it = shared.begin(); it != shared.end(); ++it) {
        const std::string vp = key_path(sp, it.key());
        if (it.key().empty()) {
          errors.add(sp, "shared variable names must not be empty");
          continue;
        }
        auto value = detail::read_int(it.value(), vp, INT64_MIN, INT64_MAX, errors);
        build.var_ids.emplace(it.key(), static_cast<VarId>(proc.vars.size()));
        proc.vars.push_back(it.key());
        proc.initial.push_back(value.value_or(0));
      }
    }
  }
  const std::string tp = key_path(path, "threads");
  if (!p.contains("threads")) {
    errors.add(path, "a process needs \"threads\": [...]");
    return;
  }
  const Json& threads = p["threads"];
  if (!threads.is_array() || threads.empty()) {
    errors.add(tp, threads.is_array() ? "a process needs at least one thread"
                                      : std::string("expected an array of threads, got ") + type_name(threads));
    return;
  }
  // Checked before anything is built, so a huge list costs no memory beyond the document.
  if (totals.threads + threads.size() > detail::kMaxThreads) {
    if (!totals.thread_cap_reported)
      errors.add(tp, "too many threads: more than " + std::to_string(detail::kMaxThreads) + " in all processes");
    totals.thread_cap_reported = true;
    return;
  }
  totals.threads += threads.size();
  std::map<std::string, std::string> thread_names;
  for (std::size_t i = 0; i < threads.size(); ++i)
    parse_thread(threads[i], index_path(tp, i), i, build, sc, thread_names, totals, errors);
}

}  // namespace

std::vector<MachineLimitError> machine_limit_errors(const MachineSpec& m) {
  std::vector<MachineLimitError> out;
  if (m.smt > 1 && std::uint64_t{m.cores} * m.smt > detail::kMaxCores)
    out.push_back({"smt", "cores x smt is " + std::to_string(std::uint64_t{m.cores} * m.smt) +
                              " hardware threads; at most " + std::to_string(detail::kMaxCores)});
  if (m.smt > 1 && m.smt_throughput_pct > 100 * m.smt)
    out.push_back({"smt_throughput_pct", "a core with " + std::to_string(m.smt) + " hardware threads does at most " +
                                             std::to_string(100 * m.smt) + " percent of one thread's work, not " +
                                             std::to_string(m.smt_throughput_pct)});
  return out;
}

const char* to_string(PolicyKind policy) {
  for (const PolicyName& n : kPolicies)
    if (n.kind == policy) return n.name.data();
  return "?";
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Document
// ---------------------------------------------------------------------------------------------
ParseResult parse_scenario(std::string_view json_text) { return parse_scenario(json_text, ParseOptions{}); }

ParseResult parse_scenario(std::string_view json_text, const ParseOptions& options) {
  ParseResult result;
  Errors errors;
  std::optional<Json> doc = detail::parse_json(json_text, errors);
  if (!doc) {
    result.errors = errors.take();
    return result;
  }
  const Json& root = *doc;
  if (!root.is_object()) {
    errors.add("", std::string("a scenario is a JSON object, got ") + type_name(root));
    result.errors = errors.take();
    return result;
  }
  detail::check_keys(root, "", {"$schema", "name", "description", "seed", "machine", "runtime", "scheduler", "limits", "channels", "shared_memory", "processes"},
                     errors);
  Scenario sc;
  for (const char* text_key : {"name", "description", "$schema"})
    if (root.contains(text_key) && !root[text_key].is_string())
      errors.add(text_key, std::string("expected a string, got ") + type_name(root[text_key]));
  if (root.contains("seed"))
    if (auto seed = detail::read_uint64(root["seed"], "seed", errors)) sc.seed = *seed;
  sc.machine.costs = cost_profile(CostProfileKind::Native);
  sc.machine.lock_cost = sc.machine.costs.lock;
  sc.machine.line_transfer_cost = kLineTransferNs;
  if (root.contains("machine")) parse_machine(root["machine"], "machine", sc.machine, options, errors);
  sc.gil.switch_interval = sc.machine.costs.gil_switch_interval;
  if (root.contains("runtime")) parse_runtime(root["runtime"], "runtime", sc.machine, sc.gil, errors);
  if (root.contains("channels")) parse_channels(root["channels"], "channels", sc.channels, errors);
  std::vector<detail::SharedMemoryDecl> shared_memory;
  if (root.contains("shared_memory")) parse_shared_memory(root["shared_memory"], "shared_memory", shared_memory, errors);
  if (root.contains("scheduler")) parse_scheduler(root["scheduler"], "scheduler", sc.scheduler, errors);
  if (root.contains("limits")) parse_limits(root["limits"], "limits", sc.limits, errors);
  if (sc.scheduler.policy == PolicyKind::Mlfq && sc.scheduler.levels.empty())
    sc.scheduler.levels.assign(3, MlfqLevel{sc.scheduler.quantum, 1});

  Totals totals;
  if (!root.contains("processes")) {
    errors.add("", "a scenario needs \"processes\": [...]");
  } else if (const Json& procs = root["processes"]; !procs.is_array() || procs.empty()) {
    errors.add("processes", procs.is_array() ? "a scenario needs at least one process"
                                             : std::string("expected an array of processes, got ") + type_name(procs));
  } else {
    std::map<std::string, std::string> process_names;
    std::vector<detail::PendingRef> refs;
    for (std::size_t i = 0; i < procs.size(); ++i)
      parse_process(procs[i], index_path("processes", i), i, sc, process_names, totals, refs, shared_memory, errors);
    resolve_shared_memory(shared_memory, sc, errors);
    if (errors.count() == 0) detail::resolve_references(sc, refs, errors);
    if (totals.dynamic_ops > sc.limits.max_events)
      errors.add("processes", "the threads execute " + std::to_string(totals.dynamic_ops) +
                                  " steps in all, more than limits.max_events (" +
                                  std::to_string(sc.limits.max_events) + ")");
  }
  if (errors.count() == 0) {
    result.scenario = std::move(sc);
    if (root.contains("name")) result.title = root["name"].get<std::string>();
    if (root.contains("description")) result.description = root["description"].get<std::string>();
  }
  result.errors = errors.take();
  return result;
}

std::string format_error(const ScenarioError& error) {
  if (error.path.empty()) return "error: " + error.message;
  return "error: " + error.path + ": " + error.message;
}

}  // namespace tl
