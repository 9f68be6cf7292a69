import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utf8ToBytes, uuidv7 } from '@jil/core';
import { encodeEvent, stateSyncTopic, type DeliveredRecord } from '@jil/core/events';
import { openPglite, type Db } from '@jil/server-kit';
import { migratePreclearance } from '../storage/migratePreclearance.js';
import { EventConsumer, type ConsumeOutcome } from './EventConsumer.js';
import { EmbeddedEventBus } from './EmbeddedEventBus.js';
import { replicatedTableDigest, REPLICATED_TABLES } from './replicatedTables.js';

// The consumer's batch path (one transaction per batch, bulk inserts) must be indistinguishable from applying the
// same records one by one: same outcomes, same rows, same dead letters — whatever bad records the batch holds.

const PSAS = stateSyncTopic('psas');
const HISTORY = stateSyncTopic('transfer_history');

type Item =
  | { kind: 'event'; source: string; sequence: number; topic: string; bad: boolean }
  | { kind: 'again'; index: number }
  | { kind: 'garbage'; text: string };

const item: fc.Arbitrary<Item> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('event' as const),
      source: fc.constantFrom('node-1', 'node-2', 'node-3'),
      sequence: fc.integer({ min: 1, max: 8 }),
      topic: fc.constantFrom(PSAS, HISTORY),
      bad: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('again' as const), index: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('garbage' as const), text: fc.string({ maxLength: 20 }) }) },
);

function payloadOf(topic: string, bad: boolean): Record<string, unknown> {
  if (topic === HISTORY) {
    return {
      entry_id: crypto.randomUUID(),
      sender_id: `s-${crypto.randomUUID().slice(0, 4)}`,
      destination: '0xdef',
      amount_usd_cents: bad ? '-1' : '500',
      at_ms: '1700000000000',
    };
  }
  return {
    psa_id: crypto.randomUUID(),
    transit_id: `t-${crypto.randomUUID().slice(0, 8)}`,
    custodian_id: 'cust-a',
    verdict: bad ? 'maybe' : 'pass',
    issued_at: '2026-12-03T10:00:00.000Z',
    expires_at: '2026-12-03T10:01:00.000Z',
    envelope: { payloadType: 'application/vnd.jil.psa.v1+json', payload: 'e30=', signatures: [{ keyid: 'k', sig: 'AAAA' }] },
    body_sha256: 'b'.repeat(64),
    request_sha256: null,
  };
}

/** Encodes the items as delivered records of one partition (offsets in order). */
function recordsOf(items: readonly Item[]): DeliveredRecord[] {
  const records: DeliveredRecord[] = [];
  for (const it of items) {
    let value: Uint8Array;
    let topic = HISTORY;
    if (it.kind === 'garbage') value = utf8ToBytes(it.text);
    else if (it.kind === 'again') {
      if (records.length === 0) continue;
      const earlier = records[it.index % records.length]!;
      value = earlier.value;
      topic = earlier.topic;
    } else {
      topic = it.topic;
      value = encodeEvent({
        event_id: uuidv7(new Date()),
        source_id: it.source,
        topic,
        timestamp: new Date().toISOString(),
        sequence: it.sequence,
        payload: payloadOf(topic, it.bad),
      });
    }
    records.push({ topic, key: 'k', value, partition: 0, offset: String(records.length) });
  }
  return records;
}

const RESET =
  'TRUNCATE event_inbox, event_source_positions, event_dead_letters, event_outbox, transfer_history, tlog_entries, psas CASCADE';

async function stateOf(db: Db): Promise<unknown> {
  const digests = await Promise.all(REPLICATED_TABLES.map((t) => replicatedTableDigest(db, t.table)));
  const parked = await db.query('SELECT record_offset::text AS o, reason_code, event_id FROM event_dead_letters ORDER BY record_offset');
  const inbox = await db.query('SELECT event_id::text AS event_id, sequence::text AS sequence FROM event_inbox ORDER BY event_id');
  const positions = await db.query(
    'SELECT source_id, topic, last_sequence::text AS s FROM event_source_positions ORDER BY source_id, topic',
  );
  return { digests, parked: parked.rows, inbox: inbox.rows, positions: positions.rows };
}

describe('EventConsumer batch path', () => {
  let one: Db;
  let many: Db;
  beforeAll(async () => {
    [one, many] = await Promise.all([openPglite(), openPglite()]);
    await migratePreclearance(one);
    await migratePreclearance(many);
  });
  afterAll(async () => {
    await one.close();
    await many.close();
  });

  it('property: handleBatch gives the outcomes, rows, inbox, positions and dead letters of handle() record by record', async () => {
    // node-1 is the consumer itself: its events are not in its outbox here, so they are spoofed and parked.
    const consumer = (db: Db) => new EventConsumer({ db, bus: new EmbeddedEventBus(), sourceId: 'node-1' });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 14 }), fc.integer({ min: 1, max: 6 }), async (items, split) => {
        await one.exec(RESET);
        await many.exec(RESET);
        const records = recordsOf(items);
        const single: ConsumeOutcome[] = [];
        for (const r of records) single.push(await consumer(one).handle(r));
        // The same records in batches of `split`.
        const batched: ConsumeOutcome[] = [];
        for (let i = 0; i < records.length; i += split) batched.push(...(await consumer(many).handleBatch(records.slice(i, i + split))));
        expect(batched).toEqual(single);
        expect(await stateOf(many)).toEqual(await stateOf(one));
      }),
      { numRuns: 40 },
    );
  });

  it('a clean batch commits in one transaction: every event applied once, and again as duplicates', async () => {
    await many.exec(RESET);
    const records = recordsOf(
      Array.from({ length: 20 }, (_, i) => ({
        kind: 'event' as const,
        source: 'node-2',
        sequence: i + 1,
        topic: i % 2 ? PSAS : HISTORY,
        bad: false,
      })),
    );
    const consumer = new EventConsumer({ db: many, bus: new EmbeddedEventBus(), sourceId: 'node-1' });
    expect(await consumer.handleBatch(records)).toEqual(records.map(() => 'applied'));
    expect(await consumer.handleBatch(records)).toEqual(records.map(() => 'duplicate'));
    const digests = await Promise.all(['psas', 'transfer_history'].map((t) => replicatedTableDigest(many, t)));
    expect(digests.map((d) => d.rows)).toEqual([10, 10]);
  });
});
