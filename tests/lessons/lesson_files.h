// The lesson files as the tests read them: from the source tree (lessons/index.json order), so
// a test failure names the file a teacher edits.
#pragma once
#include "lessons/content.h"
#include "lessons/evaluate.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace tl::test {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::filesystem::path lessons_dir() { return std::filesystem::path(TL_SOURCE_DIR) / "lessons"; }

inline std::vector<std::string> lesson_ids() {
  std::vector<std::string> ids;
  const auto index = nlohmann::json::parse(read_file(lessons_dir() / "index.json"), nullptr, false);
  if (index.is_object() && index.contains("lessons"))
    for (const auto& id : index["lessons"]) ids.push_back(id.get<std::string>());
  return ids;
}

inline lessons::LessonParse parse_lesson_file(const std::string& id) {
  return lessons::parse_lesson(read_file(lessons_dir() / (id + ".json")));
}

// gtest parameter names allow only letters, digits and underscores.
inline std::string param_name(std::string s) {
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

}  // namespace tl::test
