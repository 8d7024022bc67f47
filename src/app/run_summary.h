// A finished run in words beside its timeline. The wording is the simulation library's
// (sim/trace/run_summary.h), shared with the CLI; the app names it here.
#pragma once
#include "sim/trace/run_summary.h"

namespace tl::app {

using tl::lost_any;
using tl::outcome_line;
using tl::shared_variables;
using tl::variable_line;
using tl::VariableSummary;

}  // namespace tl::app
