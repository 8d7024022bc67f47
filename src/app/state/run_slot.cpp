#include "app/state/run_slot.h"

#include "sim/scenario/hardware_thread_name.h"

#include <map>

namespace tl::app {
namespace {

void show(RunSlot& slot, ResultPtr result) {
  ShownRun& shown = slot.shown;
  shown.scenario = slot.requested;
  shown.result = std::move(result);
  shown.states_seen = 0;
  for (const auto& lane : shown.result->trace.threads)
    for (const StateSpan& span : lane) shown.states_seen |= std::uint8_t(1u << unsigned(span.state));
  shown.outcome = outcome_line(shown.scenario, *shown.result);
  shown.variables = shared_variables(shown.scenario, *shown.result);
  shown.thread_labels = unique_thread_labels(shown.scenario);
  shown.core_labels.clear();
  for (CoreId lane = 0; lane < shown.result->trace.cores.size(); ++lane)
    shown.core_labels.push_back(hardware_thread_name(shown.scenario.machine, lane));
  shown.thread_spans = thread_lane_spans(shown.result->trace);
  shown.lod = build_run_lod(shown.result->trace, shown.thread_spans);
  ++slot.runs;
}

}  // namespace

std::vector<std::string> unique_thread_labels(const Scenario& scenario) {
  std::map<std::string, int> uses;
  for (const ThreadSpec& thread : scenario.threads) ++uses[thread.name];
  std::vector<std::string> labels;
  labels.reserve(scenario.threads.size());
  for (const ThreadSpec& thread : scenario.threads) {
    const bool qualify = uses[thread.name] > 1 && thread.process < scenario.processes.size();
    labels.push_back(qualify ? scenario.processes[thread.process].name + "/" + thread.name : thread.name);
  }
  return labels;
}

void submit_run(RunSlot& slot, Scenario scenario, std::uint64_t frame) {
  if (!slot.session) slot.session = std::make_unique<Session>(slot.mode);
  slot.requested = std::move(scenario);
  slot.request = slot.session->submit(slot.requested);  // cancels the previous request
  slot.pending = true;
  slot.submitted_frame = frame;
}

RunUpdate update_run(RunSlot& slot, std::uint64_t frame, std::string& error) {
  if (!slot.pending || !slot.session) return RunUpdate::Unchanged;
  if (slot.session->mode() == Session::Mode::Sliced && frame > slot.submitted_frame) slot.session->poll();
  const std::shared_ptr<const SessionSnapshot> snapshot = slot.session->snapshot();
  if (snapshot->request != slot.request) return RunUpdate::Unchanged;  // not yet started over
  if (!snapshot->error.empty()) {
    slot.pending = false;
    error = "the simulation failed: " + snapshot->error;
    return RunUpdate::Failed;
  }
  if (snapshot->cancelled) {  // only we cancel, and only by a newer submit; be safe all the same
    slot.pending = false;
    return RunUpdate::Unchanged;
  }
  if (snapshot->result() == nullptr) return RunUpdate::Unchanged;
  slot.pending = false;
  show(slot, snapshot->cells.front());  // shared with the snapshot: no copy of the trace
  return RunUpdate::Shown;
}

RunUpdate wait_for_run(RunSlot& slot, std::uint64_t frame, std::string& error) {
  if (!slot.pending || !slot.session) return RunUpdate::Unchanged;
  slot.session->wait_idle();
  return update_run(slot, frame, error);
}

}  // namespace tl::app
