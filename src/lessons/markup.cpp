// Lesson text markup: a single left-to-right pass, no backtracking, so any input is read in
// linear time and a malformed paragraph is reported rather than half-shown.
#include "lessons/markup.h"

namespace tl::lessons {

namespace {

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool valid_id(std::string_view s) {
  if (s.empty() || s.size() > 48) return false;
  for (char c : s)
    if (!is_id_char(c)) return false;
  return true;
}

void push_text(std::vector<Inline>& spans, Inline::Kind kind, std::string text, std::string ref = {}) {
  if (kind == Inline::Kind::Text && !spans.empty() && spans.back().kind == Inline::Kind::Text) {
    spans.back().text += text;
    return;
  }
  if (kind == Inline::Kind::Text && text.empty()) return;
  spans.push_back({kind, std::move(text), std::move(ref)});
}

}  // namespace

bool parse_inline(std::string_view s, std::vector<Inline>& spans, std::string& error) {
  spans.clear();
  std::string plain;
  auto flush = [&] {
    push_text(spans, Inline::Kind::Text, plain);
    plain.clear();
  };
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size() && (s[i + 1] == '*' || s[i + 1] == '`' || s[i + 1] == '\\' || s[i + 1] == '[' || s[i + 1] == '{')) {
      plain += s[i + 1];
      i += 2;
    } else if (c == '`') {
      const std::size_t end = s.find('`', i + 1);
      if (end == std::string_view::npos) {
        error = "unclosed ` (inline code) at character " + std::to_string(i);
        return false;
      }
      flush();
      spans.push_back({Inline::Kind::Code, std::string(s.substr(i + 1, end - i - 1)), {}});
      i = end + 1;
    } else if (c == '*') {
      const bool strong = i + 1 < s.size() && s[i + 1] == '*';
      const std::string_view mark = strong ? "**" : "*";
      const std::size_t from = i + mark.size();
      // One level only ("*a **b** c*" is not supported): the pass stays linear.
      const std::size_t end = s.find(mark, from);
      if (end == std::string_view::npos || end == from) {
        error = std::string("unclosed ") + std::string(mark) + " (" + (strong ? "strong" : "emphasis") +
                ") at character " + std::to_string(i) + " (write \\* for a literal star)";
        return false;
      }
      flush();
      spans.push_back({strong ? Inline::Kind::Strong : Inline::Kind::Emphasis,
                       std::string(s.substr(from, end - from)),
                       {}});
      i = end + mark.size();
    } else if (c == '[' && i + 1 < s.size() && s[i + 1] == '[') {
      const std::size_t end = s.find("]]", i + 2);
      if (end == std::string_view::npos) {
        error = "unclosed [[ (glossary link) at character " + std::to_string(i);
        return false;
      }
      const std::string_view body = s.substr(i + 2, end - i - 2);
      const std::size_t bar = body.find('|');
      const std::string_view term = body.substr(0, bar);
      const std::string_view shown = bar == std::string_view::npos ? term : body.substr(bar + 1);
      if (!valid_id(term)) {
        error = "glossary link [[" + std::string(body.substr(0, 60)) +
                "]]: the term id must be 1 to 48 of a-z 0-9 _ -";
        return false;
      }
      if (shown.empty()) {
        error = "glossary link [[" + std::string(term) + "|]]: empty shown text";
        return false;
      }
      flush();
      // [[lost-update]] reads "lost update".
      std::string words(shown);
      if (bar == std::string_view::npos)
        for (char& ch : words) ch = ch == '-' ? ' ' : ch;
      spans.push_back({Inline::Kind::Term, std::move(words), std::string(term)});
      i = end + 2;
    } else if (c == '{' && i + 1 < s.size() && s[i + 1] == '{') {
      const std::size_t end = s.find("}}", i + 2);
      if (end == std::string_view::npos) {
        error = "unclosed {{ (quoted number) at character " + std::to_string(i);
        return false;
      }
      const std::string_view name = s.substr(i + 2, end - i - 2);
      if (!valid_id(name)) {
        error = "{{" + std::string(name.substr(0, 60)) + "}}: a quote name must be 1 to 48 of a-z 0-9 _ -";
        return false;
      }
      flush();
      spans.push_back({Inline::Kind::Quote, "{{" + std::string(name) + "}}", std::string(name)});
      i = end + 2;
    } else {
      plain += c;
      ++i;
    }
  }
  flush();
  return true;
}

Block parse_block(std::string_view paragraph) {
  Block b;
  if (paragraph.substr(0, 2) == "- ") {
    b.list_item = true;
    paragraph.remove_prefix(2);
  }
  std::string error;
  if (!parse_inline(paragraph, b.spans, error)) {
    // Validated files never get here; show the raw text rather than nothing.
    b.spans.assign(1, Inline{Inline::Kind::Text, std::string(paragraph), {}});
  }
  return b;
}

std::string render_plain(std::string_view text, const std::map<std::string, std::string>& values) {
  const Block b = parse_block(text);
  std::string out = b.list_item ? "- " : "";
  for (const Inline& s : b.spans) {
    if (s.kind == Inline::Kind::Quote) {
      auto it = values.find(s.ref);
      out += it == values.end() ? s.text : it->second;
    } else {
      out += s.text;
    }
  }
  return out;
}

}  // namespace tl::lessons
