// Checks a desktop screenshot (PNG) of threadlab showing the slice scenario: not blank, and
// the timeline's thread colours are on screen in lane-sized amounts.
//   node check_screenshot.mjs FILE.png
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// pngjs is installed with the browser-test packages in web/node_modules.
const here = path.dirname(fileURLToPath(import.meta.url));
const { PNG } = createRequire(path.join(here, "..", "..", "web", "package.json"))("pngjs");

// The slice's four threads T0..T3 take the first four colours of the app's palette, read from
// its one definition (kPalette in src/app/theme.cpp); the browser tests read the same colours
// from threadlab.state().
const themeSource = readFileSync(path.join(here, "..", "..", "src", "app", "theme.cpp"), "utf8");
const paletteBody = themeSource.match(/kPalette\[kPaletteSize\]\s*=\s*\{([^}]*)\}/);
if (!paletteBody) {
  console.error("check_screenshot: kPalette not found in src/app/theme.cpp");
  process.exit(2);
}
const palette = [...paletteBody[1].matchAll(/0x([0-9A-Fa-f]{6})/g)].map((m) => parseInt(m[1], 16));
const THREAD_COLOURS = { T0: palette[0], T1: palette[1], T2: palette[2], T3: palette[3] };
const TOLERANCE = 8;          // per channel; software GL blends text over the spans
const MIN_SHARE = 0.002;      // of the screen: a 10 ms span on a 1280 px timeline is far more

const file = process.argv[2];
if (!file) {
  console.error("usage: node check_screenshot.mjs FILE.png");
  process.exit(2);
}
const png = PNG.sync.read(readFileSync(file));
const pixels = png.width * png.height;
const counts = Object.fromEntries(Object.keys(THREAD_COLOURS).map((k) => [k, 0]));
const variety = new Map();
for (let i = 0; i < png.data.length; i += 4) {
  const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
  const key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
  variety.set(key, (variety.get(key) ?? 0) + 1);
  for (const [name, rgb] of Object.entries(THREAD_COLOURS)) {
    if (Math.abs(r - (rgb >> 16)) <= TOLERANCE && Math.abs(g - ((rgb >> 8) & 255)) <= TOLERANCE &&
        Math.abs(b - (rgb & 255)) <= TOLERANCE) {
      counts[name]++;
      break;
    }
  }
}
const dominant = Math.max(...variety.values()) / pixels;
const problems = [];
if (variety.size < 8 || dominant > 0.98)
  problems.push(`looks blank: ${variety.size} colours, the commonest covers ${(dominant * 100).toFixed(1)}%`);
for (const [name, n] of Object.entries(counts)) {
  if (n / pixels < MIN_SHARE)
    problems.push(`${name}'s colour #${THREAD_COLOURS[name].toString(16)} covers only ${n} px`);
}
const summary = Object.entries(counts).map(([k, n]) => `${k}=${n}`).join(" ");
if (problems.length) {
  console.error(`${file}: ${problems.join("; ")} (${summary})`);
  process.exit(1);
}
console.log(`${file}: ${png.width}x${png.height}, ${variety.size} colours, thread pixels ${summary}`);
