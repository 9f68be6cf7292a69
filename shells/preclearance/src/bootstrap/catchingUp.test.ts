/**
 * A node that joins the event mesh late says `catching_up` on /health until it has applied what the topics held
 * when it started, then `ok` — and at that moment its replicated tables are those of the node that wrote the events.
 * Real components only: a Kafka broker (JIL_TEST_KAFKA), PostgreSQL (JIL_TEST_DATABASE_URL; a database per node) and
 * the screening data (../shared/data), two `startService` nodes as `jil serve --event-bus` runs them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { base64Decode, signRequest } from '@jil/core';
import { dataPath, HAS_SHARED_DATA } from '@jil/testkit';
import { openPostgres, type Db } from '@jil/server-kit';
import { migratePreclearance } from '../storage/migratePreclearance.js';
import { KafkaEventBus } from '../events/KafkaEventBus.js';
import { replicatedTableDigest, REPLICATED_TABLES } from '../events/replicatedTables.js';
import { openApiDocument } from '../server/openapi.js';
import { startService, type RunningService } from './startService.js';

const KAFKA = process.env['JIL_TEST_KAFKA'];
const DATABASE_URL = process.env['JIL_TEST_DATABASE_URL'];
const SKIP = KAFKA === undefined || DATABASE_URL === undefined || !HAS_SHARED_DATA;
const WHY = 'a real Kafka broker, PostgreSQL and ../shared/data: skipped unless JIL_TEST_KAFKA and JIL_TEST_DATABASE_URL are set (.ci/run)';

const hex = (n: number): string => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => b.toString(16).padStart(2, '0')).join('');

/** Waits for `check` to give a value, asking again every 100 ms (the condition is the assertion, not the time). */
async function until<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `GET /health` of a node. */
async function health(
  node: RunningService,
): Promise<{ status: string; event_mesh?: { node_id: string; caught_up: boolean; outbox_unsent: number } } & Record<string, unknown>> {
  return (await fetch(`${node.url}/health`)).json() as never;
}

/** The Health schema of /openapi.json, compiled with Fastify's Ajv (JSON Schema 2020-12). */
function healthValidator(): (body: unknown) => string {
  const doc = openApiDocument(65_536) as { components: Record<string, unknown> };
  const req = createRequire(createRequire(import.meta.url).resolve('fastify'));
  const Ajv2020 = req('ajv/dist/2020').default;
  const addFormats = req('ajv-formats').default ?? req('ajv-formats');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'doc', components: doc.components });
  const check = ajv.compile({ $ref: 'doc#/components/schemas/Health' });
  return (body) => (check(body) ? 'ok' : JSON.stringify(check.errors));
}

