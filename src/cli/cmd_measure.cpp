// `threadlab-cli measure [--json] [--quick] [--profile-out FILE] [--python PATH] [--max-workers N]`:
// measures this machine (src/lab) and prints every figure beside the simulator's prediction;
// --profile-out writes the machine profile a scenario can use ("profile": "FILE"). A progress
// bar goes to stderr. `measure --child ...` is the hidden entry a spawned worker runs.
// Native Linux only: the web build has no fork, futex or /proc, and says so.
#include "cli/commands.h"

#include "sim/core/format.h"
#include <ostream>

#ifdef TL_HAS_LAB
#include "lab/measure.h"

#include <cstdio>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <unistd.h>
#endif

namespace tl::cli {

#ifndef TL_HAS_LAB

int cmd_measure(std::span<const std::string>, Streams io) {
  io.err << "error: measure is not available in this build (it needs a native Linux build: fork, futexes and "
            "/proc); run build/native/threadlab-cli measure\n";
  return kExitBadInput;
}

#else

namespace {

using Json = nlohmann::ordered_json;

struct MeasureArgs {
  bool json = false, quick = false, no_python = false;
  std::string profile_out, python;
  unsigned max_workers = 0;
};

// A bar redrawn in place on a terminal; elsewhere (a log, CI) one line per new stage.
class ProgressBar {
 public:
  explicit ProgressBar(std::ostream& err) : err_(err), tty_(isatty(STDERR_FILENO) == 1) {}
  void operator()(std::string_view stage, double fraction) {
    const int percent = static_cast<int>(fraction * 100.0 + 0.5);
    if (tty_) {
      const int filled = percent * 30 / 100;
      err_ << "\r[" << std::string(static_cast<std::size_t>(filled), '#') << std::string(static_cast<std::size_t>(30 - filled), '.')
           << "] " << std::setw(3) << percent << "% " << std::left << std::setw(44) << stage.substr(0, 44) << std::right
           << std::flush;
    } else if (stage != last_) {
      err_ << "measure: " << std::setw(3) << percent << "% " << stage << "\n"
           << std::flush;
    }
    last_ = std::string(stage);
  }
  void finish() {
    if (tty_) err_ << "\r" << std::string(84, ' ') << "\r" << std::flush;
  }

