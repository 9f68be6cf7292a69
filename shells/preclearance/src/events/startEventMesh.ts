import type { EventBus } from '@jil/core/events';
import type { Db } from '../storage/Db.js';
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
 * Starts this node's relay (outbox → bus) and consumer (bus → inbox + tables) after creating the replicated tables'
 * topics. Run it once per node, beside the HTTP workers (docs/architecture.md §Event mesh).
 */
export async function startEventMesh(options: EventMeshOptions): Promise<RunningEventMesh> {
  await options.bus.ensureTopics(REPLICATED_TABLES.map((t) => t.topic));
  const relay = new EventRelay({ db: options.db, bus: options.bus, sourceId: options.sourceId, ...(options.onError ? { onError: options.onError } : {}) });
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
