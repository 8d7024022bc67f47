#include "course/url_state.h"

#include "course/lz_uri.h"

#include <charconv>

namespace tl::course {
namespace {

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool is_id(std::string_view s) {
  if (s.empty() || s.size() > kMaxIdBytes) return false;
  for (const char c : s)
    if (!is_id_char(c)) return false;
  return true;
}

// Control values are numbers, words, or a number with a unit ("4", "rr", "1000 us", "2.5").
bool is_value(std::string_view s) {
  if (s.empty() || s.size() > kMaxValueBytes) return false;
  for (const char c : s)
    if (!is_id_char(c) && c != '.' && c != ' ') return false;
  return true;
}

template <class Int>
bool parse_int(std::string_view s, Int& out) {
  if (s.empty() || s.size() > 20) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool percent_decode(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = hex_digit(in[i + 1]), lo = hex_digit(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(char(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return true;
}

std::string percent_encode(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : in) {
    if (is_id_char(c) || c == '.' || c == '~' || c == '$' || c == '+') {
      out.push_back(c);
    } else {
      const auto u = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  return out;
}

std::string quote_for_message(std::string_view value) {
  constexpr std::size_t kShown = 40;
  std::string out = "'";
  for (std::size_t i = 0; i < value.size() && i < kShown; ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c >= 0x20 && c < 0x7F && c != '\'' && c != '\\') {
      out.push_back(char(c));
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  out += value.size() > kShown ? "...'" : "'";
  return out;
}

UrlStateParse decode_url_state(std::string_view text) {
  UrlStateParse out;
  UrlState& state = out.state;
  auto& errors = out.errors;
  if (!text.empty() && (text.front() == '#' || text.front() == '?')) text.remove_prefix(1);
  if (text.size() > kMaxFragmentBytes) {
    errors.push_back("link: " + std::to_string(text.size()) + " characters, more than the " +
                     std::to_string(kMaxFragmentBytes) + " a link may carry; nothing of it was used");
    return out;
  }
  bool seen_version = false;
  std::map<std::string, bool> seen;
  while (!text.empty()) {
    const std::size_t amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    std::string key, value;
    if (!percent_decode(pair.substr(0, eq), key) ||
        !percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), value)) {
      errors.push_back("link: " + quote_for_message(pair) + " has a malformed %-escape");
      continue;
    }
    if (key.size() > kMaxIdBytes + 4 || !(is_id(key) || (key.rfind("set.", 0) == 0 && is_id(key.substr(4))))) {
      errors.push_back("link: unknown key " + quote_for_message(key));
      continue;
    }
    if (seen[key]) {
      errors.push_back(key + ": given twice; the first is used");
      continue;
    }
    seen[key] = true;
    const std::string shown = quote_for_message(value);

    if (key == "v") {
      seen_version = true;
      int v = 0;
      if (!parse_int(value, v) || v != kUrlStateVersion) {
        errors.push_back("v: link version " + shown + " is not " + std::to_string(kUrlStateVersion) +
                         " (made by a newer or unknown threadlab); the rest is read as version " +
                         std::to_string(kUrlStateVersion));
      }
    } else if (key == "lesson") {
      if (is_id(value))
        state.lesson = value;
      else
        errors.push_back("lesson: " + shown + " is not a lesson id (letters, digits, - and _)");
    } else if (key == "scenario") {
      if (is_id(value))
        state.scenario = value;
      else
        errors.push_back("scenario: " + shown + " is not a scenario name (letters, digits, - and _)");
    } else if (key == "sc") {
      std::string why;
      std::optional<std::string> json = lz_decompress_uri(value, kMaxScenarioBytes, why);
      if (json && !json->empty() && json->front() == '{')
        state.scenario_json = std::move(*json);
      else
        errors.push_back("sc: the compressed scenario cannot be read: " + (json ? "it is not a JSON object" : why));
    } else if (key == "cores") {
      int cores = 0;
      if (parse_int(value, cores) && cores >= 1 && cores <= kMaxUrlCores)
        state.cores = cores;
      else
        errors.push_back("cores: " + shown + " is not a whole number from 1 to " + std::to_string(kMaxUrlCores));
    } else if (key == "t") {
      std::int64_t t = 0;
      if (parse_int(value, t) && t >= 0)
        state.playhead_ns = t;
      else
        errors.push_back("t: " + shown + " is not a time in nanoseconds (a whole number, 0 or more)");
    } else if (key == "play") {
      if (value == "0" || value == "1")
        state.playing = value == "1" ? 1 : 0;
      else
        errors.push_back("play: " + shown + " is not 0 or 1");
    } else if (key == "embed") {
      if (value == "0" || value == "1")
        state.embed = value == "1";
      else
        errors.push_back("embed: " + shown + " is not 0 or 1");
    } else if (key == "view") {
      if (is_id(value))
        state.view = value;
      else
        errors.push_back("view: " + shown + " is not a view name");
    } else if (key.rfind("set.", 0) == 0) {
      if (state.set.size() >= kMaxSettings)
        errors.push_back(key + ": more than " + std::to_string(kMaxSettings) + " settings; the rest are ignored");
      else if (is_value(value))
        state.set[key.substr(4)] = value;
      else
        errors.push_back(key + ": " + shown + " is not a setting's value (a number or a word)");
    } else if (key == "variant" || key == "coi" || key == "sw" || key == "hosts" || key == "lesson_url" ||
               key == "scorm") {
      // The loader's own query keys, read before the program starts; not part of the state.
    } else {
      errors.push_back("link: unknown key " + quote_for_message(key));
    }
  }
  (void)seen_version;  // a link without "v" is the current version (hand-written links)
  if (!state.scenario.empty() && !state.scenario_json.empty()) {
    errors.push_back("sc: given together with scenario; the named scenario is used");
    state.scenario_json.clear();
  }
  return out;
}

std::string encode_url_state(const UrlState& state) {
  std::string out = "v=" + std::to_string(kUrlStateVersion);
  const auto add = [&](std::string_view key, std::string_view value) {
    out += '&';
    out += key;
    out += '=';
    out += percent_encode(value);
  };
  if (!state.lesson.empty()) add("lesson", state.lesson);
  for (const auto& [name, value] : state.set) add("set." + name, value);
  if (!state.scenario.empty()) add("scenario", state.scenario);
  if (!state.scenario_json.empty()) add("sc", lz_compress_uri(state.scenario_json));
  if (state.cores != 0) add("cores", std::to_string(state.cores));
  if (state.playhead_ns >= 0) add("t", std::to_string(state.playhead_ns));
  if (state.playing >= 0) add("play", state.playing != 0 ? "1" : "0");
  if (!state.view.empty()) add("view", state.view);
  if (state.embed) add("embed", "1");
  return out;
}

}  // namespace tl::course
