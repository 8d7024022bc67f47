// The C entry points the web page (loader, browser tests, later an LMS bridge) calls, and that
// native tests call the same way. They act on the AppState attached with attach_api(). Each is
// listed once, in src/app/interface.json, which the web link and web/loader.js are made from.
#pragma once
#include "app/app.h"
#include "app/platform/export.h"

namespace tl::app {

inline constexpr int kStateJsonVersion = 7;  // bump when tl_state_json's shape changes

void attach_api(AppState* state);  // nullptr detaches

}  // namespace tl::app

// Same effect as moving the Cores slider: submits a re-run and returns at once (the state's
// "pending" is true until a frame shows it); values outside 1..16 are ignored (a warning on
// stderr). Call it on the thread that draws the frames (the browser's main thread).
TL_EXPORT void tl_set_cores(int cores);
// Same effect as choosing `name` ("race") in the Scenario combo: loads that embedded scenario
// with its own core count and submits its run. Returns 1, or 0 for an unknown name (a warning
// listing the valid names on stderr; the state is unchanged). Same thread as tl_set_cores.
TL_EXPORT int tl_set_scenario(const char* name);
// Same effect as clicking the tab of `name` ("timeline", "memory", "race"): returns 1, or 0 for
// an unknown name (a warning on stderr; the state is unchanged).
TL_EXPORT int tl_set_view(const char* name);
// What is on screen, as JSON (see api.cpp for the shape); the pointer stays valid until the next
// call. Coordinates are ImGui coordinates = CSS pixels of the canvas.
TL_EXPORT const char* tl_state_json();
// A progress file the learner chose in the browser's file picker (or any text a host passes):
// merged into the progress; a malformed one is refused with its reason in the panel.
TL_EXPORT void tl_import_progress(const char* source, const char* text);
// Opens a lesson file's text (?lesson_url= fetched by the loader): "" or the errors, each
// "error: SOURCE: PATH: reason", also shown in the lesson column.
TL_EXPORT const char* tl_open_lesson_text(const char* source, const char* text);
// The loader could not fetch a lesson: the column says so ("error: SOURCE: REASON").
TL_EXPORT void tl_lesson_load_failed(const char* source, const char* reason);

// ---- course pages (docs/embedding.md) -------------------------------------------------------
// The state as a link's fragment ("#v=1&lesson=...").
TL_EXPORT const char* tl_url_state();
// Decodes a link's fragment (or query) and applies it; {"errors": [...], "embed", "view"}: one
// message per key that was malformed or could not be applied (those keep their defaults).
TL_EXPORT const char* tl_apply_link(const char* fragment);
// A host page's message as JSON text (the page checked its origin): the reply as JSON, or ""
// when the message is not addressed to threadlab.
TL_EXPORT const char* tl_host_message(const char* json_text);
// Progress events since the last call, as a JSON array (lesson-started, task-passed, ...).
TL_EXPORT const char* tl_take_events();
// {"lesson": the open lesson for the accessible mirror (text, controls, tasks, question) or
// null, "lessons": [{"id", "title", "completed"}]}.
TL_EXPORT const char* tl_lesson_json();
// "trace" | "metrics" | "run" | "scenario": the export's text, or "error: ..." .
TL_EXPORT const char* tl_export(const char* kind);
