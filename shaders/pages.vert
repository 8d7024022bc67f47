// Memory pages, one instance per page: a square cell at (x, y) of side `size` in ImGui
// coordinates, coloured by its palette index and lightened by its flash (a recent change).
// The quad's corners come from gl_VertexID: no vertex buffer besides the instances.

layout(location = 0) in vec3 a_cell;   // x, y, size
layout(location = 1) in uint a_style;  // bits 0-7 palette index, bits 8-15 flash

uniform vec2 u_origin;  // ImGui's DisplayPos
uniform vec2 u_size;    // ImGui's DisplaySize
uniform vec3 u_palette[8];

out vec3 v_color;

void main() {
  int corner = gl_VertexID % 6;  // two triangles: 0 1 2, 2 1 3 as (0,0) (1,0) (0,1) (1,1)
  vec2 unit = vec2(corner == 1 || corner == 4 || corner == 5 ? 1.0 : 0.0,
                   corner == 2 || corner == 3 || corner == 5 ? 1.0 : 0.0);
  // Cells of 3 px and more keep a one-pixel gap, so single pages stay countable.
  float side = a_cell.z >= 3.0 ? a_cell.z - 1.0 : a_cell.z;
  vec2 pixel = a_cell.xy + unit * side;
  vec2 ndc = (pixel - u_origin) / u_size * 2.0 - 1.0;
  gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0);

  uint look = a_style & 255u;
  float flash = float((a_style >> 8) & 255u) / 255.0;
  v_color = mix(u_palette[look & 7u], vec3(1.0), flash * 0.75);
}
