// The host-page API's messages, checked before anything acts on them. A course page sends
// threadlab a message with postMessage; the page's script checks the sender's origin against
// the allow-list and hands the message, as JSON text, to this parser. Anything that is not a
// well-formed command of a version this page speaks gives an error naming the field and the
// reason, which goes back to the sender in a reply; nothing of it is executed.
//
//   {"threadlab": 1, "id": 7, "command": "load", "lesson": "races"}
//   {"threadlab": 1, "command": "load", "scenario": "race"}
//   {"threadlab": 1, "command": "load", "state": "v=1&lesson=races&set.cores=4"}
//   {"threadlab": 1, "command": "set", "cores": 4, "controls": {"quantum_us": 1000}}
//   {"threadlab": 1, "command": "play"} / "pause" / "get-state" / "get-link"
//   {"threadlab": 1, "command": "seek", "time_us": 250.5}
//   {"threadlab": 1, "command": "answer", "choice": 2}      (or "number": 3.5)
//
// docs/embedding.md describes the replies and the events.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tl::course {

inline constexpr int kHostApiVersion = 1;
inline constexpr std::size_t kMaxHostMessageBytes = 16 * 1024;
inline constexpr int kMaxHostMessageDepth = 8;

enum class HostVerb : std::uint8_t { GetState,
                                     GetLink,
                                     Load,
                                     Set,
                                     Play,
                                     Pause,
                                     Seek,
                                     Answer };
const char* to_string(HostVerb verb);

struct HostCommand {
  HostVerb verb = HostVerb::GetState;
  std::string lesson;                           // Load
  std::string scenario;                         // Load
  std::string state;                            // Load: a link's fragment
  int cores = 0;                                // Set; 0 = unchanged
  std::map<std::string, std::string> controls;  // Set: lesson controls as text
  std::int64_t seek_ns = -1;                    // Seek
  int choice = -1;                              // Answer
  std::optional<double> number;                 // Answer
};

struct HostMessage {
  bool ours = false;             // has a "threadlab" member: a reply is owed, even to an error
  std::string id_json = "null";  // the sender's "id", as JSON, for the reply ("null" if none)
  std::optional<HostCommand> command;
  std::string error;  // set iff ours && !command
};

HostMessage parse_host_message(std::string_view json_text);

}  // namespace tl::course
