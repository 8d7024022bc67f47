// Web progress storage: the browser's localStorage under one key, a Blob download for export,
// and an <input type=file> for import (its text comes back through tl_import_progress, since
// the browser hands files over only asynchronously). Storage can be refused (private windows,
// quotas, sandboxed iframes): every call catches and says so instead of failing the page.
#include "app/platform/storage.h"

#include <emscripten/emscripten.h>
#include <cstdlib>

namespace tl::app::platform {
namespace {

// Returns a malloc'd string (the caller frees), or null when nothing is stored; on a refusal
// returns "\x01" followed by the browser's reason.
EM_JS(char*, tl_js_load_progress, (), {
  try {
    const text = window.localStorage.getItem("threadlab.progress");
    return text === null ? 0 : allocateUTF8(text);
  } catch (e) {
    return allocateUTF8(String.fromCharCode(1) + String(e && e.message || e));
  }
});

EM_JS(char*, tl_js_save_progress, (const char* text), {
  try {
    window.localStorage.setItem("threadlab.progress", UTF8ToString(text));
    return 0;
  } catch (e) {
    return allocateUTF8(String(e && e.message || e));
  }
});

EM_JS(void, tl_js_download, (const char* name, const char* text), {
  const blob = new Blob([UTF8ToString(text)], {type: "application/json"});
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});

// The picker must be opened from the learner's click; ImGui handles the click inside the same
// browser event on the frame that follows, which browsers accept as user activation.
EM_JS(void, tl_js_pick_progress, (), {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = ".json,application/json";
  input.id = "tl-progress-picker";
  input.style.display = "none";
  input.addEventListener("change", () => {
    const file = input.files && input.files[0];
    input.remove();
    if (!file) return;
    file.text().then((text) => Module.ccall("tl_import_progress", null, ["string", "string"], [file.name, text]));
  });
  document.body.appendChild(input);
  input.click();
});

std::string take(char* text) {
  std::string out = text != nullptr ? text : "";
  std::free(text);
  return out;
}

}  // namespace

std::string progress_location() { return "this browser's storage for this site"; }

std::optional<std::string> load_progress_text(std::string& error) {
  error.clear();
  char* raw = tl_js_load_progress();
  if (raw == nullptr) return std::nullopt;
  std::string text = take(raw);
  if (!text.empty() && text[0] == '\x01') {
    error = "the browser refused its storage: " + text.substr(1);
    return std::nullopt;
  }
  return text;
}

bool save_progress_text(const std::string& text, std::string& error) {
  error = take(tl_js_save_progress(text.c_str()));
  if (error.empty()) return true;
  error = "the browser refused to store progress: " + error;
  return false;
}

bool progress_files_have_paths() { return false; }

bool export_progress_file(const std::string& path, const std::string& text, std::string& message) {
  tl_js_download(path.c_str(), text.c_str());
  message = "progress offered as the download " + path;
  return true;
}

std::optional<std::string> import_progress_file(const std::string&, std::string& message) {
  tl_js_pick_progress();
  message = "choose a progress file in the browser's dialog";
  return std::nullopt;
}

}  // namespace tl::app::platform
