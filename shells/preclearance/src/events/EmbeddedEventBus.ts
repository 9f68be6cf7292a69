import type { BusRecord, DeliveredRecord, EventBus, PartitionPosition, SubscribeOptions, Subscription } from '@jil/core/events';

interface Group {
  /** Next position to deliver, per topic (one partition per topic: order is total). */
  committed: Map<string, number>;
  running: boolean;
}

/**
 * The in-process {@link EventBus}: one node, no broker (`jil demo`, the quick start, PGlite). Each topic is one
 * partition kept in memory for the life of the process; each consumer group has its own committed positions, so a
 * subscriber that stops before committing sees the record again, as with Kafka. Not shared between processes.
 *
 * @example
 * const bus = new EmbeddedEventBus();
 * await bus.publish([{ topic: 'jil.events', key: 'k', value: bytes }]);
 */
export class EmbeddedEventBus implements EventBus {
  readonly #topics = new Map<string, BusRecord[]>();
  readonly #groups = new Map<string, Group>();
  readonly #wakers = new Set<() => void>();
  readonly #subscriptions = new Set<Subscription>();
  #closed = false;

  async ensureTopics(topics: readonly string[]): Promise<void> {
    for (const t of topics) if (!this.#topics.has(t)) this.#topics.set(t, []);
  }

  async publish(records: readonly BusRecord[]): Promise<void> {
    if (this.#closed) throw new Error('EmbeddedEventBus is closed');
    for (const r of records) {
      const log = this.#topics.get(r.topic) ?? [];
      log.push({ topic: r.topic, key: r.key, value: r.value.slice() });
      this.#topics.set(r.topic, log);
    }
    for (const wake of [...this.#wakers]) wake();
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const group = this.#groups.get(options.groupId) ?? { committed: new Map<string, number>(), running: false };
    if (group.running) throw new Error(`consumer group ${options.groupId} already has a subscriber on this embedded bus`);
    group.running = true;
    this.#groups.set(options.groupId, group);
    let stopped = false;
    let wake: (() => void) | undefined;
    const max = options.batchHandler === undefined ? 1 : Math.max(1, options.maxBatch ?? 500);
    /** The next records in topic order (one topic's run at a time), at most `max`. */
    const next = (): DeliveredRecord[] => {
      const batch: DeliveredRecord[] = [];
      for (const topic of options.topics) {
        const log = this.#topics.get(topic) ?? [];
        for (let position = group.committed.get(topic) ?? 0; position < log.length && batch.length < max; position++) {
          batch.push({ ...log[position]!, partition: 0, offset: String(position) });
        }
      }
      return batch;
    };
    const loop = async (): Promise<void> => {
      while (!stopped) {
        const batch = next();
        if (batch.length === 0) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            this.#wakers.add(resolve);
          });
          if (wake) this.#wakers.delete(wake);
          continue;
        }
        try {
          if (options.batchHandler !== undefined) await options.batchHandler(batch);
          else await options.handler(batch[0]!);
        } catch (error) {
          stopped = true;
          group.running = false;
          options.onError?.(error);
          return;
        }
        for (const r of batch) group.committed.set(r.topic, Number(r.offset) + 1);
      }
    };
    const done = loop();
    const subscription: Subscription = {
      close: async () => {
        if (stopped && !group.running) return;
        stopped = true;
        wake?.();
        await done;
        group.running = false;
        this.#subscriptions.delete(subscription);
      },
    };
    this.#subscriptions.add(subscription);
    return subscription;
  }

  /** One partition per topic: `end` is the topic's log length; nothing is ever deleted, so `start` is 0. */
  async positions(options: { groupId: string; topics: readonly string[] }): Promise<PartitionPosition[]> {
    const group = this.#groups.get(options.groupId);
    return options.topics.map((topic) => {
      const committed = group?.committed.get(topic);
      return {
        topic,
        partition: 0,
        start: '0',
        end: String(this.#topics.get(topic)?.length ?? 0),
        committed: committed === undefined ? null : String(committed),
      };
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((s) => s.close()));
  }
}
