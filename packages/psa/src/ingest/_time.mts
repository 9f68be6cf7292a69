import { loadSnapshot } from '/work/main/packages/psa/src/ingest/index.js';
const t0 = performance.now();
const s = await loadSnapshot('../shared/data', { onProgress: (e) => console.log(e.dataset, Math.round(performance.now() - t0)) });
console.log('loadSnapshot ms', Math.round(performance.now() - t0), s.addresses.size);
