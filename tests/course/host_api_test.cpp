#include "course/host_api.h"

#include <gtest/gtest.h>

namespace tl::course {
namespace {

HostMessage parse(std::string_view text) { return parse_host_message(text); }

TEST(HostApi, ReadsEveryCommand) {
  HostMessage m = parse(R"({"threadlab":1,"id":7,"command":"load","lesson":"races"})");
  ASSERT_TRUE(m.command) << m.error;
  EXPECT_EQ(m.command->verb, HostVerb::Load);
  EXPECT_EQ(m.command->lesson, "races");
  EXPECT_EQ(m.id_json, "7");
  m = parse(R"({"threadlab":1,"command":"set","cores":4,"controls":{"quantum_us":0.5,"gil":true,"policy":"rr"}})");
  ASSERT_TRUE(m.command) << m.error;
  EXPECT_EQ(m.command->cores, 4);
  EXPECT_EQ(m.command->controls.at("quantum_us"), "0.5");
  EXPECT_EQ(m.command->controls.at("gil"), "on");
  EXPECT_EQ(m.command->controls.at("policy"), "rr");
  m = parse(R"({"threadlab":1,"id":"a","command":"seek","time_us":250.5})");
  ASSERT_TRUE(m.command) << m.error;
  EXPECT_EQ(m.command->seek_ns, 250500);
  EXPECT_EQ(m.id_json, "\"a\"");
  for (const char* verb : {"play", "pause", "get-state", "get-link"})
    EXPECT_TRUE(parse(std::string(R"({"threadlab":1,"command":")") + verb + "\"}").command) << verb;
  m = parse(R"({"threadlab":1,"command":"answer","choice":2})");
  ASSERT_TRUE(m.command);
  EXPECT_EQ(m.command->choice, 2);
  m = parse(R"({"threadlab":1,"command":"load","state":"v=1&scenario=race"})");
  ASSERT_TRUE(m.command);
  EXPECT_EQ(m.command->state, "v=1&scenario=race");
}

TEST(HostApi, OtherPagesMessagesAreNotOurs) {
  for (const char* text : {"", "PING", "[1,2]", "{\"perfetto\":{}}", "{bad json", "null", "42"}) {
    const HostMessage m = parse(text);
    EXPECT_FALSE(m.ours) << text;
    EXPECT_FALSE(m.command) << text;
  }
}

TEST(HostApi, BadCommandsGetANamedReason) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"threadlab":2,"command":"play"})", "API version 2 is not supported"},
      {R"({"threadlab":"1","command":"play"})", "threadlab: the API version must be a whole number"},
      {R"({"threadlab":1})", "command: missing"},
      {R"({"threadlab":1,"command":"explode"})", "unknown command 'explode'"},
      {R"({"threadlab":1,"command":"load"})", "give exactly one of lesson, scenario or state"},
      {R"({"threadlab":1,"command":"load","lesson":"a","scenario":"b"})", "give exactly one"},
      {R"({"threadlab":1,"command":"load","lesson":5})", "lesson: must be a string"},
      {R"({"threadlab":1,"command":"load","state":""})", "state: empty"},
      {R"({"threadlab":1,"command":"load","lesson":"<img src=x onerror=alert(1)>"})", "is not a lesson name"},
      {R"({"threadlab":1,"command":"set","cores":"4"})", "cores: must be a whole number from 1 to 16"},
      {R"({"threadlab":1,"command":"set","cores":0})", "cores: must be a whole number"},
      {R"({"threadlab":1,"command":"set","cores":1e9})", "cores: must be a whole number"},
      {R"({"threadlab":1,"command":"set"})", "set: give cores or controls"},
      {R"({"threadlab":1,"command":"set","controls":[1]})", "controls: must be an object"},
      {R"({"threadlab":1,"command":"set","controls":{"x":{"y":1}}})", "controls.x: must be a word"},
      {R"({"threadlab":1,"command":"set","controls":{"x":"a;b"}})", "controls.x: must be a word"},
      {R"({"threadlab":1,"command":"seek"})", "time_us: missing"},
      {R"({"threadlab":1,"command":"seek","time_us":-1})", "time_us: must be 0 or more"},
      {R"({"threadlab":1,"command":"answer"})", "give exactly one of choice or number"},
      {R"({"threadlab":1,"command":"answer","choice":-1})", "choice: must be the index"},
      {R"({"threadlab":1,"command":"play","extra":1})", "'play' takes no 'extra' field"},
      {R"({"threadlab":1,"id":{"a":1},"command":"play"})", "id: must be a number or a string"},
  };
  for (const auto& [text, want] : cases) {
    const HostMessage m = parse(text);
    EXPECT_TRUE(m.ours) << text;
    EXPECT_FALSE(m.command) << text;
    EXPECT_NE(m.error.find(want), std::string::npos) << text << " -> " << m.error;
  }
}

TEST(HostApi, SizeAndDepthAreBoundedBeforeParsing) {
  std::string deep = R"({"threadlab":1,"command":"set","controls":)";
  for (int i = 0; i < 100000; ++i) deep += '[';
  HostMessage m = parse(deep);
  EXPECT_TRUE(m.ours);
  EXPECT_NE(m.error.find("more than"), std::string::npos);
  std::string nested = R"({"threadlab":1,"command":"set","controls":)";
  for (int i = 0; i < 20; ++i) nested += '[';
  m = parse(nested);
  EXPECT_NE(m.error.find("nested deeper"), std::string::npos) << m.error;
}

}  // namespace
}  // namespace tl::course
