/**
 * `pnpm mesh:local` — three JIL nodes joined by a Kafka event mesh on this machine, with one command
 * (docs/architecture.md §Event mesh, "Three nodes and a broker locally").
 *
 * Starts a PostgreSQL server (.ci/start-postgres.sh) with one database per node, a single-node KRaft Kafka broker
 * (.ci/start-kafka.sh: Java 17 and the Maven Central jars, installed with apt / cached on first use), then three
 * `jil serve --event-bus … --node-id node-{a,b,c}` on consecutive ports, each with its own state folder under
 * `.jil/mesh/` (git-ignored). Prints where everything is and runs until Ctrl-C, which stops all of it.
 *
 * Flags: --base-port N (default 8787: nodes on N, N+1, N+2), --pg-port N (default 54339), --kafka-port N (default
 *   19192; the controller takes N+1), --check (instead of waiting: issue one PSA on node-a, wait until node-b and
 *   node-c hold it, print it, stop everything and exit 0 — the smoke test of tests/e2e/meshLocal.test.ts).
 * Exit codes: 0 done, 1 a server did not start or the check failed, 2 bad flags.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { base64Decode, signRequest } from '@jil/core';
import { openPostgres } from '@jil/server-kit';
import { benchTransfer } from './benchServer.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const NODES = ['node-a', 'node-b', 'node-c'] as const;

const { values } = parseArgs({
  options: { 'base-port': { type: 'string' }, 'pg-port': { type: 'string' }, 'kafka-port': { type: 'string' }, check: { type: 'boolean' } },
});
const port = (name: string, value: string | undefined, fallback: number): number => {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1024 || n > 65_000) {
    console.error(`--${name} must be an integer 1024–65000 (got ${value})`);
    process.exit(2);
  }
  return n;
};
const BASE_PORT = port('base-port', values['base-port'], 8787);
const PG_PORT = port('pg-port', values['pg-port'], 54339);
const KAFKA_PORT = port('kafka-port', values['kafka-port'], 19192);
const log = (line: string) => console.error(`[mesh:local] ${line}`);

const pgDir = mkdtempSync(join(tmpdir(), 'jil-mesh-pg-'));
const kafkaDir = mkdtempSync(join(tmpdir(), 'jil-mesh-kafka-'));
const serves: ChildProcess[] = [];
let pgStarted = false;
let kafkaStarted = false;

async function stopAll(): Promise<void> {
  await Promise.all(
    serves.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }),
  );
  if (kafkaStarted)
    await run(join(ROOT, '.ci/start-kafka.sh'), ['--stop', kafkaDir]).catch(() => log(`could not stop the broker in ${kafkaDir}`));
  if (pgStarted)
    await run(join(ROOT, '.ci/start-postgres.sh'), ['--stop', pgDir]).catch(() => log(`could not stop PostgreSQL in ${pgDir}`));
}

/** Starts `jil serve` for one node; resolves with its URL once it listens. */
function startNode(name: string, index: number, databaseUrl: string, broker: string): Promise<string> {
  const stateDir = join(ROOT, '.jil', 'mesh', name);
  mkdirSync(stateDir, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      '--conditions=jil-source',
      '--import',
      'tsx',
      join(ROOT, 'shells/cli/src/main.ts'),
      'serve',
      '--port',
      String(BASE_PORT + index),
      '--state-dir',
      stateDir,
      '--event-bus',
      broker,
      '--node-id',
      name,
      '--workers',
      '1',
    ],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, JIL_LOG_LEVEL: process.env['JIL_LOG_LEVEL'] ?? 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  serves.push(child);
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolvePromise, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const url = /listening on (http\S+)/.exec(output)?.[1];
      if (url) resolvePromise(url);
    });
    child.once('exit', (code) => reject(new Error(`${name}: jil serve exited (${code}) before listening:\n${output.slice(-2000)}`)));
  });
}

