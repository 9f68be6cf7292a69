import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalBytes } from '../canonical/canonicalize.js';
import { bytesToUtf8, utf8ToBytes } from '../bytes/encoding.js';
import { isJilError, type JilError } from '../errors/JilError.js';
import { uuidv7 } from '../id/uuidv7.js';
import { jsonValue, reorderKeys, withoutNegativeZero } from '../canonical/arbitraries.testutil.js';
import {
  decodeEvent,
  encodeEvent,
  EVENT_ENVELOPE_FIELDS,
  EVENT_TOPICS,
  eventEnvelopeIssues,
  isEventTopic,
  stateSyncTable,
  stateSyncTopic,
  type EventEnvelope,
} from './index.js';

const topic = fc.oneof(
  fc.constantFrom(...Object.values(EVENT_TOPICS)),
  fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/).map((t) => stateSyncTopic(t)),
);
const payload = fc
  .dictionary(fc.string({ unit: 'binary', maxLength: 8 }), jsonValue, { maxKeys: 5 })
  .map((p) => withoutNegativeZero(p) as Record<string, unknown>);

/** Valid envelopes: every member drawn from its whole domain. */
const envelope: fc.Arbitrary<EventEnvelope> = fc.record({
  event_id: fc
    .tuple(fc.integer({ min: 0, max: 2 ** 47 }), fc.uint8Array({ minLength: 10, maxLength: 10 }))
    .map(([ms, r]) => uuidv7(new Date(ms), r)),
  source_id: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,40}$/),
  topic,
  timestamp: fc.integer({ min: 0, max: 253_402_300_799_999 }).map((ms) => new Date(ms).toISOString()),
  sequence: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  payload,
});

/** For each member, values that must be refused (wrong type or wrong format). */
const badValue: Record<(typeof EVENT_ENVELOPE_FIELDS)[number], fc.Arbitrary<unknown>> = {
  event_id: fc.oneof(
    fc.constant('550e8400-e29b-41d4-a716-446655440000'),
    fc.constant('0189ABCD-AC96-774B-BCCE-B302099A8057'),
    fc.string({ maxLength: 10 }),
    fc.integer(),
    fc.constant(null),
  ),
  source_id: fc.oneof(
    fc.constant(''),
    fc.constant('-lead'),
    fc.constant('a b'),
    fc.constant('x'.repeat(129)),
    fc.integer(),
    fc.constant(null),
  ),
  topic: fc.oneof(
    fc.constant('jil.state.sync.'),
    fc.constant('jil.state.sync.Bad'),
    fc.constant('other.topic'),
    fc.constant('jil.settlement'),
    fc.boolean(),
  ),
  timestamp: fc.oneof(
    fc.constant('2026-12-03 13:00:00Z'),
    fc.constant('2026-12-03T13:00:00+01:00'),
    fc.constant('2026-13-40T99:00:00Z'),
    fc.integer(),
    fc.constant(null),
  ),
  sequence: fc.oneof(fc.constant(0), fc.integer({ max: 0 }), fc.constant(1.5), fc.constant(2 ** 53), fc.constant('1'), fc.constant(null)),
  payload: fc.oneof(fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.string(), fc.integer()),
};

function caught(fn: () => unknown): JilError {
  try {
    fn();
  } catch (error) {
    if (isJilError(error)) return error;
    throw error;
  }
  throw new Error('expected a JilError');
}

const fieldsOf = (e: JilError): string[] => (e.details['fields'] as { field: string }[]).map((f) => f.field);

