// The input queue: batches of key, text and mouse events that arrive between two frames (a slow
// frame, a browser under a software renderer) reach ImGui one change per key or button per
// frame, in order, so no press is lost and typed text lands where the keys put the cursor.
#include "app/platform/input_queue.h"
#include "app/theme.h"

#include <cstdio>
#include <gtest/gtest.h>
#include <imgui.h>

namespace tl::app::platform {
namespace {

constexpr int kA = 4, kOne = 30, kZero = 39, kEnter = 40, kBackspace = 42;

void tap(InputQueue& queue, int key, const char* text = nullptr) {
  queue.push(InputEvent::key(key, true));
  if (text != nullptr) queue.push(InputEvent::typed(text));
  queue.push(InputEvent::key(key, false));
}

TEST(InputQueue, EachButtonChangeGetsItsOwnFrameAtItsPosition) {
  InputQueue queue;
  queue.push(InputEvent::move(1, 1));
  queue.push(InputEvent::move(5, 6));
  queue.push(InputEvent::button(0, true, 5, 6));
  queue.push(InputEvent::button(0, false, 7, 6));
  const FrameInput first = queue.next_frame();
  EXPECT_TRUE(first.mouse_down[0]);
  EXPECT_EQ(first.x, 5);
  EXPECT_TRUE(queue.pending());
  const FrameInput second = queue.next_frame();
  EXPECT_FALSE(second.mouse_down[0]);
  EXPECT_EQ(second.x, 7);
  EXPECT_FALSE(queue.pending());
}

TEST(InputQueue, AKeyTappedWithinOneFrameIsDownForAFrameThenUp) {
  InputQueue queue;
  tap(queue, kEnter);
  EXPECT_TRUE(queue.next_frame().keys[kEnter]);
  EXPECT_TRUE(queue.pending());
  EXPECT_FALSE(queue.next_frame().keys[kEnter]);
  EXPECT_FALSE(queue.pending());
}

TEST(InputQueue, ModifiersHeldAtTheKeysFrameCountForIt) {
  InputQueue queue;  // a quick Ctrl+A: all four events between two frames
  queue.push(InputEvent::key(kLeftCtrl, true));
  tap(queue, kA);
  queue.push(InputEvent::key(kLeftCtrl, false));
  const FrameInput first = queue.next_frame();
  EXPECT_TRUE(first.keys[kA]);
  EXPECT_TRUE(queue.ctrl());
  const FrameInput second = queue.next_frame();
  EXPECT_FALSE(second.keys[kA]);
  EXPECT_FALSE(queue.ctrl());
}

// X sends Ctrl's release before Q's: within one batch, Ctrl+Q must still be seen together.
TEST(InputQueue, AModifierReleasedBeforeItsKeyStaysDownForThatKeysFrame) {
  constexpr int kQ = 20;
  InputQueue queue;
  queue.next_frame();
  queue.push(InputEvent::key(kLeftCtrl, true));
  queue.push(InputEvent::key(kQ, true));
  queue.push(InputEvent::key(kLeftCtrl, false));
  queue.push(InputEvent::key(kQ, false));
  bool seen_together = false;
  for (int frame = 0; frame < 4; ++frame) {
    const FrameInput& in = queue.next_frame();
    seen_together = seen_together || (in.keys[kQ] && queue.ctrl());
  }
  EXPECT_TRUE(seen_together);
  EXPECT_FALSE(queue.pending());
  EXPECT_FALSE(queue.ctrl());
}

TEST(InputQueue, CtrlClickKeepsCtrlDownWhileThePressIsSeen) {
  InputQueue queue;
  queue.push(InputEvent::key(kLeftCtrl, true));
  queue.push(InputEvent::button(0, true, 3, 3));
  queue.push(InputEvent::button(0, false, 3, 3));
  queue.push(InputEvent::key(kLeftCtrl, false));
  EXPECT_TRUE(queue.next_frame().mouse_down[0]);
  EXPECT_TRUE(queue.ctrl());
  EXPECT_FALSE(queue.next_frame().mouse_down[0]);
  EXPECT_FALSE(queue.ctrl());
}

TEST(InputQueue, TextAfterAnActingKeyWaitsForTheFrameAfterIt) {
  InputQueue queue;
  tap(queue, kBackspace);
  tap(queue, kOne, "1");
  const FrameInput first = queue.next_frame();
  EXPECT_TRUE(first.keys[kBackspace]);
  EXPECT_EQ(first.text, "") << "ImGui would insert it before it handles Backspace";
  const FrameInput second = queue.next_frame();
  EXPECT_FALSE(second.keys[kBackspace]);
  EXPECT_EQ(second.text, "1") << "a key's own characters come with its press";
  EXPECT_TRUE(queue.pending());
}

TEST(InputQueue, KeysThatOnlyTypeLetAWholeWordThroughInOneFrame) {
  InputQueue queue;
  std::bitset<kKeyCount> acting;
  acting[kEnter] = acting[kBackspace] = true;
  queue.set_acting_keys(acting);
  tap(queue, kOne, "1");
  tap(queue, kZero, "0");
  tap(queue, kZero, "0");
  tap(queue, kEnter);
  const FrameInput first = queue.next_frame();
  EXPECT_EQ(first.text, "100");
  EXPECT_TRUE(first.keys[kEnter]) << "after the characters: ImGui inserts them first";
  EXPECT_FALSE(queue.next_frame().keys[kEnter]);
  EXPECT_FALSE(queue.pending());
}

TEST(InputQueue, RepeatsOfAHeldKeyChangeNothing) {
  InputQueue queue;
  queue.push(InputEvent::key(kBackspace, true));
  queue.push(InputEvent::key(kBackspace, true));
  queue.push(InputEvent::key(kBackspace, true));
  EXPECT_TRUE(queue.next_frame().keys[kBackspace]);
  EXPECT_FALSE(queue.pending());
}

// A text field driven through the queue as the platform drives ImGui: the backend's frame, then
// the queue's, then the widgets.
class TypedIntoAField : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(400, 200);
    io.DeltaTime = 1.0f / 4.0f;  // a slow frame: everything below arrives between two
    theme::setup_fonts(*io.Fonts);
    io.KeyMap[ImGuiKey_A] = kA;
    io.KeyMap[ImGuiKey_Enter] = kEnter;
    io.KeyMap[ImGuiKey_Backspace] = kBackspace;
    queue.set_acting_keys(keys_imgui_acts_on(io));
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // Draws frames until the queue is empty and two more; true if the field reported Enter.
  bool run() {
    bool entered = false;
    for (int idle = 0; idle < 3;) {
      queue.next_frame();
      feed_imgui(queue, ImGui::GetIO());
      ImGui::NewFrame();
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImVec2(400, 200));
      ImGui::Begin("w", nullptr, ImGuiWindowFlags_NoDecoration);
      field = ImGui::GetCursorScreenPos();
      entered |= ImGui::InputText("##f", text, sizeof text, ImGuiInputTextFlags_EnterReturnsTrue);
      ImGui::End();
      ImGui::Render();
      idle = queue.pending() ? 0 : idle + 1;
    }
    return entered;
  }
  void click_field() {
    queue.push(InputEvent::button(0, true, field.x + 5, field.y + 5));
    queue.push(InputEvent::button(0, false, field.x + 5, field.y + 5));
  }

  InputQueue queue;
  char text[64] = "10000";
  ImVec2 field{0, 0};
};

TEST_F(TypedIntoAField, SelectAllThenDigitsThenEnterInOneBatchGivesTheDigits) {
  run();  // lays the field out
  click_field();
  queue.push(InputEvent::key(kLeftCtrl, true));
  tap(queue, kA);
  queue.push(InputEvent::key(kLeftCtrl, false));
  tap(queue, kOne, "1");
  tap(queue, kZero, "0");
  tap(queue, kEnter);
  EXPECT_TRUE(run()) << "Enter reached the field";
  EXPECT_STREQ(text, "10");
}

TEST_F(TypedIntoAField, BackspaceBetweenCharactersErasesTheOneBeforeIt) {
  std::snprintf(text, sizeof text, "%s", "");
  run();
  click_field();
  tap(queue, kOne, "1");
  tap(queue, kZero, "0");
  tap(queue, kBackspace);
  tap(queue, kBackspace);
  tap(queue, kZero, "0");
  tap(queue, kEnter);
  EXPECT_TRUE(run());
  EXPECT_STREQ(text, "0");
}

}  // namespace
}  // namespace tl::app::platform