/** One signed request with the node's own demo credentials (`<state>/credentials.json`). */
async function signedFetch(name: string, base: string, method: string, path: string, body = ''): Promise<Response> {
  const creds = JSON.parse(readFileSync(join(ROOT, '.jil', 'mesh', name, 'credentials.json'), 'utf8')) as {
    access_key_id: string;
    secret: string;
  };
  const headers = signRequest({
    method,
    url: path,
    body,
    accessKeyId: creds.access_key_id,
    secret: base64Decode(creds.secret),
    now: new Date(),
  });
  return fetch(`${base}${path}`, {
    method,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body } : {}),
  });
}

async function check(urls: string[]): Promise<void> {
  const transfer = benchTransfer(Date.now(), 'mesh-check');
  const issued = await signedFetch('node-a', urls[0]!, 'POST', '/v1/preclearance/validate', JSON.stringify(transfer));
  const answer = (await issued.json()) as { body?: { psa_id?: string; verdict?: string } };
  const psaId = answer.body?.psa_id;
  if (issued.status !== 201 || psaId === undefined)
    throw new Error(`node-a answered ${issued.status}: ${JSON.stringify(answer).slice(0, 500)}`);
  log(`node-a issued PSA ${psaId} (verdict ${answer.body?.verdict})`);
  for (const [i, name] of [
    [1, 'node-b'],
    [2, 'node-c'],
  ] as const) {
    const until = Date.now() + 60_000;
    for (;;) {
      const got = await signedFetch(name, urls[i]!, 'GET', `/v1/preclearance/psa/${psaId}`);
      if (got.status === 200) break;
      if (Date.now() > until) throw new Error(`${name} does not hold PSA ${psaId} after 60 s (last answer ${got.status})`);
      await new Promise((r) => setTimeout(r, 200));
    }
    log(`${name} holds it (replicated through the broker)`);
  }
  console.log(`mesh check: PSA ${psaId} issued on node-a is on node-b and node-c`);
}

let failed = false;
try {
  log(`PostgreSQL on 127.0.0.1:${PG_PORT} (${pgDir})`);
  await run(join(ROOT, '.ci/start-postgres.sh'), [pgDir], { env: { ...process.env, JIL_CI_PG_PORT: String(PG_PORT) } });
  pgStarted = true;
  const admin = await openPostgres(`postgres://postgres@127.0.0.1:${PG_PORT}/postgres`);
  for (const name of NODES) await admin.exec(`CREATE DATABASE ${name.replace('-', '_')}`);
  await admin.close();
  log(`Kafka on 127.0.0.1:${KAFKA_PORT} (${kafkaDir}; the first run installs Java 17 and fetches the jars)`);
  await run(join(ROOT, '.ci/start-kafka.sh'), [kafkaDir], {
    env: { ...process.env, JIL_CI_KAFKA_PORT: String(KAFKA_PORT), JIL_CI_KAFKA_CONTROLLER_PORT: String(KAFKA_PORT + 1) },
  });
  kafkaStarted = true;
  const broker = `127.0.0.1:${KAFKA_PORT}`;
  const urls: string[] = [];
  for (const [i, name] of NODES.entries()) {
    urls.push(await startNode(name, i, `postgres://postgres@127.0.0.1:${PG_PORT}/${name.replace('-', '_')}`, broker));
    log(`${name} at ${urls[i]} (state .jil/mesh/${name}, database ${name.replace('-', '_')})`);
  }
  if (values.check) await check(urls);
  else {
    console.log(
      [
        'Three nodes on one Kafka broker:',
        ...NODES.map((n, i) => `  ${n}  ${urls[i]}   credentials .jil/mesh/${n}/credentials.json   GET ${urls[i]}/health`),
        `  broker 127.0.0.1:${KAFKA_PORT}   PostgreSQL postgres://postgres@127.0.0.1:${PG_PORT}/node_{a,b,c}`,
        'Ctrl-C stops everything.',
      ].join('\n'),
    );
    await new Promise<void>((r) => {
      process.once('SIGINT', r);
      process.once('SIGTERM', r);
    });
  }
} catch (error) {
  failed = true;
  console.error(`[mesh:local] ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await stopAll();
}
process.exit(failed ? 1 : 0);