describe.skipIf(SKIP)(`/health catching_up: a late joiner of the event mesh (${WHY})`, () => {
  const root = mkdtempSync(join(tmpdir(), 'jil-catching-up-'));
  const prefix = `catchup${hex(4)}.`;
  const databases: string[] = [];
  const nodes: RunningService[] = [];
  const toClose: Db[] = [];

  /** A fresh database of its own on the test server. */
  async function database(): Promise<string> {
    const name = `jil_catchup_${hex(5)}`;
    const admin = await openPostgres(DATABASE_URL!);
    await admin.exec(`CREATE DATABASE ${name}`);
    await admin.close();
    databases.push(name);
    const url = new URL(DATABASE_URL!);
    url.pathname = `/${name}`;
    return url.toString();
  }

  async function startNode(name: string, databaseUrl: string, nodeId = `${name}-${hex(3)}`): Promise<RunningService> {
    const node = await startService({
      stateDir: join(root, name),
      dataDir: dataPath(),
      databaseUrl,
      port: 0,
      logger: false,
      listFreshness: false,
      rateLimit: false,
      eventMesh: {
        bus: new KafkaEventBus({ brokers: [KAFKA!], clientId: nodeId, topicPrefix: prefix }),
        nodeId,
        onError: (e) => console.error(`[${nodeId}]`, e),
      },
    });
    nodes.push(node);
    return node;
  }

  async function issue(node: RunningService, i: number): Promise<number> {
    const { credentials } = node.state;
    const body = JSON.stringify({
      transit_id: `catch-up-${i}-${hex(4)}`,
      chain_id: 'eip155:1',
      asset: 'ETH',
      amount: '1.25',
      amount_usd: `${100 + i}.00`,
      source_address: '0x0519035923133db8356bb16018454ebc751e4348',
      destination_address: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664',
      sender: { id: `s-${i % 5}` },
      receiver: { id: 'r-1' },
      custodian_id: credentials.custodian_id,
    });
    const path = '/v1/preclearance/validate';
    const headers = signRequest({
      method: 'POST',
      url: path,
      body,
      accessKeyId: credentials.access_key_id,
      secret: base64Decode(credentials.secret),
      now: new Date(),
    });
    const r = await fetch(`${node.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    await r.arrayBuffer();
    return r.status;
  }

  const digests = (node: RunningService) => Promise.all(REPLICATED_TABLES.map((t) => replicatedTableDigest(node.db, t.table)));

  afterAll(async () => {
    for (const node of nodes) await node.close();
    for (const db of toClose) await db.close();
    const admin = await openPostgres(DATABASE_URL!);
    for (const name of databases) await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
    await admin.close();
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it("a node started after the events exist reports catching_up, then ok once its tables equal the writer's", async () => {
    const validHealth = healthValidator();
    const a = await startNode('node-a', await database());
    // A joined empty topics: caught up at once.
    const first = await until(async () => {
      const h = await health(a);
      return h.status === 'ok' ? h : undefined;
    });
    expect(first.event_mesh).toMatchObject({ caught_up: true, outbox_unsent: 0 });
    expect(validHealth(first)).toBe('ok');

    const issued = 24;
    const statuses: number[] = [];
    for (let i = 0; i < issued; i++) statuses.push(await issue(a, i));
    expect(statuses).toEqual(statuses.map(() => 201));
    // Everything A wrote is on the topics before B starts.
    await until(async () => ((await health(a)).event_mesh?.outbox_unsent === 0 ? true : undefined));
    const written = await digests(a);
    const rows = (d: { rows: number }[], table: string) => d[REPLICATED_TABLES.findIndex((t) => t.table === table)]!.rows;
    expect([rows(written, 'psas'), rows(written, 'transfer_history')]).toEqual([issued, issued]);

    // B's database, migrated, with its inbox locked against writes by another session: B's consumer can read the
    // topics but commit nothing until the lock goes, so what /health says meanwhile does not depend on speed.
    const urlB = await database();
    const setup = await openPostgres(urlB);
    toClose.push(setup);
    await migratePreclearance(setup);
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = setup.transaction(async (tx) => {
      await tx.query('LOCK TABLE event_inbox IN EXCLUSIVE MODE');
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;

    const b = await startNode('node-b', urlB);
    const catching = await health(b);
    expect(catching.status).toBe('catching_up');
    expect(catching.event_mesh).toEqual({ node_id: b.mesh!.nodeId, caught_up: false, outbox_unsent: 0 });
    expect(validHealth(catching)).toBe('ok');
    expect((await digests(b)).map((d) => d.rows)).toEqual(REPLICATED_TABLES.map(() => 0));

    release();
    await holder;
    const ready = await until(async () => {
      const h = await health(b);
      return h.status === 'ok' ? h : undefined;
    });
    // Ready means converged: at the first `ok`, B holds exactly what A wrote.
    expect(await digests(b)).toEqual(written);
    expect(ready.event_mesh).toEqual({ node_id: b.mesh!.nodeId, caught_up: true, outbox_unsent: 0 });
    expect(validHealth(ready)).toBe('ok');

    // Restarted, B's group has committed past every record the topics hold: nothing comes again, and it is ready
    // without one (the committed offsets count, not only what this process handled).
    const nodeIdB = b.mesh!.nodeId;
    await b.close();
    nodes.splice(nodes.indexOf(b), 1);
    const again = await startNode('node-b', urlB, nodeIdB);
    await again.mesh!.caughtUp;
    expect(await health(again)).toMatchObject({ status: 'ok', event_mesh: { node_id: nodeIdB, caught_up: true, outbox_unsent: 0 } });
    expect(await digests(again)).toEqual(written);
  }, 120_000);
});
