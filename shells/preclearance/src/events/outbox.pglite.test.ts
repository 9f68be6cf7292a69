import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isJilError, uuidv7 } from '@jil/core';
import { encodeEvent, stateSyncTopic } from '@jil/core/events';
import { int8ToNumber, openPglite, type Db } from '@jil/server-kit';
import { migratePreclearance } from '../storage/migratePreclearance.js';
import { PgRiskHistoryStore } from '../storage/PgRiskHistoryStore.js';
import { PsaRepository } from '../storage/PsaRepository.js';
import { EventConsumer, type ConsumeOutcome } from './EventConsumer.js';
import { EmbeddedEventBus } from './EmbeddedEventBus.js';
import { joinEventMesh, startEventMesh } from './startEventMesh.js';

// The embedded path (the quick start): PGlite and the in-process bus, no broker.

const count = async (db: Db, sql: string): Promise<number> => int8ToNumber((await db.query<{ n: unknown }>(sql)).rows[0]?.n ?? 0);

/** What the validate route writes for one PSA, in the caller's transaction. */
async function issue(tx: Db, sender: string): Promise<string> {
  const psaId = uuidv7(new Date());
  await new PsaRepository(tx).insert({
    psa_id: psaId,
    transit_id: `t-${psaId}`,
    custodian_id: 'cust-a',
    verdict: 'pass',
    issued_at: new Date(),
    expires_at: new Date(Date.now() + 60_000),
    envelope: { payloadType: 'application/vnd.jil.psa.v1+json', payload: 'e30=', signatures: [] },
    body_sha256: 'a'.repeat(64),
  });
  await new PgRiskHistoryStore(tx).append({ sender_id: sender, destination: '0xabc', amount_usd_cents: 12_500n, at_ms: Date.now() });
  return psaId;
}

