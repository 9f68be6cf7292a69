/**
 * The note signature types JIL implements (c2sp.org/signed-note §Signature types):
 * - `'ed25519'` (type byte 0x01): Ed25519 over the note text — the log's checkpoint signature;
 * - `'cosignature/v1'` (type byte 0x04): timestamped Ed25519 cosignature (c2sp.org/tlog-cosignature) — witnesses.
 * Other types (ECDSA 0x02, RFC 6962 0x05, ML-DSA-44 0x06, …) are not implemented: their signatures are ignored
 * as signatures from unknown keys, and their keys are refused.
 * @example
 * import type { NoteSignatureType } from '@jil/core/tlog';
 * const type: NoteSignatureType = 'cosignature/v1';
 */
export type NoteSignatureType = 'ed25519' | 'cosignature/v1';

/** Internal: the signature type identifier byte of each {@link NoteSignatureType}. */
export const SIGNATURE_TYPE_BYTE: Readonly<Record<NoteSignatureType, number>> = { ed25519: 0x01, 'cosignature/v1': 0x04 };

/** Internal: the {@link NoteSignatureType} of a type byte, or `undefined`. */
export function signatureTypeOf(byte: number): NoteSignatureType | undefined {
  return byte === 0x01 ? 'ed25519' : byte === 0x04 ? 'cosignature/v1' : undefined;
}

/**
 * A verifier key (vkey): what a client trusts. Parsed from or formatted to `<name>+<hex key ID>+<base64(type||key)>`.
 * @example
 * import { parseVerifierKey, type NoteVerifierKey } from '@jil/core/tlog';
 * const key: NoteVerifierKey = parseVerifierKey('example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k');
 */
export interface NoteVerifierKey {
  /** Key name: non-empty, no Unicode white space, no `+` (e.g. the log origin `jil.example/log`). */
  name: string;
  type: NoteSignatureType;
  /** The 32-bit key ID (uint32, 0…2^32−1): SHA-256(name || 0x0A || type byte || publicKey)[:4], big-endian. */
  keyId: number;
  /** The 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

/**
 * A signer key: a {@link NoteVerifierKey} plus the 32-byte Ed25519 secret seed. Parsed from or formatted to
 * `PRIVATE+KEY+<name>+<hex key ID>+<base64(type||seed)>` (Go `golang.org/x/mod/sumdb/note` format; type 0x04 for
 * witnesses' cosignature keys). Never log it.
 * @example
 * import { parseSignerKey, type NoteSignerKey } from '@jil/core/tlog';
 * const key: NoteSignerKey = parseSignerKey(process.env.LOG_SIGNER_KEY!);
 */
export interface NoteSignerKey extends NoteVerifierKey {
  /** The 32-byte Ed25519 secret seed (RFC 8032 §5.1.5). */
  secretKey: Uint8Array;
}
