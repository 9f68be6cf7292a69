import { utf8ToBytes } from '@noble/hashes/utils.js';
import { constantTimeEqual } from '../bytes/encoding.js';
import { JilError, isJilError } from '../errors/JilError.js';
import { verify } from '../ed25519/verify.js';
import { cosignatureV1Message } from './cosignatureV1Message.js';
import type { NoteSignatureType, NoteVerifierKey } from './NoteKey.js';
import type { NoteSignature } from './NoteSignature.js';
import { parseSignedNote } from './parseSignedNote.js';
import { assertKeyId } from './parseVerifierKey.js';
import { tlogFailure, type TlogFailure } from './TlogFailure.js';

/** A signature of a verified note: whose, which type, and for cosignatures the signed timestamp (POSIX seconds). */
export interface VerifiedNoteSignature {
  name: string;
  keyId: number;
  type: NoteSignatureType;
  /** Only for `'cosignature/v1'`. */
  timestamp?: number;
}

/** Outcome of {@link verifyNote}. */
export type VerifyNoteResult = { valid: true; text: string; verified: VerifiedNoteSignature[]; unverified: NoteSignature[] } | TlogFailure;

/**
 * Verify a signed note against the keys the caller trusts. A signature line is from a known key when both its
 * name and key ID match one; those must all verify (any that does not rejects the note); the others are ignored
 * and returned as `unverified`; at least one known signature is required.
 *
 * @param note - the signed note (string or UTF-8 bytes), untrusted.
 * @param keys - the trusted verifier keys (`parseVerifierKey`); types `'ed25519'` and `'cosignature/v1'`.
 * @returns `{ valid: true, text, verified, unverified }` (each known key once, in note order), or a failure:
 *   `note` (`TLOG_MALFORMED`), `signature` (`TLOG_BAD_SIGNATURE`, `details.name`/`keyId`), `signer`
 *   (`TLOG_NOTE_UNVERIFIED`). A cosignature timestamp beyond 2^53−1 counts as a bad signature.
 * @throws JilError `INVALID_ARGUMENT` when `keys` is not an array of consistent keys, or two keys share name and
 *   key ID but differ (`details.field: 'keys'`).
 * @see c2sp.org/signed-note §Signatures; c2sp.org/tlog-cosignature
 * @example
 * import { parseVerifierKey, verifyNote } from '@jil/core/tlog';
 * const r = verifyNote(note, [parseVerifierKey('example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k')]);
 * if (r.valid) console.log(r.text);
 */
export function verifyNote(note: string | Uint8Array, keys: readonly NoteVerifierKey[]): VerifyNoteResult {
  const known = keyMap(keys);
  let parsed;
  try {
    parsed = parseSignedNote(note);
  } catch (error) {
    if (isJilError(error, 'TLOG_MALFORMED')) return tlogFailure('note', 'TLOG_MALFORMED', error.message, error.details);
    throw error;
  }
  const text = utf8ToBytes(parsed.text);
  const verified: VerifiedNoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  for (const sig of parsed.signatures) {
    const key = known.get(`${sig.name}+${sig.keyId}`);
    if (key === undefined) {
      unverified.push(sig);
      continue;
    }
    const ok =
      key.type === 'ed25519'
        ? verifyEd25519(sig.signature, text, key.publicKey)
        : verifyCosignature(sig.signature, parsed.text, key.publicKey);
    if (ok === false) {
      return tlogFailure('signature', 'TLOG_BAD_SIGNATURE', 'a signature from a known key does not verify', {
        name: sig.name,
        keyId: sig.keyId,
      });
    }
    if (verified.some((v) => v.name === sig.name && v.keyId === sig.keyId)) continue;
    verified.push({ name: sig.name, keyId: sig.keyId, type: key.type, ...(typeof ok === 'number' ? { timestamp: ok } : {}) });
  }
  if (verified.length === 0) {
    return tlogFailure('signer', 'TLOG_NOTE_UNVERIFIED', 'no signature from a known key', { ignored: unverified.length });
  }
  return { valid: true, text: parsed.text, verified, unverified };
}

function verifyEd25519(signature: Uint8Array, text: Uint8Array, publicKey: Uint8Array): boolean {
  return signature.length === 64 && verify(signature, text, publicKey);
}

/** The timestamp when the cosignature/v1 verifies, else `false`. */
function verifyCosignature(signature: Uint8Array, text: string, publicKey: Uint8Array): number | false {
  if (signature.length !== 72) return false;
  const ts = new DataView(signature.buffer, signature.byteOffset, 8).getBigUint64(0);
  if (ts > BigInt(Number.MAX_SAFE_INTEGER)) return false;
  const timestamp = Number(ts);
  return verify(signature.subarray(8), cosignatureV1Message(text, timestamp), publicKey) ? timestamp : false;
}

function keyMap(keys: readonly NoteVerifierKey[]): Map<string, NoteVerifierKey> {
  if (!Array.isArray(keys))
    throw new JilError('INVALID_ARGUMENT', 'keys must be an array of verifier keys', { details: { field: 'keys' } });
  const map = new Map<string, NoteVerifierKey>();
  keys.forEach((k, i) => {
    if (typeof k !== 'object' || k === null)
      throw new JilError('INVALID_ARGUMENT', 'keys must hold NoteVerifierKey objects', { details: { field: `keys[${i}]` } });
    assertKeyId(k, `keys[${i}]`);
    const id = `${k.name}+${k.keyId}`;
    const prior = map.get(id);
    if (prior !== undefined && (prior.type !== k.type || !constantTimeEqual(prior.publicKey, k.publicKey))) {
      throw new JilError('INVALID_ARGUMENT', 'two different keys share a name and key ID', {
        details: { field: 'keys', name: k.name, keyId: k.keyId },
      });
    }
    map.set(id, k);
  });
  return map;
}
