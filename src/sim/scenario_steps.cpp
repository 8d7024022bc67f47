// Program steps: one table entry per step kind (the next issue adds create/fork/join/send/...
// as rows), compilation to the flat op list, and the static check of lock use.
//
// [SECTION] Step table
// [SECTION] Compiling a program
// [SECTION] Static lock check
#include "sim/scenario_reader.h"

#include <algorithm>
#include <array>

namespace tl::detail {

namespace {

std::uint64_t sat_add(std::uint64_t a, std::uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }
std::uint64_t sat_mul(std::uint64_t a, std::uint64_t b) {
  if (a == 0 || b == 0) return 0;
  return a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

struct Compiler {
  ProcessBuild& build;
  ThreadSpec&   spec;
  Errors&       errors;
  std::uint64_t dynamic_ops = 0;

  void emit(OpKind kind, std::uint32_t arg, TimeNs duration, std::uint32_t source, std::uint64_t mult) {
    spec.program.push_back({kind, arg, duration, source});
    dynamic_ops = sat_add(dynamic_ops, mult);
  }
  void steps(const Json& list, const std::string& path, int depth, std::uint64_t mult);
  void step(const Json& s, const std::string& path, int depth, std::uint64_t mult);
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Step table
// ---------------------------------------------------------------------------------------------
struct StepArgs {
  Compiler&          c;
  const Json&        step;     // the whole step object
  const Json&        value;    // the value of the kind key
  const std::string& path;     // path of the step
  std::string        value_path;
  int                depth;
  std::uint64_t      mult;     // how many times this step runs
  std::uint32_t      source;   // index into op_paths
};

void duration_step(StepArgs& a, OpKind kind) {
  if (auto ns = read_time_us(a.value, a.value_path, a.c.errors)) a.c.emit(kind, 0, *ns, a.source, a.mult);
}
void compute_step(StepArgs& a) { duration_step(a, OpKind::Compute); }
void io_step(StepArgs& a)      { duration_step(a, OpKind::Io); }
void sleep_step(StepArgs& a)   { duration_step(a, OpKind::Sleep); }

void mutex_step(StepArgs& a, OpKind kind) {
  auto name = read_name(a.value, a.value_path, a.c.errors);
  if (!name) return;
  ProcessSpec& p = *a.c.build.process;
  auto [it, inserted] = a.c.build.mutex_ids.try_emplace(*name, static_cast<std::uint32_t>(p.mutexes.size()));
  if (inserted) p.mutexes.push_back(*name);
  a.c.emit(kind, it->second, 0, a.source, a.mult);
}
void lock_step(StepArgs& a)   { mutex_step(a, OpKind::Lock); }
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
  const auto begin = static_cast<std::uint32_t>(a.c.spec.program.size());
  a.c.emit(OpKind::LoopBegin, static_cast<std::uint32_t>(n), 0, a.source, a.mult);
  a.c.steps(body, do_path, a.depth + 1, sat_mul(a.mult, n));
  a.c.emit(OpKind::LoopEnd, begin, 0, a.source, sat_mul(a.mult, n));
}

struct StepKind {
  std::string_view                key;
  std::array<std::string_view, 1> extra;   // other keys the step may have
  void (*compile)(StepArgs&);
};

constexpr StepKind kSteps[] = {
    {"compute_us",       {}, compute_step},
    {"io_us",            {}, io_step},
    {"sleep_us",         {}, sleep_step},
    {"repeat",           {"do"}, repeat_step},
    {"lock",             {}, lock_step},
    {"unlock",           {}, unlock_step},
    {"increment",        {}, increment_step},
    {"atomic_increment", {}, atomic_increment_step},
};

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
      else if (ops[i].kind == OpKind::LoopEnd && !open.empty()) { end_of[open.back()] = i; open.pop_back(); }
    }
  }
  struct Frame { std::uint32_t begin; std::uint32_t left; std::vector<char> entry; };
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
        if (op.arg == 0) { i = end_of[i] + 1; continue; }
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
  Compiler c{build, spec, errors};
  const std::size_t before = errors.count();
  c.steps(program, path, 0, 1);
  // Lock checking a program that failed to compile would report follow-on noise.
  if (errors.count() == before) {
    const std::string thread_path = path.substr(0, path.rfind('.'));
    check_locks(spec, *build.process, thread_path, errors);
  }
  return c.dynamic_ops;
}

}  // namespace tl::detail
