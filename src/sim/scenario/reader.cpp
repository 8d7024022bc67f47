// JSON reading for the scenario parser: exception-free parsing (emscripten builds may run
// without exception support), duplicate-key detection, typed readers with JSON-path errors,
// and exact decimal-microsecond to nanosecond conversion.
//
// [SECTION] Paths and names
// [SECTION] Parsing JSON text
// [SECTION] Typed readers
// [SECTION] Decimal microseconds to nanoseconds
#include "sim/scenario/reader.h"

#include <cmath>
#include <unordered_set>

namespace tl::detail {

// ---------------------------------------------------------------------------------------------
// [SECTION] Paths and names
// ---------------------------------------------------------------------------------------------
std::string key_path(const std::string& parent, std::string_view key) {
  std::string p = parent;
  if (!p.empty()) p += '.';
  append_shown(p, key);  // whatever the file's author typed, kept to one short line
  return p;
}

std::string index_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

const char* type_name(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "an integer";
    case Json::value_t::number_float: return "a number";
    default: return "a value";
  }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Parsing JSON text
// ---------------------------------------------------------------------------------------------
namespace {

// Builds the DOM through nlohmann's own SAX DOM builder, but keeps the syntax error (with its
// byte position) instead of throwing, and reports duplicate keys (which nlohmann would resolve
// silently by keeping the last) with their JSON path.
class Handler {
 public:
  using Dom = nlohmann::detail::json_sax_dom_parser<Json>;
  Handler(Json& root, Errors& errors) : dom_(root, false), errors_(errors) {}

  bool null() { return value() && dom_.null(); }
  bool boolean(bool v) { return value() && dom_.boolean(v); }
  bool number_integer(Json::number_integer_t v) { return value() && dom_.number_integer(v); }
  bool number_unsigned(Json::number_unsigned_t v) { return value() && dom_.number_unsigned(v); }
  bool number_float(Json::number_float_t v, const Json::string_t& s) { return value() && dom_.number_float(v, s); }
  bool string(Json::string_t& v) { return value() && dom_.string(v); }
  bool binary(Json::binary_t& v) { return value() && dom_.binary(v); }
  bool start_object(std::size_t n) {
    if (!value() || !deeper()) return false;
    frames_.push_back({false, 0, {}, {}});
    return dom_.start_object(n);
  }
  bool key(Json::string_t& k) {
    Frame& f = frames_.back();
    // The DOM's ordered objects find a key by scanning, so each key costs as much as the keys
    // before it: a cap keeps an object with a million keys from taking hours.
    if (f.keys.size() >= kMaxObjectKeys) {
      too_wide_path_ = path();
      too_wide_ = true;
      return false;
    }
    if (!f.keys.insert(k).second)
      errors_.add(path(), "duplicate key " + quote_name(k) + " (each key may appear once)");
    f.key = k;
    return dom_.key(k);
  }
  bool end_object() {
    frames_.pop_back();
    return dom_.end_object();
  }
  bool start_array(std::size_t n) {
    if (!value() || !deeper()) return false;
    frames_.push_back({true, 0, {}, {}});
    return dom_.start_array(n);
  }
  bool end_array() {
    frames_.pop_back();
    return dom_.end_array();
  }
  template <typename Exception>
  bool parse_error(std::size_t position, const std::string& /*token*/, const Exception& ex) {
    failed_ = true;
    position_ = position;
    message_ = ex.what();
    return false;
  }

  bool failed() const { return failed_; }
  bool too_big() const { return too_big_; }
  bool too_deep() const { return too_deep_; }
  bool too_wide() const { return too_wide_; }
  const std::string& too_wide_path() const { return too_wide_path_; }
  std::size_t position() const { return position_; }
  const std::string& message() const { return message_; }

 private:
  struct Frame {
    bool array;
    std::size_t next;  // index of the next array element
    std::string key;   // current key of an object
    std::unordered_set<std::string> keys;
  };
  // False (stop parsing) once the document has more values than a scenario can sensibly need.
  bool value() {
    if (++values_ > kMaxJsonValues) {
      too_big_ = true;
      return false;
    }
    if (!frames_.empty() && frames_.back().array) frames_.back().key = std::to_string(frames_.back().next++);
    return true;
  }
  // False (stop parsing) past kMaxJsonDepth: a path, a copy or a dump of the document would
  // otherwise cost time or stack in proportion to the depth.
  bool deeper() {
    if (frames_.size() < kMaxJsonDepth) return true;
    too_deep_ = true;
    return false;
  }
  std::string path() const {
    std::string p;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      p = f.array ? p + "[" + f.key + "]" : key_path(p, f.key);
    }
    return p;
  }

