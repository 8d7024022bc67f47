// The benchmark workload, shared by the Google Benchmark suite and the portable throughput
// program (which also runs as wasm under Node): many threads on many cores, mixing CPU bursts,
// I/O and lock contention, so every engine path is on the hot loop.
#pragma once
#include <cstdint>
#include <string>

namespace tl::bench {

struct LargeScenarioShape {
  int cores = 64;
  int processes = 32;
  int threads_per_proc = 125;  // 4000 threads in all
  int iterations = 100;        // per thread
  // A machine profile ("textbook", "python"; empty = the file default, native) and the GIL.
  // Left empty/off, the document is byte-for-byte the one of the engine's speed figures.
  std::string profile;
  bool gil = false;
};

inline std::string large_scenario_json(const LargeScenarioShape& s) {
  std::string j = "{\"seed\":7,\"machine\":{\"cores\":" + std::to_string(s.cores) +
                  (s.profile.empty() ? std::string() : ",\"profile\":\"" + s.profile + "\"") +
                  ",\"switch_us\":2},\"scheduler\":{\"policy\":\"rr\",\"quantum_us\":1000},";
  if (s.gil) j += "\"runtime\":{\"gil\":true},";
  j += "\"processes\":[";
  for (int p = 0; p < s.processes; ++p) {
    if (p) j += ',';
    j += "{\"name\":\"P" + std::to_string(p) + "\",\"shared\":{\"n\":0},\"threads\":[";
    for (int t = 0; t < s.threads_per_proc; ++t) {
      if (t) j += ',';
      // Burst lengths vary by thread so that events do not all coincide.
      const int burst = 40 + (p * 7 + t * 13) % 300;
      j += "{\"name\":\"t" + std::to_string(t) + "\",\"program\":[{\"repeat\":" +
           std::to_string(s.iterations) + ",\"do\":[{\"compute_us\":" + std::to_string(burst) +
           "},{\"io_us\":" + std::to_string(200 + (t % 5) * 50) +
           "},{\"lock\":\"m\"},{\"increment\":\"n\"},{\"unlock\":\"m\"}]}]}";
    }
    j += "]}";
  }
  j += "]}";
  return j;
}

}  // namespace tl::bench
