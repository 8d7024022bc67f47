#include "sim/ostep/common.h"

#include "sim/core/format.h"

#include <cstdio>
#include <stdexcept>

namespace tl::ostep {

// ---------------------------------------------------------------------------------------------
// [SECTION] Flags
// ---------------------------------------------------------------------------------------------
namespace {

std::string spelled(const FlagSpec& spec) {
  std::string s;
  if (spec.short_name) s += std::string("-") + spec.short_name;
  if (spec.short_name && spec.long_name) s += "/";
  if (spec.long_name) s += std::string("--") + spec.long_name;
  return s;
}

const FlagSpec* find_short(std::span<const FlagSpec> specs, char c) {
  for (const FlagSpec& spec : specs)
    if (spec.short_name == c) return &spec;
  return nullptr;
}

// Exact match first, then a unique prefix (optparse's abbreviation rule).
const FlagSpec* find_long(std::span<const FlagSpec> specs, std::string_view name,
                          std::string& error) {
  for (const FlagSpec& spec : specs)
    if (spec.long_name && name == spec.long_name) return &spec;
  const FlagSpec* found = nullptr;
  for (const FlagSpec& spec : specs) {
    if (!spec.long_name || name.empty()) continue;
    if (std::string_view(spec.long_name).substr(0, name.size()) != name) continue;
    if (found) {
      error = "ambiguous flag " + quote_name("--" + std::string(name));
      return nullptr;
    }
    found = &spec;
  }
  if (!found) error = "unknown flag " + quote_name("--" + std::string(name));
  return found;
}

}  // namespace

FlagParse parse_flags(std::span<const FlagSpec> specs, std::span<const std::string> args) {
  FlagParse out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() >= 2 && arg[0] == '-' && arg[1] == '-') {
      std::string_view body = std::string_view(arg).substr(2);
      std::size_t eq = body.find('=');
      std::string_view name = body.substr(0, eq);
      const FlagSpec* spec = find_long(specs, name, out.error);
      if (!spec) return out;
      FlagValue v{spec->id, "", spelled(*spec)};
      if (spec->takes_value) {
        if (eq != std::string_view::npos) {
          v.value = std::string(body.substr(eq + 1));
        } else if (i + 1 < args.size()) {
          v.value = args[++i];
        } else {
          out.error = v.spelled + ": needs a value";
          return out;
        }
      } else if (eq != std::string_view::npos) {
        out.error = v.spelled + ": takes no value";
        return out;
      }
      out.values.push_back(std::move(v));
    } else if (arg.size() >= 2 && arg[0] == '-') {
      for (std::size_t k = 1; k < arg.size(); ++k) {
        const FlagSpec* spec = find_short(specs, arg[k]);
        if (!spec) {
          out.error = "unknown flag " + quote_name(std::string("-") + arg[k]);
          return out;
        }
        FlagValue v{spec->id, "", spelled(*spec)};
        if (spec->takes_value) {
          if (k + 1 < arg.size()) {
            v.value = arg.substr(k + 1);
          } else if (i + 1 < args.size()) {
            v.value = args[++i];
          } else {
            out.error = v.spelled + ": needs a value";
            return out;
          }
          out.values.push_back(std::move(v));
          break;
        }
        out.values.push_back(std::move(v));
      }
    } else {
      out.error = "unexpected argument " + quote_name(arg);
      return out;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Numbers and text
// ---------------------------------------------------------------------------------------------
std::optional<std::string> parse_int(std::string_view text, std::int64_t min, std::int64_t max,
                                     std::int64_t& out) {
  std::string_view digits = text;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  if (digits.empty() || digits.size() > 18)
    return "expected an integer, got " + quote_name(text);
  std::int64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return "expected an integer, got " + quote_name(text);
    value = value * 10 + (c - '0');
  }
  if (negative) value = -value;
  if (value < min || value > max)
    return "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
           std::string(text);
  out = value;
  return std::nullopt;
}

std::optional<std::string> parse_scaled(std::string_view text, int max_decimals,
                                        std::int64_t max_whole, std::int64_t& out) {
  std::size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  auto bad = [&] {
    return "expected a non-negative number with at most " + std::to_string(max_decimals) +
           " decimals, got " + quote_name(text);
  };
  if ((whole.empty() && frac.empty()) || whole.size() > 12 ||
      static_cast<int>(frac.size()) > max_decimals)
    return bad();
  std::int64_t w = 0, f = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return bad();
    w = w * 10 + (c - '0');
  }
  for (int k = 0; k < max_decimals; ++k) {
    char c = k < static_cast<int>(frac.size()) ? frac[k] : '0';
    if (c < '0' || c > '9') return bad();
    f = f * 10 + (c - '0');
  }
  if (w > max_whole)
    return "must be at most " + std::to_string(max_whole) + ", got " + std::string(text);
  std::int64_t scale = 1;
  for (int k = 0; k < max_decimals; ++k) scale *= 10;
  out = w * scale + f;
  return std::nullopt;
}

std::string format_scaled(std::int64_t value, int decimals) {
  std::int64_t scale = 1;
  for (int k = 0; k < decimals; ++k) scale *= 10;
  std::string s = value < 0 ? "-" : "";
  // Negate through unsigned so INT64_MIN cannot overflow.
  std::uint64_t mag = value < 0 ? 0 - static_cast<std::uint64_t>(value)
                                : static_cast<std::uint64_t>(value);
  s += std::to_string(mag / static_cast<std::uint64_t>(scale));
  std::uint64_t frac = mag % static_cast<std::uint64_t>(scale);
  if (frac != 0) {
    std::string digits = std::to_string(frac);
    digits.insert(0, static_cast<std::size_t>(decimals) - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    s += "." + digits;
  }
  return s;
}

std::string python_float_str(std::int64_t micros) {
  std::string s = format_scaled(micros, 6);
  if (s.find('.') == std::string::npos) s += ".0";
  return s;
}

std::string fixed2(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", value);
  return buf;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Random job lists
// ---------------------------------------------------------------------------------------------
std::uint64_t SplitMix64::next() {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::int64_t SplitMix64::between(std::int64_t lo, std::int64_t hi) {
  std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;
  return lo + static_cast<std::int64_t>(next() % span);
}

Scenario single_cpu_without_costs() {
  Scenario s;
  s.machine.cores = 1;
  s.machine.switch_cost = 0;
  s.machine.lock_cost = 0;
  return s;
}

RunResult run_to_completion(const Scenario& scenario) {
  RunResult run = tl::run(scenario);
  if (run.outcome != Outcome::Completed)
    throw std::runtime_error(std::string("engine run ended with outcome ") +
                             to_string(run.outcome));
  return run;
}

}  // namespace tl::ostep
