#include "course/host_api.h"

#include "course/url_state.h"
#include "sim/core/json_depth.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace tl::course {
namespace {

using nlohmann::json;

bool is_name(const std::string& s) {
  if (s.empty() || s.size() > kMaxIdBytes) return false;
  for (const char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  return true;
}

std::string type_name(const json& v) { return v.type_name(); }

// A control value as a lesson control takes it: a word, a whole or decimal number, or a bool.
std::optional<std::string> control_text(const json& v) {
  if (v.is_boolean()) return v.get<bool>() ? "on" : "off";
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (!std::isfinite(d) || d < 0 || d > 1e12) return std::nullopt;
    std::string s = json(d).dump();
    return s;
  }
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    if (s.empty() || s.size() > kMaxValueBytes) return std::nullopt;
    for (const char c : s)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.'))
        return std::nullopt;
    return s;
  }
  return std::nullopt;
}

}  // namespace

const char* to_string(HostVerb verb) {
  switch (verb) {
    case HostVerb::GetState: return "get-state";
    case HostVerb::GetLink: return "get-link";
    case HostVerb::Load: return "load";
    case HostVerb::Set: return "set";
    case HostVerb::Play: return "play";
    case HostVerb::Pause: return "pause";
    case HostVerb::Seek: return "seek";
    case HostVerb::Answer: return "answer";
  }
  return "?";
}

