#include "lab/python.h"

#include "lab/launch.h"
#include "lab/predict.h"
#include "lab/subprocess.h"

#include <cstdlib>
#include <unistd.h>

namespace tl::lab {

using Json = nlohmann::ordered_json;

namespace {

const char* const kPrograms[] = {"cpu_bound", "io_bound", "convoy", "increment"};

bool has_programs(const std::string& dir) {
  return !dir.empty() && access((dir + "/cpu_bound.py").c_str(), R_OK) == 0;
}

std::string parent_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/"
                                                       : path.substr(0, slash);
}

double number(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
}

Json machine_python(unsigned cores) { return Json{{"profile", "python"}, {"cores", cores}}; }

Json speedup_prediction(const Json& measured, unsigned cores, const Json& one, const Json& per_worker, unsigned workers) {
  Json p;
  const Json runtime{{"gil", true}};
  for (Launch launch : {Launch::Thread, Launch::Fork}) {
    const SpeedupPrediction s = predict_split_speedup(machine_python(cores), runtime, per_worker, one, workers, launch);
    const std::string key = launch == Launch::Thread ? "threads" : "processes";
    if (!s.error.empty()) {
      p["error"] = s.error;
      return p;
    }
    p[key + "_ms"] = static_cast<double>(s.many_ns) / 1e6;
    p[key + "_speedup"] = s.speedup;
  }
  p["one_worker_ms"] = number(measured, "one_worker_ms");
  return p;
}

Json predict_for(const std::string& name, const Json& m, const PythonOptions& o) {
  const unsigned workers = static_cast<unsigned>(std::max(1.0, number(m, "workers")));
  if (name == "cpu_bound") {
    // The measured one-worker time is the work; the simulator splits it as the program did.
    const double one_us = number(m, "one_worker_ms") * 1000.0;
    return speedup_prediction(m, o.cores, Json::array({Json{{"compute_us", one_us}}}),
                              Json::array({Json{{"compute_us", one_us / workers}}}), workers);
  }
  if (name == "io_bound") {
    const auto sleeps = static_cast<std::int64_t>(number(m, "sleeps_per_worker"));
    const double sleep_us = number(m, "sleep_ms") * 1000.0;
    auto program = [&](std::int64_t n) {
      return Json::array({Json{{"repeat", n}, {"do", Json::array({Json{{"sleep_us", sleep_us}}})}}});
    };
    return speedup_prediction(m, o.cores, program(sleeps * workers), program(sleeps), workers);
  }
  if (name == "convoy") {
    Json p;
    const int wakes = static_cast<int>(number(m, "wakes"));
    const double sleep_us = number(m, "sleep_ms") * 1000.0;
    std::string error;
    const Nanos alone = predict_convoy_latency(o.cores, false, false, sleep_us, wakes, error);
    const Nanos thread = predict_convoy_latency(o.cores, true, false, sleep_us, wakes, error);
    const Nanos process = predict_convoy_latency(o.cores, true, true, sleep_us, wakes, error);
    if (!error.empty()) return Json{{"error", error}};
    p["alone_latency_ms"] = static_cast<double>(alone) / 1e6;
    p["beside_cpu_thread_latency_ms"] = static_cast<double>(thread) / 1e6;
    p["beside_cpu_process_latency_ms"] = static_cast<double>(process) / 1e6;
    return p;
  }
  if (name == "increment") {
    const auto threads = static_cast<unsigned>(number(m, "threads"));
    const auto per_thread = static_cast<std::int64_t>(number(m, "increments_per_thread"));
    const IncrementPrediction s = predict_increments(o.cores, threads, per_thread);
    if (!s.error.empty()) return Json{{"error", s.error}};
    return Json{{"expected", s.expected},
                {"without_lock", s.without_lock},
                {"lost_without_lock", s.expected - s.without_lock},
                {"with_lock", s.with_lock},
                {"lost_with_lock", s.expected - s.with_lock}};
  }
  return Json{{"error", "no prediction for " + name}};
}

}  // namespace

