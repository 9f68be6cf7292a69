import { utf8ToBytes } from '@noble/hashes/utils.js';
import { JilError } from '../errors/JilError.js';

/**
 * The message an Ed25519 cosignature/v1 signs: `cosignature/v1\ntime <timestamp>\n` followed by the whole checkpoint
 * note text (including extension lines and the final newline, without signature lines).
 *
 * @param text - the cosigned note text, ending in a newline.
 * @param timestamp - POSIX seconds, an integer 0…2^53−1 (the spec allows up to 2^63−1; JIL refuses beyond 2^53−1).
 * @returns the UTF-8 bytes to sign or verify.
 * @throws JilError `INVALID_ARGUMENT` for a text without final newline or a bad timestamp.
 * @see c2sp.org/tlog-cosignature §Ed25519 signed message
 * @example
 * import { cosignatureV1Message, bytesToUtf8 } from '@jil/core/tlog';
 * bytesToUtf8(cosignatureV1Message('example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n', 1679315147));
 * // 'cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUY…q2I=\n'
 */
export function cosignatureV1Message(text: string, timestamp: number): Uint8Array {
  if (typeof text !== 'string' || !text.endsWith('\n')) {
    throw new JilError('INVALID_ARGUMENT', 'text must be a string ending in a newline', { details: { field: 'text' } });
  }
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new JilError('INVALID_ARGUMENT', 'timestamp must be an integer 0…2^53−1 (POSIX seconds)', { details: { field: 'timestamp' } });
  }
  return utf8ToBytes(`cosignature/v1\ntime ${timestamp}\n${text}`);
}