describe('@jil/core/events: the event envelope', () => {
  it('encode → decode is the identity, and the bytes are the RFC 8785 form', () => {
    fc.assert(
      fc.property(envelope, (e) => {
        const bytes = encodeEvent(e);
        expect(bytes).toEqual(canonicalBytes(e));
        expect(decodeEvent(bytes)).toEqual(e);
        expect(encodeEvent(decodeEvent(bytes))).toEqual(bytes);
      }),
    );
  });

  it('a bad value in any member is refused with EVENT_INVALID naming that member, on encode and on decode', () => {
    fc.assert(
      fc.property(envelope, fc.constantFrom(...EVENT_ENVELOPE_FIELDS), fc.gen(), (e, field, gen) => {
        const tampered = { ...e, [field]: gen(() => badValue[field]) };
        const onEncode = caught(() => encodeEvent(tampered as EventEnvelope));
        expect(onEncode.code).toBe('EVENT_INVALID');
        expect(fieldsOf(onEncode)).toEqual([field]);
        const onDecode = caught(() => decodeEvent(utf8ToBytes(JSON.stringify(tampered))));
        expect(onDecode.code).toBe('EVENT_INVALID');
        expect(fieldsOf(onDecode)).toEqual([field]);
      }),
    );
  });

  it('every bad member is reported, missing and unknown ones included', () => {
    fc.assert(
      fc.property(
        envelope,
        fc.subarray([...EVENT_ENVELOPE_FIELDS], { minLength: 1 }),
        fc.stringMatching(/^[a-z_]{1,10}$/),
        (e, drop, extra) => {
          fc.pre(!(EVENT_ENVELOPE_FIELDS as readonly string[]).includes(extra));
          const copy: Record<string, unknown> = { ...e, [extra]: 1 };
          for (const f of drop) delete copy[f];
          const error = caught(() => decodeEvent(utf8ToBytes(JSON.stringify(copy))));
          expect(error.code).toBe('EVENT_INVALID');
          expect(fieldsOf(error).sort()).toEqual([...drop, extra].sort());
        },
      ),
    );
  });

  it('bytes that decode to a valid envelope but are not its canonical form are refused (EVENT_NOT_CANONICAL)', () => {
    fc.assert(
      fc.property(envelope, fc.integer(), fc.constantFrom('space', 'reorder', 'escape'), (e, seed, how) => {
        const canonical = bytesToUtf8(encodeEvent(e));
        let text: string;
        if (how === 'space') text = JSON.stringify(e, null, 1);
        else if (how === 'reorder')
          text = JSON.stringify({ payload: e.payload, ...(reorderKeys(e, seed) as object), event_id: e.event_id });
        else text = canonical.replace('"event_id"', '"\\u0065vent_id"');
        fc.pre(text !== canonical);
        const error = caught(() => decodeEvent(utf8ToBytes(text)));
        expect(error.code).toBe('EVENT_NOT_CANONICAL');
      }),
    );
  });

  it('any change to the bytes is refused or decodes to a different envelope (never silently to the same one)', () => {
    fc.assert(
      fc.property(envelope, fc.nat(), fc.integer({ min: 1, max: 255 }), (e, at, xor) => {
        const bytes = encodeEvent(e);
        const tampered = bytes.slice();
        const i = at % tampered.length;
        tampered[i] = tampered[i]! ^ xor;
        let decoded: EventEnvelope;
        try {
          decoded = decodeEvent(tampered);
        } catch (error) {
          expect(isJilError(error) && ['EVENT_INVALID', 'EVENT_NOT_CANONICAL'].includes(error.code)).toBe(true);
          return;
        }
        expect(decoded).not.toEqual(e);
      }),
    );
  });

  it('malformed bytes, duplicate keys and oversized events carry their own codes', () => {
    const e: EventEnvelope = {
      event_id: uuidv7(new Date(0)),
      source_id: 'node-1',
      topic: 'jil.events',
      timestamp: '2026-12-03T13:00:00.000Z',
      sequence: 1,
      payload: { a: 1 },
    };
    const json = bytesToUtf8(encodeEvent(e));
    expect(fieldsOf(caught(() => decodeEvent(new Uint8Array([0xff, 0xfe]))))).toEqual(['(event)']);
    expect(fieldsOf(caught(() => decodeEvent(utf8ToBytes(json.replace('{"a":1}', '{"a":1,"a":2}')))))).toEqual(['(event)']);
    expect(fieldsOf(caught(() => decodeEvent(utf8ToBytes('[]'))))).toEqual(['(event)']);
    const big = caught(() => decodeEvent(encodeEvent(e), { maxBytes: 10 }));
    expect([big.code, big.details['max_bytes']]).toEqual(['EVENT_TOO_LARGE', 10]);
    // A payload that is not canonical JSON is named down to its member.
    const nan = caught(() => encodeEvent({ ...e, payload: { amount: Number.NaN } }));
    expect([nan.code, fieldsOf(nan)]).toEqual(['EVENT_INVALID', ['payload.amount']]);
    expect(caught(() => decodeEvent('x' as unknown as Uint8Array)).code).toBe('INVALID_ARGUMENT');
  });

  it('topics: the fixed ones and jil.state.sync.{table}', () => {
    expect(Object.values(EVENT_TOPICS).sort()).toEqual(['jil.events', 'jil.fleet.status', 'jil.ledger.writes']);
    expect(stateSyncTopic('psas')).toBe('jil.state.sync.psas');
    expect(stateSyncTable('jil.state.sync.transfer_history')).toBe('transfer_history');
    expect(stateSyncTable('jil.events')).toBeUndefined();
    for (const t of ['jil.state.sync.Psas', 'jil.state.sync.', 'jil.state.sync.a.b', 'jil.fleet.commands2', 1])
      expect(isEventTopic(t)).toBe(false);
    expect(() => stateSyncTopic('Bad')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { field: 'table' } }));
    expect(eventEnvelopeIssues(null)).toEqual([{ field: '(event)', message: 'must be a JSON object', issue: 'invalid_type' }]);
  });
});