HostMessage parse_host_message(std::string_view text) {
  HostMessage out;
  if (text.size() > kMaxHostMessageBytes || json_nesting_exceeds(text, kMaxHostMessageDepth)) {
    // Too big or too deep to be a command: still answered if it claims to be one.
    out.ours = text.find("\"threadlab\"") != std::string_view::npos;
    if (!out.ours) return out;  // another page's message gets no reply, even an error
    out.error = text.size() > kMaxHostMessageBytes
                    ? "message: " + std::to_string(text.size()) + " bytes, more than " +
                          std::to_string(kMaxHostMessageBytes)
                    : "message: nested deeper than " + std::to_string(kMaxHostMessageDepth) + " levels";
    return out;
  }
  const json message = json::parse(text, nullptr, false);
  if (message.is_discarded() || !message.is_object() || !message.contains("threadlab")) return out;
  out.ours = true;
  const auto fail = [&](std::string why) {
    out.error = std::move(why);
    return out;
  };
  if (const auto id = message.find("id"); id != message.end()) {
    if (!(id->is_string() || id->is_number()) || (id->is_string() && id->get_ref<const std::string&>().size() > 64))
      return fail("id: must be a number or a string of at most 64 characters, got " + type_name(*id));
    out.id_json = id->dump();
  }
  const json& version = message["threadlab"];
  if (!version.is_number_integer())
    return fail("threadlab: the API version must be a whole number (this page speaks " +
                std::to_string(kHostApiVersion) + "), got " + type_name(version));
  if (version.get<std::int64_t>() != kHostApiVersion)
    return fail("threadlab: API version " + version.dump() + " is not supported (this page speaks " +
                std::to_string(kHostApiVersion) + ")");
  const auto cmd = message.find("command");
  if (cmd == message.end() || !cmd->is_string()) return fail("command: missing or not a string");
  const std::string& name = cmd->get_ref<const std::string&>();

  HostCommand command;
  const auto known = [&](std::initializer_list<const char*> keys) -> std::string {
    for (const auto& [key, value] : message.items()) {
      if (key == "threadlab" || key == "id" || key == "command") continue;
      bool ok = false;
      for (const char* k : keys) ok = ok || key == k;
      if (!ok) return "'" + name + "' takes no '" + quote_for_message(key).substr(1, std::string::npos) + " field";
    }
    return "";
  };
  std::string extra;
  if (name == "get-state" || name == "get-link" || name == "play" || name == "pause") {
    command.verb = name == "get-state"  ? HostVerb::GetState
                   : name == "get-link" ? HostVerb::GetLink
                   : name == "play"     ? HostVerb::Play
                                        : HostVerb::Pause;
    extra = known({});
  } else if (name == "load") {
    command.verb = HostVerb::Load;
    if ((extra = known({"lesson", "scenario", "state"})).empty()) {
      int given = 0;
      for (const char* key : {"lesson", "scenario", "state"}) {
        const auto it = message.find(key);
        if (it == message.end()) continue;
        ++given;
        if (!it->is_string()) return fail(std::string(key) + ": must be a string, got " + type_name(*it));
        const std::string& v = it->get_ref<const std::string&>();
        if (std::string_view(key) == "state") {
          if (v.empty()) return fail("state: empty; give the part of a link after '#'");
          if (v.size() > kMaxFragmentBytes) return fail("state: longer than a link may be");
          command.state = v;
        } else if (!is_name(v)) {
          return fail(std::string(key) + ": " + quote_for_message(v) + " is not a " + key + " name");
        } else {
          (std::string_view(key) == "lesson" ? command.lesson : command.scenario) = v;
        }
      }
      if (given != 1) return fail("load: give exactly one of lesson, scenario or state");
    }
  } else if (name == "set") {
    command.verb = HostVerb::Set;
    if ((extra = known({"cores", "controls"})).empty()) {
      if (const auto it = message.find("cores"); it != message.end()) {
        if (!it->is_number_integer() || it->get<std::int64_t>() < 1 || it->get<std::int64_t>() > kMaxUrlCores)
          return fail("cores: must be a whole number from 1 to " + std::to_string(kMaxUrlCores) + ", got " + it->dump());
        command.cores = int(it->get<std::int64_t>());
      }
      if (const auto it = message.find("controls"); it != message.end()) {
        if (!it->is_object()) return fail("controls: must be an object of name: value, got " + type_name(*it));
        if (it->size() > kMaxSettings) return fail("controls: more than " + std::to_string(kMaxSettings) + " entries");
        for (const auto& [key, value] : it->items()) {
          if (!is_name(key)) return fail("controls: " + quote_for_message(key) + " is not a control name");
          const std::optional<std::string> v = control_text(value);
          if (!v) return fail("controls." + key + ": must be a word, a number or true/false, got " + value.dump().substr(0, 40));
          command.controls[key] = *v;
        }
      }
      if (command.cores == 0 && command.controls.empty()) return fail("set: give cores or controls");
    }
  } else if (name == "seek") {
    command.verb = HostVerb::Seek;
    if ((extra = known({"time_us"})).empty()) {
      const auto it = message.find("time_us");
      if (it == message.end() || !it->is_number()) return fail("time_us: missing or not a number");
      const double us = it->get<double>();
      if (!std::isfinite(us) || us < 0 || us > 9e12) return fail("time_us: must be 0 or more, got " + it->dump());
      command.seek_ns = std::int64_t(std::llround(us * 1000.0));
    }
  } else if (name == "answer") {
    command.verb = HostVerb::Answer;
    if ((extra = known({"choice", "number"})).empty()) {
      const auto c = message.find("choice");
      const auto n = message.find("number");
      if ((c == message.end()) == (n == message.end())) return fail("answer: give exactly one of choice or number");
      if (c != message.end()) {
        if (!c->is_number_integer() || c->get<std::int64_t>() < 0 || c->get<std::int64_t>() > 64)
          return fail("choice: must be the index of a choice (0, 1, ...), got " + c->dump().substr(0, 40));
        command.choice = int(c->get<std::int64_t>());
      } else {
        if (!n->is_number() || !std::isfinite(n->get<double>()))
          return fail("number: must be a number, got " + n->dump().substr(0, 40));
        command.number = n->get<double>();
      }
    }
  } else {
    return fail("command: unknown command " + quote_for_message(name) +
                " (get-state, get-link, load, set, play, pause, seek, answer)");
  }
  if (!extra.empty()) return fail(extra);
  out.command = std::move(command);
  return out;
}

}  // namespace tl::course
