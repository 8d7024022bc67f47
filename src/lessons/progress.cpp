#include "lessons/progress.h"

#include <nlohmann/json.hpp>

namespace tl::lessons {

namespace {
constexpr const char* kFormat = "threadlab-progress";
constexpr int kVersion = 1;
constexpr std::size_t kMaxIdChars = 64;
constexpr std::size_t kMaxEntries = 1000;

bool valid_id(const nlohmann::json& v) {
  if (!v.is_string()) return false;
  const std::string& s = v.get_ref<const std::string&>();
  return !s.empty() && s.size() <= kMaxIdChars;
}
}  // namespace

bool Progress::done(std::string_view id) const {
  const auto found = lessons.find(std::string(id));
  return found != lessons.end() && found->second.done;
}

std::size_t Progress::done_count() const {
  std::size_t n = 0;
  for (const auto& [id, lesson] : lessons) n += lesson.done ? 1 : 0;
  return n;
}

std::string progress_to_json(const Progress& progress) {
  nlohmann::json lessons = nlohmann::json::object();
  for (const auto& [id, lesson] : progress.lessons) {
    if (!lesson.done && lesson.passed.empty()) continue;
    lessons[id] = {{"done", lesson.done}, {"passed", lesson.passed}};
  }
  return nlohmann::json{{"format", kFormat}, {"version", kVersion}, {"lessons", std::move(lessons)}}.dump(1);
}

std::optional<Progress> progress_from_json(std::string_view text, std::string& error) {
  if (text.size() > kMaxProgressBytes) {
    error = "the file is larger than " + std::to_string(kMaxProgressBytes / 1024) + " KB: not a progress file";
    return std::nullopt;
  }
  const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    error = "not valid JSON";
    return std::nullopt;
  }
  if (!doc.is_object()) {
    error = "expected an object";
    return std::nullopt;
  }
  if (!doc.contains("format") || doc["format"] != kFormat) {
    error = std::string("format: expected \"") + kFormat + "\" (this is not a threadlab progress file)";
    return std::nullopt;
  }
  if (!doc.contains("version") || !doc["version"].is_number_integer() || doc["version"] != kVersion) {
    error = "version: expected " + std::to_string(kVersion);
    return std::nullopt;
  }
  if (!doc.contains("lessons") || !doc["lessons"].is_object()) {
    error = "lessons: expected an object of lesson ids";
    return std::nullopt;
  }
  if (doc["lessons"].size() > kMaxEntries) {
    error = "lessons: more than " + std::to_string(kMaxEntries) + " entries";
    return std::nullopt;
  }
  Progress out;
  for (const auto& [id, entry] : doc["lessons"].items()) {
    const std::string path = "lessons." + id;
    if (id.empty() || id.size() > kMaxIdChars) {
      error = "lessons: a lesson id must have 1 to " + std::to_string(kMaxIdChars) + " characters";
      return std::nullopt;
    }
    if (!entry.is_object()) {
      error = path + ": expected an object";
      return std::nullopt;
    }
    LessonProgress lesson;
    if (entry.contains("done")) {
      if (!entry["done"].is_boolean()) {
        error = path + ".done: expected true or false";
        return std::nullopt;
      }
      lesson.done = entry["done"].get<bool>();
    }
    if (entry.contains("passed")) {
      const nlohmann::json& passed = entry["passed"];
      if (!passed.is_array() || passed.size() > kMaxEntries) {
        error = path + ".passed: expected a list of task ids";
        return std::nullopt;
      }
      for (std::size_t i = 0; i < passed.size(); ++i) {
        if (!valid_id(passed[i])) {
          error = path + ".passed[" + std::to_string(i) + "]: expected a task id (text)";
          return std::nullopt;
        }
        lesson.passed.insert(passed[i].get<std::string>());
      }
    }
    out.lessons[id] = std::move(lesson);
  }
  return out;
}

void merge_progress(Progress& into, const Progress& other) {
  for (const auto& [id, lesson] : other.lessons) {
    LessonProgress& mine = into.lessons[id];
    mine.done = mine.done || lesson.done;
    mine.passed.insert(lesson.passed.begin(), lesson.passed.end());
  }
}

}  // namespace tl::lessons
