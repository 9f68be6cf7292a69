import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@jil/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTransfer } from '../server/testing/testServer.js';
import type { Db } from '@jil/server-kit';
import { replicatedTableDigest, REPLICATED_TABLES } from './replicatedTables.js';
import { count, hex, SKIP, startMesh, startNode, stopNode, WHY, type Node } from './testing/meshTestNodes.js';

// A broker of this suite's own (stopped and started again here, so the other suites' broker is not disturbed), from
// the same script as CI's (.ci/start-kafka.sh, which JIL_TEST_KAFKA shows works on this machine), and PostgreSQL.

const run = promisify(execFile);
const SCRIPT = join(REPO_ROOT, '.ci/start-kafka.sh');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when `check` holds, asking every 100 ms for at most `limitMs` (then fails with what was last seen). */
async function eventually(what: string, check: () => Promise<boolean>, limitMs = 120_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`${what}: not reached within ${limitMs} ms`);
    await sleep(100);
  }
}

const digests = (db: Db) => Promise.all(REPLICATED_TABLES.map((t) => replicatedTableDigest(db, t.table)));

describe.skipIf(SKIP)(`event mesh: a broker outage under load, and a node joining after 10,000 events (${WHY})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'jil-outage-kafka-'));
  const port = 30_000 + 2 * Math.floor(Math.random() * 2000); // apart from the ranges of the other suites that start servers
  let brokers: string[];
  const nodes: Node[] = [];

  beforeAll(async () => {
    const { stdout } = await run(SCRIPT, [dir], {
      env: { ...process.env, JIL_CI_KAFKA_PORT: String(port), JIL_CI_KAFKA_CONTROLLER_PORT: String(port + 1) },
    });
    brokers = [/JIL_TEST_KAFKA=(\S+)/.exec(stdout)![1]!];
  });

  afterAll(async () => {
    for (const node of nodes) await stopNode(node);
    await run(SCRIPT, ['--stop', dir]);
  });

  it('the broker stopped for 20 s under load: both nodes keep serving from their own databases, the outbox grows, and everything ' +
    'converges after the restart', async () => {
    const prefix = `outage${hex(4)}.`;
    const [a, b] = [await startNode(`out-a-${hex(3)}`, prefix, brokers), await startNode(`out-b-${hex(3)}`, prefix, brokers)];
    nodes.push(a, b);
    await startMesh(a);
    await startMesh(b);
    const validate = (node: Node, i: number) =>
      node.server.call('POST', '/v1/preclearance/validate', JSON.stringify(testTransfer({ sender: { id: `outage-${i % 5}` } })));

    // Load on A: one PSA every 100 ms for the whole test.
    const statuses: number[] = [];
    let loading = true;
    const load = (async () => {
      for (let i = 0; loading; i++) {
        statuses.push((await validate(a, i)).status);
        await sleep(100);
      }
    })();
    await eventually('B applies A’s first PSAs', async () => (await count(b.server.db, 'SELECT count(*) AS n FROM psas')) >= 3);

    await run(SCRIPT, ['--pause', dir]);
    const before = statuses.length;
    // During the outage B still answers from its own database, and A's changes pile up in its outbox.
    expect((await validate(b, 0)).status).toBe(201);
    await sleep(20_000);
    expect(statuses.length - before).toBeGreaterThan(20); // A kept serving (one request per ~100 ms)
    const unsent = await count(a.server.db, 'SELECT count(*) AS n FROM event_outbox WHERE sent_at IS NULL');
    expect(unsent).toBeGreaterThanOrEqual(2 * (statuses.length - before) - 2); // two events per PSA, all waiting

    await run(SCRIPT, ['--resume', dir]);
    loading = false;
    await load;
    expect(statuses.filter((s) => s !== 201)).toEqual([]);

    // Converged: A's outbox drained, and both databases hold the same rows (B's PSA reached A as well).
    await eventually(
      'A’s outbox drains',
      async () => (await count(a.server.db, 'SELECT count(*) AS n FROM event_outbox WHERE sent_at IS NULL')) === 0,
    );
    await eventually('B holds every PSA', async () => (await count(b.server.db, 'SELECT count(*) AS n FROM psas')) === statuses.length + 1);
    await eventually('A holds B’s PSA', async () => (await count(a.server.db, 'SELECT count(*) AS n FROM psas')) === statuses.length + 1);
    const [da, db] = await Promise.all([digests(a.server.db), digests(b.server.db)]);
    expect(db).toEqual(da);
    expect(await count(b.server.db, 'SELECT count(*) AS n FROM event_dead_letters')).toBe(0);
  }, 240_000);

  it('a node started after 10,000 events replays them from the beginning, reports caught up, and holds what the writer holds', async () => {
    const prefix = `late${hex(4)}.`;
    const a = await startNode(`late-a-${hex(3)}`, prefix, brokers);
    nodes.push(a);
    await startMesh(a);
    // 5,000 PSAs and their risk-history rows committed on A: 10,000 events (the outbox triggers fire per row).
    for (let done = 0; done < 5000; done += 500) {
      await a.server.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO psas (psa_id, transit_id, custodian_id, verdict, issued_at, expires_at, envelope, body_sha256, request_sha256)
           SELECT gen_random_uuid(), 'late-' || i, 'cust-a', 'pass', now(), now() + interval '60 seconds', $2::text::jsonb, $3, NULL
           FROM generate_series($1::int, $1::int + 499) AS i`,
          [done, JSON.stringify({ payloadType: 'application/vnd.jil.psa.v1+json', payload: 'e30=', signatures: [] }), 'c'.repeat(64)],
        );
        await tx.query(
          `INSERT INTO transfer_history (sender_id, destination, amount_usd_cents, at_ms)
           SELECT 'late-' || (i % 50), '0xabc', 100 + i, 1700000000000 + i FROM generate_series($1::int, $1::int + 499) AS i`,
          [done],
        );
      });
    }
    await eventually(
      'A publishes its 10,000 events',
      async () => (await count(a.server.db, 'SELECT count(*) AS n FROM event_outbox WHERE sent_at IS NOT NULL')) === 10_000,
    );

    const late = await startNode(`late-d-${hex(3)}`, prefix, brokers);
    nodes.push(late);
    await startMesh(late);
    await late.mesh!.consumer.caughtUp();
    expect(await count(late.server.db, 'SELECT count(*) AS n FROM event_inbox')).toBe(10_000);
    const [mine, writer] = await Promise.all([digests(late.server.db), digests(a.server.db)]);
    expect(mine).toEqual(writer);
    expect(mine[REPLICATED_TABLES.findIndex((t) => t.table === 'psas')]!.rows).toBe(5000);
  }, 240_000);
});
