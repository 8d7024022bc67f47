#include "sim/scenario/compare.h"

#include "sim/scenario/reader.h"

#include <string>

namespace tl {

using Json = nlohmann::ordered_json;

const char* to_string(WorkerModel model) {
  return model == WorkerModel::Threads ? "threads" : "processes";
}

std::optional<WorkerModel> worker_model(std::string_view name) {
  if (name == "threads") return WorkerModel::Threads;
  if (name == "processes") return WorkerModel::Processes;
  return std::nullopt;
}

bool is_compare_document(const Json& doc) { return doc.is_object() && doc.contains("workload"); }

namespace {

void add(std::vector<ScenarioError>& errors, std::string path, std::string message) {
  errors.push_back({std::move(path), std::move(message)});
}

std::string worker_name(std::uint32_t i) { return "worker" + std::to_string(i + 1); }

}  // namespace

std::optional<WorkerModel> compare_model(const Json& doc, std::vector<ScenarioError>& errors) {
  const Json* as = doc.is_object() && doc.contains("workload") && doc["workload"].is_object() &&
                           doc["workload"].contains("as")
                       ? &doc["workload"]["as"]
                       : nullptr;
  if (!as) return WorkerModel::Threads;
  if (as->is_string())
    if (auto m = worker_model(as->get_ref<const std::string&>())) return m;
  add(errors, "workload.as", "expected \"threads\" or \"processes\"");
  return std::nullopt;
}

std::optional<Json> expand_compare(const Json& doc, WorkerModel as, std::vector<ScenarioError>& errors) {
  const std::size_t before = errors.size();
  if (!doc.is_object() || !doc.contains("workload")) {
    add(errors, "", "not a compare document: expected an object with \"workload\"");
    return std::nullopt;
  }
  if (doc.contains("processes")) add(errors, "processes", "a compare document has a \"workload\" instead");
  const Json& w = doc["workload"];
  if (!w.is_object()) {
    add(errors, "workload", std::string("expected an object, got ") + w.type_name());
    return std::nullopt;
  }
  for (const auto& [key, value] : w.items())
    if (key != "as" && key != "workers" && key != "start" && key != "shared" && key != "program")
      add(errors, detail::key_path("workload", key),
          "unknown field " + quote_name(key) + " (expected as, workers, start, shared or program)");
  compare_model(doc, errors);  // a bad "as" is an error even when the caller overrides it

  std::uint32_t workers = 0;
  if (!w.contains("workers")) {
    add(errors, "workload", "missing field 'workers'");
  } else if (const Json& n = w["workers"]; !n.is_number_integer() || n.get<std::int64_t>() < 1 ||
                                           n.get<std::int64_t>() > kMaxWorkers) {
    add(errors, "workload.workers", "expected a whole number 1 .. " + std::to_string(kMaxWorkers));
  } else {
    workers = static_cast<std::uint32_t>(n.get<std::int64_t>());
  }
  std::string start = "fork";
  if (w.contains("start")) {
    const Json& s = w["start"];
    if (s.is_string() && (s == "fork" || s == "spawn")) start = s.get<std::string>();
    else add(errors, "workload.start", "expected \"fork\" or \"spawn\"");
  }
  if (!w.contains("program")) add(errors, "workload", "missing field 'program'");
  else if (!w["program"].is_array()) add(errors, "workload.program", "expected an array of steps");
  if (w.contains("shared") && !w["shared"].is_object()) add(errors, "workload.shared", "expected an object");
  if (errors.size() != before) return std::nullopt;

  // Everything but the workload passes through, in document order.
  Json out = Json::object();
  for (const auto& [key, value] : doc.items())
    if (key != "workload") out[key] = value;
  const Json program = w["program"];
  const Json shared = w.contains("shared") ? w["shared"] : Json::object();

  Json main_program = Json::array();
  Json processes = Json::array();
  if (as == WorkerModel::Threads) {
    Json threads = Json::array();
    for (std::uint32_t i = 0; i < workers; ++i) main_program.push_back({{"create", worker_name(i)}});
    for (std::uint32_t i = 0; i < workers; ++i) main_program.push_back({{"join", worker_name(i)}});
    threads.push_back({{"name", "main"}, {"program", main_program}});
    for (std::uint32_t i = 0; i < workers; ++i)
      threads.push_back({{"name", worker_name(i)}, {"start", "created"}, {"program", program}});
    processes.push_back({{"name", "main"}, {"shared", shared}, {"threads", threads}});
  } else {
    for (std::uint32_t i = 0; i < workers; ++i) main_program.push_back({{start, worker_name(i)}});
    for (std::uint32_t i = 0; i < workers; ++i) main_program.push_back({{"wait", worker_name(i)}});
    processes.push_back({{"name", "main"}, {"shared", shared}, {"threads", Json::array({{{"name", "main"}, {"program", main_program}}})}});
    for (std::uint32_t i = 0; i < workers; ++i)
      processes.push_back({{"name", worker_name(i)}, {"start", start}, {"shared", shared}, {"threads", Json::array({{{"name", "main"}, {"program", program}}})}});
  }
  out["processes"] = std::move(processes);
  return out;
}

}  // namespace tl
