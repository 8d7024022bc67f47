// The memory view: page maps replayed at the playhead (a fork shares every page, writes make
// them private), smaps figures that agree with the trace's memory lanes, one instance per page
// drawn by one callback, columns inside the view at every size, the page under the pointer,
// and the tabs that bring the view up.
#include "app/render/page_draw.h"
#include "app/state/catalog.h"
#include "headless.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tl::app::test {
namespace {

class MemoryViewTest : public ::testing::Test {
 protected:
  void open(const char* name, ViewKind view = ViewKind::Memory) {
    ASSERT_TRUE(select_scenario(state, name)) << state.error;
    wait_for_run(state);
    state.playback.playing = false;
    set_view(state, view);
    ui.frame(state);
  }
  void at(TimeNs t) {
    state.playback.playhead = t;
    ui.frame(state);
  }
  // The first page event of `kind` in address space `space` (or any space for kNoSpace).
  TimeNs first_event(PageChangeKind kind, AddressSpaceId space = kNoSpace) const {
    for (const PageEvent& e : state.result().trace.pages.events)
      if (e.change.kind == kind && (space == kNoSpace || e.change.space == space)) return e.time;
    return -1;
  }
  std::array<std::size_t, kPageLooks> looks(std::size_t column) const { return state.memory.look_counts().at(column); }
  std::size_t of(std::size_t column, PageLook look) const { return looks(column)[std::size_t(look)]; }

  HeadlessUi ui;
  AppState state;
};

// A native process (no interpreter dirtying pages at fork) forks a child; each writes its heap.
constexpr const char* kForkThenWrite = R"({
  "name": "fork then write",
  "machine": { "profile": "native", "cores": 2 },
  "processes": [
    { "name": "parent", "threads": [ { "name": "main", "program": [
        { "compute_us": 100 }, { "fork": "child" }, { "compute_us": 300 },
        { "write": "heap", "pages": 8, "first_page": 8 }, { "wait": "child" } ] } ] },
    { "name": "child", "start": "fork", "threads": [ { "name": "main", "program": [
        { "compute_us": 100 }, { "write": "heap", "pages": 32, "first_page": 16 }, { "compute_us": 500 } ] } ] }
  ]
})";

TEST_F(MemoryViewTest, AForkedChildSharesEveryPageThenItsWritesMakeThemPrivate) {
  ASSERT_TRUE(load_scenario(state, kForkThenWrite, "fork")) << state.error;
  wait_for_run(state);
  state.playback.playing = false;
  set_view(state, ViewKind::Memory);
  const TimeNs fork = first_event(PageChangeKind::Fork);
  ASSERT_GT(fork, 0);
  at(fork);
  const MemoryLayout& layout = state.memory.columns();
  ASSERT_EQ(layout.columns.size(), 2u) << "the parent and its first child";
  // At the fork's instant the child shares every page but the few its start-up writes at once
  // (copies, the model's first faults); the parent's originals of those are private.
  const MemoryReplay& replay = *state.memory.replay();
  for (const MemorySegment& s : layout.columns[1].segments)
    for (std::uint32_t page = 0; page < s.pages; ++page) {
      const PageLook look = replay.look(layout.columns[1].space, s.region, page);
      EXPECT_TRUE(look == PageLook::SharedFork || look == PageLook::SharedFile || look == PageLook::Copied)
          << to_string(s.kind) << " " << page;
    }
  EXPECT_LE(of(1, PageLook::Copied), 4u);
  EXPECT_EQ(of(1, PageLook::Private), 0u);
  EXPECT_GT(of(1, PageLook::SharedFork), 0u);
  EXPECT_EQ(of(0, PageLook::Private), of(1, PageLook::Copied)) << "the parent shares the rest too";

  const AddressSpaceId child = layout.columns[1].space;
  const std::size_t at_fork = of(1, PageLook::Copied);
  TimeNs copy = -1;  // the child's heap write
  for (const PageEvent& e : state.result().trace.pages.events)
    if (e.change.kind == PageChangeKind::Copy && e.change.space == child && e.change.count == 32) {
      copy = e.time;
      break;
    }
  ASSERT_GT(copy, fork);
  at(copy);
  EXPECT_EQ(of(1, PageLook::Copied), at_fork + 32) << "the child's 32 written heap pages are its own copies";
  EXPECT_EQ(of(0, PageLook::Private), at_fork + 32) << "and the parent's originals are private again";
  EXPECT_GT(of(1, PageLook::SharedFork), 0u) << "what nobody wrote stays shared";
  TimeNs parent_copy = -1;
  for (const PageEvent& e : state.result().trace.pages.events)
    if (e.change.kind == PageChangeKind::Copy && e.change.space == layout.columns[0].space && e.change.count == 8) {
      parent_copy = e.time;
      break;
    }
  ASSERT_GT(parent_copy, copy);
  at(parent_copy);
  EXPECT_EQ(of(0, PageLook::Copied), 8u) << "the parent's writes copy too: either side";
  EXPECT_EQ(of(1, PageLook::Private), 8u) << "and the child's originals of them private";
}

