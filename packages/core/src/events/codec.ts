import { bytesToUtf8 } from '../bytes/encoding.js';
import { canonicalBytes } from '../canonical/canonicalize.js';
import { parseJson } from '../canonical/parseJson.js';
import { isJilError, JilError } from '../errors/JilError.js';
import { EVENT_MAX_BYTES, eventEnvelopeIssues, type EventEnvelope } from './EventEnvelope.js';

/** Options of {@link decodeEvent}. */
export interface DecodeEventOptions {
  /** Largest accepted encoding in bytes (default {@link EVENT_MAX_BYTES}). */
  readonly maxBytes?: number;
}

function invalid(fields: { field: string; message: string; issue?: string }[], cause?: unknown): JilError {
  return new JilError('EVENT_INVALID', `invalid event: ${fields.map((f) => f.field).join(', ')}`, {
    details: { fields },
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * The wire form of an event: the RFC 8785 (JCS) UTF-8 bytes of the envelope.
 *
 * @param envelope - the event; every member is checked first.
 * @returns the canonical bytes.
 * @throws JilError `EVENT_INVALID` listing every bad member in `details.fields` (also a payload that is not
 *   canonical JSON: a non-finite number, an integer beyond 2^53, `undefined`, …, reported on `payload`).
 * @see RFC 8785; DESIGN.md §Formats (event envelope)
 * @example
 * import { uuidv7 } from '@jil/core';
 * import { encodeEvent } from '@jil/core/events';
 * const bytes = encodeEvent({ event_id: uuidv7(new Date()), source_id: 'node-1', topic: 'jil.events', timestamp: new Date().toISOString(),
 *   sequence: 1, payload: {} });
 */
export function encodeEvent(envelope: EventEnvelope): Uint8Array {
  const issues = eventEnvelopeIssues(envelope);
  if (issues.length > 0) throw invalid(issues);
  try {
    return canonicalBytes(envelope);
  } catch (error) {
    if (!isJilError(error)) throw error;
    const path = typeof error.details['path'] === 'string' ? error.details['path'] : '$.payload';
    const field = path.startsWith('$.') ? path.slice(2) : 'payload';
    throw invalid([{ field, message: `not canonical JSON (${error.code})`, issue: 'not_canonical_json' }], error);
  }
}

/**
 * Reads an event received from the mesh, refusing what the sender could not have produced with {@link encodeEvent}.
 *
 * Checks, in order: size; UTF-8 and strict JSON (no duplicate keys); the envelope schema (every bad member
 * reported); the bytes are exactly the canonical form of the decoded envelope (nothing re-spelled, reordered or
 * padded on the way).
 *
 * @param bytes - the message value.
 * @param options - see {@link DecodeEventOptions}.
 * @returns the envelope.
 * @throws JilError `EVENT_TOO_LARGE` (`details.size`, `details.max_bytes`); `EVENT_INVALID` with `details.fields`
 *   (`(event)` when the bytes are not UTF-8 JSON, with the parser's error as cause); `EVENT_NOT_CANONICAL` when the
 *   bytes differ from the canonical encoding of what they decode to; `INVALID_ARGUMENT` when `bytes` is not a Uint8Array.
 * @example
 * import { decodeEvent } from '@jil/core/events';
 * const event = decodeEvent(message.value);
 */
export function decodeEvent(bytes: Uint8Array, options: DecodeEventOptions = {}): EventEnvelope {
  if (!(bytes instanceof Uint8Array)) throw new JilError('INVALID_ARGUMENT', 'bytes must be a Uint8Array', { details: { field: 'bytes' } });
  const max = options.maxBytes ?? EVENT_MAX_BYTES;
  if (bytes.length > max) {
    throw new JilError('EVENT_TOO_LARGE', `event of ${bytes.length} bytes exceeds ${max}`, {
      details: { size: bytes.length, max_bytes: max },
    });
  }
  let value: unknown;
  try {
    value = parseJson(bytesToUtf8(bytes));
  } catch (error) {
    throw invalid([{ field: '(event)', message: 'must be UTF-8 JSON without duplicate keys', issue: 'malformed_json' }], error);
  }
  const issues = eventEnvelopeIssues(value);
  if (issues.length > 0) throw invalid(issues);
  let canonical: Uint8Array;
  try {
    canonical = canonicalBytes(value);
  } catch (error) {
    if (!isJilError(error)) throw error;
    const path = typeof error.details['path'] === 'string' ? error.details['path'] : '$.payload';
    throw invalid(
      [
        {
          field: path.startsWith('$.') ? path.slice(2) : 'payload',
          message: `not canonical JSON (${error.code})`,
          issue: 'not_canonical_json',
        },
      ],
      error,
    );
  }
  if (canonical.length !== bytes.length || canonical.some((b, i) => b !== bytes[i])) {
    throw new JilError('EVENT_NOT_CANONICAL', 'event bytes are not the RFC 8785 encoding of the envelope', {
      details: { size: bytes.length, canonical_size: canonical.length },
    });
  }
  return value as EventEnvelope;
}
