import { loadSnapshot } from '/work/main/packages/psa/src/ingest/index.js';
const t0 = performance.now();
const s = await loadSnapshot('../shared/data');
console.log('loadSnapshot ms', Math.round(performance.now() - t0), s.addresses.size);
