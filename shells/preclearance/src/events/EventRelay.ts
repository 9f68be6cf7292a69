import { JilError } from '@jil/core';
import { encodeEvent, EVENT_SOURCE_ID, type BusRecord, type EventBus, type EventEnvelope } from '@jil/core/events';
import { int8ToNumber, toDate, type Db } from '@jil/server-kit';

/** Options of {@link EventRelay}. */
export interface EventRelayOptions {
  db: Db;
  bus: EventBus;
  /** This node's id: the `source_id` of what it publishes. */
  sourceId: string;
  /** Events per publish (default 500). */
  batchSize?: number;
  /** Pause when the outbox is empty or the bus failed, in ms (default 100). */
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

/** Serializes sequence assignment if two relays ever ran on one database (there should be one per node). */
const RELAY_LOCK = 'SELECT pg_advisory_xact_lock(7318245011)';

/**
 * Publishes this node's outbox (`event_outbox`, migration 0007) to the event bus, once per node.
 *
 * Each round: (1) gives the unsent rows without a sequence this source's next sequence numbers, in outbox order, in
 * one transaction; (2) publishes up to `batchSize` unsent rows in sequence order in one idempotent send (records of one
 * key stay in order); (3) marks them sent. A crash between (2) and (3) publishes the same events again — same
 * `event_id`, same bytes — and the receivers' inboxes absorb them.
 *
 * @example
 * const relay = new EventRelay({ db, bus, sourceId: 'node-1' });
 * relay.start(); // … await relay.stop();
 */
export class EventRelay {
  readonly #o: Required<Omit<EventRelayOptions, 'onError'>> & Pick<EventRelayOptions, 'onError'>;
  #running: Promise<void> | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;

  constructor(options: EventRelayOptions) {
    if (!EVENT_SOURCE_ID.test(options.sourceId))
      throw new JilError('INVALID_ARGUMENT', 'sourceId must be a node id', { details: { field: 'sourceId' } });
    this.#o = { batchSize: 500, idleMs: 100, ...options };
  }

  /**
   * One round: assigns sequences, publishes the next batch and marks it sent.
   * @returns how many events were published.
   * @throws what the bus or the database throws (nothing is marked sent then).
   */
  async runOnce(): Promise<number> {
    const { db, bus, sourceId, batchSize } = this.#o;
    await db.transaction(async (tx) => {
      await tx.query(RELAY_LOCK);
      await tx.query(
        `WITH base AS (SELECT coalesce(max(sequence), 0) AS n FROM event_outbox WHERE source_id = $1),
              pending AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM event_outbox WHERE sequence IS NULL ORDER BY id LIMIT $2)
         UPDATE event_outbox o SET source_id = $1, sequence = base.n + pending.k FROM base, pending WHERE o.id = pending.id`,
        [sourceId, batchSize],
      );
    });
    const { rows } = await db.query<OutboxRow>(
      `SELECT event_id::text AS event_id, topic, event_key, payload, recorded_at, sequence FROM event_outbox
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
    await bus.publish(records);
    const last = int8ToNumber(rows[rows.length - 1]!.sequence);
    await db.query('UPDATE event_outbox SET sent_at = now() WHERE sent_at IS NULL AND source_id = $1 AND sequence <= $2', [sourceId, last]);
    return rows.length;
  }

  /** Runs rounds until {@link stop}: at once while there is a backlog, else after `idleMs` or {@link notify}. */
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
