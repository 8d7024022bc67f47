// Program steps: one table entry per step kind (a new kind is a new row), compilation to the
// flat op list, and the static check of lock use.
//
// [SECTION] Step table
// [SECTION] Compiling a program
// [SECTION] Static lock check
#include "sim/scenario/reader.h"
#include "sim/runtime/memory_model.h"

#include <algorithm>
#include <array>
#include <map>

namespace tl::detail {

namespace {

std::uint64_t sat_add(std::uint64_t a, std::uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }
std::uint64_t sat_mul(std::uint64_t a, std::uint64_t b) {
  if (a == 0 || b == 0) return 0;
  return a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

struct Compiler {
  ProcessBuild& build;
  ThreadSpec& spec;
  Errors& errors;
  std::vector<Op>* out = nullptr;  // the thread's program, or an event-loop task's
  bool in_task = false;            // compiling a task: awaits instead of blocking calls
  std::uint64_t dynamic_ops = 0;

  void emit(OpKind kind, std::uint32_t arg, TimeNs duration, std::uint32_t source, std::uint64_t mult) {
    out->push_back({kind, arg, duration, source});
    dynamic_ops = sat_add(dynamic_ops, mult);
  }
  void steps(const Json& list, const std::string& path, int depth, std::uint64_t mult);
  void step(const Json& s, const std::string& path, int depth, std::uint64_t mult);
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Step table
// ---------------------------------------------------------------------------------------------
struct StepArgs {
  Compiler& c;
  const Json& step;         // the whole step object
  const Json& value;        // the value of the kind key
  const std::string& path;  // path of the step
  std::string value_path;
  int depth;
  std::uint64_t mult;    // how many times this step runs
  std::uint32_t source;  // index into op_paths
};

// In an event-loop task, io_us and sleep_us are awaits (the task waits, its thread runs the
// other tasks); "blocking": true makes them a blocking call from the task (time.sleep, a
// synchronous read), which stops the whole loop. A thread's own I/O always blocks it.
void duration_step(StepArgs& a, OpKind kind) {
  std::uint32_t blocking = 0;
  if (a.step.contains("blocking")) {
    const std::string bp = key_path(a.path, "blocking");
    if (!a.c.in_task) {
      a.c.errors.add(bp, "\"blocking\" applies only inside an event-loop task (a thread's own I/O and sleep always block it)");
      return;
    }
    const std::optional<bool> b = read_bool(a.step["blocking"], bp, a.c.errors);
    if (!b) return;
    blocking = *b ? 1 : 0;
  }
  if (auto ns = read_time_us(a.value, a.value_path, a.c.errors)) a.c.emit(kind, blocking, *ns, a.source, a.mult);
}
// {"compute_us": N} is Python (or native) code; with "c_call" it is C code called from
// Python that holds the GIL without a switch point ("hold") or releases it ("release"). The
// free-threaded builds run Python code slower (compute_permille), C code at the same speed.
void compute_step(StepArgs& a) {
  OpKind kind = OpKind::Compute;
  if (a.step.contains("c_call")) {
    const Json& c = a.step["c_call"];
    if (c == "hold") kind = OpKind::CCallHold;
    else if (c == "release") kind = OpKind::CCallRelease;
    else {
      a.c.errors.add(key_path(a.path, "c_call"),
                     "expected \"hold\" (C code that keeps the GIL: no switch inside) "
                     "or \"release\" (C code that runs without the GIL)");
      return;
    }
  }
  auto ns = read_time_us(a.value, a.value_path, a.c.errors);
  if (!ns) return;
  TimeNs d = *ns;
  if (kind == OpKind::Compute && a.c.build.compute_permille != 1000)
    d = d / 1000 * a.c.build.compute_permille + d % 1000 * a.c.build.compute_permille / 1000;
  a.c.emit(kind, 0, d, a.source, a.mult);
}
void io_step(StepArgs& a) { duration_step(a, OpKind::Io); }
void sleep_step(StepArgs& a) { duration_step(a, OpKind::Sleep); }

void mutex_step(StepArgs& a, OpKind kind) {
  auto name = read_name(a.value, a.value_path, a.c.errors);
  if (!name) return;
  ProcessSpec& p = *a.c.build.process;
  auto [it, inserted] = a.c.build.mutex_ids.try_emplace(*name, static_cast<std::uint32_t>(p.mutexes.size()));
  if (inserted) {
    p.mutexes.push_back(*name);
    p.fair_mutexes.push_back(0);  // undeclared: glibc-like barging
  }
  a.c.emit(kind, it->second, 0, a.source, a.mult);
}
void lock_step(StepArgs& a) { mutex_step(a, OpKind::Lock); }
void unlock_step(StepArgs& a) { mutex_step(a, OpKind::Unlock); }

std::optional<VarId> shared_var(StepArgs& a) {
  auto name = read_name(a.value, a.value_path, a.c.errors);
  if (!name) return std::nullopt;
  auto it = a.c.build.var_ids.find(*name);
  if (it == a.c.build.var_ids.end()) {
    a.c.errors.add(a.value_path, "undeclared shared variable " + quote_name(*name) + " (declare it in " +
                                     key_path(a.c.build.process_path, "shared") + ")");
    return std::nullopt;
  }
  return it->second;
}
void increment_step(StepArgs& a) {
  if (auto v = shared_var(a)) {
    a.c.emit(OpKind::Load, *v, 0, a.source, a.mult);
    a.c.emit(OpKind::Add, *v, 0, a.source, a.mult);
    a.c.emit(OpKind::Store, *v, 0, a.source, a.mult);
  }
}
void atomic_increment_step(StepArgs& a) {
  if (auto v = shared_var(a)) a.c.emit(OpKind::AtomicIncrement, *v, 0, a.source, a.mult);
}

void repeat_step(StepArgs& a) {
  auto count = read_int(a.value, a.value_path, 0, kMaxRepeat, a.c.errors);
  const std::string do_path = key_path(a.path, "do");
  if (!a.step.contains("do")) {
    a.c.errors.add(a.path, "a repeat step needs \"do\": [steps...]");
    return;
  }
  const Json& body = a.step["do"];
  if (!body.is_array() || body.empty()) {
    a.c.errors.add(do_path, body.is_array() ? "\"do\" must not be empty"
                                            : std::string("expected an array of steps, got ") + type_name(body));
    return;
  }
  if (a.depth + 1 > kMaxNesting) {
    a.c.errors.add(a.path, "repeat nested more than " + std::to_string(kMaxNesting) + " deep");
    return;
  }
  const std::uint64_t n = count ? static_cast<std::uint64_t>(*count) : 0;
  const auto begin = static_cast<std::uint32_t>(a.c.out->size());
  a.c.emit(OpKind::LoopBegin, static_cast<std::uint32_t>(n), 0, a.source, a.mult);
  a.c.steps(body, do_path, a.depth + 1, sat_mul(a.mult, n));
  a.c.emit(OpKind::LoopEnd, begin, 0, a.source, sat_mul(a.mult, n));
}

// Steps naming a thread, process or channel: the op's arg is filled in by resolve_references.
void named_step(StepArgs& a, OpKind kind) {
  auto name = read_name(a.value, a.value_path, a.c.errors);
  if (!name) return;
  a.c.build.refs->push_back({kind, *name, a.value_path, a.c.build.thread,
                             static_cast<std::uint32_t>(a.c.out->size()), a.mult});
  a.c.emit(kind, 0, 0, a.source, a.mult);
}
void create_step(StepArgs& a) { named_step(a, OpKind::Create); }
void close_step(StepArgs& a) { named_step(a, OpKind::Close); }

// {"serve": "C", "do": [steps]}: a pool worker's loop over the messages of C, one task each,
// until C is closed and empty. How often the body runs depends on the other workers, so it
// counts as repeated (a creation step inside is an error) and twice for the size check.
void serve_step(StepArgs& a) {
  const std::string do_path = key_path(a.path, "do");
  if (!a.step.contains("do")) {
    a.c.errors.add(a.path, "a serve step needs \"do\": [steps...] (what the worker does with each message)");
    return;
  }
  const Json& body = a.step["do"];
  if (!body.is_array() || body.empty()) {
    a.c.errors.add(do_path, body.is_array() ? "\"do\" must not be empty"
                                            : std::string("expected an array of steps, got ") + type_name(body));
    return;
  }
  if (a.depth + 1 > kMaxNesting) {
    a.c.errors.add(a.path, "serve nested more than " + std::to_string(kMaxNesting) + " deep");
    return;
  }
  const auto begin = static_cast<std::uint32_t>(a.c.out->size());
  named_step(a, OpKind::Serve);
  if (a.c.out->size() == begin) return;
  a.c.steps(body, do_path, a.depth + 1, sat_mul(a.mult, 2));
  a.c.emit(OpKind::ServeEnd, begin, 0, a.source, a.mult);
}
void join_step(StepArgs& a) { named_step(a, OpKind::Join); }
void fork_step(StepArgs& a) { named_step(a, OpKind::Fork); }
void spawn_step(StepArgs& a) { named_step(a, OpKind::Spawn); }
void forkserver_step(StepArgs& a) { named_step(a, OpKind::ForkServer); }
void wait_step(StepArgs& a) { named_step(a, OpKind::Wait); }
void receive_step(StepArgs& a) { named_step(a, OpKind::Receive); }

void send_step(StepArgs& a) {
  const std::string bytes_path = key_path(a.path, "bytes");
  std::optional<std::int64_t> bytes;
  if (!a.step.contains("bytes")) a.c.errors.add(a.path, "a send step needs \"bytes\": N (the message size)");
  else bytes = read_int(a.step["bytes"], bytes_path, 0, std::int64_t{1} << 40, a.c.errors);
  const std::size_t before = a.c.out->size();
  named_step(a, OpKind::Send);
  if (a.c.out->size() > before) a.c.out->back().duration = bytes.value_or(0);
}

// Which declared shared-memory region a write to "shared" means: the one named, or the only one
// the process maps. nullopt after reporting why not.
std::optional<std::uint32_t> shared_region(StepArgs& a, const std::optional<std::string>& name) {
  const std::vector<SharedMemoryDecl>& decls = *a.c.build.shared_memory;
  const std::string& proc = a.c.build.process->name;
  auto maps = [&](const SharedMemoryDecl& d) {
    return std::find(d.processes.begin(), d.processes.end(), proc) != d.processes.end();
  };
  std::string declared, mapped;
  std::vector<std::uint32_t> mine;
  for (std::uint32_t i = 0; i < decls.size(); ++i) {
    declared += (declared.empty() ? "" : ", ") + decls[i].name;
    if (maps(decls[i])) {
      mapped += (mapped.empty() ? "" : ", ") + decls[i].name;
      mine.push_back(i);
    }
  }
  if (name) {
    const std::string name_path = key_path(a.path, "name");
    for (std::uint32_t i = 0; i < decls.size(); ++i) {
      if (decls[i].name != *name) continue;
      if (maps(decls[i])) return i;
      a.c.errors.add(name_path, "process " + quote_name(proc) + " does not map shared memory " + quote_name(*name) +
                                    " (list it in " + key_path(decls[i].path, "processes") + ")");
      return std::nullopt;
    }
    a.c.errors.add(name_path, "no shared memory " + quote_name(*name) +
                                  (declared.empty() ? std::string(" (none is declared: add it to shared_memory)")
                                                    : " (declared: " + declared + ")"));
    return std::nullopt;
  }
  if (mine.size() == 1) return mine.front();
  if (mine.empty())
    a.c.errors.add(a.value_path, "process " + quote_name(proc) +
                                     " maps no shared memory (declare a region in shared_memory that lists it)");
  else
    a.c.errors.add(a.path, "process " + quote_name(proc) + " maps several shared-memory regions (" + mapped +
                               "): say which with \"name\"");
  return std::nullopt;
}

// {"write": REGION} and {"read": REGION}: pages of a region; a read is of Python objects
// (data or heap only), which in the python profile writes their reference counts.
void memory_step(StepArgs& a, OpKind kind) {
  const Json& v = a.value;
  const bool read = kind == OpKind::Read;
  RegionKind region = RegionKind::Heap;
  if (v == "data") region = RegionKind::Data;
  else if (v == "heap") region = RegionKind::Heap;
  else if (v == "stack" && !read) region = RegionKind::Stack;
  else if (v == "shared" && !read) region = RegionKind::Shared;
  else {
    a.c.errors.add(a.value_path, v.is_string() ? "unknown region " + quote_name(v.get<std::string>()) +
                                                     (read ? " (expected data or heap: where Python objects live)"
                                                           : " (expected data, heap, stack or shared)")
                                               : std::string("expected a region name, got ") + type_name(v));
    return;
  }
  std::optional<std::string> name;
  if (a.step.contains("name")) {
    if (region != RegionKind::Shared) {
      a.c.errors.add(key_path(a.path, "name"), "\"name\" picks a shared-memory region; it applies only to \"write\": \"shared\"");
      return;
    }
    name = read_name(a.step["name"], key_path(a.path, "name"), a.c.errors);
    if (!name) return;
  }
  const CostProfile& costs = *a.c.build.costs;
  const ImageLayout layout = image_layout(costs, a.c.build.process->origin == ProcessOrigin::Spawned ||
                                                     a.c.build.process->origin == ProcessOrigin::ForkServer);
  std::uint32_t size = region == RegionKind::Data   ? layout.data_pages
                       : region == RegionKind::Heap ? layout.heap_pages
                                                    : layout.stack_pages;
  std::uint32_t shm = 0;
  std::string region_name = v.get<std::string>();
  if (region == RegionKind::Shared) {
    const std::optional<std::uint32_t> found = shared_region(a, name);
    if (!found) return;
    shm = *found;
    size = pages_for_kb((*a.c.build.shared_memory)[shm].kb);
    region_name = "shared memory " + quote_name((*a.c.build.shared_memory)[shm].name);
  } else {
    region_name += " region";
  }
  std::int64_t pages = 1, first = 0;
  if (a.step.contains("pages"))
    if (auto n = read_int(a.step["pages"], key_path(a.path, "pages"), 1, 1 << 24, a.c.errors)) pages = *n;
  if (a.step.contains("first_page"))
    if (auto n = read_int(a.step["first_page"], key_path(a.path, "first_page"), 0, 1 << 24, a.c.errors)) first = *n;
  if (first + pages > size) {
    a.c.errors.add(a.path, "pages " + std::to_string(first) + " .. " + std::to_string(first + pages - 1) +
                               " are outside the " + region_name + " (" + std::to_string(size) +
                               (region == RegionKind::Shared ? " pages of 4 KiB)" : " pages of 4 KiB with this machine profile)"));
    return;
  }
  a.c.emit(kind, static_cast<std::uint32_t>(region) | shm << 8,
           static_cast<TimeNs>(static_cast<std::uint64_t>(first) << 32 | static_cast<std::uint64_t>(pages)),
           a.source, a.mult);
}
void write_step(StepArgs& a) { memory_step(a, OpKind::Write); }
void read_step(StepArgs& a) { memory_step(a, OpKind::Read); }

// {"gc_freeze": true}, {"gc_collect": true}: the value must be true (there is nothing to choose).
void flag_step(StepArgs& a, OpKind kind) {
  if (!a.value.is_boolean() || !a.value.get<bool>()) {
    a.c.errors.add(a.value_path, std::string("expected true, got ") + (a.value.is_boolean() ? "false" : type_name(a.value)));
    return;
  }
  a.c.emit(kind, 0, 0, a.source, a.mult);
}
void gc_freeze_step(StepArgs& a) { flag_step(a, OpKind::GcFreeze); }
void gc_collect_step(StepArgs& a) { flag_step(a, OpKind::GcCollect); }

void event_loop_step(StepArgs& a);

struct StepKind {
  std::string_view key;
  std::array<std::string_view, 3> extra;  // other keys the step may have
  void (*compile)(StepArgs&);
  bool in_task = false;  // allowed inside an event-loop task
};

constexpr StepKind kSteps[] = {
    {"compute_us", {"c_call"}, compute_step, true},
    {"io_us", {"blocking"}, io_step, true},
    {"sleep_us", {"blocking"}, sleep_step, true},
    {"repeat", {"do"}, repeat_step, true},
    {"lock", {}, lock_step},
    {"unlock", {}, unlock_step},
    {"increment", {}, increment_step, true},
    {"atomic_increment", {}, atomic_increment_step, true},
    {"create", {}, create_step},
    {"join", {}, join_step},
    {"fork", {}, fork_step},
    {"spawn", {}, spawn_step},
    {"forkserver", {}, forkserver_step},
    {"wait", {}, wait_step},
    {"write", {"pages", "first_page", "name"}, write_step},
    {"read", {"pages", "first_page"}, read_step},
    {"gc_freeze", {}, gc_freeze_step},
    {"gc_collect", {}, gc_collect_step},
    {"send", {"bytes"}, send_step},
    {"receive", {}, receive_step},
    {"serve", {"do"}, serve_step},
    {"close", {}, close_step},
    {"event_loop", {}, event_loop_step, true},  // in a task only to say why not (event_loop_step)
};

std::string task_step_list() {
  std::string s;
  for (const StepKind& k : kSteps)
    if (k.in_task && k.key != "event_loop") s += (s.empty() ? "" : ", ") + std::string(k.key);
  return s;
}

// {"event_loop": {"tasks": [{"name": "fetch", "count": 1000, "program": [...]}]}}: the thread
// calls asyncio.run() over these tasks (started in order, as asyncio.gather schedules them)
// and goes on with its next step once all have finished. A task's program is compiled once
// however many copies "count" makes.
void event_loop_step(StepArgs& a) {
  Compiler& c = a.c;
  if (c.in_task) {
    c.errors.add(a.value_path, "asyncio.run() cannot be called from a running event loop (an event_loop step inside a task)");
    return;
  }
  if (a.mult != 1) {
    c.errors.add(a.value_path,
                 "an event_loop step must run exactly once (this one is inside a repeat or serve); "
                 "repeat inside its tasks instead");
    return;
  }
  const Json& v = a.value;
  if (!v.is_object()) {
    c.errors.add(a.value_path, std::string("expected an object such as {\"tasks\": [...]}, got ") + type_name(v));
    return;
  }
  check_keys(v, a.value_path, {"tasks"}, c.errors);
  const std::string tasks_path = key_path(a.value_path, "tasks");
  if (!v.contains("tasks")) {
    c.errors.add(a.value_path, "an event loop needs \"tasks\": [{\"program\": [steps...]}, ...]");
    return;
  }
  const Json& tasks = v["tasks"];
  if (!tasks.is_array() || tasks.empty()) {
    c.errors.add(tasks_path, tasks.is_array() ? "an event loop needs at least one task"
                                              : std::string("expected an array of tasks, got ") + type_name(tasks));
    return;
  }
  Scenario& sc = *c.build.scenario;
  const auto loop = static_cast<std::uint32_t>(sc.event_loops.size());
  EventLoopSpec spec{c.build.thread, static_cast<std::uint32_t>(sc.tasks.size()), 0};
  std::map<std::string, std::string> names;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const std::string tp = index_path(tasks_path, i);
    const Json& t = tasks[i];
    if (!t.is_object()) {
      c.errors.add(tp, std::string("expected a task such as {\"program\": [steps...]}, got ") + type_name(t));
      continue;
    }
    check_keys(t, tp, {"name", "count", "program"}, c.errors);
    std::optional<std::string> name;
    if (t.contains("name")) {
      name = read_name(t["name"], key_path(tp, "name"), c.errors);
      if (!name) continue;
    }
    std::uint64_t count = 1;
    if (t.contains("count")) {
      const auto n = read_int(t["count"], key_path(tp, "count"), 1, static_cast<std::int64_t>(kMaxTasks), c.errors);
      if (!n) continue;
      count = static_cast<std::uint64_t>(*n);
    }
    if (sc.tasks.size() + count > kMaxTasks) {
      c.errors.add(tp, "too many tasks: more than " + std::to_string(kMaxTasks) + " in all event loops");
      return;
    }
    if (!t.contains("program")) {
      c.errors.add(tp, "a task needs \"program\": [steps...]");
      continue;
    }
    const Json& program = t["program"];
    const std::string pp = key_path(tp, "program");
    if (!program.is_array()) {
      c.errors.add(pp, std::string("expected an array of steps, got ") + type_name(program));
      continue;
    }
    std::vector<Op> ops;
    Compiler sub{c.build, c.spec, c.errors, &ops, true};
    sub.steps(program, pp, a.depth + 1, count);
    c.dynamic_ops = sat_add(c.dynamic_ops, sub.dynamic_ops);
    const auto prog = static_cast<std::uint32_t>(sc.task_programs.size());
    sc.task_programs.push_back(std::move(ops));
    for (std::uint64_t k = 0; k < count; ++k) {
      // asyncio names an unnamed task "Task-N"; copies of a named one are name-1 .. name-N.
      std::string task_name = !name        ? "Task-" + std::to_string(spec.task_count + 1)
                              : count == 1 ? *name
                                           : *name + "-" + std::to_string(k + 1);
      if (auto [it, fresh] = names.try_emplace(task_name, tp); !fresh) {
        c.errors.add(tp, "duplicate task name " + quote_name(task_name) + " in this event loop (also " + it->second + ")");
        break;
      }
      sc.tasks.push_back({std::move(task_name), c.build.thread, loop, prog});
      ++spec.task_count;
    }
  }
  sc.event_loops.push_back(spec);
  c.emit(OpKind::EventLoop, loop, 0, a.source, a.mult);
}

std::string step_kind_list() {
  std::string s;
  for (const StepKind& k : kSteps) s += (s.empty() ? "" : ", ") + std::string(k.key);
  return s;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Compiling a program
// ---------------------------------------------------------------------------------------------
void Compiler::steps(const Json& list, const std::string& path, int depth, std::uint64_t mult) {
  for (std::size_t i = 0; i < list.size(); ++i) step(list[i], index_path(path, i), depth, mult);
}

void Compiler::step(const Json& s, const std::string& path, int depth, std::uint64_t mult) {
  if (!s.is_object()) {
    errors.add(path, std::string("a step must be an object such as {\"compute_us\": 100}, got ") + type_name(s));
    return;
  }
  const StepKind* kind = nullptr;
  std::string kinds;
  for (auto it = s.begin(); it != s.end(); ++it)
    for (const StepKind& k : kSteps)
      if (k.key == it.key()) {
        if (!kinds.empty()) kinds += ", ";
        kinds += it.key();
        if (!kind) kind = &k;
      }
  if (!kind) {
    if (s.empty()) errors.add(path, "empty step (expected one of: " + step_kind_list() + ")");
    for (auto it = s.begin(); it != s.end(); ++it)
      errors.add(path, it.key() == "do" ? std::string("\"do\" needs \"repeat\": N")
                                        : "unknown step kind " + quote_name(it.key()) + " (expected one of: " +
                                              step_kind_list() + ")");
    return;
  }
  if (in_task && !kind->in_task) {
    errors.add(path, "a " + std::string(kind->key) + " step cannot run inside an event-loop task (allowed there: " +
                         task_step_list() + ")");
    return;
  }
  if (kinds.find(',') != std::string::npos) {
    errors.add(path, "one step per object, this one has several kinds: " + kinds);
    return;
  }
  for (auto it = s.begin(); it != s.end(); ++it) {
    if (it.key() == kind->key) continue;
    if (std::find(kind->extra.begin(), kind->extra.end(), it.key()) != kind->extra.end() && !it.key().empty())
      continue;
    errors.add(path, "unknown key " + quote_name(it.key()) + " in a " + std::string(kind->key) + " step");
  }
  spec.op_paths.push_back(path);
  StepArgs args{*this, s, s[std::string(kind->key)], path, key_path(path, kind->key), depth, mult,
                static_cast<std::uint32_t>(spec.op_paths.size() - 1)};
  kind->compile(args);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Static lock check
// ---------------------------------------------------------------------------------------------
// Walks the program keeping the set of held mutexes, each repeat body min(count, 2) times.
// That is exact for loop-only programs: a body's effect on the set depends only on the last
// lock/unlock of each mutex in it, so the state after two iterations equals the state after
// one, and iteration 3+ sees what iteration 2 saw. A second iteration that starts in the same
// state as the first is skipped (it would repeat the first), which keeps the walk linear for
// balanced bodies; the step budget bounds the pathological rest.
void check_locks(const ThreadSpec& spec, const ProcessSpec& process, const std::string& thread_path,
                 Errors& errors) {
  const std::vector<Op>& ops = spec.program;
  std::vector<std::uint32_t> end_of(ops.size(), 0);
  {
    std::vector<std::uint32_t> open;
    for (std::uint32_t i = 0; i < ops.size(); ++i) {
      if (ops[i].kind == OpKind::LoopBegin) open.push_back(i);
      else if (ops[i].kind == OpKind::LoopEnd && !open.empty()) {
        end_of[open.back()] = i;
        open.pop_back();
      }
    }
  }
  struct Frame {
    std::uint32_t begin;
    std::uint32_t left;
    std::vector<char> entry;
  };
  std::vector<Frame> frames;
  std::vector<char> held(process.mutexes.size(), 0);
  std::vector<char> reported(ops.size(), 0);
  std::uint64_t budget = 20'000'000;
  for (std::uint32_t i = 0; i < ops.size();) {
    if (--budget == 0) {
      errors.add(thread_path, "program too intricate to check its lock use (simplify the nested repeats)");
      return;
    }
    const Op& op = ops[i];
    switch (op.kind) {
      case OpKind::LoopBegin:
        if (op.arg == 0) {
          i = end_of[i] + 1;
          continue;
        }
        frames.push_back({i, std::min<std::uint32_t>(op.arg, 2), held});
        ++i;
        continue;
      case OpKind::LoopEnd: {
        Frame& f = frames.back();
        if (--f.left > 0 && held != f.entry) {
          f.entry = held;
          i = f.begin + 1;
        } else {
          frames.pop_back();
          ++i;
        }
        continue;
      }
      case OpKind::Lock:
        if (op.arg < held.size()) held[op.arg] = 1;
        break;
      case OpKind::Unlock:
        if (op.arg < held.size() && !held[op.arg] && !reported[i]) {
          reported[i] = 1;
          errors.add(spec.op_paths[op.source],
                     "unlock of mutex " + quote_name(process.mutexes[op.arg]) + " that this thread does not hold");
        }
        if (op.arg < held.size()) held[op.arg] = 0;
        break;
      default:
        break;
    }
    ++i;
  }
}

}  // namespace

std::uint64_t compile_program(const Json& program, const std::string& path, ProcessBuild& build,
                              ThreadSpec& spec, Errors& errors) {
  if (!program.is_array()) {
    errors.add(path, std::string("expected an array of steps, got ") + type_name(program));
    return 0;
  }
  Compiler c{build, spec, errors, &spec.program};
  const std::size_t before = errors.count();
  c.steps(program, path, 0, 1);
  // Lock checking a program that failed to compile would report follow-on noise.
  if (errors.count() == before) {
    const std::string thread_path = path.substr(0, path.rfind('.'));
    check_locks(spec, *build.process, thread_path, errors);
  }
  return c.dynamic_ops;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] References and lifetime rules
// ---------------------------------------------------------------------------------------------
void resolve_references(Scenario& sc, const std::vector<PendingRef>& refs, Errors& errors) {
  std::vector<std::string> thread_starter(sc.threads.size()), process_starter(sc.processes.size());
  std::vector<ProcessId> queue_owner(sc.channels.size(), kNoThread);
  for (const PendingRef& r : refs) {
    ThreadSpec& spec = sc.threads[r.thread];
    const ProcessId own = spec.process;
    Op& op = spec.program[r.op];
    const bool starts = r.kind == OpKind::Create || r.kind == OpKind::Fork || r.kind == OpKind::Spawn ||
                        r.kind == OpKind::ForkServer;
    const char* verb = r.kind == OpKind::Create ? "create" : r.kind == OpKind::Fork     ? "fork"
                                                         : r.kind == OpKind::Spawn      ? "spawn"
                                                         : r.kind == OpKind::ForkServer ? "forkserver"
                                                                                        : "wait for";
    if (starts && r.mult != 1) {
      errors.add(r.path, "a " + std::string(verb) + " step must run exactly once (this one is inside a repeat)");
      continue;
    }
    if (r.kind == OpKind::Create || r.kind == OpKind::Join) {
      ThreadId found = kNoThread;
      for (ThreadId t : sc.processes[own].threads)
        if (sc.threads[t].name == r.name) found = t;
      if (found == kNoThread) {
        errors.add(r.path, "no thread " + quote_name(r.name) + " in process " + quote_name(sc.processes[own].name));
        continue;
      }
      if (found == r.thread) {
        errors.add(r.path, std::string("a thread cannot ") + (r.kind == OpKind::Create ? "create" : "join") + " itself");
        continue;
      }
      if (r.kind == OpKind::Create) {
        if (!sc.threads[found].created)
          errors.add(r.path, "thread " + quote_name(r.name) + " is not declared \"start\": \"created\"");
        else if (!thread_starter[found].empty())
          errors.add(r.path, "thread " + quote_name(r.name) + " is already created by " + thread_starter[found]);
        else
          thread_starter[found] = r.path;
      }
      op.arg = found;
      continue;
    }
    if (r.kind == OpKind::Fork || r.kind == OpKind::Spawn || r.kind == OpKind::ForkServer || r.kind == OpKind::Wait) {
      ProcessId found = kNoThread;
      for (ProcessId p = 0; p < sc.processes.size(); ++p)
        if (sc.processes[p].name == r.name) found = p;
      if (found == kNoThread) {
        errors.add(r.path, "no process " + quote_name(r.name));
        continue;
      }
      if (found == own) {
        errors.add(r.path, std::string("a process cannot ") + verb + " itself");
        continue;
      }
      if (r.kind != OpKind::Wait) {
        const ProcessOrigin want = r.kind == OpKind::Fork    ? ProcessOrigin::Forked
                                   : r.kind == OpKind::Spawn ? ProcessOrigin::Spawned
                                                             : ProcessOrigin::ForkServer;
        if (sc.processes[found].origin != want)
          errors.add(r.path, "process " + quote_name(r.name) + " is not declared \"start\": \"" +
                                 to_string(want) + "\"");
        else if (!process_starter[found].empty())
          errors.add(r.path, "process " + quote_name(r.name) + " is already started by " + process_starter[found]);
        else
          process_starter[found] = r.path;
      }
      op.arg = found;
      continue;
    }
    // send / receive
    std::uint32_t found = kNoThread;
    for (std::uint32_t ch = 0; ch < sc.channels.size(); ++ch)
      if (sc.channels[ch].name == r.name) found = ch;
    if (found == kNoThread) {
      errors.add(r.path, "undeclared channel " + quote_name(r.name) + " (declare it in channels)");
      continue;
    }
    if (sc.channels[found].kind == ChannelKind::Queue) {
      if (queue_owner[found] == kNoThread) queue_owner[found] = own;
      else if (queue_owner[found] != own)
        errors.add(r.path, "queue " + quote_name(r.name) +
                               " joins threads of one process; use a pipe between processes");
    }
    op.arg = found;
  }
  // A worker nobody starts would never run: named at its own declaration, which is where the
  // fix goes (declare it differently, or add the step).
  for (ProcessId p = 0; p < sc.processes.size(); ++p) {
    const ProcessSpec& proc = sc.processes[p];
    const std::string process_path = index_path("processes", p);
    for (std::size_t j = 0; j < proc.threads.size(); ++j) {
      const ThreadId t = proc.threads[j];
      if (sc.threads[t].created && thread_starter[t].empty())
        errors.add(index_path(key_path(process_path, "threads"), j),
                   "thread " + quote_name(sc.threads[t].name) + " of process " + quote_name(proc.name) +
                       " is declared \"start\": \"created\" but no create step starts it");
    }
    if (proc.origin != ProcessOrigin::Initial && process_starter[p].empty())
      errors.add(process_path, "process " + quote_name(proc.name) + " is declared \"start\": \"" +
                                   to_string(proc.origin) + "\" but no " + to_string(proc.origin) +
                                   " step starts it");
  }
}

}  // namespace tl::detail
