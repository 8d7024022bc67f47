// The lessons, the glossary and the example scenarios, compiled in (so the web build needs no
// file system): lessons in lessons/index.json order, examples by name ("race",
// "compare/cpu").
#pragma once
#include "lessons/lesson.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tl::lessons {

struct EmbeddedFile {
  std::string_view name;  // lesson id, or example name
  std::string_view text;
};

std::span<const EmbeddedFile> embedded_lessons();
std::span<const EmbeddedFile> embedded_examples();
std::optional<std::string> embedded_example(std::string_view name);
std::string_view embedded_glossary_text();

struct GlossaryTerm {
  std::string id;
  std::string term;        // as shown ("GIL")
  std::string definition;  // lesson markup
};

struct GlossaryParse {
  std::vector<GlossaryTerm> terms;
  std::vector<Diagnostic> errors;
};
// {"terms": {"gil": {"term": "GIL", "definition": "..."}, ...}}
GlossaryParse parse_glossary(std::string_view json_text);
const std::vector<GlossaryTerm>& embedded_glossary();
const GlossaryTerm* find_term(std::string_view id);

}  // namespace tl::lessons
