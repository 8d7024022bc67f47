// Pixel checks on page screenshots: decode the PNG and look for known colours in rectangles.
import { PNG } from "pngjs";

export function decodePng(buffer) {
  return PNG.sync.read(buffer);   // { width, height, data: RGBA bytes }
}

export function parseHex(color) {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) throw new Error(`not a #rrggbb colour: ${color}`);
  const v = parseInt(m[1], 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/**
 * Counts, for each colour, the pixels of rect (CSS px == image px at scale 1) within `tol`
 * per channel. Inset by a pixel so anti-aliased edges of neighbours do not count.
 */
export function countColours(png, rect, colours, tol = 6) {
  const counts = colours.map(() => 0);
  const x0 = Math.max(0, Math.ceil(rect.x0) + 1), x1 = Math.min(png.width, Math.floor(rect.x1) - 1);
  const y0 = Math.max(0, Math.ceil(rect.y0) + 1), y1 = Math.min(png.height, Math.floor(rect.y1) - 1);
  let total = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * png.width + x) * 4;
      total++;
      for (let c = 0; c < colours.length; c++) {
        const [r, g, b] = colours[c];
        if (Math.abs(png.data[i] - r) <= tol && Math.abs(png.data[i + 1] - g) <= tol &&
            Math.abs(png.data[i + 2] - b) <= tol) {
          counts[c]++;
          break;
        }
      }
    }
  }
  return { counts, total };
}

/**
 * Distinct colours (quantised to 5 bits per channel) and the share of the most common one:
 * a blank or cleared-only frame has one colour covering nearly everything.
 */
export function colourVariety(png) {
  const seen = new Map();
  for (let i = 0; i < png.data.length; i += 4) {
    const key = ((png.data[i] >> 3) << 10) | ((png.data[i + 1] >> 3) << 5) | (png.data[i + 2] >> 3);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const top = Math.max(...seen.values());
  return { distinct: seen.size, dominantShare: top / (png.data.length / 4) };
}
