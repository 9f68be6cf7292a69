/**
 * `jil serve --workers 2` on PostgreSQL, as a user runs it: the CLI in its own process (node:cluster primary + two
 * HTTP workers behind one port). Both workers answer; PSAs issued through both are integrated by the one log
 * integrator of the primary (one checkpoint sequence); a crashed worker is restarted; SIGTERM stops every process.
 * Real PostgreSQL (JIL_TEST_DATABASE_URL, a database of its own) and the screening data (../shared/data).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64Decode, signRequest } from '@jil/core';
import { int8ToNumber, openPostgres } from '@jil/server-kit';
import { dataPath, HAS_SHARED_DATA, REPO_ROOT } from '@jil/testkit';

const DATABASE_URL = process.env['JIL_TEST_DATABASE_URL'];
const SKIP = DATABASE_URL === undefined || !HAS_SHARED_DATA;
const WHY = 'PostgreSQL and ../shared/data: skipped unless JIL_TEST_DATABASE_URL is set and the data is there (.ci/run has both)';

interface Answer {
  status: number;
  worker: string | undefined;
  json: any;
}

/** One request on a connection of its own (no keep-alive: the cluster hands each new connection to the next worker). */
function call(
  base: string,
  method: string,
  path: string,
  o: { body?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Answer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent: false,
        ...(o.timeoutMs === undefined ? {} : { timeout: o.timeoutMs }),
        headers: { ...(o.body === undefined ? {} : { 'content-type': 'application/json' }), ...o.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, worker: res.headers['x-jil-worker'] as string | undefined, json });
        });
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${o.timeoutMs} ms`)));
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

/** Waits for `check` to hold, asking again every 100 ms (the condition is the assertion, not the time). */
async function until<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A fresh database of its own on the test server: its URL, and how to drop it. */
async function freshDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Array.from(crypto.getRandomValues(new Uint8Array(5)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  const admin = await openPostgres(DATABASE_URL!);
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = new URL(DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = await openPostgres(DATABASE_URL!);
      await a.exec(`DROP DATABASE IF EXISTS ${name}`);
      await a.close();
    },
  };
}

/** `jil serve …` in its own process, as a user runs it (Node 24, tsx, the source tree). */
function spawnServe(args: string[], databaseUrl: string): ChildProcess {
  return spawn(process.execPath, ['--conditions=jil-source', '--import', 'tsx', 'shells/cli/src/main.ts', 'serve', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, JIL_LOG_LEVEL: 'warn', JIL_EVENT_BUS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe.skipIf(SKIP)(`jil serve --workers 2 on PostgreSQL (${WHY})`, () => {
  const root = mkdtempSync(join(tmpdir(), 'jil-serve-workers-'));
  const database = `jil_workers_${Array.from(crypto.getRandomValues(new Uint8Array(5)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  const url = new URL(DATABASE_URL ?? 'postgres://unused');
  url.pathname = `/${database}`;
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let base = '';
  let workerPids: number[] = [];
  let exited: Promise<number | null>;

  beforeAll(async () => {
    const admin = await openPostgres(DATABASE_URL!);
    await admin.exec(`CREATE DATABASE ${database}`);
    await admin.close();
    child = spawn(
      process.execPath,
      [
        '--conditions=jil-source',
        '--import',
        'tsx',
        'shells/cli/src/main.ts',
        'serve',
        '--workers',
        '2',
        '--port',
        '0',
        '--state-dir',
        join(root, 'state'),
        '--data-dir',
        dataPath(),
        '--allow-stale-lists',
      ],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, DATABASE_URL: url.toString(), JIL_LOG_LEVEL: 'warn', JIL_EVENT_BUS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    base = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => {
        stdout += c.toString('utf8');
        const m = /^JIL pre-clearance API listening on (http\S+)$/m.exec(stdout);
        if (m && /^ {2}transparency log: /m.test(stdout)) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`jil serve exited (${code}) before listening:\n${stderr}`)));
    });
    workerPids = /HTTP workers behind one port \(node:cluster; pids ([\d, ]+)\)/.exec(stdout)![1]!.split(', ').map(Number);
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    const admin = await openPostgres(DATABASE_URL!);
    await admin.exec(`DROP DATABASE IF EXISTS ${database}`);
    await admin.close();
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('prints the banner once, from the primary: one listening line, a primary and two worker pids', () => {
    expect(stdout.match(/^JIL pre-clearance API listening on /gm)).toHaveLength(1);
    expect(stdout.match(/log integrator/g)).toHaveLength(1);
    expect(stdout).toMatch(
      new RegExp(`^ {2}processes: +primary pid ${child.pid} \\(migrations, log integrator\\) \\+ 2 HTTP workers behind one port`, 'm'),
    );
    expect(workerPids).toHaveLength(2);
    expect(new Set([child.pid, ...workerPids]).size).toBe(3);
  });

  it('both workers answer on the one port; PSAs issued through both land in one checkpoint sequence of the one integrator', async () => {
    const health = await Promise.all(Array.from({ length: 4 }, () => call(base, 'GET', '/health')));
    expect(health.map((h) => [h.status, h.json.status])).toEqual(health.map(() => [200, 'ok']));
    expect(new Set(health.map((h) => h.worker))).toEqual(new Set(['1', '2']));

    const credentials = JSON.parse(readFileSync(join(root, 'state', 'credentials.json'), 'utf8')) as {
      access_key_id: string;
      secret: string;
      custodian_id: string;
    };
    const issue = async (i: number): Promise<Answer> => {
      const body = JSON.stringify({
        transit_id: `workers-${i}-${Date.now()}`,
        chain_id: 'eip155:1',
        asset: 'ETH',
        amount: '1.25',
        amount_usd: '4375.00',
        source_address: '0x0519035923133db8356bb16018454ebc751e4348',
        destination_address: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664',
        sender: { id: `s-${i % 3}` },
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
      return call(base, 'POST', path, { body, headers: { ...headers } });
    };
    const issued: Answer[] = [];
    for (let i = 0; i < 6; i++) issued.push(await issue(i));
    expect(issued.map((a) => a.status)).toEqual(issued.map(() => 201));
    expect(new Set(issued.map((a) => a.worker))).toEqual(new Set(['1', '2']));

    // The workers only sequence entries; the primary's integrator is told over IPC and checkpoints all six.
    const treeSize = async (): Promise<number> => {
      const r = await call(base, 'GET', '/log/checkpoint');
      return r.status === 200 ? Number(String(r.json).split('\n')[1]) : -1;
    };
    await until(async () => ((await treeSize()) === 6 ? true : undefined));
    const db = await openPostgres(url.toString());
    try {
      const { rows } = await db.query<{ size: unknown }>('SELECT size FROM tlog_checkpoints ORDER BY created_at, size');
      const sizes = rows.map((r) => int8ToNumber(r.size));
      // One sequence: each checkpoint after the previous one in time is larger (size is the primary key: never twice).
      expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
      expect(new Set(sizes).size).toBe(sizes.length);
      expect(sizes.at(-1)).toBe(6);
      const { rows: entries } = await db.query<{ n: unknown; max: unknown }>('SELECT count(*) AS n, max(idx) AS max FROM tlog_entries');
      expect([int8ToNumber(entries[0]!.n), int8ToNumber(entries[0]!.max)]).toEqual([6, 5]);
    } finally {
      await db.close();
    }
    // Both workers serve the same checkpoint, read from the shared database.
    const notes = await Promise.all(Array.from({ length: 4 }, () => call(base, 'GET', '/log/checkpoint')));
    expect(new Set(notes.map((n) => n.worker))).toEqual(new Set(['1', '2']));
    expect(new Set(notes.map((n) => n.json)).size).toBe(1);
  });

  it('a crashed worker is restarted by the primary; SIGTERM to the primary stops every process', async () => {
    process.kill(workerPids[0]!, 'SIGKILL');
    // Worker 3 replaces it: the primary forks it, it loads the snapshot and takes connections.
    // A connection handed to the killed worker as it died is lost (reset, or never answered: hence the bound on each try).
    await until(async () =>
      (await call(base, 'GET', '/health', { timeoutMs: 5000 }).catch(() => undefined))?.worker === '3' ? true : undefined,
    );
    expect(stderr).toMatch(new RegExp(`worker 1 \\(pid ${workerPids[0]}\\) crashed \\(signal SIGKILL\\); restarting it`));
    const now = await Promise.all(Array.from({ length: 4 }, () => call(base, 'GET', '/health')));
    expect(new Set(now.map((h) => h.worker))).toEqual(new Set(['2', '3']));

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(workerPids.filter(alive)).toEqual([]);
    await expect(call(base, 'GET', '/health')).rejects.toThrow();
  }, 60_000);
});

describe.skipIf(SKIP)(`jil serve --workers 2: a worker that cannot start stops the node (${WHY})`, () => {
  it('exits 1 and says why, after stopping the other worker', async () => {
    const db = await freshDatabase('jil_workers_fail');
    const root = mkdtempSync(join(tmpdir(), 'jil-serve-workers-fail-'));
    try {
      const child = spawnServe(
        ['--workers', '2', '--port', '0', '--state-dir', join(root, 'state'), '--snapshot', join(root, 'missing', 'snapshot.json')],
        db.url,
      );
      let stderr = '';
      child.stderr!.on('data', (c: Buffer) => {
        stderr += c.toString('utf8');
      });
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      expect(code).toBe(1);
      expect(stderr).toMatch(/error DATASET_NOT_FOUND: snapshot file .* not found/);
      expect(stderr).toMatch(/error: an HTTP worker \(pid \d+\) exited during start-up \(code 1\); its output above says why/);
    } finally {
      await db.drop();
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});

const KAFKA = process.env['JIL_TEST_KAFKA'];

describe.skipIf(SKIP || KAFKA === undefined)(
  `jil serve --workers 2 --event-bus: the primary runs the mesh, the workers report it (${WHY}; and JIL_TEST_KAFKA)`,
  () => {
    it("both workers say ok with the node id once the primary's consumer caught up; the primary's relay publishes what a worker " +
      'wrote', async () => {
      const db = await freshDatabase('jil_workers_mesh');
      const root = mkdtempSync(join(tmpdir(), 'jil-serve-workers-mesh-'));
      const nodeId = `workers-test-${Date.now().toString(36)}`;
      const child = spawnServe(
        [
          '--workers',
          '2',
          '--port',
          '0',
          '--state-dir',
          join(root, 'state'),
          '--data-dir',
          dataPath(),
          '--allow-stale-lists',
          '--event-bus',
          KAFKA!,
          '--node-id',
          nodeId,
        ],
        db.url,
      );
      const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      try {
        let stdout = '';
        let stderr = '';
        child.stderr!.on('data', (c: Buffer) => {
          stderr += c.toString('utf8');
        });
        const base = await new Promise<string>((resolve, reject) => {
          child.stdout!.on('data', (c: Buffer) => {
            stdout += c.toString('utf8');
            const m = /^JIL pre-clearance API listening on (http\S+)$/m.exec(stdout);
            if (m && /^ {2}transparency log: /m.test(stdout)) resolve(m[1]!);
          });
          child.once('exit', (code) => reject(new Error(`jil serve exited (${code}) before listening:\n${stderr}`)));
        });
        expect(stdout).toMatch(
          new RegExp(
            `^ {2}processes: +primary pid ${child.pid} \\(migrations, log integrator, event relay and consumer\\) \\+ 2 HTTP workers`,
            'm',
          ),
        );
        expect(stdout).toContain(`  event mesh:     node ${nodeId} on Kafka ${KAFKA}`);
        // The primary tells each worker once its consumer caught up (cluster IPC); until then they say catching_up.
        const seen = new Map<string, unknown>();
        await until(async () => {
          const h = await call(base, 'GET', '/health');
          if (h.json.status === 'ok') seen.set(h.worker!, h.json.event_mesh);
          return seen.size === 2 ? true : undefined;
        });
        for (const mesh of seen.values()) expect(mesh).toMatchObject({ node_id: nodeId, caught_up: true });

        // A PSA issued in a worker goes into the outbox in its transaction; the primary's relay publishes it.
        const credentials = JSON.parse(readFileSync(join(root, 'state', 'credentials.json'), 'utf8')) as {
          access_key_id: string;
          secret: string;
          custodian_id: string;
        };
        const body = JSON.stringify({
          transit_id: `workers-mesh-${Date.now()}`,
          chain_id: 'eip155:1',
          asset: 'ETH',
          amount: '1.25',
          amount_usd: '4375.00',
          source_address: '0x0519035923133db8356bb16018454ebc751e4348',
          destination_address: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664',
          sender: { id: 's-mesh' },
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
        expect((await call(base, 'POST', path, { body, headers: { ...headers } })).status).toBe(201);
        const check = await openPostgres(db.url);
        try {
          await until(async () => {
            const { rows } = await check.query<{ total: unknown; unsent: unknown }>(
              'SELECT count(*) AS total, count(*) FILTER (WHERE sent_at IS NULL) AS unsent FROM event_outbox',
            );
            return int8ToNumber(rows[0]!.total) > 0 && int8ToNumber(rows[0]!.unsent) === 0 ? true : undefined;
          });
        } finally {
          await check.close();
        }
        expect((await call(base, 'GET', '/health')).json.event_mesh.outbox_unsent).toBe(0);
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      } finally {
        if (child.exitCode === null) {
          child.kill('SIGKILL');
          await exited;
        }
        await db.drop();
        rmSync(root, { recursive: true, force: true });
      }
    }, 120_000);
  },
);
