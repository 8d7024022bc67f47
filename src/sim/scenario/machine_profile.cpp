#include "sim/scenario/machine_profile.h"

#include "sim/scenario/machine_costs.h"
#include "sim/scenario/reader.h"

#include <nlohmann/json.hpp>

namespace tl {

namespace {

using detail::Json;

constexpr const char* kNamed = "native, python or textbook";

std::optional<MachineProfile> read_object(const Json& object, const std::string& path, const std::string& where,
                                          std::vector<ScenarioError>& errors) {
  const std::size_t before = errors.size();
  auto fail = [&](const std::string& at, std::string message) { errors.push_back({at, message + where}); };
  MachineProfile out;
  CostProfileKind base = CostProfileKind::Native;
  if (auto it = object.find("base"); it != object.end()) {
    const std::string at = path + ".base";
    if (!it->is_string()) fail(at, std::string("expected a string, got ") + it->type_name());
    else if (auto kind = cost_profile_kind(it->get_ref<const std::string&>())) base = *kind;
    else fail(at, "unknown base profile " + quote_name(it->get_ref<const std::string&>()) + " (expected " + kNamed + ")");
  }
  out.costs = cost_profile(base);
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string& key = it.key();
    const std::string at = path + "." + key;
    if (key == "base") continue;
    if (key == "name" || key == "description") {
      if (!it->is_string()) fail(at, std::string("expected a string, got ") + it->type_name());
    } else if (key == "cores") {
      if (!it->is_number_integer() || it->get<std::int64_t>() < 1 || it->get<std::int64_t>() > detail::kMaxCores)
        fail(at, "expected an integer in 1 .. " + std::to_string(detail::kMaxCores));
      else out.shape.cores = static_cast<std::uint32_t>(it->get<std::int64_t>());
    } else if (key == "smt") {
      if (!it->is_number_integer() || it->get<std::int64_t>() < 1 || it->get<std::int64_t>() > 8)
        fail(at, "expected an integer in 1 .. 8 (hardware threads per core)");
      else out.shape.smt = static_cast<std::uint32_t>(it->get<std::int64_t>());
    } else {
      std::vector<ScenarioError> field_errors;
      if (!apply_cost_field(out.costs, key, *it, at, field_errors)) {
        std::string list = "name, description, base, cores, smt";
        for (const CostField& f : cost_fields()) list += std::string(", ") + f.name;
        fail(path, "unknown key " + quote_name(key) + " (expected one of: " + list + ")");
      }
      for (ScenarioError& e : field_errors) fail(e.path, e.message);
    }
  }
  if (out.shape.cores && out.shape.smt && *out.shape.cores * *out.shape.smt > detail::kMaxCores)
    fail(path + ".smt", "cores x smt is " + std::to_string(*out.shape.cores * *out.shape.smt) +
                            " hardware threads; at most " + std::to_string(detail::kMaxCores));
  if (errors.size() != before) return std::nullopt;
  return out;
}

}  // namespace

bool is_profile_file_reference(const std::string& text) {
  return text.find('/') != std::string::npos ||
         (text.size() > 5 && text.compare(text.size() - 5, 5, ".json") == 0);
}

std::optional<MachineProfile> read_machine_profile(const Json& value, const std::string& path,
                                                   const ProfileFileReader* reader, std::vector<ScenarioError>& errors) {
  if (value.is_object()) return read_object(value, path, "", errors);
  if (!value.is_string()) {
    errors.push_back({path, std::string("expected a profile name, a profile file or an object, got ") + value.type_name()});
    return std::nullopt;
  }
  const std::string& text = value.get_ref<const std::string&>();
  if (auto kind = cost_profile_kind(text)) return MachineProfile{cost_profile(*kind), {}};
  if (!is_profile_file_reference(text)) {
    errors.push_back({path, "unknown profile " + quote_name(text) + " (expected " + kNamed +
                                ", a profile file such as 'my-machine.json', or an object)"});
    return std::nullopt;
  }
  if (!reader || !*reader) {
    errors.push_back({path, "profile file " + quote_name(text) +
                                " cannot be read here (threadlab-cli reads it relative to the scenario file; "
                                "elsewhere write its object inline: \"profile\": {...})"});
    return std::nullopt;
  }
  std::string reason;
  const std::optional<std::string> file = (*reader)(text, reason);
  if (!file) {
    errors.push_back({path, "profile file " + quote_name(text) + ": " + (reason.empty() ? "cannot be read" : reason)});
    return std::nullopt;
  }
  detail::Errors json_errors;
  const std::optional<Json> doc = detail::parse_json(*file, json_errors);
  const std::string where = " (in profile file " + quote_name(text) + ")";
  if (!doc || json_errors.count() > 0) {
    for (ScenarioError& e : json_errors.take())  // duplicate keys name their path inside the file
      errors.push_back({e.path.empty() ? path : path + "." + e.path, e.message + where});
    return std::nullopt;
  }
  if (!doc->is_object()) {
    errors.push_back({path, std::string("a profile file holds a JSON object, got ") + doc->type_name() + where});
    return std::nullopt;
  }
  return read_object(*doc, path, where, errors);
}

}  // namespace tl
