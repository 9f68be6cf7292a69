import { isJilError, JilError } from '@jil/core';
import { type BusRecord, EVENT_SOURCE_ID, type EventBus, type EventEnvelope, encodeEvent } from '@jil/core/events';
import { int8ToNumber } from '../storage/int8ToNumber.js';
import type { Db } from '../storage/Db.js';
import { toDate } from '../storage/toDate.js';

/** Options of {@link OutboxRelay}. */
export interface OutboxRelayOptions {
  /** The migrated database holding the outbox. The relay does not close it. */
  db: Db;
  /** The mesh transport (`KafkaEventBus` in production). The relay does not close it. */
  bus: EventBus;
  /** This node's id: the `source_id` of what it publishes. A database belongs to one source for good. */
  sourceId: string;
  /**
   * The outbox table: `(id bigserial, event_id uuid, topic, event_key, payload jsonb, recorded_at, source_id,
   * sequence bigint NULL, sent_at NULL)` — `event_outbox` (pre-clearance migration 0007) or `ledger_outbox` (ledger
   * migration 0003). A plain SQL identifier.
   */
  table: string;
  /** Key of the transaction-scoped advisory lock that serializes sequence assignment for this table. */
  lockKey: number;
  /** Topics to create once before the first publish (Kafka's auto-create is off); default none. */
  topics?: readonly string[];
  /** Events per publish (default 500). */
  batchSize?: number;
  /** Pause when the outbox is empty or a round failed, in ms (default 100). */
  idleMs?: number;
  /** Told about a failed round (the relay keeps going; the outbox keeps the events). */
  onError?: (error: unknown) => void;
}

interface OutboxRow {
  event_id: string;
  topic: string;
  event_key: string;
  payload: Record<string, unknown>;
  recorded_at: unknown;
  sequence: unknown;
}

/**
 * Publishes a transactional outbox to the event bus, once per node (docs/architecture.md §Event mesh).
 *
 * Each round: (1) gives the unsent rows without a sequence this source's next sequence numbers, in outbox order, in
 * one transaction under the advisory lock; (2) publishes up to `batchSize` unsent rows in sequence order in one
 * idempotent send (records of one key stay in order); (3) marks them sent. A crash between (2) and (3) publishes the
 * same events again — same `event_id`, same bytes — and the receivers' inboxes absorb them.
 *
 * @throws JilError `INVALID_ARGUMENT` from the constructor (field `sourceId`, `table`, `batchSize` or `idleMs`);
 *   `CONFIG_INVALID` without a database or bus.
 * @example
 * const relay = new OutboxRelay({ db, bus, sourceId: 'node-1', table: 'event_outbox', lockKey: 7318245011 });
 * relay.start(); // … await relay.stop();
 */
export class OutboxRelay {
  readonly #o: Required<Omit<OutboxRelayOptions, 'onError'>> & Pick<OutboxRelayOptions, 'onError'>;
  #topicsReady: boolean;
  #running: Promise<void> | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;

  constructor(options: OutboxRelayOptions) {
    if (typeof options?.db?.transaction !== 'function' || typeof options.bus?.publish !== 'function') {
      throw new JilError('CONFIG_INVALID', 'the relay needs a database and an event bus');
    }
    if (typeof options.sourceId !== 'string' || !EVENT_SOURCE_ID.test(options.sourceId))
      throw new JilError('INVALID_ARGUMENT', 'sourceId must be a node id', { details: { field: 'sourceId' } });
    if (typeof options.table !== 'string' || !/^[a-z_][a-z0-9_]{0,62}$/.test(options.table))
      throw new JilError('INVALID_ARGUMENT', 'table must be a plain SQL identifier', { details: { field: 'table' } });
    const o = { batchSize: 500, idleMs: 100, topics: [], ...options };
    for (const field of ['batchSize', 'idleMs'] as const) {
      if (!Number.isSafeInteger(o[field]) || o[field] < (field === 'batchSize' ? 1 : 0))
        throw new JilError('INVALID_ARGUMENT', `${field} must be a non-negative integer`, { details: { field } });
    }
    this.#o = o;
    this.#topicsReady = o.topics.length === 0;
  }

  /**
   * One round: assigns sequences, publishes the next batch and marks it sent.
   * @returns how many events were published (0: nothing was waiting).
   * @throws JilError `STORAGE_ERROR` from the database; the bus's JilError, or `INTERNAL` (cause: the bus's error) when
   *   the bus throws anything else. Nothing is marked sent then: the next round publishes the same events.
   */
  async runOnce(): Promise<number> {
    const { db, bus, sourceId, batchSize, table, lockKey } = this.#o;
    await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${Math.trunc(lockKey)})`);
      await tx.query(
        `WITH base AS (SELECT coalesce(max(sequence), 0) AS n FROM ${table} WHERE source_id = $1),
              pending AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM ${table} WHERE sequence IS NULL ORDER BY id LIMIT $2)
         UPDATE ${table} o SET source_id = $1, sequence = base.n + pending.k FROM base, pending WHERE o.id = pending.id`,
        [sourceId, batchSize],
      );
    });
    const { rows } = await db.query<OutboxRow>(
      `SELECT event_id::text AS event_id, topic, event_key, payload, recorded_at, sequence FROM ${table}
       WHERE sent_at IS NULL AND source_id = $1 ORDER BY sequence LIMIT $2`,
      [sourceId, batchSize],
    );
    if (rows.length === 0) return 0;
    const records: BusRecord[] = rows.map((row) => {
      const envelope: EventEnvelope = {
        event_id: row.event_id,
        source_id: sourceId,
        topic: row.topic,
        timestamp: toDate(row.recorded_at).toISOString(),
        sequence: int8ToNumber(row.sequence),
        payload: row.payload,
      };
      return { topic: row.topic, key: row.event_key, value: encodeEvent(envelope) };
    });
    try {
      if (!this.#topicsReady) {
        await bus.ensureTopics(this.#o.topics);
        this.#topicsReady = true;
      }
      await bus.publish(records);
    } catch (error) {
      if (isJilError(error)) throw error;
      throw new JilError('INTERNAL', 'the event bus did not take the outbox events', { cause: error });
    }
    const last = int8ToNumber(rows[rows.length - 1]?.sequence);
    await db.query(`UPDATE ${table} SET sent_at = now() WHERE sent_at IS NULL AND source_id = $1 AND sequence <= $2`, [sourceId, last]);
    return rows.length;
  }

  /**
   * Runs rounds until {@link OutboxRelay.stop}: at once while there is a backlog, else after `idleMs` or
   * {@link OutboxRelay.notify}. A failed round goes to `onError` and is retried after `idleMs`.
   */
  start(): void {
    if (this.#running) return;
    this.#stopping = false;
    this.#running = (async () => {
      while (!this.#stopping) {
        let published = 0;
        try {
          published = await this.runOnce();
        } catch (error) {
          this.#o.onError?.(error);
        }
        if (published === 0 && !this.#stopping) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.#o.idleMs);
            this.#wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.#wake = undefined;
        }
      }
    })();
  }

  /** Wakes an idle relay (a change was just committed). */
  notify(): void {
    this.#wake?.();
  }

  /** Stops after the current round. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#running;
    this.#running = undefined;
  }
}
