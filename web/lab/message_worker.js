// The other end of the browser lab's message measurement: it looks at the data it was sent
// (its first and last byte) and sends it back the way it came: copied (structured clone),
// transferred (the buffer changes owner, nothing is copied), or shared (a SharedArrayBuffer:
// both sides see the same memory, so only the notice travels).
"use strict";

function touch(buffer) {
  const bytes = new Uint8Array(buffer);
  return bytes.length ? bytes[0] + bytes[bytes.length - 1] : 0;
}

onmessage = (event) => {
  const m = event.data;
  const seen = touch(m.buffer);
  if (m.kind === "transfer") postMessage({ kind: m.kind, buffer: m.buffer, seen }, [m.buffer]);
  else postMessage({ kind: m.kind, buffer: m.buffer, seen });
};
