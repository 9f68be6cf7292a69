import { sha512 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { loadNodeCrypto } from '../ed25519/nodeBackend.js';
import { COMPOSITE_MLDSA65_ED25519 } from './params.js';

/** Internal: the Prefix "CompositeAlgorithmSignatures2025" as ASCII bytes (§2.2). */
export const PREFIX = utf8ToBytes(COMPOSITE_MLDSA65_ED25519.prefix);

/** Internal: the Label "COMPSIG-MLDSA65-Ed25519-SHA512" as ASCII bytes (§6); also the ML-DSA context string. */
export const LABEL = utf8ToBytes(COMPOSITE_MLDSA65_ED25519.label);

/**
 * Internal: the message representative of draft-ietf-lamps-pq-composite-sigs-19 §2.2 (§3.2 step 2, §3.3 step 3)
 *
 *     M' = Prefix ‖ Label ‖ len(ctx) ‖ ctx ‖ PH(M),   PH = SHA-512 (§6), len(ctx) one unsigned byte
 *
 * The Label is fixed per algorithm (§2.2: not runtime-variable), so it carries no length byte. The caller has
 * checked `context.length ≤ 255`. `label` is a parameter only so that the tests can rebuild the draft's Appendix D
 * examples (another Label, the same PH).
 *
 * @param message - M, any length (hashed, never copied).
 * @param context - the application context ctx, 0–255 bytes.
 * @param label - the ASCII Label bytes; default id-MLDSA65-Ed25519-SHA512's.
 * @returns M', `32 + len(Label) + 1 + len(ctx) + 64` bytes (127 + len(ctx) for this algorithm).
 */
export function compositeMessageRepresentative(message: Uint8Array, context: Uint8Array, label: Uint8Array = LABEL): Uint8Array {
  const ph = sha512Of(message);
  const out = new Uint8Array(PREFIX.length + label.length + 1 + context.length + ph.length);
  const contextAt = PREFIX.length + label.length + 1;
  out.set(PREFIX, 0);
  out.set(label, PREFIX.length);
  out[contextAt - 1] = context.length;
  out.set(context, contextAt);
  out.set(ph, contextAt + context.length);
  return out;
}

/** SHA-512 (FIPS 180-4): OpenSSL's through `node:crypto` where it exists (the PAE of a PSA is hashed once per signature), else noble's. */
function sha512Of(message: Uint8Array): Uint8Array {
  const crypto = loadNodeCrypto();
  return crypto ? new Uint8Array(crypto.createHash('sha512').update(message).digest()) : sha512(message);
}