TEST_F(MemoryViewTest, AtTheEndEachExitedColumnSaysWhenItsMemoryWasFreed) {
  ASSERT_TRUE(load_scenario(state, kForkThenWrite, "fork")) << state.error;
  wait_for_run(state);
  state.playback.playing = false;
  set_view(state, ViewKind::Memory);
  attach_api(&state);
  at(state.result().trace.makespan);  // where a run that played to its end leaves the playhead
  const nlohmann::json json = nlohmann::json::parse(tl_state_json());
  const nlohmann::json& columns = json["memory"]["columns"];
  ASSERT_EQ(columns.size(), 2u);
  for (std::size_t c = 0; c < 2; ++c) {
    const AddressSpaceId space = state.memory.columns().columns[c].space;
    EXPECT_FALSE(columns[c]["alive"].get<bool>());
    const TimeNs exit = first_event(PageChangeKind::Exit, space);
    ASSERT_GT(exit, 0);
    EXPECT_DOUBLE_EQ(columns[c]["exited_us"].get<double>(), double(exit) / 1000.0) << "column " << c;
    EXPECT_EQ(state.memory.exit_time(space), exit);
  }
  at(first_event(PageChangeKind::Fork));  // while they live there is no exit to tell
  const nlohmann::json live = nlohmann::json::parse(tl_state_json());
  EXPECT_TRUE(live["memory"]["columns"][0]["exited_us"].is_null());
  attach_api(nullptr);
}

TEST_F(MemoryViewTest, SmapsFiguresAgreeWithTheMemoryLanes) {
  open("shared_memory");
  const Trace& trace = state.result().trace;
  for (const TimeNs t : {trace.makespan / 4, trace.makespan / 2, trace.makespan * 3 / 4}) {
    SCOPED_TRACE(t);
    at(t);
    const MemoryReplay& replay = *state.memory.replay();
    for (const MemoryColumn& column : state.memory.columns().columns) {
      if (!column.alive) continue;
      const SmapsFigures f = replay.smaps(column.space);
      const MemoryLane& lane = trace.memory.at(column.process);
      const auto sample = std::upper_bound(lane.begin(), lane.end(), t,
                                           [](TimeNs time, const MemorySample& s) { return time < s.time; });
      ASSERT_NE(sample, lane.begin());
      EXPECT_EQ(f.rss_kb, std::prev(sample)->resident_kb);
      EXPECT_EQ(f.shared_clean_kb + f.shared_dirty_kb, std::prev(sample)->shared_kb);
      EXPECT_EQ(f.private_clean_kb + f.private_dirty_kb, std::prev(sample)->private_kb);
      EXPECT_LT(f.pss_kb, f.rss_kb) << "shared pages count for a fraction";
      EXPECT_GE(f.pss_kb, f.private_clean_kb + f.private_dirty_kb);
    }
  }
}