 private:
  std::ostream& err_;
  bool tty_;
  std::string last_;
};

std::string fixed(double v, int decimals) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(decimals) << v;
  return s.str();
}

double num(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
}

void print_table(const Json& j, std::ostream& out) {
  const Json& t = j["topology"];
  out << "machine: " << t["usable_cpus"].get<unsigned>() << " usable cpus of " << t["logical_cpus"].get<unsigned>()
      << " online, " << t["physical_cores"].get<unsigned>() << " physical cores, "
      << (t["smt"].get<bool>() ? "SMT " + std::to_string(t["threads_per_core"].get<unsigned>()) + " threads per core"
                               : std::string("no SMT"))
      << " (" << t["source"].get<std::string>() << ")\n";
  out << "CPU kernel: " << j["kernel"]["iterations"].get<std::uint64_t>() << " iterations, "
      << fixed(num(j["kernel"], "single_thread_ms"), 1) << " ms on one thread\n\n";

  out << "speedup: the same work split over N workers, measured (simulated with the measured profile)\n";
  out << "workers";
  for (const auto& [name, curve] : j["speedup"].items()) out << "  " << std::left << std::setw(16) << name << std::right;
  out << "\n";
  std::size_t rows = 0;
  for (const auto& [name, curve] : j["speedup"].items()) rows = std::max(rows, curve["points"].size());
  for (std::size_t i = 0; i < rows; ++i) {
    out << std::setw(7) << i + 1;
    for (const auto& [name, curve] : j["speedup"].items()) {
      std::string cell = "-";
      if (i < curve["points"].size()) {
        const Json& p = curve["points"][i];
        cell = fixed(num(p, "speedup"), 2) + "x";
        if (p.contains("predicted_speedup")) cell += " (" + fixed(num(p, "predicted_speedup"), 2) + "x)";
      }
      out << "  " << std::left << std::setw(16) << cell << std::right;
    }
    out << "\n";
  }

  for (const auto& [name, curve] : j["speedup"].items()) {
    const double others = num(curve, "others_cpus");
    if (others >= 0.3)
      out << "note: other programs kept " << fixed(others, 1) << " cpus busy while the " << name
          << " curve ran: the measured speedups understate what this machine does when idle\n";
  }

  const Json& c = j["creation_us"];
  const double thread = num(c, "thread");
  out << "\ncreation (create and join an empty worker)\n";
  for (const char* k : {"thread", "fork", "spawn"}) {
    out << "  " << std::left << std::setw(8) << k << std::right << std::setw(12) << fixed(num(c, k), 1) << " us";
    if (thread > 0 && std::string(k) != "thread") out << "   " << fixed(num(c, k) / thread, 0) << "x a thread";
    out << "\n";
  }

  out << "\nping-pong (one way = round trip / 2; same-cpu: a switch per hand-over, two-cpus: a cross-core wake-up)\n";
  for (const Json& p : j["pingpong"]) {
    out << "  " << std::left << std::setw(28) << p["case"].get<std::string>() << std::right;
    if (p.contains("skipped")) out << "   skipped: " << p["skipped"].get<std::string>() << "\n";
    else out << std::setw(10) << fixed(num(p, "one_way_us"), 2) << " us\n";
  }

  out << "\npipe between two processes, by message size\n";
  for (const Json& b : j["pipe_bandwidth"])
    out << "  " << std::left << std::setw(8) << format_byte_size(b["message_bytes"].get<std::size_t>()) << std::right << std::setw(10)
        << fixed(num(b, "mb_per_s"), 0) << " MB/s  " << std::setw(10) << fixed(num(b, "per_message_us"), 2)
        << " us per message\n";

  const Json& cow = j["cow_fault"];
  out << "\ncopy-on-write after fork: " << fixed(num(cow, "per_page_us"), 2) << " us per " << cow["page_bytes"].get<std::size_t>()
      << "-byte page (" << fixed(num(cow, "private_write_us") * 1000.0, 0) << " ns once the page is private)\n";
  out << "uncontended mutex lock + unlock: " << j["lock_pair_ns"].get<long long>() << " ns\n";

  const Json& py = j["python"];
  out << "\nCPython: ";
  if (!py["available"].get<bool>()) {
    out << "skipped (" << py.value("skipped", std::string()) << ")\n";
  } else {
    out << py.value("version", std::string("?")) << " (" << py["python"].get<std::string>()
        << "), measured vs simulated with the python profile and the GIL\n";
    for (const auto& [name, row] : py["programs"].items()) {
      const Json& m = row["measured"];
      const Json& s = row["predicted"];
      if (row.contains("error")) {
        out << "  " << name << ": " << row["error"].get<std::string>() << "\n";
        continue;
      }
      if (name == "cpu_bound" || name == "io_bound") {
        const std::string what = name == "cpu_bound" ? "CPU-bound" : "I/O-bound (sleep)";
        const std::string w = std::to_string(static_cast<int>(num(m, "workers")));
        out << "  " << what << ", " << w << " threads:   speedup " << fixed(num(m, "threads_speedup"), 2) << "x (sim "
            << fixed(num(s, "threads_speedup"), 2) << "x)\n";
        out << "  " << what << ", " << w << " processes: speedup " << fixed(num(m, "processes_speedup"), 2) << "x (sim "
            << fixed(num(s, "processes_speedup"), 2) << "x)\n";
      } else if (name == "convoy") {
        // Means, as the simulator's wake-up latency is a mean (the JSON has the medians too).
        out << "  1 ms sleeper, mean latency per wake: alone " << fixed(num(m, "alone_mean_ms"), 2) << " ms (sim "
            << fixed(num(s, "alone_latency_ms"), 2) << "), beside a CPU thread " << fixed(num(m, "beside_cpu_thread_mean_ms"), 2)
            << " ms (sim " << fixed(num(s, "beside_cpu_thread_latency_ms"), 2) << "), beside a CPU process "
            << fixed(num(m, "beside_cpu_process_mean_ms"), 2) << " ms (sim " << fixed(num(s, "beside_cpu_process_latency_ms"), 2)
            << ")\n";
      } else if (name == "increment") {
        out << "  += from " << static_cast<int>(num(m, "threads")) << " threads: lost without a lock "
            << static_cast<long long>(num(m, "lost_without_lock")) << " of " << static_cast<long long>(num(m, "expected"))
            << " (sim " << static_cast<long long>(num(s, "lost_without_lock")) << "), with a Lock "
            << static_cast<long long>(num(m, "lost_with_lock")) << " (sim " << static_cast<long long>(num(s, "lost_with_lock"))
            << ")\n";
      }
    }
    if (py.contains("increment_verdict")) out << "  " << py["increment_verdict"].get<std::string>() << "\n";
  }
  for (const Json& e : j["errors"]) out << "warning: " << e.get<std::string>() << "\n";
}

}  // namespace

