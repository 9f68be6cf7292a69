import { base64Decode, constantTimeEqual } from '../bytes/encoding.js';
import { JilError } from '../errors/JilError.js';
import type { Checkpoint } from './Checkpoint.js';
import { emptyTreeHash } from './emptyTreeHash.js';
import { noteString } from './noteText.js';

/**
 * Parse a checkpoint body (the note text of a signed checkpoint): at least three non-empty lines — origin, tree size
 * in decimal without leading zeros, base64 root hash of 32 bytes — then optional non-empty extension lines.
 * Does not verify any signature: use `openCheckpoint` on a signed checkpoint.
 *
 * @param text - the note text, ending in a newline (string or UTF-8 bytes).
 * @returns the {@link Checkpoint} (`extensions: []` when none).
 * @throws JilError `TLOG_MALFORMED` with `details.check: 'checkpoint'` and `details.fields` naming every bad field
 *   (`text`, `origin`, `treeSize`, `rootHash`, `extensions[i]`); a size-0 checkpoint must carry the empty-tree root.
 *   `INVALID_ARGUMENT` when `text` is neither a string nor a Uint8Array.
 * @see c2sp.org/tlog-checkpoint §Note text; c2sp.org/tlog-witness (empty tree root)
 * @example
 * import { parseCheckpoint } from '@jil/core/tlog';
 * parseCheckpoint('example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n').treeSize; // 20852163
 */
export function parseCheckpoint(text: string | Uint8Array): Checkpoint {
  const body = noteString(text, 'text', 'TLOG_MALFORMED', 'checkpoint');
  const fields: { field: string; message: string }[] = [];
  const lines = body.endsWith('\n') ? body.slice(0, -1).split('\n') : [];
  if (lines.length < 3) fields.push({ field: 'text', message: 'must be at least three lines, each ending in a newline' });
  const [origin = '', size = '', root = '', ...extensions] = lines;
  if (lines.length >= 3) {
    if (origin === '') fields.push({ field: 'origin', message: 'must not be empty' });
    if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) {
      fields.push({ field: 'treeSize', message: 'must be a decimal 0…2^53−1 without leading zeros' });
    }
    let rootHash: Uint8Array | undefined;
    try {
      rootHash = base64Decode(root);
    } catch {
      /* reported below */
    }
    if (rootHash?.length !== 32) fields.push({ field: 'rootHash', message: 'must be the base64 of 32 bytes' });
    else if (size === '0' && !constantTimeEqual(rootHash, emptyTreeHash()))
      fields.push({ field: 'rootHash', message: 'must be the empty-tree hash for size 0' });
    extensions.forEach((e, i) => {
      if (e === '') fields.push({ field: `extensions[${i}]`, message: 'must not be empty' });
    });
    if (fields.length === 0) return { origin, treeSize: Number(size), rootHash: rootHash!, extensions };
  }
  throw new JilError('TLOG_MALFORMED', `invalid checkpoint: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, {
    details: { check: 'checkpoint', field: fields[0]!.field, fields },
  });
}
