// Any bytes as a link's fragment or query (anyone can craft a link): the decoder returns a
// state within its bounds and one-line messages; encoding that state and decoding it again
// gives the same state without a message. The same bytes also go through the pieces the
// decoder is made of: lz-string decompression (bounded, and compression round-trips valid
// UTF-8), percent-decoding (encoding round-trips) and the quoting of values in messages
// (short, printable ASCII only).
#include "fuzz_support.h"

#include "course/lz_uri.h"
#include "course/url_state.h"

namespace {

using tl::fuzz::require;

// Strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF): the text the
// compressor promises to give back unchanged.
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (std::size_t k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    const std::uint32_t least[] = {0, 0x80, 0x800, 0x10000};
    if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

bool one_line(const std::string& s) { return s.find('\n') == std::string::npos && s.find('\r') == std::string::npos; }

void check_bounds(const tl::course::UrlState& st) {
  using namespace tl::course;
  require(st.cores == 0 || (st.cores >= 1 && st.cores <= kMaxUrlCores), "cores 0 or 1 .. 16");
  require(st.lesson.size() <= kMaxIdBytes && st.scenario.size() <= kMaxIdBytes && st.view.size() <= kMaxIdBytes,
          "names within their bound");
  require(st.set.size() <= kMaxSettings, "at most kMaxSettings lesson controls");
  require(st.scenario_json.size() <= kMaxScenarioBytes, "a carried scenario within its bound");
  require(st.playhead_ns >= -1, "the playhead is -1 or a time");
  require(st.playing >= -1 && st.playing <= 1, "playing is -1, 0 or 1");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tl::course;
  const std::string_view text = tl::fuzz::as_text(data, size);

  const UrlStateParse parsed = decode_url_state(text);
  for (const std::string& e : parsed.errors) require(one_line(e), "a message is one line");
  check_bounds(parsed.state);
  const std::string link = encode_url_state(parsed.state);
  const UrlStateParse again = decode_url_state(link);
  require(again.errors.empty(), "an encoded state decodes without a message");
  require(again.state == parsed.state, "decode(encode(state)) == state");
  require(encode_url_state(again.state) == link, "the encoding is canonical");

  std::string why;
  const std::optional<std::string> out = lz_decompress_uri(text, 64 * 1024, why);
  require(out.has_value() == why.empty(), "decompressed text or a reason, not both");
  if (out) require(out->size() <= 64 * 1024, "decompression stops at its bound");
  // Empty text excepted: lz-string itself reads "" as no data, not as "".
  if (!text.empty() && valid_utf8(text)) {
    const std::string packed = lz_compress_uri(text);
    std::string why2;
    const std::optional<std::string> back = lz_decompress_uri(packed, size * 4 + 16, why2);
    require(back.has_value() && *back == text, "lz compression round-trips valid UTF-8");
  }

  std::string decoded;
  require(percent_decode(percent_encode(text), decoded) && decoded == text, "percent-encoding round-trips");
  const std::string quoted = quote_for_message(text);
  require(quoted.size() <= 200, "a quoted value is short");
  for (const char c : quoted) require(c >= 0x20 && c < 0x7F, "a quoted value is printable ASCII");
  return 0;
}
