// src/sim is layered: each folder may include its own headers and those of folders below it,
// never those above (docs/engine.md, "Layers"). This test reads every #include "..." line of
// src/sim and names each upward edge with its file and line, so a misplaced include fails the
// build's tests rather than a reviewer's eye.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// Lowest first. A folder of src/sim that is not listed here fails the test too.
const std::vector<std::string> kLayers = {"core", "runtime", "scenario", "policy", "trace",
                                          "engine", "run", "export", "ostep"};

int rank_of(const std::string& layer) {
  const auto it = std::find(kLayers.begin(), kLayers.end(), layer);
  return it == kLayers.end() ? -1 : static_cast<int>(it - kLayers.begin());
}

struct Problem {
  std::string where;  // "src/sim/runtime/x.h:18"
  std::string what;   // "runtime -> trace (trace is above runtime)"
};

// The quoted target of an #include line, or "" for <...> includes and other lines.
std::string quoted_include(const std::string& line) {
  std::size_t i = line.find_first_not_of(" \t");
  if (i == std::string::npos || line[i] != '#') return "";
  i = line.find_first_not_of(" \t", i + 1);
  if (i == std::string::npos || line.compare(i, 7, "include") != 0) return "";
  const std::size_t open = line.find('"', i + 7);
  if (open == std::string::npos) return "";
  const std::size_t close = line.find('"', open + 1);
  return close == std::string::npos ? "" : line.substr(open + 1, close - open - 1);
}

// Every upward or outward include under `sim_root` (a src/sim folder); paths in the messages
// are relative to `repo_root`.
std::vector<Problem> check_layers(const fs::path& sim_root, const fs::path& repo_root) {
  std::vector<Problem> problems;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(sim_root)) {
    const std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".h" || ext == ".cpp")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    const fs::path rel = fs::relative(file, sim_root);
    const std::string shown = fs::relative(file, repo_root).generic_string();
    if (rel.begin() == rel.end() || std::next(rel.begin()) == rel.end()) continue;  // src/sim/CMakeLists.txt level
    const std::string from = rel.begin()->string();
    const int from_rank = rank_of(from);
    if (from_rank < 0) {
      problems.push_back({shown, "folder '" + from + "' is not a layer (add it to the list, in order)"});
      continue;
    }
    std::ifstream in(file);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      const std::string target = quoted_include(line);
      if (target.empty()) continue;
      const std::string where = shown + ":" + std::to_string(n);
      if (target.rfind("sim/", 0) != 0) {
        problems.push_back({where, "includes \"" + target + "\": src/sim includes only sim/ headers"});
        continue;
      }
      const std::size_t slash = target.find('/', 4);
      const std::string to = slash == std::string::npos ? "" : target.substr(4, slash - 4);
      const int to_rank = rank_of(to);
      if (to_rank < 0)
        problems.push_back({where, "includes \"" + target + "\", which is in no layer"});
      else if (to_rank > from_rank)
        problems.push_back({where, from + " -> " + to + " (" + to + " is above " + from + ")"});
    }
  }
  return problems;
}

std::string describe(const std::vector<Problem>& problems) {
  std::ostringstream out;
  for (const Problem& p : problems) out << "  " << p.where << ": " << p.what << "\n";
  return out.str();
}

TEST(SimLayers, NoIncludePointsUpward) {
  const fs::path repo = TL_SOURCE_DIR;
  const std::vector<Problem> problems = check_layers(repo / "src" / "sim", repo);
  EXPECT_TRUE(problems.empty()) << "upward includes in src/sim (lowest layer first: core, runtime, "
                                   "scenario, policy, trace, engine, run, export, ostep):\n"
                                << describe(problems);
}

TEST(SimLayers, EveryLayerFolderExists) {
  const fs::path sim = fs::path(TL_SOURCE_DIR) / "src" / "sim";
  for (const std::string& layer : kLayers) EXPECT_TRUE(fs::is_directory(sim / layer)) << layer;
}

// The checker itself: a tree with one include in each direction reports only the upward one,
// with its file and line.
TEST(SimLayers, CheckerNamesAPlantedUpwardInclude) {
  const fs::path root = fs::temp_directory_path() / ("tl_layers_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  fs::remove_all(root);
  fs::create_directories(root / "sim" / "runtime");
  fs::create_directories(root / "sim" / "engine");
  std::ofstream(root / "sim" / "runtime" / "model.h") << "#pragma once\n#include <vector>\n#include \"sim/core/types.h\"\n"
                                                         "  #  include \"sim/engine/engine.h\"\n";
  std::ofstream(root / "sim" / "engine" / "engine.cpp") << "#include \"sim/runtime/model.h\"\n";
  const std::vector<Problem> problems = check_layers(root / "sim", root);
  fs::remove_all(root);
  ASSERT_EQ(problems.size(), 1u) << describe(problems);
  EXPECT_EQ(problems[0].where, "sim/runtime/model.h:4");
  EXPECT_EQ(problems[0].what, "runtime -> engine (engine is above runtime)");
}

}  // namespace