  Dom dom_;
  Errors& errors_;
  std::vector<Frame> frames_;
  bool failed_ = false;
  bool too_big_ = false;
  bool too_deep_ = false;
  bool too_wide_ = false;
  std::string too_wide_path_;
  std::size_t values_ = 0;
  std::size_t position_ = 0;
  std::string message_;
};

}  // namespace

std::optional<Json> parse_json(std::string_view text, Errors& errors) {
  if (text.size() > kMaxScenarioDocumentBytes) {
    errors.add("", "scenario is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                       std::to_string(kMaxScenarioDocumentBytes));
    return std::nullopt;
  }
  Json root;
  Handler handler(root, errors);
  Json::sax_parse(text.data(), text.data() + text.size(), &handler);
  if (handler.too_big()) {
    errors.add("", "scenario has more than " + std::to_string(kMaxJsonValues) + " JSON values");
    return std::nullopt;
  }
  if (handler.too_wide()) {
    errors.add(handler.too_wide_path(), "object has more than " + std::to_string(kMaxObjectKeys) + " keys");
    return std::nullopt;
  }
  if (handler.too_deep()) {
    errors.add("", "scenario nests arrays and objects more than " + std::to_string(kMaxJsonDepth) + " deep");
    return std::nullopt;
  }
  if (!handler.failed()) return root;
  // nlohmann's position counts the offending character; report 1-based line and column.
  const std::size_t pos = std::min(handler.position(), text.size());
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i + 1 < pos; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else ++col;
  }
  // nlohmann says "[json.exception.parse_error.101] parse error at line 1, column 5: syntax
  // error while parsing ..."; keep only the reason (the position is reported our way).
  std::string what = handler.message();
  if (what.rfind("[json.exception.", 0) == 0) {
    if (const auto close = what.find("] "); close != std::string::npos) what = what.substr(close + 2);
  }
  if (what.rfind("parse error", 0) == 0) {
    if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
  }
  errors.add("", "invalid JSON at line " + std::to_string(line) + ", column " + std::to_string(col) +
                     " (byte " + std::to_string(pos) + "): " + what);
  return std::nullopt;
}

void check_keys(const Json& object, const std::string& path, std::initializer_list<std::string_view> allowed,
                Errors& errors) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    bool ok = false;
    for (std::string_view a : allowed) ok = ok || a == it.key();
    if (ok) continue;
    std::string list;
    for (std::string_view a : allowed) {
      if (!list.empty()) list += ", ";
      list += a;
    }
    errors.add(path, "unknown key " + quote_name(it.key()) + " (expected one of: " + list + ")");
  }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Typed readers
// ---------------------------------------------------------------------------------------------
std::optional<TimeNs> read_time_us(const Json& v, const std::string& path, Errors& errors) {
  const std::string range = " (microseconds, 0 .. " + std::to_string(kMaxTimeUs) + ")";
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(kMaxTimeUs)) {
      errors.add(path, "time too large" + range);
      return std::nullopt;
    }
    return static_cast<TimeNs>(u) * 1000;
  }
  if (v.is_number_integer()) {
    const auto i = v.get<std::int64_t>();
    if (i < 0) {
      errors.add(path, "time must not be negative" + range);
      return std::nullopt;
    }
    if (i > kMaxTimeUs) {
      errors.add(path, "time too large" + range);
      return std::nullopt;
    }
    return i * 1000;
  }
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (!std::isfinite(d)) {
      errors.add(path, "time must be a finite number" + range);
      return std::nullopt;
    }
    if (d < 0) {
      errors.add(path, "time must not be negative" + range);
      return std::nullopt;
    }
    if (d > static_cast<double>(kMaxTimeUs)) {
      errors.add(path, "time too large" + range);
      return std::nullopt;
    }
    // dump() prints the shortest decimal that reads back as d: the digits the author wrote.
    if (auto ns = us_text_to_ns(Json(d).dump())) return ns;
    errors.add(path, "time is not a valid number" + range);
    return std::nullopt;
  }
  errors.add(path, std::string("expected a number of microseconds, got ") + type_name(v));
  return std::nullopt;
}

