// [SECTION] Starting and writing
// [SECTION] Tables: speedup, costs, CPython, profile
// [SECTION] The panel
#include "app/views/lab_panel.h"
#include "app/views/widgets.h"

#include "app/theme.h"
#include "lab/job.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <imgui.h>
#include <string>

namespace tl::app {

using Json = nlohmann::ordered_json;

bool lab_panel_available() { return true; }
bool lab_measuring(const LabPanelState& lab) { return lab.job && !lab.job->progress().done; }

// ---------------------------------------------------------------------------------------------
// [SECTION] Starting and writing
// ---------------------------------------------------------------------------------------------
// The CLI next to this program (EXE_DIR/threadlab-cli), which spawned workers run: never this
// program itself (the lab's default), which would open a window per worker. When the CLI is
// missing, spawning it fails and the report says where it was looked for.
static std::string sibling_cli_path() {
  const std::string self = lab::SpawnTarget{}.resolved();
  return (std::filesystem::path(self.empty() ? "." : self).parent_path() / "threadlab-cli").string();
}

void start_lab_measurement(LabPanelState& lab) {
  if (lab_measuring(lab)) return;
  lab.job.reset();  // the previous run's thread is done: this only frees it
  lab.profile_message.clear();
  lab::MeasureOptions options;
  options.quick = lab.options.quick;
  options.python = lab.options.python;
  options.max_workers = lab.options.max_workers;
  options.target.program = lab.options.spawn_program.empty() ? sibling_cli_path() : lab.options.spawn_program;
  lab.job = std::make_shared<lab::MeasureJob>(options);
}

bool write_lab_profile(LabPanelState& lab, const std::string& path) {
  const Json* report = lab.job ? lab.job->report() : nullptr;
  lab.profile_failed = true;
  if (report == nullptr || !report->contains("profile")) {
    lab.profile_message = "nothing measured yet: press Measure first";
    return false;
  }
  if (report->value("cancelled", false)) {
    lab.profile_message = "the last run was cancelled: measure again before writing a profile";
    return false;
  }
  if (path.empty()) {
    lab.profile_message = "profile file: give a file name";
    return false;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out << (*report)["profile"].dump(2) << "\n";
  out.close();
  if (!out) {
    lab.profile_message = "profile file: " + path + ": cannot write it";
    return false;
  }
  lab.profile_failed = false;
  std::error_code ignored;  // the message names the whole path where it can
  const std::string where = std::filesystem::absolute(path, ignored).string();
  lab.profile_message = "written to " + (where.empty() ? path : where) + ": use it as \"machine\": {\"profile\": \"" +
                        path + "\"} (the path relative to the scenario file)";
  return true;
}

namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] Tables
// ---------------------------------------------------------------------------------------------
double num(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
}

std::string fixed(double v, int decimals, const char* unit = "") {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f%s", decimals, v, unit);
  return text;
}

void dim(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kDimText);
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kTitle);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

constexpr ImGuiTableFlags kTable = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;

// Speedup of the CPU kernel per worker count: measured, and the simulator's with the profile.
int draw_speedup_table(const Json& report) {
  const Json& curves = report["speedup"];
  if (!curves.is_object() || curves.empty()) return 0;
  heading("Speedup: the same CPU-bound work split over N workers (simulated: with this machine's profile)");
  std::size_t rows = 0;
  for (const auto& [name, curve] : curves.items()) rows = std::max(rows, curve["points"].size());
  if (!ImGui::BeginTable("speedup", 1 + 2 * int(curves.size()), kTable)) return 0;
  ImGui::TableSetupColumn("workers");
  for (const auto& [name, curve] : curves.items()) {
    ImGui::TableSetupColumn((name + " measured").c_str());
    ImGui::TableSetupColumn((name + " simulated").c_str());
  }
  ImGui::TableHeadersRow();
  for (std::size_t i = 0; i < rows; ++i) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%zu", i + 1);
    for (const auto& [name, curve] : curves.items()) {
      const bool has = i < curve["points"].size();
      const Json& p = has ? curve["points"][i] : Json();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(has ? (fixed(num(p, "speedup"), 2, "x") + "  " + fixed(num(p, "median_ms"), 0, " ms")).c_str()
                                 : "-");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(has && p.contains("predicted_speedup") ? fixed(num(p, "predicted_speedup"), 2, "x").c_str()
                                                                    : "-");
    }
  }
  ImGui::EndTable();
  for (const auto& [name, curve] : curves.items()) {
    if (num(curve, "others_cpus") >= 0.3) {
      ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
      ImGui::TextWrapped(
          "Other programs kept %.1f cpus busy while the %s curve ran: its speedups understate what "
          "this machine does when idle.",
          num(curve, "others_cpus"), name.c_str());
      ImGui::PopStyleColor();
    }
  }
  return int(rows);
}

