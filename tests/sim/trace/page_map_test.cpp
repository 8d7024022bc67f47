// Page events rebuild every process's page map: replayed at every time the memory lanes or the
// page events mention, the pages counted per process equal the lanes' resident, private and
// shared KB, for every example (and a compare document run both ways).
#include "support/scenarios.h"

#include "sim/scenario/compare.h"
#include "sim/trace/page_map.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace tl::test {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The lane's value at `t`: its last sample at or before t (nothing before the first).
MemorySample lane_at(const MemoryLane& lane, TimeNs t) {
  MemorySample at{t, 0, 0, 0};
  for (const MemorySample& s : lane) {
    if (s.time > t) break;
    at = s;
  }
  return at;
}

// Replays forward through every time either record mentions and compares all processes.
void expect_replay_matches_lanes(const RunResult& r) {
  const Trace& trace = r.trace;
  std::set<TimeNs> times;
  for (const MemoryLane& lane : trace.memory)
    for (const MemorySample& s : lane) times.insert(s.time);
  for (const PageEvent& e : trace.pages.events) times.insert(e.time);
  ASSERT_FALSE(times.empty());
  PageMap map(trace.pages);
  std::size_t checks = 0;
  for (TimeNs t : times) {
    map.seek(t);
    for (ProcessId p = 0; p < trace.memory.size(); ++p) {
      const MemorySample want = lane_at(trace.memory[p], t);
      const PageCounts got = map.counts(p);
      EXPECT_EQ(got.resident * kPageKb, want.resident_kb) << "process " << p << " at " << t;
      EXPECT_EQ(got.private_ * kPageKb, want.private_kb) << "process " << p << " at " << t;
      EXPECT_EQ(got.shared * kPageKb, want.shared_kb) << "process " << p << " at " << t;
      ++checks;
    }
  }
  EXPECT_GT(checks, 0u);
  // Seeking back replays from the start and lands on the same maps.
  const TimeNs first = *times.begin();
  map.seek(first);
  const PageMap fresh = page_map_at(trace.pages, first);
  for (ProcessId p = 0; p < trace.memory.size(); ++p) {
    EXPECT_EQ(map.counts(p).resident, fresh.counts(p).resident);
    EXPECT_EQ(map.counts(p).shared, fresh.counts(p).shared);
  }
}

TEST(PageMap, ReplayEqualsTheMemoryLanesForEveryExample) {
  int n = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(TL_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().filename().string());
    const RunResult r = run_json(read(entry.path()));
    ASSERT_FALSE(r.trace.pages.events.empty());
    expect_replay_matches_lanes(r);
    ++n;
  }
  EXPECT_GE(n, 10);
}

TEST(PageMap, ReplayEqualsTheMemoryLanesForCompareDocumentsBothWays) {
  int n = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(TL_SOURCE_DIR) / "examples" / "compare")) {
    if (entry.path().extension() != ".json") continue;
    const auto doc = nlohmann::ordered_json::parse(read(entry.path()));
    for (WorkerModel as : {WorkerModel::Threads, WorkerModel::Processes}) {
      SCOPED_TRACE(entry.path().filename().string() + " as " + to_string(as));
      std::vector<ScenarioError> errors;
      const auto scenario = expand_compare(doc, as, errors);
      ASSERT_TRUE(scenario.has_value());
      expect_replay_matches_lanes(run_json(scenario->dump()));
      ++n;
    }
  }
  EXPECT_GE(n, 2);
}

// A fork, a copy-on-write write and the child's exit: the
// encoding stays compact (ranges, not pages) and the map tells which pages are shared.
TEST(PageMap, ForkSharesEveryPageUntilWrittenAndTheChildsExitFreesThem) {
  const RunResult r = run_json(R"({"machine":{"profile":"python","cores":2},
    "processes":[
      {"name":"parent","threads":[{"name":"main","program":[{"compute_us":10},{"fork":"child"},{"wait":"child"}]}]},
      {"name":"child","start":"fork","threads":[{"name":"c","program":[
        {"write":"heap","pages":50,"first_page":500},{"compute_us":100}]}]}]})");
  const PageEvents& pages = r.trace.pages;
  ASSERT_EQ(pages.space_process.size(), 2u);
  EXPECT_EQ(pages.space_process[1], 1u);
  std::size_t forks = 0, copies = 0;
  TimeNs fork_time = -1, exit_time = -1;
  for (const PageEvent& e : pages.events) {
    if (e.change.kind == PageChangeKind::Fork) {
      ++forks;
      fork_time = e.time;
      EXPECT_EQ(e.change.from_space, 0u);
    }
    if (e.change.kind == PageChangeKind::Copy) {
      ++copies;
      EXPECT_EQ(e.change.space, 1u);
    }
    if (e.change.kind == PageChangeKind::Exit && e.change.space == 1) exit_time = e.time;
  }
  EXPECT_EQ(forks, 1u);
  // fork_dirty_kb at the fork (one run from page 0) and the 50-page write: one event each,
  // not one per page.
  EXPECT_EQ(copies, 2u);
  ASSERT_GE(fork_time, 0);
  ASSERT_GT(exit_time, fork_time);

  const PageMap at_fork = page_map_at(pages, fork_time);
  const AddressSpaceId child = at_fork.space_of(1);
  ASSERT_NE(child, kNoSpace);
  const PageCounts parent = at_fork.counts(0);
  EXPECT_GT(parent.shared, 0u);
  EXPECT_LT(parent.private_, parent.resident);  // fork_dirty_kb is already private in the child

  const PageMap later = page_map_at(pages, exit_time - 1);
  RegionId heap = 0;
  const auto regions = later.regions(child);
  for (RegionId i = 0; i < regions.size(); ++i)
    if (regions[i].kind == RegionKind::Heap) heap = i;
  EXPECT_EQ(later.page_state(child, heap, 520), PageState::Private);  // written: copied
  EXPECT_EQ(later.page_state(child, heap, 1000), PageState::Shared);  // never written

  const PageMap after = page_map_at(pages, exit_time);
  EXPECT_FALSE(after.alive(child));
  EXPECT_EQ(after.counts(1).resident, 0u);
  EXPECT_EQ(after.counts(0).shared, 0u);
  EXPECT_EQ(after.counts(0).private_, after.counts(0).resident);
}

}  // namespace
}  // namespace tl::test
