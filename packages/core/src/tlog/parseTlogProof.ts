import { base64Decode } from '../bytes/encoding.js';
import { JilError } from '../errors/JilError.js';
import { noteString } from './noteText.js';
import { parseCheckpoint } from './parseCheckpoint.js';
import { parseSignedNote } from './parseSignedNote.js';
import { TLOG_PROOF_HEADER, type TlogProof } from './TlogProof.js';

/**
 * Parse a tlog proof (`.tlog-proof` file): header line, optional `extra`, `index`, inclusion proof hashes up to an
 * empty line, then a signed checkpoint. Checks the framing and that the checkpoint is a well-formed signed note with
 * a checkpoint body; verifies nothing (use `verifyTlogProof`).
 *
 * @param text - the proof (string or UTF-8 bytes), untrusted.
 * @returns the {@link TlogProof}.
 * @throws JilError `TLOG_MALFORMED` with `details.check` `'proof'` (framing; `details.line` is the 0-based line),
 *   `'note'` or `'checkpoint'` (the embedded checkpoint); `INVALID_ARGUMENT` for a non-string, non-bytes input.
 * @see c2sp.org/tlog-proof §Format
 * @example
 * import { parseTlogProof } from '@jil/core/tlog';
 * const { index, inclusionProof, checkpoint } = parseTlogProof(await file.text());
 */
export function parseTlogProof(text: string | Uint8Array): TlogProof {
  const all = noteString(text, 'text', 'TLOG_MALFORMED', 'proof');
  const bad = (line: number, message: string): never => {
    throw new JilError('TLOG_MALFORMED', message, { details: { check: 'proof', line } });
  };
  let pos = 0;
  let lineNo = 0;
  const nextLine = (): string => {
    const end = all.indexOf('\n', pos);
    if (end < 0) bad(lineNo, 'proof ends before the checkpoint');
    const line = all.slice(pos, end);
    pos = end + 1;
    lineNo++;
    return line;
  };
  if (nextLine() !== TLOG_PROOF_HEADER) bad(0, `first line must be ${TLOG_PROOF_HEADER}`);
  let line = nextLine();
  let extra: Uint8Array | undefined;
  if (line.startsWith('extra')) {
    if (!line.startsWith('extra ')) bad(lineNo - 1, "'extra' must be followed by a space and base64");
    try {
      extra = base64Decode(line.slice('extra '.length));
    } catch {
      bad(lineNo - 1, 'extra data is not canonical base64');
    }
    line = nextLine();
  }
  const m = /^index (0|[1-9][0-9]*)$/.exec(line);
  if (m === null || !Number.isSafeInteger(Number(m[1]))) bad(lineNo - 1, "expected 'index <n>' (decimal 0…2^53−1, no leading zeros)");
  const index = Number(m![1]);
  const inclusionProof: Uint8Array[] = [];
  for (line = nextLine(); line !== ''; line = nextLine()) {
    if (inclusionProof.length === 63) bad(lineNo - 1, 'inclusion proof has more than 63 hashes');
    let h: Uint8Array | undefined;
    try {
      h = base64Decode(line);
    } catch {
      /* below */
    }
    if (h?.length !== 32) bad(lineNo - 1, 'inclusion proof line is not the base64 of a 32-byte hash');
    inclusionProof.push(h!);
  }
  const checkpoint = all.slice(pos);
  parseCheckpoint(parseSignedNote(checkpoint).text); // throws TLOG_MALFORMED with check 'note' or 'checkpoint'
  return { ...(extra === undefined ? {} : { extra }), index, inclusionProof, checkpoint };
}
