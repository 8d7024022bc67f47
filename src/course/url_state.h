// What a link carries in its fragment (#...), which the browser never sends to a server:
// the lesson and its control values, or a scenario (an example's name, or a whole scenario
// compressed), the core count, the playhead, the view and embed mode.
//
//   #v=1&lesson=races&set.cores=4&set.scenario=locked&t=1250000&play=0&view=timeline&embed=1
//   #v=1&scenario=race&cores=4
//   #v=1&sc=N4IgzgpgTg...         (lz-string, compressToEncodedURIComponent)
//
// Decoding is a plain function of the text: a hostile link (truncated, oversized, wrong
// types, script text) gives messages naming the key and the reason, and that key keeps its
// default; nothing in it is ever executed or echoed as markup by this code. The same decoder
// reads query strings (?scenario=race&cores=4), the older form of links.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tl::course {

inline constexpr int kUrlStateVersion = 1;
inline constexpr std::size_t kMaxFragmentBytes = 32 * 1024;   // whole fragment, as received
inline constexpr std::size_t kMaxScenarioBytes = 256 * 1024;  // `sc` once decompressed
inline constexpr std::size_t kMaxIdBytes = 64;
inline constexpr std::size_t kMaxValueBytes = 64;
inline constexpr std::size_t kMaxSettings = 16;
inline constexpr int kMaxUrlCores = 16;

struct UrlState {
  std::string lesson;                      // lesson id; "" = none
  std::map<std::string, std::string> set;  // lesson controls: name -> value as written
  std::string scenario;                    // embedded scenario name; "" = default/none
  std::string scenario_json;               // a whole scenario (from `sc`); "" = none
  int cores = 0;                           // 0 = the scenario's own
  std::int64_t playhead_ns = -1;           // -1 = the start
  int playing = -1;                        // -1 = default (plays), 0 paused, 1 playing
  std::string view;                        // "" = default
  bool embed = false;

  bool operator==(const UrlState&) const = default;
};

struct UrlStateParse {
  UrlState state;
  std::vector<std::string> errors;  // "cores: 'abc' is not a whole number from 1 to 16"
};

// `text` is a fragment or query without its leading '#' or '?' (one is skipped if present).
UrlStateParse decode_url_state(std::string_view text);
// The canonical fragment (no leading '#'): keys in a fixed order, defaults left out.
std::string encode_url_state(const UrlState& state);

// Percent-decoding for one component; false for a malformed escape.
bool percent_decode(std::string_view in, std::string& out);
std::string percent_encode(std::string_view in);

// Shown in a message: control characters and anything beyond printable ASCII escaped, and
// cut to a short length, so a hostile value can neither flood nor fake the message.
std::string quote_for_message(std::string_view value);

}  // namespace tl::course
