// Any bytes as one message from the host page (postMessage text, which any page that embeds
// threadlab can send): the handler never throws; a message that is not ours gets no command
// and no error (no reply); ours gets a command or a one-line reason, never both; the sender's
// id comes back as valid JSON; a command's values are within range, and a "load" by link
// state decodes as the link decoder reads it. Stateless, so a flood of such messages is this
// many single ones; the page's rate limit is tested in the browser.
#include "fuzz_support.h"

#include "course/host_api.h"
#include "course/url_state.h"

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tl::course;
  using tl::fuzz::require;
  const HostMessage m = parse_host_message(tl::fuzz::as_text(data, size));
  require(!m.command || m.ours, "only our messages carry a command");
  require(m.error.empty() || m.ours, "only our messages get an error reply");
  require(!m.ours || m.command.has_value() == m.error.empty(), "ours: a command or a reason, not both");
  require(m.error.find('\n') == std::string::npos, "a reason is one line");
  require(m.id_json.size() <= kMaxHostMessageBytes, "the id is no longer than the message");
  require(!nlohmann::json::parse(m.id_json, nullptr, false).is_discarded(), "the id echoes as valid JSON");
  if (!m.command) return 0;
  const HostCommand& c = *m.command;
  require(c.cores == 0 || (c.cores >= 1 && c.cores <= kMaxUrlCores), "cores 0 (unchanged) or 1 .. 16");
  if (c.verb == HostVerb::Seek) require(c.seek_ns >= 0, "a seek has a time");
  if (c.verb == HostVerb::Answer) require((c.choice >= 0) != c.number.has_value(), "an answer is a choice or a number");
  if (c.verb == HostVerb::Load) {
    const int given = !c.lesson.empty() + !c.scenario.empty() + !c.state.empty();
    require(given == 1, "a load names exactly one of lesson, scenario, state");
    if (!c.state.empty()) (void)decode_url_state(c.state);
  }
  for (const auto& [name, value] : c.controls)
    require(name.find('\n') == std::string::npos && value.find('\n') == std::string::npos, "control names and values are words");
  return 0;
}