void cost_row(const char* what, const std::string& value, const char* field) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(what);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(value.c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(field);
}

void draw_costs_table(const Json& report) {
  heading("Costs (each the median of its repeats) and the profile field each one feeds");
  if (!ImGui::BeginTable("costs", 3, kTable)) return;
  ImGui::TableSetupColumn("measurement");
  ImGui::TableSetupColumn("measured");
  ImGui::TableSetupColumn("profile field");
  ImGui::TableHeadersRow();
  const Json& c = report["creation_us"];
  const double thread = num(c, "thread");
  cost_row("create + join a thread", fixed(thread, 1, " us"), "thread_create_us");
  for (const char* k : {"fork", "spawn"}) {
    std::string value = fixed(num(c, k), 1, " us");
    if (thread > 0) value += "  (" + fixed(num(c, k) / thread, 0, "x a thread") + ")";
    cost_row(std::string(k) == "fork" ? "fork + exit + wait" : "posix_spawn + exec + wait", value,
             std::string(k) == "fork" ? "fork_us" : "spawn_us");
  }
  for (const Json& p : report["pingpong"]) {
    const std::string name = "ping-pong " + p.value("case", std::string());
    const char* field = name == "ping-pong threads futex same-cpu"     ? "thread_switch_us"
                        : name == "ping-pong processes futex same-cpu" ? "process_switch_us"
                        : name == "ping-pong threads futex two-cpus"   ? "futex_wake_us"
                                                                       : "";
    cost_row(name.c_str(), p.contains("skipped") ? "skipped: " + p["skipped"].get<std::string>() : fixed(num(p, "one_way_us"), 2, " us one way"),
             field);
  }
  double best = 0;
  for (const Json& b : report["pipe_bandwidth"]) best = std::max(best, num(b, "mb_per_s"));
  if (!report["pipe_bandwidth"].empty()) cost_row("pipe, best message size", fixed(best, 0, " MB/s"), "ipc_mb_per_s");
  const Json& cow = report["cow_fault"];
  if (num(cow, "per_page_us") > 0)
    cost_row("copy-on-write fault after fork", fixed(num(cow, "per_page_us"), 2, " us per page"), "cow_fault_us");
  if (num(report, "lock_pair_ns") > 0)
    cost_row("uncontended mutex lock + unlock", fixed(num(report, "lock_pair_ns"), 0, " ns"), "lock_us");
  ImGui::EndTable();
}

void python_row(const char* what, const std::string& measured, const std::string& simulated) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(what);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(measured.c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(simulated.c_str());
}

void draw_python_table(const Json& py) {
  heading("CPython on this machine (simulated: the python profile with the GIL)");
  if (!py.value("available", false)) {
    dim(("Skipped: " + py.value("skipped", std::string("no interpreter"))).c_str());
    return;
  }
  dim(("Python " + py.value("version", std::string("?")) + " (" + py.value("python", std::string()) + ")").c_str());
  if (!ImGui::BeginTable("python", 3, kTable)) return;
  ImGui::TableSetupColumn("program");
  ImGui::TableSetupColumn("measured");
  ImGui::TableSetupColumn("simulated");
  ImGui::TableHeadersRow();
  for (const auto& [name, row] : py["programs"].items()) {
    const Json& m = row["measured"];
    const Json& s = row["predicted"];
    if (row.contains("error")) {
      python_row(name.c_str(), row["error"].get<std::string>(), "");
      continue;
    }
    if (name == "cpu_bound" || name == "io_bound") {
      const std::string what = std::string(name == "cpu_bound" ? "CPU-bound, " : "I/O-bound, ") +
                               std::to_string(int(num(m, "workers")));
      python_row((what + " threads: speedup").c_str(), fixed(num(m, "threads_speedup"), 2, "x"),
                 fixed(num(s, "threads_speedup"), 2, "x"));
      python_row((what + " processes: speedup").c_str(), fixed(num(m, "processes_speedup"), 2, "x"),
                 fixed(num(s, "processes_speedup"), 2, "x"));
    } else if (name == "convoy") {
      python_row("1 ms sleeper alone: latency", fixed(num(m, "alone_mean_ms"), 2, " ms"),
                 fixed(num(s, "alone_latency_ms"), 2, " ms"));
      python_row("... beside a CPU-bound thread", fixed(num(m, "beside_cpu_thread_mean_ms"), 2, " ms"),
                 fixed(num(s, "beside_cpu_thread_latency_ms"), 2, " ms"));
      python_row("... beside a CPU-bound process", fixed(num(m, "beside_cpu_process_mean_ms"), 2, " ms"),
                 fixed(num(s, "beside_cpu_process_latency_ms"), 2, " ms"));
    } else if (name == "increment") {
      const std::string of = " of " + std::to_string(static_cast<long long>(num(m, "expected")));
      python_row("+= without a lock: lost", std::to_string(static_cast<long long>(num(m, "lost_without_lock"))) + of,
                 std::to_string(static_cast<long long>(num(s, "lost_without_lock"))));
      python_row("+= with a Lock: lost", std::to_string(static_cast<long long>(num(m, "lost_with_lock"))),
                 std::to_string(static_cast<long long>(num(s, "lost_with_lock"))));
    }
  }
  ImGui::EndTable();
  if (py.contains("increment_verdict")) dim(py["increment_verdict"].get<std::string>().c_str());
}

