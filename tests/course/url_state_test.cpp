#include "course/url_state.h"

#include <gtest/gtest.h>

namespace tl::course {
namespace {

std::string errors_of(std::string_view text) {
  std::string out;
  for (const std::string& e : decode_url_state(text).errors) out += e + "\n";
  return out;
}

TEST(UrlState, EncodesAndDecodesEveryField) {
  UrlState s;
  s.lesson = "races";
  s.set = {{"cores", "4"}, {"quantum_us", "0.5"}, {"scenario", "locked"}};
  s.playhead_ns = 1234567;
  s.playing = 0;
  s.view = "timeline";
  s.embed = true;
  const std::string link = encode_url_state(s);
  EXPECT_EQ(link, "v=1&lesson=races&set.cores=4&set.quantum_us=0.5&set.scenario=locked&t=1234567&play=0&view=timeline&embed=1");
  const UrlStateParse back = decode_url_state("#" + link);
  EXPECT_TRUE(back.errors.empty()) << back.errors.front();
  EXPECT_EQ(back.state, s);
}

TEST(UrlState, CarriesAWholeScenarioCompressed) {
  UrlState s;
  s.scenario_json = R"({"name":"mine","machine":{"cores":3},"processes":[{"name":"p","threads":[]}]})";
  s.cores = 3;
  const UrlStateParse back = decode_url_state(encode_url_state(s));
  EXPECT_TRUE(back.errors.empty());
  EXPECT_EQ(back.state, s);
}

TEST(UrlState, ReadsTheOlderQueryForm) {
  const UrlStateParse p = decode_url_state("?scenario=race&cores=4&variant=single");
  EXPECT_TRUE(p.errors.empty());
  EXPECT_EQ(p.state.scenario, "race");
  EXPECT_EQ(p.state.cores, 4);
}

TEST(UrlState, EachBadValueIsNamedAndKeepsItsDefault) {
  const UrlStateParse p = decode_url_state("cores=abc&scenario=race&t=-5&play=yes&embed=2");
  EXPECT_EQ(p.state.cores, 0);
  EXPECT_EQ(p.state.scenario, "race");  // the good part is kept
  EXPECT_EQ(p.state.playhead_ns, -1);
  EXPECT_EQ(p.state.playing, -1);
  EXPECT_FALSE(p.state.embed);
  const std::string e = errors_of("cores=abc&scenario=race&t=-5&play=yes&embed=2");
  EXPECT_NE(e.find("cores: 'abc' is not a whole number from 1 to 16"), std::string::npos) << e;
  EXPECT_NE(e.find("t: '-5'"), std::string::npos) << e;
  EXPECT_NE(e.find("play: 'yes' is not 0 or 1"), std::string::npos) << e;
  EXPECT_NE(e.find("embed: '2' is not 0 or 1"), std::string::npos) << e;
  EXPECT_NE(errors_of("cores=0").find("cores"), std::string::npos);
  EXPECT_NE(errors_of("cores=17").find("cores"), std::string::npos);
  EXPECT_NE(errors_of("cores=99999999999999999999999").find("cores"), std::string::npos);
}

TEST(UrlState, ScriptTextIsRefusedAndShownInert) {
  const std::string e = errors_of("lesson=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  EXPECT_NE(e.find("lesson: '<script>alert(1)</script>' is not a lesson id"), std::string::npos) << e;
  const std::string ctl = errors_of("scenario=%0A%00%27");
  EXPECT_NE(ctl.find("'\\x0a\\x00\\x27'"), std::string::npos) << ctl;  // control characters escaped
  EXPECT_NE(errors_of("set.cores=1;alert(1)").find("set.cores"), std::string::npos);
}

TEST(UrlState, MalformedStructureIsReported) {
  EXPECT_NE(errors_of("cores=%zz").find("malformed %-escape"), std::string::npos);
  EXPECT_NE(errors_of("cores=%4").find("malformed %-escape"), std::string::npos);
  EXPECT_NE(errors_of("bogus=1").find("unknown key 'bogus'"), std::string::npos);
  EXPECT_NE(errors_of("cores=2&cores=3").find("given twice"), std::string::npos);
  EXPECT_NE(errors_of("v=9").find("v: link version '9'"), std::string::npos);
  EXPECT_NE(errors_of("sc=N4Igh").find("sc: the compressed scenario cannot be read"), std::string::npos);
  EXPECT_NE(errors_of("sc=BYUwNmD2Q").find("not a JSON object"), std::string::npos);  // "hello"
  EXPECT_NE(errors_of("scenario=race&sc=N4IghiBcCMC+Q").find("given together"), std::string::npos);
  EXPECT_NE(errors_of(std::string(kMaxFragmentBytes + 1, 'a')).find("more than the"), std::string::npos);
  EXPECT_TRUE(errors_of("&&&").empty());
  EXPECT_TRUE(errors_of("").empty());
}

TEST(UrlState, QuotedValuesAreShortAndPrintable) {
  const std::string q = quote_for_message(std::string(500, 'x') + "\x01");
  EXPECT_LT(q.size(), 50u);
  EXPECT_EQ(quote_for_message("a'b"), "'a\\x27b'");
}

}  // namespace
}  // namespace tl::course
