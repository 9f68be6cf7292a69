import { base64Decode } from '../bytes/encoding.js';
import { JilError, type FieldIssue } from '../errors/JilError.js';
import type { VerificationFailure } from '../verify/VerificationResult.js';
import { dsseEnvelopeIssues } from './assertDsseEnvelope.js';
import type { DsseEnvelope } from './DsseEnvelope.js';
import { pae } from './pae.js';

/**
 * Default size limits of {@link openDsse}: decoded payload bytes, number of signatures, decoded bytes per signature
 * (a composite ML-DSA-65 + Ed25519 signature is 3373) and UTF-16 length of `payloadType`.
 */
export const DSSE_LIMITS = Object.freeze({
  maxPayloadBytes: 4_194_304,
  maxSignatures: 256,
  maxSignatureBytes: 16_384,
  maxPayloadTypeLength: 1024,
});

/** Options of {@link openDsse}; each limit defaults to {@link DSSE_LIMITS}. */
export interface OpenDsseOptions {
  /** The `payloadType` the caller expects; any other fails check `payload_type`. Without it any type opens. */
  payloadType?: string;
  maxPayloadBytes?: number;
  maxSignatures?: number;
  maxSignatureBytes?: number;
  maxPayloadTypeLength?: number;
}

/** An envelope whose shape, payload type and encodings were checked; its signatures are not verified yet. */
export interface OpenedDsse {
  valid: true;
  /** The input, now known to be a {@link DsseEnvelope}. */
  envelope: DsseEnvelope;
  payloadType: string;
  /** The decoded payload (the bytes the signatures cover, inside PAE). */
  payloadBytes: Uint8Array;
  /** `PAE(payloadType, payloadBytes)`: the message every signature is over. */
  pae: Uint8Array;
  /** The signatures in envelope order, `sig` decoded from base64. */
  signatures: { keyid: string; sig: Uint8Array }[];
}

/** The checks of {@link openDsse}: `envelope` (shape, base64, size limits) and `payload_type`. */
export type DsseCheck = 'envelope' | 'payload_type';

/**
 * A failed {@link openDsse}: code `DSSE_MALFORMED`; for `envelope`, `details.field` is the first bad field and
 * `details.fields` every bad field as `FieldIssue` (`issue: 'too_large'` for a limit, with `details.limit`); for
 * `payload_type`, `details.payloadType` is the type received.
 */
export interface DsseFailure extends VerificationFailure<DsseCheck, 'DSSE_MALFORMED'> {
  details: Record<string, unknown>;
}

type Limit = keyof typeof DSSE_LIMITS;

function envelopeFailure(field: string, message: string, issues: FieldIssue[], extra?: Record<string, unknown>): DsseFailure {
  return {
    valid: false,
    check: 'envelope',
    code: 'DSSE_MALFORMED',
    message: `DSSE envelope: ${field} ${message}`,
    details: { field, fields: issues, ...extra },
  };
}

/**
 * Open an untrusted DSSE envelope: the preamble every JIL verifier shares (`verifyPsa`, the validator-set verifiers,
 * `@jil/fleet`'s `openEnvelope`). Checks, in order: size limits (before decoding anything), the envelope shape of
 * {@link assertDsseEnvelope} (exactly `payloadType`, `payload`, non-empty `signatures` of `{ keyid, sig }`, canonical
 * standard base64), the expected `payloadType`; then decodes the payload and signatures and builds the PAE bytes
 * (`"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`). Signatures are not verified: the caller's key policy does
 * that over `pae` (`verifyDsseSignatures`).
 *
 * @param value - untrusted input (parsed JSON of the envelope).
 * @param options - expected `payloadType` and limits ({@link DSSE_LIMITS}).
 * @returns the {@link OpenedDsse}, or a {@link DsseFailure} naming check `envelope` or `payload_type`; never throws for
 *   a bad envelope.
 * @throws JilError `INVALID_ARGUMENT` (details.field) when `options` is not an object or a limit not a positive integer.
 * @see DSSE envelope.md and protocol.md (secure-systems-lab/dsse); RFC 4648 §4
 * @example
 * import { openDsse } from '@jil/core';
 * const opened = openDsse(JSON.parse(text), { payloadType: 'application/vnd.jil.psa.v1+json' });
 * if (!opened.valid) console.error(opened.check, opened.code, opened.message);
 * else opened.pae; // the bytes to verify each signature over
 */
export function openDsse(value: unknown, options: OpenDsseOptions = {}): OpenedDsse | DsseFailure {
  const badOption = (field: string): never => {
    throw new JilError('INVALID_ARGUMENT', `options.${field} is invalid`, { details: { field } });
  };
  if (options === null || typeof options !== 'object') badOption('options');
  const expected = options.payloadType;
  if (expected !== undefined && typeof expected !== 'string') badOption('payloadType');
  const max: Record<Limit, number> = { ...DSSE_LIMITS };
  for (const key of Object.keys(max) as Limit[]) {
    const n = options[key] ?? max[key];
    if (!Number.isSafeInteger(n) || n < 1) badOption(key);
    max[key] = n;
  }
  // `size` is a decoded byte count, or (for base64 text) its upper bound 3·length/4: text is refused before decoding
  const tooLarge = (field: string, size: number, limit: number, unit = 'bytes'): DsseFailure | undefined => {
    const message = `exceeds ${limit} ${unit}`;
    return size > limit ? envelopeFailure(field, message, [{ field, message, issue: 'too_large' }], { limit }) : undefined;
  };
  const text = (s: unknown): number => (typeof s === 'string' ? (s.length / 4) * 3 - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0) : 0);
  const v = (value ?? {}) as Record<string, unknown>;
  const sigs = Array.isArray(v['signatures']) ? (v['signatures'] as unknown[]) : [];
  const large =
    tooLarge('payload', text(v['payload']), max.maxPayloadBytes) ??
    tooLarge('payloadType', typeof v['payloadType'] === 'string' ? v['payloadType'].length : 0, max.maxPayloadTypeLength, 'characters') ??
    tooLarge('signatures', sigs.length, max.maxSignatures, 'entries') ??
    sigs
      .map((s, i) => tooLarge(`signatures[${i}].sig`, text((s as Record<string, unknown> | null)?.['sig']), max.maxSignatureBytes))
      .find(Boolean);
  if (large) return large;
  const issues = dsseEnvelopeIssues(value);
  if (issues[0]) return envelopeFailure(issues[0].field, issues[0].message, issues);
  const envelope = value as DsseEnvelope;
  if (expected !== undefined && envelope.payloadType !== expected) {
    return {
      valid: false,
      check: 'payload_type',
      code: 'DSSE_MALFORMED',
      message: `payloadType must be ${expected}`,
      details: { payloadType: envelope.payloadType },
    };
  }
  const payloadBytes = base64Decode(envelope.payload);
  try {
    return {
      valid: true,
      envelope,
      payloadType: envelope.payloadType,
      payloadBytes,
      pae: pae(envelope.payloadType, payloadBytes),
      signatures: envelope.signatures.map(({ keyid, sig }) => ({ keyid, sig: base64Decode(sig) })),
    };
  } catch {
    // pae: a payloadType with a lone surrogate has no UTF-8 form
    const message = 'must be well-formed Unicode';
    return envelopeFailure('payloadType', message, [{ field: 'payloadType', message, issue: 'invalid_string' }]);
  }
}
