// The C entry points the page's lab (web/lab/lab.js) calls to measure the browser: the lab's
// CPU kernel on k pthreads (threads variant), and the simulator's prediction for the same
// split on a machine with the `native` profile. Listed in src/app/interface.json like every
// exported function; natively they work the same (the tests call them).
#pragma once
#include "app/platform/export.h"

// Starts `workers` pthreads that split `iterations` rounds of the lab's CPU kernel; returns at
// once: 1 if started, 0 if refused (a run still going, workers outside 1..64, or a build
// without threads: the single variant measures with Web Workers instead), the reason on stderr.
TL_EXPORT int tl_lab_threads_start(double iterations, int workers);
// The run's state as JSON: {"state": "idle" | "running" | "done" | "unavailable", "workers",
// "ready", and once done "elapsed_ms" (the slowest worker, from the moment all were running)
// and "per_worker_ms"}. The pointer stays valid until the next call.
TL_EXPORT const char* tl_lab_threads_poll();
// The simulator's speedup for `work_ms` of CPU work split over `workers` started `as`
// ("threads" or "processes", started by spawning, as Web Workers are) against one thread doing
// it all, on `cores` cores with the native profile: {"speedup", "one_ms", "many_ms", "profile",
// "cores", "as"} or {"error"}. The pointer stays valid until the next call.
TL_EXPORT const char* tl_lab_predict_json(double work_ms, int workers, const char* as, int cores);