void draw_profile(LabPanelState& lab, const Json& report, LabPanelLayout& layout) {
  heading("This machine as a profile");
  dim("Write the measured costs as a machine profile; a scenario then simulates this machine with "
      "\"machine\": {\"profile\": \"FILE\"} (the path relative to the scenario file).");
  if (report.value("cancelled", false)) {
    dim("The last run was cancelled: measure again to write a profile.");
    return;
  }
  ImGui::SetNextItemWidth(320);
  ImGui::InputText("##profile_path", lab.profile_path, sizeof lab.profile_path);
  ImGui::SameLine();
  if (ImGui::Button("Write profile")) write_lab_profile(lab, lab.profile_path);
  layout.write_button = item_rect();
  if (!lab.profile_message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, lab.profile_failed ? theme::kError : theme::kDimText);
    ImGui::TextWrapped("%s", lab.profile_message.c_str());
    ImGui::PopStyleColor();
  }
  if (ImGui::TreeNode("profile fields")) {
    for (const auto& [key, value] : report["profile"].items())
      if (key != "description") ImGui::Text("%s: %s", key.c_str(), value.dump().c_str());
    ImGui::TreePop();
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] The panel
// ---------------------------------------------------------------------------------------------
void draw_lab_panel(LabPanelState& lab, LabPanelLayout& layout) {
  layout = LabPanelLayout{};
  ImGui::BeginChild("lab", ImVec2(0, 0), false);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted("Measure this machine and hold the simulator against it.");
  dim("The same CPU-bound work on 1..N threads, forked and spawned processes; creating each; waking a thread "
      "and switching to it; pipes; copy-on-write after fork; and, with python3, CPython's threads and processes. "
      "Each figure sits beside what the simulator predicts with the profile measured here. Other programs "
      "running meanwhile make the measured speedups smaller: close them first.");
  ImGui::PopTextWrapPos();
  ImGui::Spacing();

  const lab::JobProgress progress = lab.job ? lab.job->progress() : lab::JobProgress{};
  const bool running = lab.job && !progress.done;
  ImGui::BeginDisabled(running);
  bool full = !lab.options.quick;
  ImGui::Checkbox("Full run (one to two minutes; a quick one takes about 10 s, 30 s with Python)", &full);
  lab.options.quick = !full;
  ImGui::Checkbox("CPython programs", &lab.options.python);
  if (ImGui::Button("Measure")) start_lab_measurement(lab);
  layout.measure_button = item_rect();
  ImGui::EndDisabled();

  if (running) {
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) lab.job->cancel();
    layout.cancel_button = item_rect();
    ImGui::ProgressBar(float(progress.fraction), ImVec2(-1, 0), progress.stage.c_str());
    layout.progress_bar = item_rect();
    dim("Measuring runs on a thread of its own; the numbers appear when it is done.");
  }

  const Json* report = lab.job ? lab.job->report() : nullptr;
  if (report != nullptr) {
    const Json& t = (*report)["topology"];
    ImGui::Spacing();
    ImGui::Text("This machine: %u usable cpus, %u physical cores, %s.", t.value("usable_cpus", 0u),
                t.value("physical_cores", 0u),
                t.value("smt", false) ? (std::to_string(t.value("threads_per_core", 0u)) + " hardware threads per core (SMT)").c_str()
                                      : "no SMT");
    layout.speedup_rows = draw_speedup_table(*report);
    draw_costs_table(*report);
    draw_python_table((*report)["python"]);
    for (const Json& e : (*report)["errors"]) {
      ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
      ImGui::TextWrapped("%s", e.get<std::string>().c_str());
      ImGui::PopStyleColor();
    }
    draw_profile(lab, *report, layout);
  }
  ImGui::EndChild();
}

}  // namespace tl::app