TEST_F(MemoryViewTest, OneInstancePerResidentPageInsideTheViewDrawnByOneCallback) {
  open("shared_memory");
  at(state.result().trace.makespan / 2);
  const MemoryLayout& layout = state.memory.columns();
  std::size_t resident = 0;
  for (const MemoryColumn& column : layout.columns)
    if (column.alive) resident += state.memory.replay()->smaps(column.space).rss_kb / kPageKb;
  const std::vector<PageInstance>& pages = state.memory.batch().instances;
  EXPECT_EQ(pages.size(), resident);
  const Rect area = state.memory.layout().area;
  for (const PageInstance& p : pages) {
    ASSERT_GE(p.x, area.x0);
    ASSERT_LE(p.x + p.size, area.x1 + 0.5f);
    ASSERT_GE(p.y, area.y0);
    ASSERT_LE(p.y + p.size, area.y1 + 0.5f);
  }

  ImGui::NewFrame();
  draw_frame(state);
  ImGui::Render();
  int callbacks = 0;
  const ImDrawData& data = *ImGui::GetDrawData();
  for (int l = 0; l < data.CmdListsCount; ++l)
    for (const ImDrawCmd& cmd : data.CmdLists[l]->CmdBuffer)
      if (cmd.UserCallback == page_batch_callback()) {
        ++callbacks;
        EXPECT_EQ(cmd.UserCallbackData, &state.memory.batch());
      }
  EXPECT_EQ(callbacks, 1) << "every page in one draw";
}

TEST_F(MemoryViewTest, ThePageUnderThePointerIsTheOneDrawnThere) {
  open("shared_memory");
  at(state.result().trace.makespan / 2);
  const MemoryLayout& layout = state.memory.columns();
  std::size_t next = 0;
  for (std::size_t c = 0; c < layout.columns.size(); ++c)
    for (std::size_t s = 0; s < layout.columns[c].segments.size(); ++s)
      for (std::uint32_t page = 0; page < layout.columns[c].segments[s].pages; ++page, ++next) {
        const PageInstance& p = state.memory.batch().instances.at(next);
        PageHit hit;
        ASSERT_TRUE(hit_page(layout, p.x + p.size / 2, p.y + p.size / 2, hit));
        ASSERT_EQ(hit.column, c);
        ASSERT_EQ(hit.segment, s);
        ASSERT_EQ(hit.page, page);
      }
  PageHit hit;
  EXPECT_FALSE(hit_page(layout, layout.columns[0].gutter.x0 + 1, layout.columns[0].gutter.y1 - 1, hit));
}

// The smallest frame the page supports (480x360) still has the tabs and the columns.
TEST_F(MemoryViewTest, ColumnsFitTheWindowOrScrollAtTheSmallestOne) {
  for (const ImVec2 size : {ImVec2(1280, 720), ImVec2(480, 360)}) {
    SCOPED_TRACE(size.x);
    ImGui::GetIO().DisplaySize = size;
    open("shared_memory");
    at(state.result().trace.makespan / 2);
    const MemoryLayout& layout = state.memory.columns();
    const Rect area = state.memory.layout().area;
    ASSERT_EQ(layout.columns.size(), 3u);
    EXPECT_GE(layout.cell, 2.0f) << "a page stays visible";
    if (size.x >= 1280) {
      EXPECT_FALSE(layout.scrolls) << "a desktop window shows every page at once";
    }
    EXPECT_EQ(layout.scrolls, area.y0 + layout.height > area.y1);
    for (const MemoryColumn& column : layout.columns) {
      EXPECT_LE(column.rect.x1, size.x);
      EXPECT_LE(column.rect.y1, area.y0 + layout.height + 0.5f);
      for (const MemorySegment& s : column.segments) {
        EXPECT_LE(s.cells.x1, column.rect.x1 + 0.5f);
        EXPECT_LE(s.cells.y1, column.rect.y1 + 0.5f);
      }
    }
  }
}

