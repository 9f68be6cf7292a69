import { base64Encode } from '../bytes/encoding.js';
import { JilError } from '../errors/JilError.js';
import { assertCount, assertHash } from './assertTlog.js';
import type { Checkpoint } from './Checkpoint.js';
import { emptyTreeHash } from './emptyTreeHash.js';
import { hasLoneSurrogate } from './keyName.js';

/**
 * Encode a checkpoint body: `<origin>\n<tree size>\n<base64 root hash>\n` then each extension line and a newline.
 * The result is the note text to sign (`signCheckpoint`).
 *
 * @param checkpoint - `{ origin, treeSize, rootHash, extensions? }`.
 * @returns the checkpoint text, ending in a newline.
 * @throws JilError `INVALID_ARGUMENT` with `details.fields` naming every bad field (`origin`, `treeSize`, `rootHash`,
 *   `extensions[i]`): empty lines, newlines or control characters inside a line, a root other than the empty-tree
 *   hash for size 0.
 * @see c2sp.org/tlog-checkpoint §Note text
 * @example
 * import { formatCheckpoint } from '@jil/core/tlog';
 * formatCheckpoint({ origin: 'jil.example/log', treeSize: 0, rootHash: emptyTreeHash() });
 * // 'jil.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n'
 */
export function formatCheckpoint(checkpoint: Omit<Checkpoint, 'extensions'> & { extensions?: readonly string[] }): string {
  const fields: { field: string; message: string }[] = [];
  const line = (value: unknown, field: string): void => {
    if (typeof value !== 'string' || value === '' || /[\u0000-\u001f]/.test(value) || hasLoneSurrogate(value)) {
      fields.push({ field, message: 'must be a non-empty line without control characters' });
    }
  };
  const { origin, treeSize, rootHash, extensions = [] } = checkpoint ?? ({} as never);
  line(origin, 'origin');
  try {
    assertCount(treeSize, 'treeSize');
  } catch {
    fields.push({ field: 'treeSize', message: 'must be a safe integer ≥ 0' });
  }
  try {
    assertHash(rootHash, 'rootHash');
    if (treeSize === 0 && base64Encode(rootHash) !== base64Encode(emptyTreeHash()))
      fields.push({ field: 'rootHash', message: 'must be the empty-tree hash for size 0' });
  } catch {
    fields.push({ field: 'rootHash', message: 'must be 32 bytes' });
  }
  if (!Array.isArray(extensions)) fields.push({ field: 'extensions', message: 'must be an array of lines' });
  else {
    extensions.forEach((e, i) => {
      line(e, `extensions[${i}]`);
    });
  }
  if (fields.length > 0) {
    throw new JilError('INVALID_ARGUMENT', `invalid checkpoint: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, {
      details: { field: fields[0]!.field, fields },
    });
  }
  return [origin, String(treeSize), base64Encode(rootHash), ...extensions].map((l) => `${l}\n`).join('');
}
