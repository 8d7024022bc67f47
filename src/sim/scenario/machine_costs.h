// Reading a scenario's "machine" object into a CostProfile: the profile name picks the
// defaults, then each cost field present overrides one number. The field table, units and
// bounds are the runtime's (runtime/cost_profile.h); this file only turns JSON values into
// them and reports bad ones with their path.
#pragma once
#include "sim/runtime/cost_profile.h"
#include "sim/scenario/machine_profile.h"
#include "sim/scenario/scenario.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace tl {

// Applies one machine field; `path` names it ("machine.fork_us"). A bad value appends an
// error naming it and leaves the profile unchanged. Returns false if `name` is not a cost
// field at all (the caller decides: the machine object has other fields, e.g. "cores").
// Errors come in document order because the document type keeps key order.
bool apply_cost_field(CostProfile& profile, std::string_view name, const nlohmann::ordered_json& value,
                      std::string_view path, std::vector<ScenarioError>& errors);

// The profile of a "machine" object: "profile" picks the defaults (`absent` if it is not
// there: native for scenario files), then every cost field present overrides, wherever
// "profile" appears among the keys. Fields that are neither are ignored here (the scenario
// parser owns them). `path`: the object's path.
// "profile" may also be an inline profile object or a profile file read through `reader`
// (machine_profile.h); `profile_shape`, if given, receives that profile's "cores" and "smt".
CostProfile machine_cost_profile(const nlohmann::ordered_json& machine, std::string_view path,
                                 std::vector<ScenarioError>& errors,
                                 CostProfileKind absent = CostProfileKind::Native,
                                 const ProfileFileReader* reader = nullptr,
                                 ProfileShape* profile_shape = nullptr);

}  // namespace tl
