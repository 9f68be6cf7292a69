import type { Producer } from '@platformatic/kafka';
import type { BusRecord, DeliveredRecord, EventBus, PartitionPosition, SubscribeOptions, Subscription } from '@jil/core/events';

/** The client library, loaded on first use (≈ 0.4 s): importing the shell does not pay for it. */
const kafka = () => import('@platformatic/kafka');

/** Options of {@link KafkaEventBus}. */
export interface KafkaEventBusOptions {
  /** `host:port` of one or more brokers. */
  brokers: readonly string[];
  /** Client id prefix (the node id is a good one). */
  clientId: string;
  /**
   * Prefix of the physical topic names (default none): `<prefix>jil.state.sync.psas`. For tests and shared clusters;
   * records reach handlers under their logical topic names.
   */
  topicPrefix?: string;
  /** Partitions of the topics {@link KafkaEventBus.ensureTopics} creates (default 3). */
  partitions?: number;
  /** Replication factor of those topics (default 1: the single-node broker of the tests). */
  replicas?: number;
}

/**
 * The Kafka {@link EventBus} on `@platformatic/kafka`: an idempotent producer with `acks = all` (no duplicates or
 * reordering within a partition on the producer's retries), the key chooses the partition (murmur2, as in the Java
 * client: one key keeps its order), and one consumer per subscription in its own group, reading from the group's
 * committed offsets (from the earliest retained record for a new group), committing each record's offset only after
 * the handler resolved (queued; the client merges queued commits into one request per round trip).
 */
export class KafkaEventBus implements EventBus {
  readonly #options: Required<Omit<KafkaEventBusOptions, 'brokers'>> & { brokers: string[] };
  #producer: Promise<Producer<Buffer, Buffer, Buffer, Buffer>> | undefined;
  readonly #subscriptions = new Set<Subscription>();

  constructor(options: KafkaEventBusOptions) {
    this.#options = { topicPrefix: '', partitions: 3, replicas: 1, ...options, brokers: [...options.brokers] };
  }

