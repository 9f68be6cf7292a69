import { isJilError, JilError } from '../errors/JilError.js';
import type { Checkpoint } from './Checkpoint.js';
import type { NoteVerifierKey } from './NoteKey.js';
import type { NoteSignature } from './NoteSignature.js';
import { parseCheckpoint } from './parseCheckpoint.js';
import { parseSignedNote } from './parseSignedNote.js';
import { toVerifierKeys } from './toVerifierKeys.js';
import { tlogFailure, type TlogFailure } from './TlogFailure.js';
import { verifyNote, type VerifiedNoteSignature } from './verifyNote.js';

/** Options of {@link openCheckpoint}. */
export interface OpenCheckpointOptions {
  /** The origin line the caller expects (the log it trusts), compared exactly. */
  origin: string;
  /** The log's verifier keys (objects or vkey strings); at least one must have signed. */
  logKeys: readonly (NoteVerifierKey | string)[];
  /** Optional witness policy: at least `threshold` of these keys (distinct name + key ID) must have cosigned. */
  witnesses?: { keys: readonly (NoteVerifierKey | string)[]; threshold: number };
}

/** Outcome of {@link openCheckpoint}. */
export type OpenCheckpointResult =
  | {
      valid: true;
      checkpoint: Checkpoint;
      text: string;
      logSignatures: VerifiedNoteSignature[];
      cosignatures: VerifiedNoteSignature[];
      unverified: NoteSignature[];
    }
  | TlogFailure;

/**
 * Open a signed checkpoint: parse the note and its checkpoint body, check the origin, verify every signature from a
 * known log or witness key (one bad known signature rejects the note), require a log signature and, when a witness
 * policy is given, `threshold` witness cosignatures. Unknown signatures are ignored.
 *
 * @param note - the signed checkpoint (string or UTF-8 bytes), untrusted.
 * @param options - see {@link OpenCheckpointOptions}.
 * @returns `{ valid: true, checkpoint, logSignatures, cosignatures, unverified }` or the first failed check:
 *   `note`, `checkpoint` (`TLOG_MALFORMED`), `origin` (`TLOG_UNKNOWN_ORIGIN`), `signature` (`TLOG_BAD_SIGNATURE`),
 *   `signer` (`TLOG_NOTE_UNVERIFIED`: no log signature), `witnesses` (`TLOG_WITNESS_THRESHOLD_NOT_MET`).
 * @throws JilError `INVALID_ARGUMENT` for bad options (keys that do not parse, a log key that is not Ed25519 (0x01), a threshold above the
 * key count).
 * @see c2sp.org/tlog-checkpoint; c2sp.org/signed-note §Signatures; c2sp.org/tlog-proof §Verifying (steps 2–3)
 * @example
 * import { openCheckpoint } from '@jil/core/tlog';
 * const r = openCheckpoint(await (await fetch(`${prefix}/checkpoint`)).text(), { origin: 'jil.example/log', logKeys: [vkey] });
 * if (r.valid) console.log(r.checkpoint.treeSize);
 */
export function openCheckpoint(note: string | Uint8Array, options: OpenCheckpointOptions): OpenCheckpointResult {
  const { origin, witnesses } = options ?? ({} as never);
  if (typeof origin !== 'string' || origin === '')
    throw new JilError('INVALID_ARGUMENT', 'options.origin must be a non-empty string', { details: { field: 'origin' } });
  const logKeys = toVerifierKeys(options.logKeys, 'logKeys');
  // c2sp.org/tlog-tiles: the log's own signature is Ed25519 (type 0x01); a cosignature key can never stand in for it.
  if (logKeys.some((k) => k.type !== 'ed25519')) {
    throw new JilError('INVALID_ARGUMENT', 'options.logKeys must be Ed25519 (type 0x01) note keys, not cosignature keys', {
      details: { field: 'logKeys' },
    });
  }
  const witnessKeys = witnesses === undefined ? [] : toVerifierKeys(witnesses.keys, 'witnesses.keys');
  const threshold = witnesses?.threshold ?? 0;
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > witnessKeys.length) {
    throw new JilError('INVALID_ARGUMENT', 'witnesses.threshold must be an integer 0…witnesses.keys.length', {
      details: { field: 'witnesses.threshold' },
    });
  }
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(parseSignedNote(note).text);
  } catch (error) {
    if (!isJilError(error, 'TLOG_MALFORMED')) throw error;
    return tlogFailure(error.details['check'] === 'checkpoint' ? 'checkpoint' : 'note', 'TLOG_MALFORMED', error.message, error.details);
  }
  if (checkpoint.origin !== origin) {
    return tlogFailure('origin', 'TLOG_UNKNOWN_ORIGIN', 'checkpoint is for another log', { origin: checkpoint.origin, expected: origin });
  }
  const r = verifyNote(note, [...logKeys, ...witnessKeys]);
  const isLog = (s: { name: string; keyId: number }): boolean => logKeys.some((k) => k.name === s.name && k.keyId === s.keyId);
  if (!r.valid && r.check !== 'signer') return r;
  const verified = r.valid ? r.verified : [];
  const logSignatures = verified.filter(isLog);
  if (logSignatures.length === 0) return tlogFailure('signer', 'TLOG_NOTE_UNVERIFIED', 'no valid signature from a log key', { origin });
  const cosignatures = verified.filter((s) => !isLog(s));
  if (cosignatures.length < threshold) {
    return tlogFailure('witnesses', 'TLOG_WITNESS_THRESHOLD_NOT_MET', 'too few known witnesses cosigned the checkpoint', {
      required: threshold,
      cosigned: cosignatures.length,
    });
  }
  return {
    valid: true,
    checkpoint,
    text: (r as { text: string }).text,
    logSignatures,
    cosignatures,
    unverified: r.valid ? r.unverified : [],
  };
}
