/**
 * Test helper (eventMesh.test.ts): one node's EventConsumer in a process of its own, for killing it with SIGKILL at
 * an exact point. Prints one JSON line per outcome; after its first `applied` outcome — the apply transaction (of its batch) has
 * committed in PostgreSQL, the offset is not committed yet — it holds there until the parent kills it.
 *
 * Usage: consumerProcess.ts <database url> <broker> <topic prefix> <source id> <group id>
 */
import { KafkaEventBus } from '../KafkaEventBus.js';
import { EventConsumer } from '../EventConsumer.js';
import { openPostgres } from '@jil/server-kit';

const [url, broker, prefix, sourceId, groupId] = process.argv.slice(2) as [string, string, string, string, string];
const db = await openPostgres(url);
const bus = new KafkaEventBus({ brokers: [broker], clientId: `${sourceId}-child`, topicPrefix: prefix });
const consumer = new EventConsumer({
  db,
  bus,
  sourceId,
  groupId,
  onOutcome: async (outcome, record) => {
    process.stdout.write(`${JSON.stringify({ outcome, key: record.key, topic: record.topic })}\n`);
    if (outcome === 'applied') await new Promise<never>(() => undefined);
  },
  onError: (error) => {
    process.stderr.write(`consumer stopped: ${String(error)}\n`);
    process.exit(1);
  },
});
await consumer.start();
