// One Web Worker of the browser lab's single-variant measurement: it instantiates the lab's CPU
// kernel (lab/threadlab-lab-kernel.wasm, compiled once by the page and sent here) and runs the
// share it is given, timing it on its own clock. It shares no memory with the page or the other
// workers: everything it gets and sends is a copied message, as between processes.
"use strict";
let kernel = null;

onmessage = async (event) => {
  const m = event.data;
  if (m.module) {
    const instance = await WebAssembly.instantiate(m.module, {});
    if (instance.exports._initialize) instance.exports._initialize();
    kernel = instance.exports.tl_lab_kernel;
    postMessage({ ready: true });
  } else if (m.run) {
    const begin = performance.now();
    const result = kernel(m.iterations, m.seed) >>> 0;
    postMessage({ took_ms: performance.now() - begin, result });
  }
};
