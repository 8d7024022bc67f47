#include "sim/core/format.h"

#include <cstdio>

namespace tl {

void append_us(std::string& out, TimeNs ns) {
  std::uint64_t mag = ns < 0 ? 0 - static_cast<std::uint64_t>(ns) : static_cast<std::uint64_t>(ns);
  if (ns < 0) out += '-';
  out += std::to_string(mag / 1000);
  unsigned frac = static_cast<unsigned>(mag % 1000);
  if (frac != 0) {
    char digits[4] = {static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                      static_cast<char>('0' + frac % 10), 0};
    int len = 3;
    while (digits[len - 1] == '0') --len;
    out += '.';
    out.append(digits, static_cast<std::size_t>(len));
  }
}

std::string format_us(TimeNs ns) {
  std::string s;
  append_us(s, ns);
  return s;
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

std::string format_thousandths(std::int64_t milli) {
  const char* sign = milli < 0 ? "-" : "";
  const std::uint64_t m = milli < 0 ? 0 - static_cast<std::uint64_t>(milli) : static_cast<std::uint64_t>(milli);
  char b[32];
  std::snprintf(b, sizeof b, "%s%llu.%03llu", sign, static_cast<unsigned long long>(m / 1000),
                static_cast<unsigned long long>(m % 1000));
  return b;
}

namespace {
bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }
}  // namespace

void append_shown(std::string& out, std::string_view text) {
  for (char c : text.substr(0, 80)) out += is_control(c) ? '?' : c;
  if (text.size() > 80) out += "...";
}

std::string quote_name(std::string_view text) {
  std::string out = "'";
  append_shown(out, text);
  return out + "'";
}

std::string format_byte_size(std::size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

std::string one_line(std::string message) {
  for (char& c : message)
    if (is_control(c)) c = '?';
  return message;
}

}  // namespace tl
