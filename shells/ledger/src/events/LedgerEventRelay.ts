import { isJilError, JilError } from '@jil/core';
import { type BusRecord, EVENT_SOURCE_ID, type EventBus, type EventEnvelope, encodeEvent } from '@jil/core/events';
import { type Db, int8ToNumber, toDate } from '@jil/server-kit';
import { LEDGER_WRITES_TOPIC } from './ledgerWriteEvent.js';

/** Options of {@link LedgerEventRelay}. */
export interface LedgerEventRelayOptions {
  /** The ledger's migrated database (migration 0003: `ledger_outbox`). The relay does not close it. */
  db: Db;
  /** The mesh transport (`KafkaEventBus` in production; the lead wires it). The relay does not close it. */
  bus: EventBus;
  /** The ledger node's id: the `source_id` of what it publishes. A database belongs to one source for good. */
  sourceId: string;
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

/** Serializes sequence assignment if two relays ever ran on one ledger database (there should be one). */
const RELAY_LOCK = 'SELECT pg_advisory_xact_lock(7318245015)';

/**
 * Publishes the ledger's outbox (`ledger_outbox`, migration 0003) on `jil.ledger.writes`, key = account
 * (shells/ledger/README.md §Event mesh; the same guarantees as the pre-clearance node's `EventRelay`).
 *
 * Each round: (1) gives the unsent rows without a sequence this source's next sequence numbers (from 1, increasing),
 * in outbox order, in one transaction; (2) publishes up to `batchSize` unsent rows in sequence order in one
 * `bus.publish` (records of one key keep their order); (3) marks them sent. A crash between (2) and (3) publishes the
 * same events again — same `event_id`, same sequence, same bytes — and receivers dedupe on `event_id`.
 *
 * @example
 * import { LedgerEventRelay } from '@jil/shell-ledger';
 * const relay = new LedgerEventRelay({ db, bus, sourceId: 'ledger-1' });
 * relay.start(); // wake it after each write: new Ledger({ …, onEntry: () => relay.notify() }); … await relay.stop();
 */
export class LedgerEventRelay {
  readonly #o: Required<Omit<LedgerEventRelayOptions, 'onError'>> & Pick<LedgerEventRelayOptions, 'onError'>;
  #topicReady = false;
  #running: Promise<void> | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;

  /** @throws JilError `INVALID_ARGUMENT` (field `sourceId`, `batchSize` or `idleMs`); `CONFIG_INVALID` without a database or bus. */
  constructor(options: LedgerEventRelayOptions) {
    if (typeof options?.db?.transaction !== 'function' || typeof options.bus?.publish !== 'function') {
      throw new JilError('CONFIG_INVALID', 'the relay needs a database and an event bus');
    }
    if (typeof options.sourceId !== 'string' || !EVENT_SOURCE_ID.test(options.sourceId))
      throw new JilError('INVALID_ARGUMENT', 'sourceId must be a node id', { details: { field: 'sourceId' } });
    const o = { batchSize: 500, idleMs: 100, ...options };
    for (const field of ['batchSize', 'idleMs'] as const) {
      if (!Number.isSafeInteger(o[field]) || o[field] < (field === 'batchSize' ? 1 : 0))
        throw new JilError('INVALID_ARGUMENT', `${field} must be a non-negative integer`, { details: { field } });
    }
    this.#o = o;
  }

  /**
   * One round: assigns sequences, publishes the next batch and marks it sent.
   * @returns how many events were published (0: nothing was waiting).
   * @throws JilError `STORAGE_ERROR` from the database; the bus's JilError, or `INTERNAL` (cause: the bus's error) when
   *   the bus throws anything else. Nothing is marked sent then: the next round publishes the same events.
   */
  async runOnce(): Promise<number> {
    const { db, bus, sourceId, batchSize } = this.#o;
    await db.transaction(async (tx) => {
      await tx.query(RELAY_LOCK);
      await tx.query(
        `WITH base AS (SELECT coalesce(max(sequence), 0) AS n FROM ledger_outbox WHERE source_id = $1),
              pending AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM ledger_outbox WHERE sequence IS NULL ORDER BY id LIMIT $2)
         UPDATE ledger_outbox o SET source_id = $1, sequence = base.n + pending.k FROM base, pending WHERE o.id = pending.id`,
        [sourceId, batchSize],
      );
    });
    const { rows } = await db.query<OutboxRow>(
      `SELECT event_id::text AS event_id, topic, event_key, payload, recorded_at, sequence FROM ledger_outbox
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
      if (!this.#topicReady) {
        await bus.ensureTopics([LEDGER_WRITES_TOPIC]);
        this.#topicReady = true;
      }
      await bus.publish(records);
    } catch (error) {
      if (isJilError(error)) throw error;
      throw new JilError('INTERNAL', 'the event bus did not take the ledger writes', { cause: error });
    }
    const last = int8ToNumber(rows[rows.length - 1]?.sequence);
    await db.query('UPDATE ledger_outbox SET sent_at = now() WHERE sent_at IS NULL AND source_id = $1 AND sequence <= $2', [
      sourceId,
      last,
    ]);
    return rows.length;
  }

  /**
   * Runs rounds until {@link LedgerEventRelay.stop}: at once while there is a backlog, else after `idleMs` or
   * {@link LedgerEventRelay.notify}. A failed round goes to `onError` and is retried after `idleMs`.
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

  /** Wakes an idle relay (a write was just committed): pass it as the ledger's `onEntry`. */
  notify(): void {
    this.#wake?.();
  }

  /** Stops after the current round; resolves when it ended. Idempotent. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#running;
    this.#running = undefined;
  }
}
