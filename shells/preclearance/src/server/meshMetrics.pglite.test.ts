import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '@jil/core';
import { createMetrics, openPglite, type Db } from '@jil/server-kit';
import { EmbeddedEventBus } from '../events/EmbeddedEventBus.js';
import { joinEventMesh, startEventMesh } from '../events/startEventMesh.js';
import { REPLICATED_TABLES } from '../events/replicatedTables.js';
import { migratePreclearance } from '../storage/migratePreclearance.js';
import { PsaRepository } from '../storage/PsaRepository.js';
import { meshMetricsSource, registerPreclearanceMetrics } from './preclearanceMetrics.js';

/** The value of one series in a text exposition, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function issue(db: Db): Promise<void> {
  const psaId = uuidv7(new Date());
  await new PsaRepository(db).insert({
    psa_id: psaId,
    transit_id: `t-${psaId}`,
    custodian_id: 'cust-a',
    verdict: 'pass',
    issued_at: new Date(),
    expires_at: new Date(Date.now() + 60_000),
    envelope: { payloadType: 'application/vnd.jil.psa.v1+json', payload: 'e30=', signatures: [] },
    body_sha256: 'a'.repeat(64),
  });
}

// The event-mesh gauges from their real sources: the outbox of a PGlite database and the positions of the embedded bus.
describe('event-mesh gauges (PGlite, embedded bus)', () => {
  let db: Db;
  const bus = new EmbeddedEventBus();
  const topics = REPLICATED_TABLES.map((t) => t.topic);
  beforeAll(async () => {
    db = await openPglite();
    await migratePreclearance(db);
    await joinEventMesh(db, 'node-1');
    await bus.ensureTopics(topics);
  });
  afterAll(async () => {
    await bus.close();
    await db.close();
  });

  const drains = 'outbox pending counts unsent rows; consumer lag counts records the node has not committed; both drain once the mesh runs';
  it(drains, async () => {
    const metrics = createMetrics({ processMetrics: false });
    registerPreclearanceMetrics(metrics, {
      engine: { snapshot: { datasets: [] } } as never,
      mesh: meshMetricsSource(db, bus, 'node-1', topics),
    });
    const psasTopic = topics.find((t) => t.endsWith('.psas'))!;
    await issue(db);
    await issue(db);
    // Another node's two events wait on the bus for this node's consumer group.
    await bus.publish([
      { topic: psasTopic, key: 'k1', value: new Uint8Array([1]) },
      { topic: psasTopic, key: 'k2', value: new Uint8Array([2]) },
    ]);
    let text = await metrics.render();
    expect(sample(text, 'jil_event_outbox_pending')).toBe(2);
    expect(sample(text, `jil_event_consumer_lag{topic="${psasTopic}",partition="0"}`)).toBe(2);

    const mesh = await startEventMesh({ db, bus, sourceId: 'node-1' });
    try {
      await mesh.relay.runOnce();
      await mesh.consumer.caughtUp();
      text = await metrics.render();
      expect(sample(text, 'jil_event_outbox_pending')).toBe(0);
    } finally {
      await mesh.stop();
    }
  });
});
