// Marks a function callable from JavaScript on the web (kept through dead-code elimination);
// an ordinary C function natively, so tests call the same entry points.
#pragma once

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#define TL_EXPORT extern "C" EMSCRIPTEN_KEEPALIVE
#else
#define TL_EXPORT extern "C"
#endif
