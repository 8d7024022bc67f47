// The small markup of lesson text, so lessons stay plain data a translator can edit:
//
//   *emphasis*   **strong**   `code`   [[term]]   [[term|shown words]]   {{quote}}
//
// A paragraph starting with "- " is a list item (consecutive items form one list). Nothing
// else is special; a literal * or ` is written \* or \`. {{quote}} names a number of the
// lesson's "quotes", read from the simulator, so the text never hard-codes a measured value.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tl::lessons {

struct Inline {
  enum class Kind : unsigned char { Text,
                                    Emphasis,
                                    Strong,
                                    Code,
                                    Term,
                                    Quote };
  Kind kind = Kind::Text;
  std::string text;  // what is shown (Quote: the quote's name until rendered)
  std::string ref;   // Term: glossary id; Quote: quote name
};

struct Block {
  bool list_item = false;
  std::vector<Inline> spans;
};

// Splits one paragraph into spans; on malformed markup returns false and sets `error`
// (e.g. "unclosed `" or "empty [[ ]]"), with `spans` holding what was read.
bool parse_inline(std::string_view text, std::vector<Inline>& spans, std::string& error);

Block parse_block(std::string_view paragraph);

// Plain text: markup removed, terms shown by their words, quotes replaced by `values`
// (a missing value shows as "{{name}}").
std::string render_plain(std::string_view text, const std::map<std::string, std::string>& values);

}  // namespace tl::lessons
