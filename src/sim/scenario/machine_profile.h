// The value of a machine's "profile": the name of a built-in profile ("native", "python",
// "textbook"), a profile file ("my-machine.json", as `threadlab-cli measure --profile-out`
// writes it), or the same object inline:
//
//   {"name": "...", "description": "...", "base": "native", "cores": 4, "smt": 2,
//    "thread_switch_us": 2.1, "fork_us": 380, ...any cost field...}
//
// "base" picks the defaults (native if absent), the cost fields override them, and "cores" and
// "smt" are the defaults for machine.cores and machine.smt: the shape of the measured machine
// (4 cores of 2 hardware threads: Linux shows 8 cpus, and siblings share their core). Files are read through a reader the front end supplies
// (the CLI resolves names relative to the scenario file); without one, a file reference is an
// error that says to inline the object, which is all a web page can do.
#pragma once
#include "sim/runtime/cost_profile.h"
#include "sim/scenario/scenario.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tl {

struct ProfileShape {
  std::optional<std::uint32_t> cores;  // the profile's "cores", if it has one
  std::optional<std::uint32_t> smt;    // its "smt" (hardware threads per core), if it has one
};

struct MachineProfile {
  CostProfile costs;
  ProfileShape shape;
};

// `value` is the "profile" value at `path` (e.g. "machine.profile"). On any error it appends
// them (each naming its JSON path, and the file for a profile file) and returns nullopt.
std::optional<MachineProfile> read_machine_profile(const nlohmann::ordered_json& value, const std::string& path,
                                                   const ProfileFileReader* reader, std::vector<ScenarioError>& errors);

// True for a string that names a profile file rather than a built-in profile: it ends in
// ".json" or contains a '/'.
bool is_profile_file_reference(const std::string& text);

}  // namespace tl
