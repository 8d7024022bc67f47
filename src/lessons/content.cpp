// Lookups over the embedded files, the glossary reader, and the default Context (embedded
// examples and glossary) the parser validates against.
#include "lessons/content.h"

#include "lessons/markup.h"
#include "sim/scenario/reader.h"

namespace tl::lessons {

std::optional<std::string> embedded_example(std::string_view name) {
  for (const EmbeddedFile& f : embedded_examples())
    if (f.name == name) return std::string(f.text);
  return std::nullopt;
}

GlossaryParse parse_glossary(std::string_view json_text) {
  GlossaryParse out;
  detail::Errors errors;
  std::optional<detail::Json> doc = detail::parse_json(json_text, errors);
  for (ScenarioError& e : errors.take()) out.errors.push_back({e.path, e.message});
  if (!doc) return out;
  if (!doc->is_object() || doc->size() != 1 || !doc->contains("terms") || !(*doc)["terms"].is_object()) {
    out.errors.push_back({"", "expected {\"terms\": {id: {\"term\": ..., \"definition\": ...}}}"});
    return out;
  }
  for (auto it = (*doc)["terms"].begin(); it != (*doc)["terms"].end(); ++it) {
    const std::string path = "terms." + it.key();
    const detail::Json& t = it.value();
    if (!t.is_object() || t.size() != 2 || !t.contains("term") || !t.contains("definition") ||
        !t["term"].is_string() || !t["definition"].is_string()) {
      out.errors.push_back({path, "expected {\"term\": string, \"definition\": string}"});
      continue;
    }
    GlossaryTerm g{it.key(), t["term"].get<std::string>(), t["definition"].get<std::string>()};
    std::vector<Inline> spans;
    std::string why;
    if (!parse_inline(g.definition, spans, why)) out.errors.push_back({path + ".definition", why});
    for (const Inline& s : spans)
      if (s.kind == Inline::Kind::Quote) out.errors.push_back({path + ".definition", "a definition quotes no numbers"});
    out.terms.push_back(std::move(g));
  }
  // Links between definitions must resolve too.
  for (const GlossaryTerm& g : out.terms) {
    std::vector<Inline> spans;
    std::string why;
    if (!parse_inline(g.definition, spans, why)) continue;
    for (const Inline& s : spans) {
      if (s.kind != Inline::Kind::Term) continue;
      bool found = false;
      for (const GlossaryTerm& other : out.terms) found = found || other.id == s.ref;
      if (!found) out.errors.push_back({"terms." + g.id + ".definition", "links to unknown term '" + s.ref + "'"});
    }
  }
  return out;
}

const std::vector<GlossaryTerm>& embedded_glossary() {
  static const std::vector<GlossaryTerm> terms = parse_glossary(embedded_glossary_text()).terms;
  return terms;
}

const GlossaryTerm* find_term(std::string_view id) {
  for (const GlossaryTerm& g : embedded_glossary())
    if (g.id == id) return &g;
  return nullptr;
}

Context embedded_context() {
  Context c;
  c.example = [](std::string_view name) { return embedded_example(name); };
  c.has_term = [](std::string_view id) { return find_term(id) != nullptr; };
  return c;
}

}  // namespace tl::lessons
