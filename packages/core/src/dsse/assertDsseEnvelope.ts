import { describeType } from '../bytes/assertBytes.js';
import { base64Decode } from '../bytes/encoding.js';
import { JilError, type FieldIssue } from '../errors/JilError.js';
import type { DsseEnvelope } from './DsseEnvelope.js';

const ENVELOPE_FIELDS = new Set(['payloadType', 'payload', 'signatures']);
const SIGNATURE_FIELDS = new Set(['keyid', 'sig']);

/**
 * Check that untrusted `value` has the shape of a JIL {@link DsseEnvelope}; checks shape only, no signature.
 *
 * Rules: a plain object with exactly `payloadType` (non-empty string), `payload` (canonical standard base64) and
 * `signatures` (non-empty array); each signature has exactly `keyid` (non-empty string) and `sig` (non-empty
 * canonical standard base64). Unknown fields are refused because nothing authenticates them.
 *
 * @param value - e.g. the result of `parseJson` on a received envelope.
 * @throws JilError `DSSE_MALFORMED`; the message names the first bad field, `details.field` is that field and
 *   `details.fields` lists every bad field as `{ field, message, issue }` (e.g. `signatures[1].sig`).
 * @see DSSE envelope.md; RFC 4648 §4
 * @example
 * import { assertDsseEnvelope, parseJson } from '@jil/core';
 * const envelope: unknown = parseJson(text);
 * assertDsseEnvelope(envelope); // envelope is DsseEnvelope from here on
 */
export function assertDsseEnvelope(value: unknown): asserts value is DsseEnvelope {
  const issues = dsseEnvelopeIssues(value);
  const first = issues[0];
  if (first !== undefined) {
    throw new JilError('DSSE_MALFORMED', `DSSE envelope: ${first.field} ${first.message}`, {
      details: { field: first.field, fields: issues },
    });
  }
}

/**
 * `true` when `value` has the shape of a JIL {@link DsseEnvelope} (the rules of {@link assertDsseEnvelope}); never throws.
 * @param value - any value.
 * @see DSSE envelope.md
 * @example
 * import { isDsseEnvelope } from '@jil/core';
 * if (!isDsseEnvelope(body)) return reply.code(400).send();
 */
export function isDsseEnvelope(value: unknown): value is DsseEnvelope {
  return dsseEnvelopeIssues(value).length === 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isBase64(value: unknown, allowEmpty: boolean): boolean {
  if (typeof value !== 'string' || (!allowEmpty && value === '')) return false;
  try {
    base64Decode(value);
    return true;
  } catch {
    return false;
  }
}

/** Internal (also used by `openDsse`): every bad field of `value` as a DSSE envelope, `[]` when well-formed. */
export function dsseEnvelopeIssues(value: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string, issue: string): void => {
    issues.push({ field, message, issue });
  };
  if (!isRecord(value)) {
    add('envelope', `must be a plain object, got ${describeType(value)}`, 'invalid_type');
    return issues;
  }
  for (const key of Object.keys(value)) if (!ENVELOPE_FIELDS.has(key)) add(key, 'is not a DSSE envelope field', 'unknown_field');
  if (typeof value['payloadType'] !== 'string' || value['payloadType'] === '') {
    add('payloadType', 'must be a non-empty string', 'invalid_type');
  }
  if (!isBase64(value['payload'], true)) add('payload', 'must be canonical standard base64', 'invalid_base64');
  const signatures = value['signatures'];
  if (!Array.isArray(signatures) || signatures.length === 0) {
    add('signatures', 'must be a non-empty array', 'invalid_type');
    return issues;
  }
  signatures.forEach((signature: unknown, i) => {
    const at = `signatures[${i}]`;
    if (!isRecord(signature)) {
      add(at, `must be a plain object, got ${describeType(signature)}`, 'invalid_type');
      return;
    }
    for (const key of Object.keys(signature)) {
      if (!SIGNATURE_FIELDS.has(key)) add(`${at}.${key}`, 'is not a DSSE signature field', 'unknown_field');
    }
    if (typeof signature['keyid'] !== 'string' || signature['keyid'] === '') {
      add(`${at}.keyid`, 'must be a non-empty string', 'invalid_type');
    }
    if (!isBase64(signature['sig'], false)) add(`${at}.sig`, 'must be non-empty canonical standard base64', 'invalid_base64');
  });
  return issues;
}
