#include "sim/scenario/machine_costs.h"

#include "sim/scenario/machine_profile.h"
#include "sim/scenario/reader.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <string>

namespace tl {
namespace {

using U = CostUnit;

void add_error(std::vector<ScenarioError>& errors, std::string_view path, std::string message) {
  errors.push_back(ScenarioError{std::string(path), std::move(message)});
}

}  // namespace

bool apply_cost_field(CostProfile& profile, std::string_view name, const nlohmann::ordered_json& value,
                      std::string_view path, std::vector<ScenarioError>& errors) {
  const CostField* field = find_cost_field(name);
  if (!field) return false;
  if (!value.is_number()) {
    add_error(errors, path, "expected a number, got " + std::string(value.type_name()));
    return true;
  }
  const bool time = field->unit == U::Microseconds || field->unit == U::MicrosecondsPerMb;
  std::int64_t internal = 0;
  if (value.is_number_float()) {
    const double d = value.get<double>();
    if (!std::isfinite(d) || d < 0) {
      add_error(errors, path, d < 0 ? "must not be negative" : "must be a finite number");
      return true;
    }
    if (!time) {
      if (d != std::floor(d)) {
        add_error(errors, path, "must be a whole number");
        return true;
      }
      internal = d > 9e15 ? INT64_MAX : static_cast<std::int64_t>(d);
    } else if (auto ns = detail::us_text_to_ns(nlohmann::ordered_json(d).dump())) {
      internal = *ns;  // dump(): the shortest decimal that reads back as d, i.e. what was written
    } else {
      internal = INT64_MAX;  // reported as too large below
    }
  } else if (value.is_number_unsigned()) {
    const auto u = value.get<std::uint64_t>();
    internal = u > static_cast<std::uint64_t>(INT64_MAX / 1000) ? INT64_MAX
                                                                : static_cast<std::int64_t>(u) * (time ? 1000 : 1);
  } else {
    const auto i = value.get<std::int64_t>();
    internal = i < 0 ? -1 : i > INT64_MAX / 1000 ? INT64_MAX
                                                 : i * (time ? 1000 : 1);
  }
  if (std::string why = set_cost_field(profile, *field, internal); !why.empty()) add_error(errors, path, why);
  return true;
}

CostProfile machine_cost_profile(const nlohmann::ordered_json& machine, std::string_view path,
                                 std::vector<ScenarioError>& errors, CostProfileKind absent,
                                 const ProfileFileReader* reader, ProfileShape* profile_shape) {
  const std::string base(path);
  CostProfile profile = cost_profile(absent);
  if (!machine.is_object()) {
    add_error(errors, path, "expected an object, got " + std::string(machine.type_name()));
    return profile;
  }
  if (auto it = machine.find("profile"); it != machine.end()) {
    // A name, a profile file or an inline object (machine_profile.h).
    if (std::optional<MachineProfile> p = read_machine_profile(*it, base + ".profile", reader, errors)) {
      profile = p->costs;
      if (profile_shape) *profile_shape = p->shape;
    }
  }
  for (const auto& [key, value] : machine.items())
    apply_cost_field(profile, key, value, base + "." + key, errors);
  return profile;
}

}  // namespace tl