int cmd_measure(std::span<const std::string> args, Streams io) {
  if (!args.empty() && args[0] == "--child") {  // a spawned worker: no output, just the work
    std::string error;
    const int code = lab::child_main(args.subspan(1), error);
    if (code != 0) io.err << "error: measure " << error << "\n";
    return code;
  }
  MeasureArgs a;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& f = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    if (f == "--json") a.json = true;
    else if (f == "--quick") a.quick = true;
    else if (f == "--no-python") a.no_python = true;
    else if (f == "--profile-out") {
      if (!value(a.profile_out) || a.profile_out.empty()) {
        io.err << "error: --profile-out needs a FILE\n";
        return kExitBadInput;
      }
    } else if (f == "--python") {
      if (!value(a.python) || a.python.empty()) {
        io.err << "error: --python needs a PATH\n";
        return kExitBadInput;
      }
    } else if (f == "--max-workers") {
      std::string v;
      if (!value(v)) {
        io.err << "error: --max-workers needs a number 1..64\n";
        return kExitBadInput;
      }
      char* end = nullptr;
      const long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || n < 1 || n > 64) {
        io.err << "error: --max-workers: " << tl::quote_name(v) << " is not a number in 1..64\n";
        return kExitBadInput;
      }
      a.max_workers = static_cast<unsigned>(n);
    } else {
      io.err << "error: unknown flag " << tl::quote_name(f)
             << " (measure takes --json, --quick, --profile-out FILE, --python PATH, --max-workers N, --no-python)\n";
      return kExitBadInput;
    }
  }
  if (!a.python.empty() && lab::find_python(a.python).empty()) {
    io.err << "error: --python: " << tl::quote_name(a.python) << " is not an executable (nor a name on PATH)\n";
    return kExitBadInput;
  }
  std::ofstream profile_file;
  if (!a.profile_out.empty()) {  // opened first, so a bad path fails before a minute of measuring
    profile_file.open(a.profile_out, std::ios::binary | std::ios::trunc);
    if (!profile_file) {
      io.err << "error: --profile-out: " << a.profile_out << ": cannot open for writing\n";
      return kExitBadInput;
    }
  }
  lab::MeasureOptions options;
  options.quick = a.quick;
  options.max_workers = a.max_workers;
  options.python = !a.no_python;
  options.python_path = a.python;
  ProgressBar bar(io.err);
  const lab::Report report = lab::run_measurements(options, [&](std::string_view s, double f) { bar(s, f); });
  bar.finish();
  const Json j = lab::report_json(report);
  if (a.json) io.out << j.dump(2) << "\n";
  else print_table(j, io.out);
  if (profile_file.is_open()) {
    profile_file << j["profile"].dump(2) << "\n";
    profile_file.close();
    if (!profile_file) {
      io.err << "error: --profile-out: " << a.profile_out << ": write failed\n";
      return kExitInternal;
    }
    if (!a.json) io.out << "\nprofile written to " << a.profile_out << " (use it as \"machine\": {\"profile\": \""
                        << a.profile_out << "\"})\n";
  }
  return kExitOk;
}

#endif

}  // namespace tl::cli
