// The Lab view where the lab library does not exist (the web build: a page cannot fork or time a
// futex; it measures the browser in web/lab/ instead). The tab bar leaves the view out.
#include "app/views/lab_panel.h"

namespace tl::app {

bool lab_panel_available() { return false; }
bool lab_measuring(const LabPanelState&) { return false; }  // no run ever starts here
void draw_lab_panel(LabPanelState&, LabPanelLayout& layout) { layout = LabPanelLayout{}; }
void start_lab_measurement(LabPanelState&) {}
bool write_lab_profile(LabPanelState& lab, const std::string&) {
  lab.profile_failed = true;
  lab.profile_message = "this build cannot measure the machine";
  return false;
}

}  // namespace tl::app
