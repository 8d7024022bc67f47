// The OpenGL entry points the platform layer calls itself (viewport, clear, read-back): GL 1.x
// functions that both desktop GL and WebGL2 (GLES 3.0) have, from each platform's header.
#pragma once

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#include <SDL_opengl.h>
#endif
