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
export const DSSE_LIMITS = Object.freeze({ maxPayloadBytes: 4_194_304, maxSignatures: 256, maxSignatureBytes: 16_384, maxPayloadTypeLength: 1024 });

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

function limit(options: OpenDsseOptions, key: keyof typeof DSSE_LIMITS): number {
  const value = options[key] ?? DSSE_LIMITS[key];
  if (!Number.isSafeInteger(value) || value < 1) throw new JilError('INVALID_ARGUMENT', `options.${key} must be a positive integer`, { details: { field: key } });
  return value;
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
  if (options === null || typeof options !== 'object') throw new JilError('INVALID_ARGUMENT', 'options must be an object', { details: { field: 'options' } });
  const expected = options.payloadType;
  if (expected !== undefined && typeof expected !== 'string') throw new JilError('INVALID_ARGUMENT', 'options.payloadType must be a string', { details: { field: 'payloadType' } });
  const maxPayload = limit(options, 'maxPayloadBytes');
  const maxSignatures = limit(options, 'maxSignatures');
  const maxSignature = limit(options, 'maxSignatureBytes');
  const maxType = limit(options, 'maxPayloadTypeLength');
  // base64 text of n bytes has 4·⌈n/3⌉ characters: refuse longer text before decoding or parsing anything
  const b64 = (n: number): number => 4 * Math.ceil(n / 3);
  const tooLarge = (field: string, message: string, max: number): DsseFailure => {
    const fields: FieldIssue[] = [{ field, message, issue: 'too_large' }];
    return { valid: false, check: 'envelope', code: 'DSSE_MALFORMED', message: `DSSE envelope: ${field} ${message}`, details: { field, fields, limit: max } };
  };
  const v = value as Partial<Record<string, unknown>> | null;
  if (v !== null && typeof v === 'object') {
    const { payload, payloadType, signatures } = v;
    if (typeof payload === 'string' && payload.length > b64(maxPayload)) return tooLarge('payload', `exceeds ${maxPayload} bytes`, maxPayload);
    if (typeof payloadType === 'string' && payloadType.length > maxType) return tooLarge('payloadType', `exceeds ${maxType} characters`, maxType);
    if (Array.isArray(signatures)) {
      if (signatures.length > maxSignatures) return tooLarge('signatures', `has more than ${maxSignatures} entries`, maxSignatures);
      for (const [i, s] of signatures.entries()) {
        const sig: unknown = s !== null && typeof s === 'object' ? (s as Record<string, unknown>)['sig'] : undefined;
        if (typeof sig === 'string' && sig.length > b64(maxSignature)) return tooLarge(`signatures[${i}].sig`, `exceeds ${maxSignature} bytes`, maxSignature);
      }
    }
  }
  const issues = dsseEnvelopeIssues(value);
  const first = issues[0];
  if (first !== undefined) {
    return { valid: false, check: 'envelope', code: 'DSSE_MALFORMED', message: `DSSE envelope: ${first.field} ${first.message}`, details: { field: first.field, fields: issues } };
  }
  const envelope = value as DsseEnvelope;
  if (expected !== undefined && envelope.payloadType !== expected) {
    return { valid: false, check: 'payload_type', code: 'DSSE_MALFORMED', message: `payloadType must be ${expected}`, details: { payloadType: envelope.payloadType } };
  }
  const payloadBytes = base64Decode(envelope.payload);
  if (payloadBytes.length > maxPayload) return tooLarge('payload', `exceeds ${maxPayload} bytes`, maxPayload);
  const signatures: OpenedDsse['signatures'] = [];
  for (const [i, s] of envelope.signatures.entries()) {
    const sig = base64Decode(s.sig);
    if (sig.length > maxSignature) return tooLarge(`signatures[${i}].sig`, `exceeds ${maxSignature} bytes`, maxSignature);
    signatures.push({ keyid: s.keyid, sig });
  }
  let message: Uint8Array;
  try {
    message = pae(envelope.payloadType, payloadBytes);
  } catch {
    // a payloadType with a lone surrogate has no UTF-8 form
    return { valid: false, check: 'envelope', code: 'DSSE_MALFORMED', message: 'DSSE envelope: payloadType must be well-formed Unicode', details: { field: 'payloadType', fields: [{ field: 'payloadType', message: 'must be well-formed Unicode', issue: 'invalid_string' }] } };
  }
  return { valid: true, envelope, payloadType: envelope.payloadType, payloadBytes, pae: message, signatures };
}
