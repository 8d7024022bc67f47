// Whether this build may start threads. An Emscripten build without -pthread has no threads
// at all (std::thread would fail at run time), so everything that would use a worker falls
// back to running slices from the caller's loop. One definition, used by session and pool.
#pragma once

#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
#define TL_HAS_THREADS 0
#else
#define TL_HAS_THREADS 1
#endif
