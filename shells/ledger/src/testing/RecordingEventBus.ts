import { JilError } from '@jil/core';
import type { BusRecord, EventBus, PartitionPosition, Subscription } from '@jil/core/events';

/**
 * A test {@link EventBus} that only RECORDS what is published, in publish order (copies of the bytes), and delivers
 * nothing: no partitions, no consumer groups, no broker. Enough to see what a relay publishes and in which order;
 * the real transport is `KafkaEventBus` (tests/bridge/ledgerWrites.kafka.test.ts).
 */
export class RecordingEventBus implements EventBus {
  /** Every published record, in publish order. */
  readonly records: BusRecord[] = [];
  /** The topics `ensureTopics` was asked for. */
  readonly ensured: string[] = [];
  readonly #waiters: { n: number; resolve: () => void }[] = [];

  async ensureTopics(topics: readonly string[]): Promise<void> {
    this.ensured.push(...topics);
  }

  async publish(records: readonly BusRecord[]): Promise<void> {
    for (const r of records) this.records.push({ topic: r.topic, key: r.key, value: Uint8Array.from(r.value) });
    for (const w of this.#waiters.filter((x) => this.records.length >= x.n)) {
      this.#waiters.splice(this.#waiters.indexOf(w), 1);
      w.resolve();
    }
  }

  /** Resolves once at least `n` records were published. */
  published(n: number): Promise<void> {
    if (this.records.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ n, resolve }));
  }

  subscribe(): Promise<Subscription> {
    return Promise.reject(new JilError('INTERNAL', 'RecordingEventBus records publishes and delivers nothing'));
  }

  async positions(): Promise<PartitionPosition[]> {
    return [];
  }

  async close(): Promise<void> {}
}
