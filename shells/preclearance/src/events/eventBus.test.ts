import { describe, expect, it } from 'vitest';
import { utf8ToBytes, bytesToUtf8 } from '@jil/core';
import type { DeliveredRecord, EventBus } from '@jil/core/events';
import { EmbeddedEventBus } from './EmbeddedEventBus.js';
import { KafkaEventBus } from './KafkaEventBus.js';

const KAFKA = process.env['JIL_TEST_KAFKA'];
const suffix = (): string => Array.from(crypto.getRandomValues(new Uint8Array(5)), (b) => b.toString(16).padStart(2, '0')).join('');

/** The buses under test: embedded always, Kafka when a broker is given (.ci/run starts one). */
const BUSES: { name: string; skip: boolean; make: () => EventBus }[] = [
  { name: 'embedded', skip: false, make: () => new EmbeddedEventBus() },
  {
    name: 'kafka (a real broker: skipped when JIL_TEST_KAFKA is unset; .ci/start-kafka.sh starts one)',
    skip: KAFKA === undefined,
    make: () => new KafkaEventBus({ brokers: [KAFKA ?? ''], clientId: `bus-test-${suffix()}`, topicPrefix: `t${suffix()}.` }),
  },
];

/** Subscribes and resolves with the first `n` records (the subscription stays open). */
async function collect(
  bus: EventBus,
  groupId: string,
  topics: string[],
  n: number,
): Promise<{ records: DeliveredRecord[]; close: () => Promise<void> }> {
  const records: DeliveredRecord[] = [];
  let done!: () => void;
  const enough = new Promise<void>((resolve) => (done = resolve));
  const sub = await bus.subscribe({
    groupId,
    topics,
    handler: async (r) => {
      records.push(r);
      if (records.length === n) done();
    },
  });
  await enough;
  return { records, close: () => sub.close() };
}

describe.each(BUSES)('EventBus contract: $name', ({ skip, make }) => {
  it.skipIf(skip)('delivers every record once per group, in order per key, under the logical topic name', async () => {
    const bus = make();
    try {
      const topics = ['jil.state.sync.psas', 'jil.state.sync.transfer_history'];
      await bus.ensureTopics(topics);
      await bus.ensureTopics(topics); // idempotent
      const sent = Array.from({ length: 60 }, (_, i) => ({ topic: topics[i % 2]!, key: `k${i % 5}`, value: utf8ToBytes(`${i}`) }));
      await bus.publish(sent.slice(0, 30));
      await bus.publish(sent.slice(30));
      for (const group of ['g1', 'g2']) {
        const { records, close } = await collect(bus, `${group}-${suffix()}`, topics, sent.length);
        await close();
        expect(records.map((r) => Number(bytesToUtf8(r.value))).sort((a, b) => a - b)).toEqual(sent.map((_, i) => i));
        for (const key of ['k0', 'k1', 'k2', 'k3', 'k4']) {
          for (const topic of topics) {
            const mine = records.filter((r) => r.key === key && r.topic === topic).map((r) => Number(bytesToUtf8(r.value)));
            expect(mine).toEqual([...mine].sort((a, b) => a - b));
          }
        }
      }
    } finally {
      await bus.close();
    }
  });

  it.skipIf(skip)('a handler that fails stops the subscription without committing: the group gets the record again', async () => {
    const bus = make();
    try {
      const topic = 'jil.events';
      await bus.ensureTopics([topic]);
      await bus.publish([1, 2, 3].map((i) => ({ topic, key: 'same', value: utf8ToBytes(`${i}`) })));
      const group = `crash-${suffix()}`;
      let failed!: (e: unknown) => void;
      const stopped = new Promise<unknown>((resolve) => (failed = resolve));
      const seen: string[] = [];
      const sub = await bus.subscribe({
        groupId: group,
        topics: [topic],
        handler: async (r) => {
          seen.push(bytesToUtf8(r.value));
          if (seen.length === 2) throw new Error('crash before commit');
        },
        onError: failed,
      });
      expect(String(await stopped)).toContain('crash before commit');
      await sub.close();
      const { records, close } = await collect(bus, group, [topic], 2);
      await close();
      expect(seen).toEqual(['1', '2']);
      expect(records.map((r) => bytesToUtf8(r.value))).toEqual(['2', '3']);
    } finally {
      await bus.close();
    }
  });
});
