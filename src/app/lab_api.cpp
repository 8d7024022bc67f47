#include "app/lab_api.h"

#include "lab/kernel_threads.h"
#include "lab/predict.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace {

using Json = nlohmann::ordered_json;

// A page without pthreads (the single variant) cannot start a thread: it says so instead of
// aborting in std::thread.
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
constexpr bool kHasThreads = false;
#else
constexpr bool kHasThreads = true;
#endif

tl::lab::KernelThreads& kernel_threads() {
  static tl::lab::KernelThreads threads;
  return threads;
}

double ms(tl::lab::Nanos ns) { return static_cast<double>(ns) / 1e6; }

}  // namespace

TL_EXPORT int tl_lab_threads_start(double iterations, int workers) {
  if (!kHasThreads) {
    std::fprintf(stderr, "tl_lab_threads_start: this build has no threads (measure with Web Workers)\n");
    return 0;
  }
  if (!(iterations >= 1 && iterations <= 9.0e15)) {
    std::fprintf(stderr, "tl_lab_threads_start: iterations must be 1 to 9e15, got %g\n", iterations);
    return 0;
  }
  std::string error;
  if (!kernel_threads().start(static_cast<std::uint64_t>(iterations), workers < 0 ? 0u : unsigned(workers), error)) {
    std::fprintf(stderr, "tl_lab_threads_start: %s\n", error.c_str());
    return 0;
  }
  return 1;
}

TL_EXPORT const char* tl_lab_threads_poll() {
  static std::string text;
  Json j;
  if (!kHasThreads) {
    j["state"] = "unavailable";
  } else {
    const tl::lab::KernelThreadsStatus s = kernel_threads().poll();
    using State = tl::lab::KernelThreadsStatus::State;
    j["state"] = s.state == State::Idle ? "idle" : s.state == State::Running ? "running" : "done";
    j["workers"] = s.workers;
    j["ready"] = s.ready;
    if (s.state == State::Done) {
      j["elapsed_ms"] = ms(s.elapsed_ns);
      Json per = Json::array();
      for (tl::lab::Nanos t : s.per_worker_ns) per.push_back(ms(t));
      j["per_worker_ms"] = per;
    }
  }
  text = j.dump();
  return text.c_str();
}

TL_EXPORT const char* tl_lab_predict_json(double work_ms, int workers, const char* as, int cores) {
  static std::string text;
  Json j;
  const std::string kind = as != nullptr ? as : "";
  if (!(work_ms > 0 && work_ms <= 3.6e6)) j["error"] = "work_ms must be above 0 and at most an hour";
  else if (workers < 1 || workers > 1024) j["error"] = "workers must be 1 to 1024";
  else if (cores < 1 || cores > 256) j["error"] = "cores must be 1 to 256";
  else if (kind != "threads" && kind != "processes") j["error"] = "as must be \"threads\" or \"processes\"";
  if (!j.contains("error")) {
    const Json machine{{"profile", "native"}, {"cores", cores}};
    const tl::lab::SpeedupPrediction p =
        tl::lab::predict_kernel_speedup(machine, static_cast<tl::lab::Nanos>(work_ms * 1e6), unsigned(workers),
                                        kind == "threads" ? tl::lab::Launch::Thread : tl::lab::Launch::Spawn);
    if (!p.error.empty()) j["error"] = p.error;
    else {
      j["speedup"] = p.speedup;
      j["one_ms"] = ms(p.one_ns);
      j["many_ms"] = ms(p.many_ns);
      j["profile"] = "native";
      j["cores"] = cores;
      j["as"] = kind;
    }
  }
  text = j.dump();
  return text.c_str();
}
