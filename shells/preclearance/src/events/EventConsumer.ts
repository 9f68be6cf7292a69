import { base64Encode, isJilError, JilError } from '@jil/core';
import {
  decodeEvent,
  EVENT_MAX_BYTES,
  EVENT_SOURCE_ID,
  type DeliveredRecord,
  type EventBus,
  type EventEnvelope,
  type Subscription,
} from '@jil/core/events';
import { int8ToNumber, sqlstateOf, type Db } from '@jil/server-kit';
import { REPLICATED_TABLES, type ReplicatedTable } from './replicatedTables.js';

/** What happened to one record. */
export type ConsumeOutcome = 'applied' | 'duplicate' | 'own' | 'parked';

/** Options of {@link EventConsumer}. */
export interface EventConsumerOptions {
  db: Db;
  bus: EventBus;
  /** This node's id: its own events are skipped. */
  sourceId: string;
  /** Consumer group (default `jil-node-<sourceId>`: one group per node). */
  groupId?: string;
  /** Tables to replicate (default all of {@link REPLICATED_TABLES}). */
  tables?: readonly ReplicatedTable[];
  /** Largest accepted event in bytes (default {@link EVENT_MAX_BYTES}). */
  maxBytes?: number;
  /** Told about each record once its outcome committed, before its offset is committed (tests, metrics). May throw. */
  onOutcome?: (outcome: ConsumeOutcome, record: DeliveredRecord, event: EventEnvelope | undefined) => void | Promise<void>;
  /** Told when the subscription stopped on an error (a transient database failure: the record comes again). */
  onError?: (error: unknown) => void;
  /** Subscribe again this long after such a stop (default 1000 ms), or `false` to stay stopped. */
  restartAfterMs?: number | false;
  /** Records applied in one transaction at most (default 500; 1 applies each record in its own transaction). */
  maxBatch?: number;
}

/** Thrown inside a batch's transaction when one of its records needs the one-at-a-time path (rolls the batch back). */
class OneByOne extends Error {}

/** Kept of a parked record: its first 64 KiB. */
const PARKED_BYTES = 65_536;

/**
 * SQLSTATE classes that mean "this event can never apply" (poison) rather than "try again": 22 data exception,
 * 23 integrity constraint violation.
 */
const isPoisonSqlstate = (state: string | undefined): boolean => state !== undefined && (state.startsWith('22') || state.startsWith('23'));

/**
 * Applies the other nodes' events to this node's database, once per node (a worker inside the node: see
 * docs/architecture.md §Event mesh).
 *
 * For each record, in partition order: decode and check it (`decodeEvent`; the envelope's topic must be the record's);
 * skip this node's own `source_id` (when its outbox has that event; otherwise it is spoofed and parked); in ONE
 * transaction record `event_id` in `event_inbox`, check that the sequence is above the last one applied from that
 * source in that partition (`event_source_positions`), and apply the payload to its table (an `event_id` already in
 * the inbox applies nothing); only then does the bus commit the offset. A record that
 * cannot be decoded, has a bad payload, or that its table refuses (a constraint) is parked in `event_dead_letters` with
 * the coded reason and the partition moves on. Any other failure (the database is down) stops the consumer without
 * committing: the record comes again on restart.
 */
export class EventConsumer {
  readonly #o: EventConsumerOptions;
  readonly #tables: Map<string, ReplicatedTable>;
  #subscription: Subscription | undefined;
  #running = false;
  #restart: ReturnType<typeof setTimeout> | undefined;
  /** Highest offset handled per `topic \0 partition` (outcome committed), for {@link caughtUp}. */
  readonly #handled = new Map<string, bigint>();
  readonly #handledWaiters = new Set<() => void>();

  constructor(options: EventConsumerOptions) {
    if (!EVENT_SOURCE_ID.test(options.sourceId))
      throw new JilError('INVALID_ARGUMENT', 'sourceId must be a node id', { details: { field: 'sourceId' } });
    // Every outcome also moves this consumer's handled offsets (caughtUp) before the caller's own listener runs.
    this.#o = {
      ...options,
      onOutcome: (outcome, record, event) => (this.#noteHandled(record), options.onOutcome?.(outcome, record, event)),
    };
    this.#tables = new Map((options.tables ?? REPLICATED_TABLES).map((t) => [t.topic, t]));
  }

