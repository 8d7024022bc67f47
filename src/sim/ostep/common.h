// Shared pieces of the OSTEP homework adapters (scheduler.py, process-run.py, mlfq.py): the
// time unit, an optparse-like flag reader, checked number parsing, exact decimal printing and
// the seeded generator used for random job lists.
//
// The adapters translate the tools' flags into a tl::Scenario, run the engine and read the
// numbers back from its trace and metrics; none of them schedules anything itself.
//
// [SECTION] Units and results
// [SECTION] Flags
// [SECTION] Numbers and text
// [SECTION] Random job lists
#pragma once
#include "sim/engine/engine.h"
#include "sim/scenario/scenario.h"
#include "sim/core/types.h"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tl::ostep {

// ---------------------------------------------------------------------------------------------
// [SECTION] Units and results
// ---------------------------------------------------------------------------------------------
// One OSTEP time unit (a scheduler.py "sec", a process-run.py or mlfq.py tick) in engine ns.
// scheduler.py lengths are floats; with 1 unit = 1e6 ns every length written with up to six
// decimals is an exact integer number of ns.
inline constexpr TimeNs kUnitNs = 1'000'000;

// The machine all three tools assume: one CPU, and switching, locking free (they model no
// costs). Each adapter adds its policy and jobs.
Scenario single_cpu_without_costs();

// printf-style formatting appended to `out`, for the tools' fixed-format lines (one line at a
// time: 256 characters is plenty).
template <class... Args>
void appendf(std::string& out, const char* fmt, Args... args) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, args...);
  out += buf;
}

// Runs an adapter's scenario; anything but a completed run is a bug in the adapter's limits
// (they are sized so every valid job list completes), reported as an internal error.
RunResult run_to_completion(const Scenario& scenario);

// Caps that keep a typo from turning into an hour-long run or an out-of-memory.
inline constexpr std::int64_t kMaxJobs = 1000;
inline constexpr std::int64_t kMaxUnits = 1'000'000;       // any single length, time or period
inline constexpr std::int64_t kMaxDispatches = 1'000'000;  // slices or ticks of one run: each
                                                           // becomes trace spans and output lines

template <class T>
struct Parsed {
  std::optional<T> options;
  std::string error;  // set iff !options: "FLAG: reason", without the "error: " prefix
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Flags
// ---------------------------------------------------------------------------------------------
// The tools use Python's optparse/argparse, so we accept the same spellings: "-q 2", "-q2",
// "--quantum 2", "--quantum=2", clustered switches ("-cp") and unambiguous long prefixes
// ("--quant=2").
struct FlagSpec {
  char short_name;        // 0: long form only
  const char* long_name;  // without "--"
  bool takes_value;
  int id;
};

struct FlagValue {
  int id;
  std::string value;    // "" for switches
  std::string spelled;  // "-q/--quantum", for messages
};

struct FlagParse {
  std::vector<FlagValue> values;  // command-line order; later repeats override earlier ones
  std::string error;              // non-empty: the first problem found
};

FlagParse parse_flags(std::span<const FlagSpec> specs, std::span<const std::string> args);

// ---------------------------------------------------------------------------------------------
// [SECTION] Numbers and text
// ---------------------------------------------------------------------------------------------
// Optional sign and decimal digits only, within [min, max]. On failure returns a reason such as
// "expected an integer, got 'x'" or "must be between 1 and 1000000, got 0".
std::optional<std::string> parse_int(std::string_view text, std::int64_t min, std::int64_t max,
                                     std::int64_t& out);

// A non-negative decimal with at most `max_decimals` digits after the point, scaled to an
// integer: parse_scaled("2.5", 6, ...) gives 2'500'000.
std::optional<std::string> parse_scaled(std::string_view text, int max_decimals,
                                        std::int64_t max_whole, std::int64_t& out);

// value / 10^decimals written exactly, trailing zeros dropped: (2500000, 6) -> "2.5",
// (3000000, 6) -> "3". Used wherever a number must print the same on every platform.
std::string format_scaled(std::int64_t value, int decimals);

// Python's str(float) for a value that is an exact number of 1e-6: "5.0", "2.5", "0.125".
std::string python_float_str(std::int64_t micros);

// printf("%.2f"): correctly rounded on IEEE doubles by glibc and by Emscripten's musl alike,
// which is what Python's '%.2f' does too (exact ties round to even: 70.125 -> "70.12").
std::string fixed2(double value);

std::vector<std::string> split(std::string_view text, char separator);

// ---------------------------------------------------------------------------------------------
// [SECTION] Random job lists
// ---------------------------------------------------------------------------------------------
// The tools draw random jobs from Python's Mersenne Twister; we do not reproduce it. Random
// lists come from this small seeded generator instead, and every adapter says so in its output.
struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next();
  // Uniform integer in [lo, hi] (hi >= lo; modulo bias is irrelevant at these sizes).
  std::int64_t between(std::int64_t lo, std::int64_t hi);
};

inline constexpr const char* kRandomNote =
    "NOTE: random jobs come from threadlab's own seeded generator, not Python's, so they differ "
    "from the original tool's for the same seed; give an explicit job list to compare.";

}  // namespace tl::ostep
