import { bytesToUtf8, canonicalBytes, constantTimeEqual, openDsse, parseJson, type DsseEnvelope, type FieldIssue } from '@jil/core';
import { fleetFailure, type FleetFailure } from './FleetFailure.js';

/** An envelope whose shape, payload type and canonical payload were checked; signatures are not checked yet. */
export interface OpenedEnvelope<T> {
  valid: true;
  envelope: DsseEnvelope;
  /** The decoded body, validated by the caller's schema. */
  body: T;
  /** The exact payload bytes the signatures cover (RFC 8785 canonical form of `body`). */
  payloadBytes: Uint8Array;
}

/**
 * Opens an untrusted DSSE envelope of one fleet payload type: checks the envelope shape, the payload type and size
 * limits (`openDsse` of `@jil/core`),
 * that the payload is base64 of strict JSON in its exact RFC 8785 canonical form, and the body schema.
 * Never throws for bad input; every failure is `FLEET_ENVELOPE_INVALID` naming the check.
 *
 * @param value - untrusted parsed JSON.
 * @param payloadType - the expected `payloadType`, e.g. `application/vnd.jil.fleet.release.v1+json`.
 * @param bodyIssues - schema check of the decoded body: every bad field, or `[]`.
 * @returns the opened envelope or a {@link FleetFailure}.
 * @see DSSE envelope.md; RFC 8785
 * @example
 * import { openEnvelope, RELEASE_PAYLOAD_TYPE, releaseBodyIssues } from '@jil/fleet';
 * const opened = openEnvelope(received, RELEASE_PAYLOAD_TYPE, releaseBodyIssues);
 */
export function openEnvelope<T>(
  value: unknown,
  payloadType: string,
  bodyIssues: (body: unknown) => FieldIssue[],
): OpenedEnvelope<T> | FleetFailure {
  // shape, payload type, base64 and size limits: @jil/core openDsse, the preamble every DSSE verifier shares
  const opened = openDsse(value, typeof payloadType === 'string' ? { payloadType } : {});
  if (!opened.valid) {
    return opened.check === 'payload_type'
      ? fleetFailure('payload_type', 'FLEET_ENVELOPE_INVALID', opened.message, { payloadType: opened.details['payloadType'] })
      : fleetFailure('envelope', 'FLEET_ENVELOPE_INVALID', opened.message, { fields: opened.details['fields'] });
  }
  const { envelope, payloadBytes } = opened;
  if (typeof payloadType !== 'string') {
    // a caller's bad argument: no envelope has this type (answered like any other type mismatch, never thrown)
    return fleetFailure('payload_type', 'FLEET_ENVELOPE_INVALID', `payloadType must be ${String(payloadType)}`, {
      payloadType: envelope.payloadType,
    });
  }
  let decoded: unknown;
  try {
    decoded = parseJson(bytesToUtf8(payloadBytes));
    if (!constantTimeEqual(canonicalBytes(decoded), payloadBytes)) throw new Error('not canonical');
  } catch {
    return fleetFailure('canonical', 'FLEET_ENVELOPE_INVALID', 'payload is not the RFC 8785 canonical form of a JSON body');
  }
  const issues = bodyIssues(decoded);
  if (issues.length > 0) {
    return fleetFailure('body', 'FLEET_ENVELOPE_INVALID', `body fields invalid: ${issues.map((i) => i.field).join(', ')}`, {
      fields: issues,
    });
  }
  return { valid: true, envelope, body: decoded as T, payloadBytes };
}
