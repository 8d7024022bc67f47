// Malformed lesson files: each case (tests/lessons/malformed/cases.json) changes one thing in
// a valid lesson (base.json) or is raw text, and must give an error with its JSON path and
// reason, never a crash, and never a lesson.
#include "lesson_files.h"

#include <gtest/gtest.h>

namespace tl::test {
namespace {

using namespace tl::lessons;
using nlohmann::json;

std::filesystem::path malformed_dir() { return std::filesystem::path(TL_SOURCE_DIR) / "tests/lessons/malformed"; }

struct MalformedCase {
  std::string name;
  json spec;
};
void PrintTo(const MalformedCase& c, std::ostream* os) { *os << c.name; }

std::vector<MalformedCase> malformed_cases() {
  std::vector<MalformedCase> out;
  const json doc = json::parse(read_file(malformed_dir() / "cases.json"), nullptr, false);
  if (!doc.is_object()) return {{"cases_json_is_invalid", json::object()}};
  for (const json& c : doc["cases"]) out.push_back({c["name"].get<std::string>(), c});
  return out;
}

// The lesson text a case describes.
std::string build(const json& spec) {
  if (spec.contains("text")) return spec["text"].get<std::string>();
  if (spec.contains("deep")) return std::string(spec["deep"].get<std::size_t>(), '[');
  std::string base = read_file(malformed_dir() / "base.json");
  if (spec.contains("huge")) return base + std::string(spec["huge"].get<std::size_t>(), ' ');
  json doc = json::parse(base);
  if (spec.contains("set")) {
    json value = spec.contains("repeat") ? json(std::string(spec["repeat"].get<std::size_t>(), 'x')) : spec["value"];
    doc[json::json_pointer(spec["set"].get<std::string>())] = value;
  }
  if (spec.contains("remove")) {
    const json::json_pointer p(spec["remove"].get<std::string>());
    doc[p.parent_pointer()].erase(p.back());
  }
  if (spec.contains("append")) doc[json::json_pointer(spec["append"].get<std::string>())].push_back(doc[json::json_pointer(spec["copy"].get<std::string>())]);
  if (spec.contains("many_checks")) {
    json all = json::array();
    for (int i = 0; i < spec["many_checks"].get<int>(); ++i)
      all.push_back({{"all", {{{"metric", "makespan_ms"}, {"op", ">"}, {"value", 0}}}}});
    json groups = json::array();
    for (std::size_t i = 0; i < all.size(); i += 16)
      groups.push_back({{"all", json(std::vector<json>(all.begin() + static_cast<long>(i), all.begin() + static_cast<long>(std::min(all.size(), i + 16))))}});
    doc["tasks"][0]["check"] = {{"all", groups}};
  }
  return doc.dump(1);
}

TEST(MalformedBase, IsAValidLesson) {
  const LessonParse p = parse_lesson(read_file(malformed_dir() / "base.json"));
  for (const Diagnostic& e : p.errors) ADD_FAILURE() << format_diagnostic("error", "base.json", e);
  EXPECT_TRUE(p.lesson);
}

class MalformedLesson : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(MalformedLesson, GetsItsPathAndReason) {
  const json& spec = GetParam().spec;
  ASSERT_TRUE(spec.contains("expect")) << "tests/lessons/malformed/cases.json is not valid";
  const LessonParse p = parse_lesson(build(spec));
  EXPECT_FALSE(p.lesson);
  ASSERT_FALSE(p.errors.empty());
  const std::string expect = spec["expect"].get<std::string>();
  std::string all;
  bool found = false;
  for (const Diagnostic& e : p.errors) {
    const std::string line = format_diagnostic("error", "lessons/x.json", e);
    all += "\n  " + line;
    found = found || line.find(expect) != std::string::npos;
  }
  EXPECT_TRUE(found) << "expected an error containing: " << expect << "\ngot:" << all;
}

INSTANTIATE_TEST_SUITE_P(Cases, MalformedLesson, ::testing::ValuesIn(malformed_cases()),
                         [](const auto& info) { return param_name(info.param.name); });

}  // namespace
}  // namespace tl::test