  /** The topics consumed. */
  get topics(): string[] {
    return [...this.#tables.keys()];
  }

  /**
   * Subscribes (group `jil-node-<sourceId>` unless given). When the subscription stops on an error (a database or
   * transport failure: nothing of the failed record was committed), it subscribes again after `restartAfterMs`, until
   * {@link stop}.
   */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    await this.#subscribe();
  }

  async #subscribe(): Promise<void> {
    const subscription = await this.#o.bus.subscribe({
      groupId: this.#o.groupId ?? `jil-node-${this.#o.sourceId}`,
      topics: this.topics,
      handler: async (record) => {
        await this.handle(record);
      },
      ...((this.#o.maxBatch ?? 500) > 1
        ? { batchHandler: async (records: DeliveredRecord[]) => void (await this.handleBatch(records)), maxBatch: this.#o.maxBatch ?? 500 }
        : {}),
      onError: (error) => {
        this.#o.onError?.(error);
        this.#scheduleRestart(subscription);
      },
    });
    if (this.#running) this.#subscription = subscription;
    else await subscription.close();
  }

  /** After `restartAfterMs`: closes the failed subscription and subscribes again — and again while that fails. */
  #scheduleRestart(failed: Subscription | undefined): void {
    if (!this.#running || this.#o.restartAfterMs === false) return;
    this.#restart = setTimeout(() => {
      this.#restart = undefined;
      void (failed?.close() ?? Promise.resolve())
        .then(() => (this.#running ? this.#subscribe() : undefined))
        .catch((e: unknown) => {
          // The broker is still unreachable (or the database): try again after the same pause.
          this.#o.onError?.(e);
          this.#scheduleRestart(undefined);
        });
    }, this.#o.restartAfterMs ?? 1000);
  }

  /**
   * Resolves once this consumer has handled every record the topics held when it was called: for each partition
   * (`bus.positions`, read now), the record at `end − 1` had its outcome committed, or the group had already committed
   * past it, or the partition is empty. Call it after {@link start}: a node that joins late replays the retained topics
   * from the beginning and reports ready only after this (`/health` says `catching_up` until then). Records handled
   * before the call count. Never resolves while the consumer is stopped short of the end.
   * @throws what `bus.positions` throws (the broker unreachable): call again.
   */
  async caughtUp(): Promise<void> {
    const positions = await this.#o.bus.positions({ groupId: this.#o.groupId ?? `jil-node-${this.#o.sourceId}`, topics: this.topics });
    const pending = positions.filter(
      (p) => BigInt(p.start) < BigInt(p.end) && (p.committed === null || BigInt(p.committed) < BigInt(p.end)),
    );
    const done = () => pending.every((p) => (this.#handled.get(`${p.topic}\0${p.partition}`) ?? -1n) >= BigInt(p.end) - 1n);
    while (!done()) {
      await new Promise<void>((resolve) => this.#handledWaiters.add(resolve));
    }
  }

  #noteHandled(record: DeliveredRecord): void {
    const key = `${record.topic}\0${record.partition}`;
    const offset = BigInt(record.offset);
    if ((this.#handled.get(key) ?? -1n) < offset) this.#handled.set(key, offset);
    for (const wake of [...this.#handledWaiters]) {
      this.#handledWaiters.delete(wake);
      wake();
    }
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#restart !== undefined) clearTimeout(this.#restart);
    this.#restart = undefined;
    await this.#subscription?.close();
    this.#subscription = undefined;
  }

  /**
   * Handles one record (what the subscription calls). Resolves once the outcome is committed in the database.
   * @throws what is not the event's fault (the database unreachable): the record must come again.
   */
  async handle(record: DeliveredRecord): Promise<ConsumeOutcome> {
    let event: EventEnvelope | undefined;
    let outcome: ConsumeOutcome;
    try {
      event = decodeEvent(record.value, this.#o.maxBytes === undefined ? {} : { maxBytes: this.#o.maxBytes });
      if (event.topic !== record.topic) {
        throw new JilError('EVENT_INVALID', 'invalid event: topic', {
          details: { fields: [{ field: 'topic', message: 'must be the topic the record arrived on', issue: 'mismatch' }] },
        });
      }
      outcome = event.source_id === this.#o.sourceId ? await this.#own(event) : await this.#apply(event, record.partition);
    } catch (error) {
      const reason = this.#poison(error);
      if (reason === undefined) throw error;
      await this.#park(record, event, reason);
      outcome = 'parked';
    }
    await this.#o.onOutcome?.(outcome, record, event);
    return outcome;
  }

  /**
   * Handles records in order, as {@link handle} would one by one, but in one database transaction when they are all
   * well-formed: one inbox insert for the batch, the source positions read and written once, each table's rows written
   * in runs. When any record would be parked or refused (bad bytes or payload, a spoofed own event, a sequence going
   * backwards, a row the table refuses, one event twice in the batch), that transaction rolls back and the batch goes
   * through {@link handle} record by record, so outcomes and dead letters are exactly those of the one-by-one path.
   * Resolves once every outcome is committed; `onOutcome` is told after the commit, in record order.
   * @throws what is not the events' fault (the database unreachable): the batch must come again.
   */
  async handleBatch(records: readonly DeliveredRecord[]): Promise<ConsumeOutcome[]> {
    let outcomes: { outcome: ConsumeOutcome; event: EventEnvelope }[];
    try {
      outcomes = await this.#applyBatch(records);
    } catch (error) {
      if (!(error instanceof OneByOne)) throw error;
      const one: ConsumeOutcome[] = [];
      for (const record of records) one.push(await this.handle(record));
      return one;
    }
    for (const [i, o] of outcomes.entries()) await this.#o.onOutcome?.(o.outcome, records[i]!, o.event);
    return outcomes.map((o) => o.outcome);
  }

  async #applyBatch(records: readonly DeliveredRecord[]): Promise<{ outcome: ConsumeOutcome; event: EventEnvelope }[]> {
    const events: EventEnvelope[] = [];
    const seen = new Set<string>();
    for (const record of records) {
      let event: EventEnvelope;
      try {
        event = decodeEvent(record.value, this.#o.maxBytes === undefined ? {} : { maxBytes: this.#o.maxBytes });
      } catch {
        throw new OneByOne();
      }
      const table = this.#tables.get(event.topic);
      if (
        event.topic !== record.topic ||
        table === undefined ||
        seen.has(event.event_id) ||
        (event.source_id !== this.#o.sourceId && table.issues(event.payload).length > 0)
      )
        throw new OneByOne();
      seen.add(event.event_id);
      events.push(event);
    }
    const own = events.filter((e) => e.source_id === this.#o.sourceId);
    if (own.length > 0) {
      const { rows } = await this.#o.db.query<{ event_id: string; sequence: unknown }>(
        'SELECT event_id::text AS event_id, sequence FROM event_outbox WHERE source_id = $1 AND event_id = ANY($2::uuid[])',
        [this.#o.sourceId, own.map((e) => e.event_id)],
      );
      const outbox = new Map(rows.map((r) => [r.event_id, int8ToNumber(r.sequence)]));
      if (own.some((e) => outbox.get(e.event_id) !== e.sequence)) throw new OneByOne();
    }
    const remote = events.flatMap((event, i) =>
      event.source_id === this.#o.sourceId ? [] : [{ event, partition: records[i]!.partition }],
    );
    if (remote.length === 0) return events.map((event) => ({ outcome: 'own' as const, event }));
    const fresh = await this.#o.db.transaction(async (tx) => {
      await tx.query("SELECT set_config('jil.event_apply', 'on', true)");
      const inbox = await tx.query<{ event_id: string }>(
        `INSERT INTO event_inbox (event_id, source_id, topic, sequence)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[]) ON CONFLICT (event_id) DO NOTHING RETURNING \
event_id::text AS event_id`,
        [
          remote.map((r) => r.event.event_id),
          remote.map((r) => r.event.source_id),
          remote.map((r) => r.event.topic),
          remote.map((r) => r.event.sequence),
        ],
      );
      const inserted = new Set(inbox.rows.map((r) => r.event_id));
      const todo = remote.filter((r) => inserted.has(r.event.event_id));
      if (todo.length === 0) return inserted;
      // Source positions: read once (locked), checked and advanced in memory, written once.
      const posKey = (source: string, topic: string, partition: number) => `${source}\u0000${topic}\u0000${partition}`;
      const keys = [...new Map(todo.map((r) => [posKey(r.event.source_id, r.event.topic, r.partition), r])).values()];
      const current = await tx.query<{ source_id: string; topic: string; record_partition: number; last_sequence: unknown }>(
        `SELECT p.source_id, p.topic, p.record_partition, p.last_sequence FROM event_source_positions p
         JOIN unnest($1::text[], $2::text[], $3::int[]) AS k(source_id, topic, record_partition) USING (source_id, topic, record_partition)
         ORDER BY p.source_id, p.topic, p.record_partition FOR UPDATE OF p`,
        [keys.map((r) => r.event.source_id), keys.map((r) => r.event.topic), keys.map((r) => r.partition)],
      );
      const last = new Map(current.rows.map((r) => [posKey(r.source_id, r.topic, r.record_partition), int8ToNumber(r.last_sequence)]));
      for (const r of todo) {
        const k = posKey(r.event.source_id, r.event.topic, r.partition);
        if (r.event.sequence <= (last.get(k) ?? 0)) throw new OneByOne();
        last.set(k, r.event.sequence);
      }
      await tx.query(
        `INSERT INTO event_source_positions (source_id, topic, record_partition, last_sequence)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[])
         ON CONFLICT (source_id, topic, record_partition) DO UPDATE SET last_sequence = EXCLUDED.last_sequence`,
        [
          keys.map((r) => r.event.source_id),
          keys.map((r) => r.event.topic),
          keys.map((r) => r.partition),
          keys.map((r) => last.get(posKey(r.event.source_id, r.event.topic, r.partition))!),
        ],
      );
      // Runs of one table's events, in record order: one statement per run where the table has applyMany.
      for (let i = 0; i < todo.length; ) {
        const table = this.#tables.get(todo[i]!.event.topic)!;
        let j = i + 1;
        while (j < todo.length && todo[j]!.event.topic === table.topic) j++;
        const payloads = todo.slice(i, j).map((r) => r.event.payload);
        i = j;
        try {
          if (table.applyMany !== undefined) await table.applyMany(tx, payloads);
          else for (const payload of payloads) await table.apply(tx, payload);
        } catch {
          // A refused row (the one-by-one path parks it with its reason and applies the others) or a failure that is
          // not the event's (the one-by-one path meets it again and stops the subscription).
          throw new OneByOne();
        }
      }
      return inserted;
    });
    return events.map((event) => ({
      outcome: event.source_id === this.#o.sourceId ? 'own' : fresh.has(event.event_id) ? 'applied' : 'duplicate',
      event,
    }));
  }

  /** This node's own event comes back: skipped — when this node's outbox has it; else someone spoofs this node. */
  async #own(event: EventEnvelope): Promise<ConsumeOutcome> {
    const { rows } = await this.#o.db.query<{ found: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM event_outbox WHERE event_id = $1 AND source_id = $2 AND sequence = $3) AS found',
      [event.event_id, event.source_id, event.sequence],
    );
    if (rows[0]?.found === true) return 'own';
    throw new JilError('EVENT_SOURCE_SPOOFED', 'an event claims this node as its source but is not in its outbox', {
      details: { source_id: event.source_id, event_id: event.event_id, sequence: event.sequence },
    });
  }

  async #apply(event: EventEnvelope, partition: number): Promise<ConsumeOutcome> {
    const table = this.#tables.get(event.topic);
    if (table === undefined) {
      throw new JilError('EVENT_APPLY_FAILED', `this node replicates no table for ${event.topic}`, { details: { topic: event.topic } });
    }
    const fields = table.issues(event.payload);
    if (fields.length > 0)
      throw new JilError('EVENT_INVALID', `invalid event: ${fields.map((f) => f.field).join(', ')}`, { details: { fields } });
    return this.#o.db.transaction(async (tx) => {
      // This transaction's changes are another node's: the outbox triggers must not publish them again.
      await tx.query("SELECT set_config('jil.event_apply', 'on', true)");
      const inbox = await tx.query<{ event_id: string }>(
        `INSERT INTO event_inbox (event_id, source_id, topic, sequence) VALUES ($1, $2, $3, $4)
         ON CONFLICT (event_id) DO NOTHING RETURNING event_id::text AS event_id`,
        [event.event_id, event.source_id, event.topic, event.sequence],
      );
      if (inbox.rows.length === 0) return 'duplicate';
      // A source publishes in sequence order and a partition keeps it: a new event must be above the last one applied.
      const position = await tx.query<{ last_sequence: unknown }>(
        'SELECT last_sequence FROM event_source_positions WHERE source_id = $1 AND topic = $2 AND record_partition = $3 FOR UPDATE',
        [event.source_id, event.topic, partition],
      );
      const last = position.rows[0] === undefined ? 0 : int8ToNumber(position.rows[0].last_sequence);
      if (event.sequence <= last) {
        throw new JilError('EVENT_SEQUENCE_REGRESSED', `sequence ${event.sequence} of ${event.source_id} is not above ${last}`, {
          details: { source_id: event.source_id, sequence: event.sequence, last_sequence: last, partition },
        });
      }
      await tx.query(
        `INSERT INTO event_source_positions (source_id, topic, record_partition, last_sequence) VALUES ($1, $2, $3, $4)
         ON CONFLICT (source_id, topic, record_partition) DO UPDATE SET last_sequence = EXCLUDED.last_sequence`,
        [event.source_id, event.topic, partition, event.sequence],
      );
      try {
        // In a savepoint: a row the table refuses (a constraint) becomes a coded reason, and the whole transaction rolls back.
        await tx.transaction((sp) => table.apply(sp, event.payload));
      } catch (error) {
        const state = sqlstateOf(error);
        if (!isPoisonSqlstate(state)) throw error;
        throw new JilError('EVENT_APPLY_FAILED', `${table.table} refused the event (SQLSTATE ${state})`, {
          details: {
            table: table.table,
            sqlstate: state,
            ...(isJilError(error) && typeof error.details['constraint'] === 'string' ? { constraint: error.details['constraint'] } : {}),
          },
          cause: error,
        });
      }
      return 'applied';
    });
  }

  /** The coded reason when `error` makes the record poison; `undefined` for a transient failure. */
  #poison(error: unknown): JilError | undefined {
    if (!isJilError(error)) return undefined;
    if (
      [
        'EVENT_INVALID',
        'EVENT_NOT_CANONICAL',
        'EVENT_TOO_LARGE',
        'EVENT_APPLY_FAILED',
        'EVENT_SOURCE_SPOOFED',
        'EVENT_SEQUENCE_REGRESSED',
      ].includes(error.code)
    )
      return error;
    return undefined;
  }

  async #park(record: DeliveredRecord, event: EventEnvelope | undefined, reason: JilError): Promise<void> {
    await this.#o.db.query(
      `INSERT INTO event_dead_letters (topic, record_partition, record_offset, event_key, event_id, source_id, reason_code, \
reason, raw_base64, raw_size)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9, $10) ON CONFLICT (topic, record_partition, record_offset) DO NOTHING`,
      [
        record.topic,
        record.partition,
        record.offset,
        record.key,
        event?.event_id ?? null,
        event?.source_id ?? null,
        reason.code,
        JSON.stringify(reason.toJSON()),
        base64Encode(record.value.subarray(0, PARKED_BYTES)),
        record.value.length,
      ],
    );
  }
}
