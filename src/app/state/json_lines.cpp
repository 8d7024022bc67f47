#include "app/state/json_lines.h"

#include <cctype>
#include <string>

namespace tl::app {
namespace {

class Scanner {
 public:
  Scanner(std::string_view text, JsonLines& out) : text_(text), out_(out) {}

  void document() {
    skip_space();
    value("", line_);
  }

 private:
  static constexpr int kMaxDepth = 64;

  void value(const std::string& path, int line) {
    out_.emplace(path, line);
    skip_space();
    if (at_end() || ++depth_ > kMaxDepth) return;
    const char c = text_[pos_];
    if (c == '{') object(path);
    else if (c == '[') array(path);
    else if (c == '"') string();
    else scalar();
    --depth_;
  }

  void object(const std::string& path) {
    ++pos_;  // {
    for (;;) {
      skip_space();
      if (at_end()) return;
      if (text_[pos_] == '}') {
        ++pos_;
        return;
      }
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] != '"') return;  // malformed: stop here, keep what was seen
      const int key_line = line_;
      const std::string key = string();
      skip_space();
      if (at_end() || text_[pos_] != ':') return;
      ++pos_;
      value(path.empty() ? key : path + "." + key, key_line);
    }
  }

  void array(const std::string& path) {
    ++pos_;  // [
    std::size_t index = 0;
    for (;;) {
      skip_space();
      if (at_end()) return;
      if (text_[pos_] == ']') {
        ++pos_;
        return;
      }
      if (text_[pos_] == ',') {
        ++pos_;
        ++index;
        continue;
      }
      const std::size_t before = pos_;
      value(path + "[" + std::to_string(index) + "]", line_);
      if (pos_ == before) return;  // nothing readable: stop
    }
  }

  std::string string() {
    std::string out;
    ++pos_;  // "
    while (!at_end() && text_[pos_] != '"') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      if (text_[pos_] == '\n') ++line_;
      out += text_[pos_++];
    }
    if (!at_end()) ++pos_;
    return out;
  }

  void scalar() {
    while (!at_end() && text_[pos_] != ',' && text_[pos_] != '}' && text_[pos_] != ']' &&
           !std::isspace(static_cast<unsigned char>(text_[pos_])))
      ++pos_;
  }

  void skip_space() {
    while (!at_end() && std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      if (text_[pos_] == '\n') ++line_;
      ++pos_;
    }
  }
  bool at_end() const { return pos_ >= text_.size(); }

  std::string_view text_;
  JsonLines& out_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int depth_ = 0;
};

}  // namespace

JsonLines json_lines(std::string_view text) {
  JsonLines out;
  Scanner(text, out).document();
  return out;
}

int line_of(const JsonLines& lines, std::string_view path) {
  std::string p(path);
  for (;;) {
    if (const auto found = lines.find(p); found != lines.end()) return found->second;
    if (p.empty()) return 1;
    // Drop the last component: "a.b[2]" -> "a.b" -> "a".
    const std::size_t cut = p.find_last_of(".[");
    p = cut == std::string::npos ? "" : p.substr(0, cut);
  }
}

int line_in_message(std::string_view message) {
  const std::size_t at = message.find("at line ");
  if (at == std::string_view::npos) return 0;
  int line = 0;
  for (std::size_t i = at + 8; i < message.size() && std::isdigit(static_cast<unsigned char>(message[i])); ++i)
    line = line * 10 + (message[i] - '0');
  return line;
}

}  // namespace tl::app
