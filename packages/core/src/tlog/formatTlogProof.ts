import { base64Encode } from '../bytes/encoding.js';
import { assertBytes } from '../bytes/assertBytes.js';
import { isJilError, JilError } from '../errors/JilError.js';
import { assertCount, assertHashList } from './assertTlog.js';
import { parseCheckpoint } from './parseCheckpoint.js';
import { parseSignedNote } from './parseSignedNote.js';
import { TLOG_PROOF_HEADER, type TlogProof } from './TlogProof.js';

/**
 * Encode a tlog proof: `c2sp.org/tlog-proof@v1`, an optional `extra <base64>` line, `index <n>`, one base64 hash per
 * line, an empty line, then the signed checkpoint verbatim. Store it with the extension `.tlog-proof`.
 *
 * @param proof - `{ extra?, index, inclusionProof, checkpoint }`; `checkpoint` must be a signed checkpoint note.
 * @returns the proof text.
 * @throws JilError `INVALID_ARGUMENT` naming the bad field (`index`, `inclusionProof`, `extra`, `checkpoint`).
 * @see c2sp.org/tlog-proof §Format
 * @example
 * import { formatTlogProof, proveInclusion } from '@jil/core/tlog';
 * const text = formatTlogProof({ index, inclusionProof: await proveInclusion(index, size, reader), checkpoint: signedNote });
 */
export function formatTlogProof(proof: TlogProof): string {
  if (typeof proof !== 'object' || proof === null)
    throw new JilError('INVALID_ARGUMENT', 'proof must be a TlogProof', { details: { field: 'proof' } });
  const { extra, index, inclusionProof, checkpoint } = proof;
  assertCount(index, 'index');
  assertHashList(inclusionProof, 'inclusionProof', 63);
  if (extra !== undefined) assertBytes(extra, 'extra');
  try {
    parseCheckpoint(parseSignedNote(checkpoint).text);
  } catch (cause) {
    if (!isJilError(cause)) throw cause;
    throw new JilError('INVALID_ARGUMENT', 'checkpoint must be a signed checkpoint note', { details: { field: 'checkpoint' }, cause });
  }
  const lines = [
    TLOG_PROOF_HEADER,
    ...(extra === undefined ? [] : [`extra ${base64Encode(extra)}`]),
    `index ${index}`,
    ...inclusionProof.map(base64Encode),
    '',
  ];
  return `${lines.join('\n')}\n${checkpoint}`;
}
