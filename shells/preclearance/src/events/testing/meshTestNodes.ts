/**
 * Test helpers of the event-mesh suites (eventMesh*.test.ts): nodes that each have their own database on the test
 * PostgreSQL and a Kafka bus, and a progress tracker that waits on consumer outcomes instead of a clock.
 */
import { startTestServer, type ENGINES, type TestServer } from '../../server/testing/testServer.js';
import { int8ToNumber, openPostgres, type Db } from '@jil/server-kit';
import type { ConsumeOutcome } from '../EventConsumer.js';
import { KafkaEventBus } from '../KafkaEventBus.js';
import { startEventMesh, type RunningEventMesh } from '../startEventMesh.js';

// Real components only: a Kafka broker (JIL_TEST_KAFKA) and PostgreSQL (JIL_TEST_DATABASE_URL), one database per node
// on that server.
// .ci/run starts both (.ci/start-kafka.sh, .ci/start-postgres.sh).
export const KAFKA = process.env['JIL_TEST_KAFKA'];
export const DATABASE_URL = process.env['JIL_TEST_DATABASE_URL'];
export const SKIP = KAFKA === undefined || DATABASE_URL === undefined;
export const WHY = 'a real Kafka broker and PostgreSQL: skipped unless JIL_TEST_KAFKA and JIL_TEST_DATABASE_URL are set';

export const hex = (n: number): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => b.toString(16).padStart(2, '0')).join('');

export const count = async (db: Db, sql: string, params: unknown[] = []): Promise<number> =>
  int8ToNumber((await db.query<{ n: unknown }>(sql, params)).rows[0]?.n ?? 0);

/** Resolves when `check` holds; re-checks on every outcome the node's consumer reports (no clock involved). */
export class Progress {
  readonly outcomes: { outcome: ConsumeOutcome; key: string; topic: string }[] = [];
  #waiters: (() => void)[] = [];
  record(outcome: ConsumeOutcome, key: string, topic: string): void {
    this.outcomes.push({ outcome, key, topic });
    for (const w of this.#waiters.splice(0)) w();
  }
  async until(check: () => Promise<boolean>): Promise<void> {
    for (;;) {
      const seen = this.outcomes.length;
      if (await check()) return;
      // An outcome that arrived while checking counts: check again at once.
      if (this.outcomes.length === seen) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }
}

/** A fresh database of its own on the test server for one node (dropped when the node stops), as a test-server engine. */
export function ownDatabase(): { url: string; engine: (typeof ENGINES)[number] } {
  const name = `jil_mesh_${hex(6)}`;
  const url = new URL(DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    engine: {
      name: 'postgres',
      open: async () => {
        const admin = await openPostgres(DATABASE_URL!);
        await admin.exec(`CREATE DATABASE ${name}`);
        const db = await openPostgres(url.toString());
        return {
          db,
          dispose: async () => {
            await db.close();
            await admin.exec(`DROP DATABASE ${name}`);
            await admin.close();
          },
        };
      },
    },
  };
}

export interface Node {
  id: string;
  /** The node's own database. */
  url: string;
  server: TestServer;
  bus: KafkaEventBus;
  mesh?: RunningEventMesh;
  progress: Progress;
}

export async function startNode(id: string, prefix: string, brokers: readonly string[] = [KAFKA!]): Promise<Node> {
  const database = ownDatabase();
  const server = await startTestServer(database.engine, { rateLimit: false });
  const bus = new KafkaEventBus({ brokers, clientId: id, topicPrefix: prefix });
  return { id, url: database.url, server, bus, progress: new Progress() };
}

export async function startMesh(node: Node): Promise<void> {
  node.mesh = await startEventMesh({
    db: node.server.db,
    bus: node.bus,
    sourceId: node.id,
    onOutcome: (outcome, record) => node.progress.record(outcome, record.key, record.topic),
    onError: (error) => console.error(`[${node.id}] mesh error`, error),
  });
}

export async function stopNode(node: Node): Promise<void> {
  await node.mesh?.stop();
  await node.bus.close();
  await node.server.close();
}
