#include "course/lz_uri.h"

#include <gtest/gtest.h>

namespace tl::course {
namespace {

std::string decode(std::string_view in, std::size_t max = 1 << 20) {
  std::string error;
  const auto out = lz_decompress_uri(in, max, error);
  return out ? *out : "ERROR: " + error;
}

// Produced by the lz-string npm package (compressToEncodedURIComponent), so links made by a
// page using it open here, and ours open there.
TEST(LzUri, MatchesTheReferenceImplementation) {
  const std::pair<const char*, const char*> vectors[] = {
      {"hello", "BYUwNmD2Q"},
      {"{\"a\":1}", "N4IghiBcCMC+Q"},
      {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "IY18ZVA"},
      {"h\xC3\xA9llo w\xC3\xB6rld \xE2\x9C\x93 \xF0\x9D\x84\x9E", "BYS4NmD2AEDuBvAnMATahkcmoFg3B4u0A"},
      {"abcabcabcabcabcxyzxyzxyz", "IYIwxqHpkB4J4C8HKUA"},
  };
  for (const auto& [text, encoded] : vectors) {
    EXPECT_EQ(lz_compress_uri(text), encoded) << text;
    EXPECT_EQ(decode(encoded), text) << encoded;
  }
}

TEST(LzUri, RoundTripsLongAndVariedText) {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "{\"thread\":\"T" + std::to_string(i % 37) + "\",\"cpu_us\":" + std::to_string(i * 7) + "},";
  EXPECT_EQ(decode(lz_compress_uri(text)), text);
  std::string bytes;
  for (int i = 1; i < 128; ++i) bytes.push_back(char(i));
  EXPECT_EQ(decode(lz_compress_uri(bytes)), bytes);
}

TEST(LzUri, AFormDecodedPlusStillReads) {
  std::string encoded = "N4IghiBcCMC+Q";
  encoded[encoded.find('+')] = ' ';
  EXPECT_EQ(decode(encoded), "{\"a\":1}");
}

TEST(LzUri, RefusesHostileInputWithAReason) {
  EXPECT_EQ(decode(""), "ERROR: empty");
  EXPECT_NE(decode("<script>alert(1)</script>").find("outside the URL-safe alphabet"), std::string::npos);
  EXPECT_NE(decode("BYUw").find("truncated"), std::string::npos);  // "hello" cut short
  // Output beyond the bound stops the decoder instead of growing.
  const std::string big = lz_compress_uri(std::string(100000, 'x'));
  EXPECT_NE(decode(big, 1000).find("longer than 1000 bytes"), std::string::npos);
  // Every prefix of a valid stream is either refused or decodes to something, never a crash.
  const std::string valid = lz_compress_uri("{\"machine\":{\"cores\":4},\"processes\":[]}");
  for (std::size_t n = 1; n < valid.size(); ++n) (void)decode(valid.substr(0, n));
}

}  // namespace
}  // namespace tl::course
