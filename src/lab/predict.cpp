#include "lab/predict.h"

#include "sim/scenario/compare.h"

namespace tl::lab {

using Json = nlohmann::ordered_json;

std::optional<RunResult> simulate(const Json& doc, std::string& error) {
  std::vector<ScenarioError> errors;
  std::optional<Json> expanded = doc;
  if (is_compare_document(doc)) {
    const std::optional<WorkerModel> model = compare_model(doc, errors);
    expanded = model ? expand_compare(doc, *model, errors) : std::nullopt;
  }
  if (!expanded) {
    error = errors.empty() ? "invalid compare document" : format_error(errors.front());
    return std::nullopt;
  }
  ParseResult parsed = parse_scenario(expanded->dump());
  if (!parsed.scenario) {
    error = parsed.errors.empty() ? "invalid scenario" : format_error(parsed.errors.front());
    return std::nullopt;
  }
  RunResult result = run(*parsed.scenario);
  if (result.outcome != Outcome::Completed) {
    error = std::string("the simulation ended with ") + to_string(result.outcome);
    return std::nullopt;
  }
  return result;
}

namespace {

Json workload_doc(const Json& machine, const Json& runtime, const Json& program, unsigned workers, Launch launch) {
  Json doc;
  doc["machine"] = machine;
  if (!runtime.is_null()) doc["runtime"] = runtime;
  Json w;
  w["as"] = launch == Launch::Thread ? "threads" : "processes";
  w["workers"] = workers;
  if (launch != Launch::Thread) w["start"] = launch == Launch::Fork ? "fork" : "spawn";
  w["program"] = program;
  doc["workload"] = w;
  return doc;
}

Json compute(double us) { return Json::array({Json{{"compute_us", us}}}); }

}  // namespace

SpeedupPrediction predict_split_speedup(const Json& machine, const Json& runtime, const Json& program_per_worker,
                                        const Json& program_one_worker, unsigned workers, Launch launch) {
  SpeedupPrediction p;
  const std::optional<RunResult> one = simulate(workload_doc(machine, runtime, program_one_worker, 1, Launch::Thread), p.error);
  if (!one) return p;
  const std::optional<RunResult> many = simulate(workload_doc(machine, runtime, program_per_worker, workers, launch), p.error);
  if (!many) return p;
  p.one_ns = one->metrics.makespan;
  p.many_ns = many->metrics.makespan;
  p.speedup = p.many_ns > 0 ? static_cast<double>(p.one_ns) / static_cast<double>(p.many_ns) : 0;
  return p;
}

SpeedupPrediction predict_kernel_speedup(const Json& machine, Nanos total_work_ns, unsigned workers, Launch launch) {
  const double total_us = static_cast<double>(total_work_ns) / 1000.0;
  const unsigned k = workers < 1 ? 1 : workers;
  // Whole nanoseconds, written as microseconds with three decimals (the parser reads them exactly).
  const double share_us = static_cast<double>(total_work_ns / k) / 1000.0;
  return predict_split_speedup(machine, Json(), compute(share_us), compute(total_us), k, launch);
}

Nanos predict_convoy_latency(unsigned cores, bool with_cpu, bool cpu_in_other_process, double sleep_us, int wakes,
                             std::string& error) {
  Json io_program = Json::array({Json{{"repeat", wakes},
                                      {"do", Json::array({Json{{"sleep_us", sleep_us}}, Json{{"compute_us", 10}}})}}});
  // The CPU thread outlasts every wake-up (each can cost a switch interval).
  Json cpu_program = compute((sleep_us + 10.0 + 6000.0) * wakes);
  Json doc;
  doc["machine"] = Json{{"profile", "python"}, {"cores", cores}};
  doc["runtime"] = Json{{"gil", true}};
  Json main_threads = Json::array({Json{{"name", "io"}, {"program", io_program}}});
  Json processes = Json::array();
  if (with_cpu && !cpu_in_other_process) main_threads.push_back(Json{{"name", "cpu"}, {"program", cpu_program}});
  processes.push_back(Json{{"name", "main"}, {"threads", main_threads}});
  if (with_cpu && cpu_in_other_process)
    processes.push_back(Json{{"name", "cpu"}, {"threads", Json::array({Json{{"name", "cpu"}, {"program", cpu_program}}})}});
  doc["processes"] = processes;
  const std::optional<RunResult> r = simulate(doc, error);
  if (!r || r->metrics.threads.empty()) return -1;
  return r->metrics.threads[0].wakeup_latency.mean;  // "io" is the first thread
}

IncrementPrediction predict_increments(unsigned cores, unsigned threads, std::int64_t per_thread) {
  IncrementPrediction p;
  p.expected = static_cast<std::int64_t>(threads) * per_thread;
  for (int locked = 0; locked < 2; ++locked) {
    Json body = locked ? Json::array({Json{{"lock", "m"}}, Json{{"increment", "counter"}}, Json{{"unlock", "m"}}})
                       : Json::array({Json{{"increment", "counter"}}});
    Json ts = Json::array();
    for (unsigned t = 0; t < threads; ++t) {
      std::string name = "t";  // appended, not "t" + ...: GCC 12 warns falsely (-Wrestrict) on that form
      name += std::to_string(t);
      ts.push_back(Json{{"name", name}, {"program", Json::array({Json{{"repeat", per_thread}, {"do", body}}})}});
    }
    Json doc;
    doc["machine"] = Json{{"profile", "python"}, {"cores", cores}};
    doc["runtime"] = Json{{"gil", true}};
    doc["processes"] = Json::array({Json{{"name", "main"}, {"shared", Json{{"counter", 0}}}, {"threads", ts}}});
    const std::optional<RunResult> r = simulate(doc, p.error);
    if (!r || r->final_vars.empty() || r->final_vars[0].empty()) return p;
    (locked ? p.with_lock : p.without_lock) = r->final_vars[0][0];
  }
  return p;
}

}  // namespace tl::lab
