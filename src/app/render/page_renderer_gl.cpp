// [SECTION] GL entry points
// [SECTION] Compiling the program
// [SECTION] Submitting a batch
#include "app/render/page_renderer_gl.h"

#include "app/render/page_draw.h"
#include "app/render/shaders.h"

#include <cstddef>
#include <cstring>
#include <imgui.h>

// ---------------------------------------------------------------------------------------------
// [SECTION] GL entry points: GLES 3.0 on the web; on the desktop the GL 3.3 functions the
// system's libGL exports (linked through OpenGL::GL), declared by SDL's glext header.
// ---------------------------------------------------------------------------------------------
#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <SDL_opengl.h>
#include <SDL_opengl_glext.h>
#endif

namespace tl::app::render {
namespace {

struct Renderer {
  GLuint program = 0;
  GLuint vao = 0;
  GLuint buffer = 0;
  std::size_t capacity = 0;  // bytes the buffer holds
  GLint origin = -1, size = -1, palette = -1;
};
Renderer g;

// ---------------------------------------------------------------------------------------------
// [SECTION] Compiling the program
// ---------------------------------------------------------------------------------------------
GLuint compile(GLenum kind, const std::string& prefix, const char* body, std::string& error) {
  const GLuint shader = glCreateShader(kind);
  const char* parts[] = {prefix.c_str(), body};
  glShaderSource(shader, 2, parts, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok == GL_TRUE) return shader;
  char log[1024] = {};
  glGetShaderInfoLog(shader, sizeof log - 1, nullptr, log);
  error = std::string(kind == GL_VERTEX_SHADER ? "pages.vert" : "pages.frag") + " does not compile: " + log;
  glDeleteShader(shader);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Submitting a batch
// ---------------------------------------------------------------------------------------------
void submit(const PageBatch& batch, const ImDrawCmd& cmd) {
  const ImDrawData* data = ImGui::GetDrawData();
  if (data == nullptr || batch.instances.empty()) return;
  const std::size_t bytes = batch.instances.size() * sizeof(PageInstance);

  glUseProgram(g.program);
  glBindVertexArray(g.vao);
  glBindBuffer(GL_ARRAY_BUFFER, g.buffer);
  // A fresh store every frame (orphaning): the GPU may still read last frame's.
  if (bytes > g.capacity) g.capacity = bytes + bytes / 2;
  glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(g.capacity), nullptr, GL_STREAM_DRAW);
  glBufferSubData(GL_ARRAY_BUFFER, 0, GLsizeiptr(bytes), batch.instances.data());

  glUniform2f(g.origin, data->DisplayPos.x, data->DisplayPos.y);
  glUniform2f(g.size, data->DisplaySize.x, data->DisplaySize.y);
  float palette[kPagePaletteSize * 3];
  for (int i = 0; i < kPagePaletteSize; ++i) {
    const std::uint32_t rgb = batch.palette[std::size_t(i)];
    palette[3 * i + 0] = float((rgb >> 16) & 0xFF) / 255.0f;
    palette[3 * i + 1] = float((rgb >> 8) & 0xFF) / 255.0f;
    palette[3 * i + 2] = float(rgb & 0xFF) / 255.0f;
  }
  glUniform3fv(g.palette, kPagePaletteSize, palette);

  // The command's clip rectangle, as ImGui's backend computes it for its own draws.
  const ImVec2 scale = data->FramebufferScale;
  const float fb_h = data->DisplaySize.y * scale.y;
  const float x0 = (cmd.ClipRect.x - data->DisplayPos.x) * scale.x, y0 = (cmd.ClipRect.y - data->DisplayPos.y) * scale.y;
  const float x1 = (cmd.ClipRect.z - data->DisplayPos.x) * scale.x, y1 = (cmd.ClipRect.w - data->DisplayPos.y) * scale.y;
  if (x1 <= x0 || y1 <= y0) return;
  glEnable(GL_SCISSOR_TEST);
  glScissor(GLint(x0), GLint(fb_h - y1), GLsizei(x1 - x0), GLsizei(y1 - y0));
  glDisable(GL_BLEND);
  glDrawArraysInstanced(GL_TRIANGLES, 0, 6, GLsizei(batch.instances.size()));
  // ImGui's reset command (added right after this one) restores its program, buffers and blend.
}

}  // namespace

bool init_page_renderer(const char* glsl_version, std::string& error) {
  // WebGL2 shaders need default precisions; desktop GLSL ignores none of this.
  std::string prefix = std::string(glsl_version) + "\n";
  if (std::strstr(glsl_version, " es") != nullptr) prefix += "precision highp float;\nprecision highp int;\n";
  const GLuint vs = compile(GL_VERTEX_SHADER, prefix, shaders::k_pages_vert, error);
  const GLuint fs = vs == 0 ? 0 : compile(GL_FRAGMENT_SHADER, prefix, shaders::k_pages_frag, error);
  if (vs == 0 || fs == 0) {
    if (vs != 0) glDeleteShader(vs);
    install_page_renderer(nullptr, error);
    return false;
  }
  g.program = glCreateProgram();
  glAttachShader(g.program, vs);
  glAttachShader(g.program, fs);
  glLinkProgram(g.program);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(g.program, GL_LINK_STATUS, &ok);
  if (ok != GL_TRUE) {
    char log[1024] = {};
    glGetProgramInfoLog(g.program, sizeof log - 1, nullptr, log);
    error = std::string("the page shaders do not link: ") + log;
    glDeleteProgram(g.program);
    g = {};
    install_page_renderer(nullptr, error);
    return false;
  }
  g.origin = glGetUniformLocation(g.program, "u_origin");
  g.size = glGetUniformLocation(g.program, "u_size");
  g.palette = glGetUniformLocation(g.program, "u_palette");

  // The instance layout: PageInstance as the vertex shader reads it, one per instance.
  GLint last_vao = 0, last_buffer = 0;
  glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &last_vao);
  glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &last_buffer);
  glGenVertexArrays(1, &g.vao);
  glGenBuffers(1, &g.buffer);
  glBindVertexArray(g.vao);
  glBindBuffer(GL_ARRAY_BUFFER, g.buffer);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(PageInstance), nullptr);
  glVertexAttribDivisor(0, 1);
  glEnableVertexAttribArray(1);
  glVertexAttribIPointer(1, 1, GL_UNSIGNED_INT, sizeof(PageInstance),
                         reinterpret_cast<const void*>(offsetof(PageInstance, style)));
  glVertexAttribDivisor(1, 1);
  glBindVertexArray(GLuint(last_vao));
  glBindBuffer(GL_ARRAY_BUFFER, GLuint(last_buffer));
  install_page_renderer(&submit);
  return true;
}

void shutdown_page_renderer() {
  install_page_renderer(nullptr);
  if (g.buffer != 0) glDeleteBuffers(1, &g.buffer);
  if (g.vao != 0) glDeleteVertexArrays(1, &g.vao);
  if (g.program != 0) glDeleteProgram(g.program);
  g = {};
}

}  // namespace tl::app::render