std::optional<std::int64_t> read_int(const Json& v, const std::string& path, std::int64_t min,
                                     std::int64_t max, Errors& errors) {
  const std::string range = " (" + std::to_string(min) + " .. " + std::to_string(max) + ")";
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && d >= static_cast<double>(min) && d <= static_cast<double>(max))
      return static_cast<std::int64_t>(d);
    errors.add(path, "expected a whole number" + range);
    return std::nullopt;
  }
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (max >= 0 && u <= static_cast<std::uint64_t>(max) && static_cast<std::int64_t>(u) >= min)
      return static_cast<std::int64_t>(u);
    errors.add(path, "out of range" + range);
    return std::nullopt;
  }
  if (v.is_number_integer()) {
    const auto i = v.get<std::int64_t>();
    if (i >= min && i <= max) return i;
    errors.add(path, "out of range" + range);
    return std::nullopt;
  }
  errors.add(path, std::string("expected an integer, got ") + type_name(v));
  return std::nullopt;
}

std::optional<std::uint64_t> read_uint64(const Json& v, const std::string& path, Errors& errors) {
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (v.is_number_integer() && v.get<std::int64_t>() >= 0) return static_cast<std::uint64_t>(v.get<std::int64_t>());
  errors.add(path, std::string("expected a non-negative integer, got ") +
                       (v.is_number_integer() ? "a negative number" : type_name(v)));
  return std::nullopt;
}

std::optional<bool> read_bool(const Json& v, const std::string& path, Errors& errors) {
  if (v.is_boolean()) return v.get<bool>();
  errors.add(path, std::string("expected true or false, got ") + type_name(v));
  return std::nullopt;
}

std::optional<std::string> read_name(const Json& v, const std::string& path, Errors& errors) {
  if (!v.is_string()) {
    errors.add(path, std::string("expected a name (string), got ") + type_name(v));
    return std::nullopt;
  }
  std::string s = v.get<std::string>();
  if (s.empty()) {
    errors.add(path, "name must not be empty");
    return std::nullopt;
  }
  if (s.size() > 200) {
    errors.add(path, "name longer than 200 characters");
    return std::nullopt;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Decimal microseconds to nanoseconds
// ---------------------------------------------------------------------------------------------
std::optional<TimeNs> us_text_to_ns(std::string_view s) {
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  std::uint64_t mant = 0;
  int digits = 0, exp10 = 0;
  bool seen_digit = false, dot = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (digits < 19) {
        mant = mant * 10 + static_cast<unsigned>(c - '0');
        if (mant != 0) ++digits;
        if (dot) --exp10;
      } else if (!dot) {
        ++exp10;  // digits beyond precision before the point scale the value
      }
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return std::nullopt;
  if (i < s.size()) {
    if (s[i] != 'e' && s[i] != 'E') return std::nullopt;
    ++i;
    bool neg = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
    int e = 0;
    bool any = false;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      any = true;
      if (e < 100000) e = e * 10 + (s[i] - '0');
    }
    if (!any || i != s.size()) return std::nullopt;
    exp10 += neg ? -e : e;
  }
  exp10 += 3;  // microseconds -> nanoseconds
  if (mant == 0) return 0;
  if (negative) return std::nullopt;
  if (exp10 >= 0) {
    for (int k = 0; k < exp10; ++k) {
      mant *= 10;
      if (mant > static_cast<std::uint64_t>(kMaxTimeUs) * 1000) return std::nullopt;
    }
  } else {
    // mant < 10^19, so dividing by 10^20 or more rounds to 0.
    if (-exp10 > 19) return 0;
    std::uint64_t div = 1;
    for (int k = 0; k < -exp10; ++k) div *= 10;
    const std::uint64_t q = mant / div, r = mant % div;
    mant = q + ((r > div - r || (r == div - r && (q & 1))) ? 1 : 0);
  }
  if (mant > static_cast<std::uint64_t>(kMaxTimeUs) * 1000) return std::nullopt;
  return static_cast<TimeNs>(mant);
}

}  // namespace tl::detail
