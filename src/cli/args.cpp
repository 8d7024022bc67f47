// Argument lists of run, compare and sweep (commands.h). Pure: no files are opened here, so a
// fuzzer can feed any words.
#include "cli/commands.h"

#include "sim/core/format.h"
#include <charconv>
#include <string_view>

namespace tl::cli {

namespace {

// One whole number 1 .. 256 and nothing else (sscanf's %u would wrap 4294967297 to 1).
bool parse_core_count(std::string_view s, std::uint32_t& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && out >= 1 && out <= 256;
}

// "A..B" or "N", 1 .. 256 (the engine's core range).
bool parse_cores(std::string_view s, std::vector<std::uint32_t>& out) {
  std::uint32_t a = 0, b = 0;
  const std::size_t dots = s.find("..");
  if (dots == std::string_view::npos) {
    if (!parse_core_count(s, a)) return false;
    out.push_back(a);
    return true;
  }
  if (!parse_core_count(s.substr(0, dots), a) || !parse_core_count(s.substr(dots + 2), b) || b < a) return false;
  for (std::uint32_t c = a; c <= b; ++c) out.push_back(c);
  return true;
}

}  // namespace

std::string parse_run_args(std::span<const std::string> args, RunArgs& out) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") {
      out.json = true;
    } else if (a == "--trace-out") {
      if (i + 1 >= args.size()) return "--trace-out: needs a file name";
      out.trace_out = args[++i];
    } else if (a.rfind("--trace-out=", 0) == 0) {
      out.trace_out = a.substr(12);
      if (out.trace_out.empty()) return "--trace-out: needs a file name";
    } else if (a.size() > 1 && a[0] == '-') {
      return "unknown flag " + tl::quote_name(a) + " (run takes FILE, --json, --trace-out OUT.json)";
    } else if (out.file.empty()) {
      out.file = a;
    } else {
      return "unexpected argument " + tl::quote_name(a) + " (run takes one FILE)";
    }
  }
  if (out.file.empty()) return "run: missing scenario FILE";
  return "";
}

std::string parse_compare_args(std::span<const std::string> args, CompareArgs& out) {
  for (const std::string& a : args) {
    if (a == "--json") out.json = true;
    else if (!a.empty() && a[0] == '-') return "unknown flag " + tl::quote_name(a) + " (compare takes FILE, --json)";
    else if (out.file.empty()) out.file = a;
    else return "compare takes one FILE";
  }
  if (out.file.empty()) return "compare needs a FILE";
  return "";
}

std::string parse_sweep_args(std::span<const std::string> args, SweepArgs& out) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") out.json = true;
    else if (a == "--cores") {
      // Once: repeating it would stack core counts into a grid of any size.
      if (!out.cores.empty()) return "--cores: given more than once (one A..B range or one N)";
      if (i + 1 >= args.size() || !parse_cores(args[++i], out.cores))
        return "--cores: expected A..B or N, 1 .. 256";
    } else if (!a.empty() && a[0] == '-') return "unknown flag " + tl::quote_name(a) + " (sweep takes FILE, --cores A..B, --json)";
    else if (out.file.empty()) out.file = a;
    else return "sweep takes one FILE";
  }
  if (out.file.empty()) return "sweep needs a FILE";
  if (out.cores.empty())
    for (std::uint32_t c = 1; c <= 16; ++c) out.cores.push_back(c);
  return "";
}

}  // namespace tl::cli
