// Internal helpers of the scenario parser (json.cpp, steps.cpp): the JSON
// document type, error collection with JSON paths, and typed field readers that report the
// field and the reason instead of throwing.
#pragma once
#include "sim/core/format.h"  // quote_name, append_shown
#include "sim/scenario/scenario.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tl::detail {

// Object keys keep document order so that errors come out in document order too.
using Json = nlohmann::ordered_json;

inline constexpr std::int64_t kMaxTimeUs = 1'000'000'000'000;  // ~11.6 simulated days
inline constexpr std::uint32_t kMaxCores = 256;
inline constexpr std::size_t kMaxThreads = 100'000;  // all processes together
inline constexpr std::size_t kMaxTasks = 100'000;    // asyncio tasks, all event loops together
inline constexpr std::int64_t kMaxRepeat = 1'000'000'000;
inline constexpr int kMaxNesting = 16;                    // repeat inside repeat ...
inline constexpr std::size_t kMaxJsonValues = 4'000'000;  // bounds the DOM's memory
inline constexpr std::size_t kMaxJsonDepth = 128;         // arrays/objects; programs need ~40
inline constexpr std::size_t kMaxObjectKeys = 10'000;     // per object (ordered: linear lookup)
inline constexpr std::uint64_t kMaxEventsCap = 100'000'000'000ull;

class Errors {
 public:
  void add(std::string path, std::string message) { list_.push_back({std::move(path), std::move(message)}); }
  std::size_t count() const { return list_.size(); }
  std::vector<ScenarioError> take() { return std::move(list_); }

 private:
  std::vector<ScenarioError> list_;
};

std::string key_path(const std::string& parent, std::string_view key);  // "a.b"
std::string index_path(const std::string& parent, std::size_t index);   // "a[3]"
const char* type_name(const Json& v);

// Parses JSON text without exceptions. Syntax errors and duplicate object keys go to `errors`;
// returns nullopt when the text is not JSON at all.
std::optional<Json> parse_json(std::string_view text, Errors& errors);

// Reports every key of `object` not in `allowed`.
void check_keys(const Json& object, const std::string& path, std::initializer_list<std::string_view> allowed,
                Errors& errors);

// Typed readers: nullopt after reporting an error at `path`.
std::optional<TimeNs> read_time_us(const Json& v, const std::string& path, Errors& errors);
std::optional<std::int64_t> read_int(const Json& v, const std::string& path, std::int64_t min,
                                     std::int64_t max, Errors& errors);
std::optional<std::uint64_t> read_uint64(const Json& v, const std::string& path, Errors& errors);
std::optional<bool> read_bool(const Json& v, const std::string& path, Errors& errors);
std::optional<std::string> read_name(const Json& v, const std::string& path, Errors& errors);

// Microseconds written in decimal -> nanoseconds, rounded to nearest (ties to even), exactly:
// the decimal digits are used, not a binary product. nullopt if negative or > kMaxTimeUs.
std::optional<TimeNs> us_text_to_ns(std::string_view decimal);

// A step naming a thread, process or channel that may be declared later in the document:
// resolved once every process has been read (resolve_references, steps.cpp).
struct PendingRef {
  OpKind kind;
  std::string name;
  std::string path;        // of the name, e.g. "processes[0].threads[0].program[1].fork"
  ThreadId thread = 0;     // the thread whose program holds the step
  std::uint32_t op = 0;    // index of the op in that program
  std::uint64_t mult = 1;  // how many times the step runs
};

// A "shared_memory" entry as read before the processes: its process names are resolved to ids
// afterwards (resolve_shared_memory), but write steps already check them by name.
struct SharedMemoryDecl {
  std::string name;
  std::uint32_t kb = 0;
  std::vector<std::string> processes;      // names as written
  std::vector<std::string> process_paths;  // "shared_memory[0].processes[1]"
  std::string path;                        // "shared_memory[0]"
};

// The programs of one process being compiled (steps.cpp).
struct ProcessBuild {
  ProcessSpec* process;
  std::string process_path;                                      // "processes[0]"
  std::map<std::string, std::uint32_t> var_ids;                  // lookup only: ids are declaration order
  std::map<std::string, std::uint32_t> mutex_ids;                // lookup only: ids are first-use order
  const CostProfile* costs = nullptr;                            // region sizes for write steps
  std::vector<PendingRef>* refs = nullptr;                       // names resolved after all processes
  ThreadId thread = 0;                                           // id the thread being compiled will get
  const std::vector<SharedMemoryDecl>* shared_memory = nullptr;  // for write steps to "shared"
  std::uint32_t compute_permille = 1000;                         // Python code's speed (free-threaded: slower)
  std::uint32_t working_set_kb = 0;                              // the process's default for its threads
  Scenario* scenario = nullptr;                                  // event_loop steps add loops and tasks to it
};

// Fills in the ops of every PendingRef and checks lifetime rules: each forked/spawned process
// and each created thread is started by exactly one step that runs once.
void resolve_references(Scenario& sc, const std::vector<PendingRef>& refs, Errors& errors);
// Compiles a thread's "program" into spec.program / spec.op_paths, checks lock use statically,
// and returns the number of ops it will execute (saturating).
std::uint64_t compile_program(const Json& program, const std::string& path, ProcessBuild& build,
                              ThreadSpec& spec, Errors& errors);

}  // namespace tl::detail
