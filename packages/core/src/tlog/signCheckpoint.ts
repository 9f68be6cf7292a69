import type { Checkpoint } from './Checkpoint.js';
import { formatCheckpoint } from './formatCheckpoint.js';
import type { NoteSignerKey } from './NoteKey.js';
import { signNote } from './signNote.js';

/**
 * Format a checkpoint and sign it as a note: the log signs with its Ed25519 key named after the origin; witnesses
 * add cosignature/v1 lines (`createNoteSignature` with a timestamp).
 *
 * @param checkpoint - `{ origin, treeSize, rootHash, extensions? }`.
 * @param keys - the signer keys (`parseSignerKey`), usually the log's one key.
 * @param options - `timestamp` for `'cosignature/v1'` keys.
 * @returns the signed checkpoint, as served at `<prefix>/checkpoint`.
 * @throws JilError `INVALID_ARGUMENT` for a bad checkpoint field, key or timestamp.
 * @see c2sp.org/tlog-checkpoint §Signatures
 * @example
 * import { parseSignerKey, signCheckpoint, treeHash } from '@jil/core/tlog';
 * const note = signCheckpoint({ origin: 'jil.example/log', treeSize, rootHash: await treeHash(treeSize, reader) }, [parseSignerKey(skey)]);
 */
export function signCheckpoint(
  checkpoint: Omit<Checkpoint, 'extensions'> & { extensions?: readonly string[] },
  keys: readonly NoteSignerKey[],
  options: { timestamp?: number } = {},
): string {
  return signNote(formatCheckpoint(checkpoint), keys, options);
}
