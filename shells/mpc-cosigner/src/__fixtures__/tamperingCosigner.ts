/** A cheating cosigner for tests: a real cosigner process whose signature shares have one bit flipped. */
import { runCosigner } from '../runCosigner.js';

await runCosigner(process.argv[2]!, {
  transformShare: (s) => {
    const share = Uint8Array.from(s.share);
    share[0]! ^= 1;
    return { ...s, share };
  },
});