TEST_F(MemoryViewTest, ThreadsOfOneProcessShareItsHeapAndHaveAStackEach) {
  open("race");
  at(state.result().trace.makespan / 2);
  const MemoryLayout& layout = state.memory.columns();
  ASSERT_EQ(layout.columns.size(), 1u);
  int heaps = 0;
  std::vector<std::uint32_t> stacks;
  for (const MemorySegment& s : layout.columns[0].segments) {
    heaps += s.kind == RegionKind::Heap;
    if (s.kind == RegionKind::Stack) stacks.push_back(s.tag);
  }
  EXPECT_EQ(heaps, 1);
  EXPECT_EQ(stacks, (std::vector<std::uint32_t>{0, 1}));
}

// A phone-sized frame showing the timeline still offers every view by its tab, in one row.
TEST_F(MemoryViewTest, ASmallFrameOffersEveryViewByItsTab) {
  ImGui::GetIO().DisplaySize = ImVec2(480, 360);
  open("race", ViewKind::Timeline);
  ui.frame(state);
  for (const ViewKind view : {ViewKind::Timeline, ViewKind::Memory, ViewKind::Race, ViewKind::Compare}) {
    const Rect tab = state.layout.view_tabs.at(std::size_t(view));
    EXPECT_GT(tab.x1, tab.x0) << to_string(view);
    EXPECT_LE(tab.x1, 480.0f) << to_string(view);
    EXPECT_LE(tab.y1, 40.0f) << to_string(view) << ": the tabs take the top row only";
  }
}

// On the page the wheel reaches the program only over the wheel area: there the memory columns
// and the race's list scroll (at small sizes they do not fit); elsewhere the page scrolls.
TEST_F(MemoryViewTest, TheWheelAreaIsWhatTheViewScrolls) {
  ImGui::GetIO().DisplaySize = ImVec2(480, 360);
  open("shared_memory");
  at(state.result().trace.makespan / 2);
  ASSERT_TRUE(state.memory.columns().scrolls) << "three columns do not fit 480x360";
  const Rect columns = state.memory.layout().area;
  EXPECT_EQ(wheel_area(state).y0, columns.y0);
  EXPECT_EQ(wheel_area(state).y1, columns.y1);
  open("race", ViewKind::Race);
  ui.frame(state);
  const Rect list = state.race.layout().list;
  ASSERT_GT(list.y1, list.y0);
  EXPECT_EQ(wheel_area(state).y0, list.y0);
  EXPECT_EQ(wheel_area(state).y1, list.y1);
}

TEST_F(MemoryViewTest, TabsKeysAndTheApiPickTheView) {
  open("race", ViewKind::Timeline);
  attach_api(&state);
  ui.frame(state);
  EXPECT_EQ(nlohmann::json::parse(tl_state_json())["view"], "timeline");
  // A click on the Memory tab.
  const Rect tab = state.layout.view_tabs.at(std::size_t(ViewKind::Memory));
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2((tab.x0 + tab.x1) / 2, (tab.y0 + tab.y1) / 2);
  ui.frame(state);
  io.MouseDown[0] = true;
  ui.frame(state);
  io.MouseDown[0] = false;
  ui.frame(state);
  EXPECT_EQ(state.view, ViewKind::Memory);
  EXPECT_EQ(nlohmann::json::parse(tl_state_json())["view"], "memory");
  // The key of the third tab.
  io.AddInputCharacter('3');
  ui.frame(state);
  EXPECT_EQ(state.view, ViewKind::Race);
  EXPECT_EQ(tl_set_view("timeline"), 1);
  EXPECT_EQ(state.view, ViewKind::Timeline);
  EXPECT_EQ(tl_set_view("nonsense"), 0);
  EXPECT_EQ(state.view, ViewKind::Timeline);
  ui.frame(state);
  EXPECT_FALSE(state.timeline.layout().core_lanes.empty());
}

}  // namespace
}  // namespace tl::app::test