describe('event mesh on PGlite with the embedded bus', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openPglite();
    await migratePreclearance(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('before joining a mesh no outbox row is written; after, a change and its outbox rows commit or roll back together', async () => {
    await db.transaction((tx) => issue(tx, 's-solo'));
    expect(await count(db, 'SELECT count(*) AS n FROM event_outbox')).toBe(0);

    await joinEventMesh(db, 'node-1');
    await expect(
      db.transaction(async (tx) => {
        await issue(tx, 's-1');
        throw new Error('rolled back after the writes');
      }),
    ).rejects.toThrow('rolled back');
    expect(await count(db, 'SELECT count(*) AS n FROM event_outbox')).toBe(0);
    expect(await count(db, 'SELECT count(*) AS n FROM psas')).toBe(1);

    const psaId = await db.transaction((tx) => issue(tx, 's-1'));
    const { rows } = await db.query<{ topic: string; event_key: string; event_id: string; sequence: unknown }>(
      'SELECT topic, event_key, event_id::text AS event_id, sequence FROM event_outbox ORDER BY id',
    );
    expect(rows.map((r) => [r.topic, r.event_key, r.sequence])).toEqual([
      ['jil.state.sync.psas', psaId, null],
      ['jil.state.sync.transfer_history', 's-1', null],
    ]);
    for (const r of rows) expect(r.event_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const error = await joinEventMesh(db, 'node-2').catch((e: unknown) => e);
    expect(isJilError(error, 'CONFIG_INVALID')).toBe(true);
  });

  it(
    'relay → embedded bus → consumer: own events skipped, a spoofed one and a sequence going backwards parked; another node’s ' +
      'event applied once and not published again',
    async () => {
      const bus = new EmbeddedEventBus();
      const outcomes: ConsumeOutcome[] = [];
      let wake: () => void = () => undefined;
      const until = async (n: number): Promise<void> => {
        while (outcomes.length < n) await new Promise<void>((resolve) => (wake = resolve));
      };
      const mesh = await startEventMesh({
        db,
        bus,
        sourceId: 'node-1',
        onOutcome: (o) => {
          outcomes.push(o);
          wake();
        },
      });
      try {
        await until(2);
        expect(outcomes).toEqual(['own', 'own']);
        expect(await count(db, 'SELECT count(*) AS n FROM event_outbox WHERE sent_at IS NULL')).toBe(0);
        expect(await count(db, 'SELECT max(sequence) AS n FROM event_outbox')).toBe(2);

        const topic = stateSyncTopic('transfer_history');
        const foreign = encodeEvent({
          event_id: uuidv7(new Date()),
          source_id: 'node-2',
          topic,
          timestamp: new Date().toISOString(),
          sequence: 1,
          payload: {
            entry_id: crypto.randomUUID(),
            sender_id: 's-remote',
            destination: '0xdef',
            amount_usd_cents: '500',
            at_ms: String(Date.now()),
          },
        });
        await bus.publish([
          { topic, key: 's-remote', value: foreign },
          { topic, key: 's-remote', value: foreign },
        ]);
        await until(4);
        expect(outcomes.slice(2)).toEqual(['applied', 'duplicate']);
        expect(await count(db, "SELECT count(*) AS n FROM transfer_history WHERE sender_id = 's-remote'")).toBe(1);
        expect(await count(db, 'SELECT count(*) AS n FROM event_outbox')).toBe(2);
        expect(await count(db, 'SELECT count(*) AS n FROM event_inbox')).toBe(1);

        // An event that claims this node as its source but is not in its outbox is parked, never applied.
        const spoofed = encodeEvent({
          event_id: uuidv7(new Date()),
          source_id: 'node-1',
          topic,
          timestamp: new Date().toISOString(),
          sequence: 3,
          payload: { entry_id: crypto.randomUUID(), sender_id: 's-spoofed', destination: '0xdef', amount_usd_cents: '1', at_ms: '1' },
        });
        await bus.publish([{ topic, key: 's-spoofed', value: spoofed }]);
        await until(5);
        expect(outcomes[4]).toBe('parked');
        const { rows } = await db.query<{ reason_code: string; source_id: string }>(
          'SELECT reason_code, source_id FROM event_dead_letters',
        );
        expect(rows).toEqual([{ reason_code: 'EVENT_SOURCE_SPOOFED', source_id: 'node-1' }]);
        expect(await count(db, "SELECT count(*) AS n FROM transfer_history WHERE sender_id = 's-spoofed'")).toBe(0);

        // A new event of node-2 whose sequence is not above the last one applied from node-2 in this partition is parked.
        const next = (sequence: number, sender: string): Uint8Array =>
          encodeEvent({
            event_id: uuidv7(new Date()),
            source_id: 'node-2',
            topic,
            timestamp: new Date().toISOString(),
            sequence,
            payload: { entry_id: crypto.randomUUID(), sender_id: sender, destination: '0xdef', amount_usd_cents: '1', at_ms: '1' },
          });
        await bus.publish([
          { topic, key: 'k', value: next(7, 's-seq-7') },
          { topic, key: 'k', value: next(6, 's-seq-6') },
        ]);
        await until(7);
        expect(outcomes.slice(5)).toEqual(['applied', 'parked']);
        const regressed = await db.query<{ reason_code: string; reason: { details: { last_sequence: number } } }>(
          "SELECT reason_code, reason FROM event_dead_letters WHERE reason_code = 'EVENT_SEQUENCE_REGRESSED'",
        );
        expect(regressed.rows.map((r) => [r.reason_code, r.reason.details.last_sequence])).toEqual([['EVENT_SEQUENCE_REGRESSED', 7]]);
        expect(await count(db, "SELECT count(*) AS n FROM transfer_history WHERE sender_id = 's-seq-6'")).toBe(0);
      } finally {
        await mesh.stop();
        await bus.close();
      }
    },
  );

  it(
    'a database failure stops the consumer without committing; it ' + 'subscribes again and applies the event once the database is back',
    async () => {
      const bus = new EmbeddedEventBus();
      const outcomes: ConsumeOutcome[] = [];
      const errors: unknown[] = [];
      let wake: () => void = () => undefined;
      const until = async (done: () => boolean): Promise<void> => {
        while (!done()) await new Promise<void>((resolve) => (wake = resolve));
      };
      const consumer = new EventConsumer({
        db,
        bus,
        sourceId: 'node-1',
        restartAfterMs: 10,
        onOutcome: (o) => {
          outcomes.push(o);
          wake();
        },
        onError: (e) => {
          errors.push(e);
          wake();
        },
      });
      const topic = stateSyncTopic('transfer_history');
      await db.exec('ALTER TABLE event_inbox RENAME TO event_inbox_away');
      try {
        await consumer.start();
        await bus.publish([
          {
            topic,
            key: 's-outage',
            value: encodeEvent({
              event_id: uuidv7(new Date()),
              source_id: 'node-3',
              topic,
              timestamp: new Date().toISOString(),
              sequence: 1,
              payload: { entry_id: crypto.randomUUID(), sender_id: 's-outage', destination: '0xdef', amount_usd_cents: '1', at_ms: '1' },
            }),
          },
        ]);
        await until(() => errors.length >= 2); // failed, subscribed again, failed again: the record was not committed
        expect(outcomes).toEqual([]);
        expect(isJilError(errors[0], 'STORAGE_ERROR')).toBe(true);
      } finally {
        await db.exec('ALTER TABLE event_inbox_away RENAME TO event_inbox');
      }
      await until(() => outcomes.length === 1);
      await consumer.stop();
      await bus.close();
      expect(outcomes).toEqual(['applied']);
      expect(await count(db, "SELECT count(*) AS n FROM transfer_history WHERE sender_id = 's-outage'")).toBe(1);
      expect(await count(db, "SELECT count(*) AS n FROM event_dead_letters WHERE event_key = 's-outage'")).toBe(0);
    },
  );
});
