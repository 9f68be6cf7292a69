import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utf8ToBytes } from '@jil/core';
import { stateSyncTopic } from '@jil/core/events';
import { int8ToNumber, openPglite, type Db } from '@jil/server-kit';
import { migratePreclearance } from '../storage/migratePreclearance.js';
import { EventConsumer } from './EventConsumer.js';
import { EmbeddedEventBus } from './EmbeddedEventBus.js';

// EventConsumer.caughtUp and EmbeddedEventBus.positions (what /health catching_up waits on), on PGlite and the
// in-process bus; the Kafka side: shells/preclearance/src/bootstrap/catchingUp.test.ts.

const count = async (db: Db, sql: string): Promise<number> => int8ToNumber((await db.query<{ n: unknown }>(sql)).rows[0]?.n ?? 0);

describe('EventConsumer.caughtUp on the embedded bus', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openPglite();
    await migratePreclearance(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it(
    'resolves once every record the topics held when asked was handled; a restarted consumer is caught up from its committed ' +
      'positions',
    async () => {
      const bus = new EmbeddedEventBus();
      const topic = stateSyncTopic('psas');
      const consumer = new EventConsumer({ db, bus, sourceId: 'node-x', restartAfterMs: false });
      await bus.ensureTopics(consumer.topics);
      expect(await bus.positions({ groupId: 'jil-node-node-x', topics: [topic] })).toEqual([
        { topic, partition: 0, start: '0', end: '0', committed: null },
      ]);
      // Three records no node can apply: each is parked, which is handled as much as applied.
      await bus.publish([1, 2, 3].map((i) => ({ topic, key: `k${i}`, value: utf8ToBytes(`not an event ${i}`) })));
      const asked = consumer.caughtUp(); // before start: the targets are the three records there now
      await consumer.start();
      await asked;
      expect(await count(db, 'SELECT count(*) AS n FROM event_dead_letters')).toBe(3);
      await consumer.stop();
      expect(await bus.positions({ groupId: 'jil-node-node-x', topics: [topic] })).toEqual([
        { topic, partition: 0, start: '0', end: '3', committed: '3' },
      ]);

      // Not started at all: the group already committed past the end, so nothing is left to wait for.
      const again = new EventConsumer({ db, bus, sourceId: 'node-x', restartAfterMs: false });
      await again.caughtUp();
      // A fourth record published later is not a target of the first call, but of the next one.
      await bus.publish([{ topic, key: 'k4', value: utf8ToBytes('not an event 4') }]);
      const next = again.caughtUp();
      await again.start();
      await next;
      expect(await count(db, 'SELECT count(*) AS n FROM event_dead_letters')).toBe(4);
      await again.stop();
      await bus.close();
    },
  );
});