  #getProducer(): Promise<Producer<Buffer, Buffer, Buffer, Buffer>> {
    this.#producer ??= kafka().then(
      ({ Producer }) =>
        new Producer({
          clientId: `${this.#options.clientId}-producer`,
          bootstrapBrokers: this.#options.brokers,
          idempotent: true,
          acks: -1,
          autocreateTopics: false,
        }),
    );
    return this.#producer;
  }

  #physical(topic: string): string {
    return `${this.#options.topicPrefix}${topic}`;
  }

  #logical(topic: string): string {
    const p = this.#options.topicPrefix;
    return p !== '' && topic.startsWith(p) ? topic.slice(p.length) : topic;
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    const { Admin } = await kafka();
    const admin = new Admin({ clientId: `${this.#options.clientId}-admin`, bootstrapBrokers: this.#options.brokers });
    try {
      const wanted = topics.map((t) => this.#physical(t));
      const existing = new Set(await admin.listTopics());
      const missing = wanted.filter((t) => !existing.has(t));
      if (missing.length > 0) {
        try {
          await admin.createTopics({ topics: missing, partitions: this.#options.partitions, replicas: this.#options.replicas });
        } catch (error) {
          // Another node created them meanwhile: fine when they all exist now.
          const now = new Set(await admin.listTopics());
          if (!missing.every((t) => now.has(t))) throw error;
        }
      }
    } finally {
      await admin.close();
    }
  }

  async publish(records: readonly BusRecord[]): Promise<void> {
    if (records.length === 0) return;
    const producer = await this.#getProducer();
    await producer.send({
      messages: records.map((r) => ({ topic: this.#physical(r.topic), key: Buffer.from(r.key, 'utf8'), value: Buffer.from(r.value) })),
    });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const { Consumer } = await kafka();
    const consumer = new Consumer({
      clientId: `${this.#options.clientId}-consumer`,
      groupId: options.groupId,
      bootstrapBrokers: this.#options.brokers,
      autocommit: false,
      sessionTimeout: 10_000,
      heartbeatInterval: 500,
      maxWaitTime: 200,
    });
    const stream = await consumer.consume({
      topics: options.topics.map((t) => this.#physical(t)),
      mode: 'committed',
      fallbackMode: 'earliest',
      autocommit: false,
    });
    let stopping = false;
    let failed = false;
    let lastCommit: Promise<void> = Promise.resolve();
    type Message = Awaited<ReturnType<typeof consumer.consume>> extends AsyncIterable<infer M> ? M : never;
    const toRecord = (message: Message): DeliveredRecord => ({
      topic: this.#logical(message.topic),
      key: message.key === undefined || message.key === null ? '' : Buffer.from(message.key).toString('utf8'),
      value: new Uint8Array(message.value ?? Buffer.alloc(0)),
      partition: message.partition,
      offset: message.offset.toString(),
    });
    // Queued, not awaited: the client merges queued commits per partition into one request, and a commit is only ever
    // queued after its records' handler resolved. A commit lost in a rebalance redelivers applied records, which
    // receivers absorb (inbox).
    const commit = (messages: readonly Message[]): void => {
      const last = new Map<string, Message>();
      for (const m of messages) last.set(`${m.topic}\u0000${m.partition}`, m); // committing an offset covers those before it
      lastCommit = Promise.all([...last.values()].map((m) => Promise.resolve(m.commit()).catch(() => undefined))).then(() => undefined);
    };
    // Batches read the stream with read(). Its listeners stay for the life of the subscription: with no 'readable'
    // listener the stream counts as unconsumed and stops fetching, and an 'error' with no listener would crash.
    let streamError: unknown;
    let wakeReader: (() => void) | undefined;
    const wake = (): void => {
      const w = wakeReader;
      wakeReader = undefined;
      w?.();
    };
    if (options.batchHandler !== undefined) {
      stream
        .on('readable', wake)
        .on('end', wake)
        .on('close', wake)
        .on('error', (error: unknown) => {
          streamError ??= error;
          wake();
        });
    }
    /** Up to `max` messages the stream already holds, waiting for the first one; `[]` when the stream ended. */
    const nextBatch = async (max: number): Promise<Message[]> => {
      for (;;) {
        if (streamError !== undefined) throw streamError;
        const batch: Message[] = [];
        while (batch.length < max) {
          const m = stream.read() as Message | null;
          if (m === null) break;
          batch.push(m);
        }
        if (batch.length > 0 || stream.readableEnded || stream.destroyed || stopping) return batch;
        await new Promise<void>((resolve) => (wakeReader = resolve));
      }
    };
    const loop = (async () => {
      try {
        if (options.batchHandler !== undefined) {
          const max = options.maxBatch ?? 500;
          for (let batch = await nextBatch(max); batch.length > 0 && !stopping; batch = await nextBatch(max)) {
            await options.batchHandler(batch.map(toRecord));
            commit(batch);
          }
        } else {
          for await (const message of stream) {
            if (stopping) break;
            await options.handler(toRecord(message));
            commit([message]);
          }
        }
      } catch (error) {
        if (!stopping) {
          failed = true;
          options.onError?.(error);
        }
      }
    })();
    let closed: Promise<void> | undefined;
    const subscription: Subscription = {
      close: () => {
        closed ??= (async () => {
          stopping = true;
          await lastCommit;
          await stream.close().catch(() => undefined);
          await loop;
          await lastCommit;
          await consumer.close(true).catch(() => undefined);
          this.#subscriptions.delete(subscription);
        })();
        return closed;
      },
    };
    this.#subscriptions.add(subscription);
    // A failed handler stops the subscription without committing: the consumer leaves its group.
    void loop.then(() => {
      if (failed) void subscription.close();
    });
    return subscription;
  }

  /**
   * The partitions' log start offsets and high watermarks (ListOffsets, earliest and latest) and the group's committed
   * offsets (OffsetFetch), read by a short-lived client that never joins the group (it does not disturb its members).
   */
  async positions(options: { groupId: string; topics: readonly string[] }): Promise<PartitionPosition[]> {
    const { Consumer } = await kafka();
    const client = new Consumer({
      clientId: `${this.#options.clientId}-positions`,
      groupId: options.groupId,
      bootstrapBrokers: this.#options.brokers,
    });
    try {
      const topics = options.topics.map((t) => this.#physical(t));
      const ends = await client.listOffsets({ topics, timestamp: -1n });
      const starts = await client.listOffsets({ topics, timestamp: -2n });
      const committed = await client.listCommittedOffsets({
        topics: topics.map((topic) => ({ topic, partitions: (ends.get(topic) ?? []).map((_, i) => i) })),
      });
      return topics.flatMap((topic) =>
        (ends.get(topic) ?? []).map((end, partition) => {
          const c = committed.get(topic)?.[partition];
          return {
            topic: this.#logical(topic),
            partition,
            start: String(starts.get(topic)?.[partition] ?? end),
            end: String(end),
            committed: c === undefined || c < 0n ? null : String(c),
          };
        }),
      );
    } finally {
      await client.close(true).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((s) => s.close()));
    if (this.#producer !== undefined) await (await this.#producer).close();
  }
}
