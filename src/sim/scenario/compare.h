// The compare shorthand: one workload, run "as" threads of one process or as processes, with
// N workers. A compare document is a scenario document whose "processes" are replaced by a
// "workload"; expand_compare() turns it into an ordinary scenario document for one model, so
// the parser, the engine and every front end need nothing special for it:
//
//   {"machine": {...}, "runtime": {...}, "scheduler": {...},
//    "workload": {"as": "threads", "workers": 4, "start": "fork",
//                 "shared": {"n": 0}, "program": [ ...steps... ]}}
//
// as threads:   process "main": thread "main" creates worker1..N, then joins them; worker
//               threads (declared "start": "created") run the program and share "shared".
// as processes: process "main": thread "main" forks (or spawns) worker1..N, then waits for
//               them; each worker process has its own copy of "shared" (the lesson: updates
//               made in one process are not seen by the others).
// The creator pays each creation on its own timeline, so N workers start one after another.
//
// The expanded document uses the lifetime steps {"create": T}, {"join": T}, {"fork": P},
// {"spawn": P}, {"wait": P} and the thread/process field "start" (docs/scenario-format.md).
#pragma once
#include "sim/scenario/scenario.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace tl {

enum class WorkerModel : std::uint8_t { Threads,
                                        Processes };
const char* to_string(WorkerModel model);
std::optional<WorkerModel> worker_model(std::string_view name);  // "threads", "processes"

inline constexpr std::uint32_t kMaxWorkers = 1024;

bool is_compare_document(const nlohmann::ordered_json& doc);  // an object with "workload"

// The model the document asks for ("as"; threads if absent), or nullopt after an error.
std::optional<WorkerModel> compare_model(const nlohmann::ordered_json& doc, std::vector<ScenarioError>& errors);

// The scenario document for `as` (overriding the document's own "as"), or nullopt with every
// error found, each naming its JSON path ("workload.workers").
std::optional<nlohmann::ordered_json> expand_compare(const nlohmann::ordered_json& doc, WorkerModel as,
                                                     std::vector<ScenarioError>& errors);

}  // namespace tl