std::string find_python_programs(const std::string& explicit_dir, std::vector<std::string>* tried) {
  std::vector<std::string> candidates;
  if (!explicit_dir.empty()) candidates.push_back(explicit_dir);
  if (const char* env = std::getenv("THREADLAB_LAB_DIR"); env && *env) candidates.push_back(env);
  const std::string exe = SpawnTarget{}.resolved();
  if (!exe.empty()) {
    const std::string dir = parent_of(exe);
    candidates.push_back(dir + "/lab/python");
    candidates.push_back(dir + "/../share/threadlab/lab/python");
    candidates.push_back(dir + "/../../lab/python");
    candidates.push_back(dir + "/../../../lab/python");
  }
#ifdef TL_LAB_SOURCE_DIR
  candidates.push_back(std::string(TL_LAB_SOURCE_DIR) + "/python");
#endif
  for (const std::string& c : candidates) {
    if (tried) tried->push_back(c);
    if (has_programs(c)) return c;
  }
  return "";
}

std::string find_python(const std::string& requested) {
  return find_on_path(requested.empty() ? "python3" : requested);
}

PythonProgramResult run_python_program(const std::string& python, const std::string& dir, const std::string& name,
                                       const PythonOptions& options) {
  PythonProgramResult r;
  r.program = name;
  std::vector<std::string> argv = {python, dir + "/" + name + ".py"};
  if (options.quick) argv.push_back("--quick");
  if (name == "cpu_bound" || name == "io_bound") {
    argv.push_back("--workers");
    argv.push_back(std::to_string(options.workers));
  }
  const ProgramRun run = run_program(argv, options.timeout_ns);
  if (!run.started) {
    r.error = run.error;
    return r;
  }
  if (run.timed_out) {
    r.error = name + ".py did not finish within " + std::to_string(options.timeout_ns / 1'000'000'000) + " s";
    return r;
  }
  if (run.exit_code != 0) {
    const std::size_t tail = run.err.size() > 300 ? run.err.size() - 300 : 0;
    r.error = name + ".py exited with " + std::to_string(run.exit_code) + ": " + run.err.substr(tail);
    return r;
  }
  r.measured = Json::parse(run.out, nullptr, false);
  if (r.measured.is_discarded() || !r.measured.is_object()) {
    r.error = name + ".py printed no JSON object";
    r.measured = Json();
    return r;
  }
  r.predicted = predict_for(name, r.measured, options);
  r.ok = !r.predicted.contains("error");
  if (!r.ok) r.error = "prediction: " + r.predicted["error"].get<std::string>();
  return r;
}

PythonResults run_python_lab(const PythonOptions& options, const ProgressFn& progress) {
  PythonResults res;
  res.python = find_python(options.python);
  if (res.python.empty()) {
    res.skipped_reason = options.python.empty() ? "no python3 on PATH" : "python '" + options.python + "' not found";
    return res;
  }
  std::vector<std::string> tried;
  res.programs_dir = find_python_programs(options.programs_dir, &tried);
  if (res.programs_dir.empty()) {
    res.skipped_reason = "the lab's Python programs (lab/python/cpu_bound.py) were not found; looked in";
    for (const std::string& t : tried) res.skipped_reason += " " + t;
    return res;
  }
  res.available = true;
  std::size_t done = 0;
  std::vector<std::string> names;
  for (const char* n : kPrograms)
    if (options.only.empty() || std::find(options.only.begin(), options.only.end(), n) != options.only.end())
      names.push_back(n);
  for (const std::string& name : names) {
    if (options.cancel != nullptr && options.cancel->load()) break;
    report(progress, "CPython: " + name, static_cast<double>(done) / names.size());
    res.programs.push_back(run_python_program(res.python, res.programs_dir, name, options));
    const PythonProgramResult& r = res.programs.back();
    if (r.measured.contains("python") && res.version.empty())
      res.version = r.measured["python"].value("version", std::string());
    if (name == "increment" && r.measured.is_object()) {
      const auto lost = r.measured.value("lost_without_lock", std::int64_t{0});
      const auto expected = r.measured.value("expected", std::int64_t{0});
      const bool gil = r.measured["python"].value("gil", true);
      res.increment_verdict =
          lost == 0 ? "CPython " + res.version + (gil ? " (with the GIL)" : " (free-threaded)") +
                          ": no update lost without a lock in " + std::to_string(expected) +
                          " increments: since 3.10 a thread switch happens only at backward jumps and calls, "
                          "never between the load and the store of +=. It is still a race in principle."
                    : "CPython " + res.version + ": " + std::to_string(lost) + " of " + std::to_string(expected) +
                          " updates lost without a lock; none with it.";
    }
    ++done;
  }
  report(progress, "CPython", 1.0);
  return res;
}

}  // namespace tl::lab
