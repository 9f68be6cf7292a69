import { JilError } from '@jil/core';
import type { EventBus } from '@jil/core/events';
import type { Db } from '@jil/server-kit';
import { EventConsumer, type EventConsumerOptions } from './EventConsumer.js';
import { EventRelay } from './EventRelay.js';
import { REPLICATED_TABLES } from './replicatedTables.js';

/** Options of {@link startEventMesh}. */
export interface EventMeshOptions {
  db: Db;
  bus: EventBus;
  /** This node's id (`source_id`; consumer group `jil-node-<sourceId>`). */
  sourceId: string;
  onOutcome?: EventConsumerOptions['onOutcome'];
  onError?: (error: unknown) => void;
}

/** The node's part of the mesh: its relay and its consumer, one each per node. */
export interface RunningEventMesh {
  relay: EventRelay;
  consumer: EventConsumer;
  /** Stops the consumer, then the relay (the bus stays open: its owner closes it). */
  stop(): Promise<void>;
}

/**
 * Records this database's node id (first call) and checks it on later calls. From then on the outbox triggers of
 * migration 0007 record every change of a replicated table; before, none is recorded.
 * @throws JilError `CONFIG_INVALID` when the database already belongs to another node id.
 */
export async function joinEventMesh(db: Db, sourceId: string): Promise<void> {
  await db.query('INSERT INTO event_mesh_node (source_id) VALUES ($1) ON CONFLICT (singleton) DO NOTHING', [sourceId]);
  const { rows } = await db.query<{ source_id: string }>('SELECT source_id FROM event_mesh_node');
  if (rows[0]?.source_id !== sourceId) {
    throw new JilError('CONFIG_INVALID', 'this database belongs to another node of the event mesh', {
      details: { field: 'sourceId', registered: rows[0]?.source_id ?? null },
    });
  }
}

/**
 * Joins the mesh ({@link joinEventMesh}), creates the replicated tables' topics, and starts this node's relay (outbox →
 * bus) and consumer (bus → inbox + tables). Run it once per node, beside the HTTP workers (docs/architecture.md §Event mesh).
 */
export async function startEventMesh(options: EventMeshOptions): Promise<RunningEventMesh> {
  await joinEventMesh(options.db, options.sourceId);
  await options.bus.ensureTopics(REPLICATED_TABLES.map((t) => t.topic));
  const relay = new EventRelay({
    db: options.db,
    bus: options.bus,
    sourceId: options.sourceId,
    ...(options.onError ? { onError: options.onError } : {}),
  });
  const consumer = new EventConsumer({
    db: options.db,
    bus: options.bus,
    sourceId: options.sourceId,
    ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  await consumer.start();
  relay.start();
  return {
    relay,
    consumer,
    async stop() {
      await consumer.stop();
      await relay.stop();
    },
  };
}
