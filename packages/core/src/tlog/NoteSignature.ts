/**
 * One signature line of a signed note, decoded: `— <name> base64(keyId || signature)`.
 * @example
 * import { parseSignedNote, type NoteSignature } from '@jil/core/tlog';
 * const sigs: NoteSignature[] = parseSignedNote(text).signatures;
 */
export interface NoteSignature {
  /** The key name on the line. */
  name: string;
  /** The 32-bit key ID (uint32), from the first four bytes, big-endian. */
  keyId: number;
  /** The signature bytes after the key ID (64 bytes for Ed25519; 8 + 64 for cosignature/v1). */
  signature: Uint8Array;
}

/**
 * A signed note split into its text and its signature lines (not verified).
 * @example
 * import { parseSignedNote, type SignedNote } from '@jil/core/tlog';
 * const note: SignedNote = parseSignedNote(body);
 */
export interface SignedNote {
  /** The note text, ending in a newline, without the separating blank line. */
  text: string;
  /** The signature lines in order (1…100). */
  signatures: NoteSignature[];
}
