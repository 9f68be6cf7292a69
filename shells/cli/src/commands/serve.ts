import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { datasetFreshness, type PreclearanceEngine } from '@jil/psa';
import {
  DEFAULT_RATE_LIMIT,
  ensureLocalState,
  KafkaEventBus,
  startNodePrimary,
  startService,
  type DistributedValidatorsOptions,
  type EventMeshHealth,
  type KeyRateLimit,
} from '@jil/shell-preclearance';
import { startTracing } from '@jil/server-kit/tracing';
import { DATA_HELP, dataDir, stateDir } from '../paths.js';
import { ensureSnapshotFile } from '../distributed/ensureSnapshotFile.js';
import { startLocalValidators, type LocalValidators } from '../distributed/startLocalValidators.js';
import { parseBrokers, resolveNodeId } from './nodeId.js';

/** Options of {@link runServe} (the command-line flags). */
export interface RunServeOptions {
  dataDir: string | undefined;
  stateDir: string | undefined;
  port: string | undefined;
  snapshot?: string | undefined;
  allowStaleLists?: boolean | undefined;
  /** `embedded` (default: the validator keys sign in this process) or `distributed` (20 validator processes). */
  validators?: string | undefined;
  /** Distributed mode: per-request deadline of the fan-out in ms (default 250). */
  validatorDeadlineMs?: string | undefined;
  /** Distributed mode: validators asked in the first wave, or `all` (default threshold + 2). */
  validatorWave?: string | undefined;
  /** `ed25519` (default) or `hybrid`: the validators' signature suite, fixed when the state folder is created. */
  suite?: string | undefined;
  /** Default rate limit per access key: `<per_second>/<burst>` (default 100/200) or `off`; else `JIL_RATE_LIMIT`. */
  rateLimit?: string | undefined;
  /** Kafka brokers of the event mesh, `host:port[,host:port…]`; else `JIL_EVENT_BUS`; none: a one-node system. */
  eventBus?: string | undefined;
  /** This node's id in the mesh (default: made once and kept in `<state>/node-id`). */
  nodeId?: string | undefined;
  /** HTTP worker processes (default: CPU count with DATABASE_URL, else 1; PGlite is single-process). */
  workers?: string | undefined;
}

/** Set in the environment of the HTTP workers `jil serve --workers N` forks (node:cluster re-runs this command). */
const WORKER_ENV = 'JIL_SERVE_WORKER';
/** A worker that crashes is restarted, but not more than this many times within {@link RESTART_WINDOW_MS}. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

/** The checked flags. */
interface ServeConfig {
  o: RunServeOptions;
  data: string;
  dir: string;
  port: number;
  mode: 'embedded' | 'distributed';
  deadlineMs: number;
  wave: number | 'all' | undefined;
  suite: 'ed25519' | 'hybrid' | undefined;
  rateLimit: KeyRateLimit | false | undefined;
  databaseUrl: string | undefined;
  workers: number;
  /** The event mesh, when `--event-bus` / `JIL_EVENT_BUS` is given. */
  mesh: { brokers: string[]; nodeId: string } | undefined;
}

/** Messages between the primary and its HTTP workers (cluster IPC). */
type WorkerMessage = { type: 'jil:ready'; url: string; stale: string } | { type: 'jil:log-pending' };
type PrimaryMessage = { type: 'jil:mesh'; status: EventMeshHealth };

/** Checks every flag before anything starts; an exit code (2) after printing why, or the configuration. */
function parseServe(o: RunServeOptions): ServeConfig | number {
  const data = dataDir(o.dataDir);
  if (!data.exists) {
    console.error(`${DATA_HELP}\n(looked in ${data.dir})`);
    return 2;
  }
  const port = o.port === undefined ? 8787 : Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be an integer 0–65535 (got ${o.port})`);
    return 2;
  }
  const mode = o.validators ?? 'embedded';
  if (mode !== 'embedded' && mode !== 'distributed') {
    console.error(`--validators must be embedded or distributed (got ${mode})`);
    return 2;
  }
  const deadlineMs = o.validatorDeadlineMs === undefined ? 250 : Number(o.validatorDeadlineMs);
  if (!Number.isInteger(deadlineMs) || deadlineMs < 1 || deadlineMs > 600_000) {
    console.error(`--validator-deadline-ms must be an integer 1–600000 (got ${o.validatorDeadlineMs})`);
    return 2;
  }
  const wave = o.validatorWave === undefined || o.validatorWave === 'all' ? o.validatorWave : Number(o.validatorWave);
  if (typeof wave === 'number' && (!Number.isInteger(wave) || wave < 1 || wave > 1000)) {
    console.error(`--validator-wave must be an integer 1–1000 or all (got ${o.validatorWave})`);
    return 2;
  }
  if (o.suite !== undefined && o.suite !== 'ed25519' && o.suite !== 'hybrid') {
    console.error(`--suite must be ed25519 or hybrid (got ${o.suite})`);
    return 2;
  }
  const suite = o.suite as 'ed25519' | 'hybrid' | undefined;
  const rateText = o.rateLimit ?? process.env['JIL_RATE_LIMIT'];
  const rateMatch = rateText === undefined || rateText === 'off' ? null : /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(rateText);
  if (rateText !== undefined && rateText !== 'off' && (!rateMatch || !(Number(rateMatch[1]) > 0) || !(Number(rateMatch[2]) >= 1))) {
    console.error(`--rate-limit must be <per_second>/<burst> such as 100/200, or off (got ${rateText})`);
    return 2;
  }
  const rateLimit =
    rateText === 'off' ? (false as const) : rateMatch ? { per_second: Number(rateMatch[1]), burst: Number(rateMatch[2]) } : undefined;
  const databaseUrl = process.env['DATABASE_URL'] || undefined;
  // Several processes share one database: PostgreSQL only. PGlite is an embedded database inside one process.
  const workers =
    o.workers === undefined ? (databaseUrl !== undefined && mode === 'embedded' ? availableParallelism() : 1) : Number(o.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) {
    console.error(`--workers must be an integer 1–256 (got ${o.workers})`);
    return 2;
  }
  if (workers > 1 && databaseUrl === undefined) {
    console.error(
      `--workers ${workers}: PGlite is single-process (an embedded database inside this one process), so jil serve runs one ` +
        `process without DATABASE_URL. Set DATABASE_URL=postgres://… to run several HTTP workers, or leave out --workers.`,
    );
    return 2;
  }
  if (workers > 1 && mode === 'distributed') {
    console.error(`--workers ${workers}: --validators distributed runs one coordinator process; use --workers 1 with it`);
    return 2;
  }
  const busText = o.eventBus ?? (process.env['JIL_EVENT_BUS'] || undefined);
  if (o.nodeId !== undefined && busText === undefined) {
    const checked = resolveNodeId('', o.nodeId);
    if ('error' in checked) {
      console.error(checked.error);
      return 2;
    }
  }
  const dir = stateDir(o.stateDir);
  let mesh: ServeConfig['mesh'];
  if (busText !== undefined) {
    const parsed = parseBrokers(busText);
    if ('error' in parsed) {
      console.error(parsed.error);
      return 2;
    }
    if (databaseUrl === undefined) {
      console.error(
        "--event-bus needs PostgreSQL: set DATABASE_URL=postgres://… (the event mesh's outbox, inbox and replicated tables live " +
          "in the node's PostgreSQL; PGlite is the single-process, one-node quick start and needs no broker)",
      );
      return 2;
    }
    const id = resolveNodeId(dir, o.nodeId);
    if ('error' in id) {
      console.error(id.error);
      return 2;
    }
    mesh = { brokers: parsed.brokers, nodeId: id.id };
  }
  return { o, data: data.dir, dir, port, mode, deadlineMs, wave, suite, rateLimit, databaseUrl, workers, mesh };
}

/**
 * `jil serve [--port N] [--validators embedded|distributed] [--suite ed25519|hybrid] [--validator-wave N|all]
 * [--event-bus host:port,…] [--node-id ID] [--workers N]`: run the HTTP API until interrupted; prints where the
 * credentials and validator set are. With `--validators distributed` it first starts one validator OS process per
 * validator of `.jil/validators.json` (keys, configs and coordinator key under `.jil/distributed/`, created at first
 * run, mode 0600), all loading one snapshot file (`--snapshot`, or `.jil/distributed/snapshot.json` written once), then
 * the coordinator; SIGINT / SIGTERM stops the coordinator and its validators.
 *
 * With PostgreSQL, `--workers N` (default: the CPU count) runs a node as one primary process and N HTTP workers
 * behind one port (`node:cluster`): the primary runs what must be single per node — migrations, the transparency-log
 * integrator, the event mesh's relay and consumer — and restarts a crashed worker (at most 5 times a minute); the
 * workers serve. With `--event-bus` the node joins the Kafka event mesh (docs/architecture.md §Event mesh).
 */
export async function runServe(o: RunServeOptions): Promise<number> {
  const c = parseServe(o);
  if (typeof c === 'number') return c;
  // OpenTelemetry traces, opt-in by the standard OTEL_* variables (docs/operations.md §Traces); nothing when unset.
  const tracing = startTracing('jil-preclearance');
  try {
    if (cluster.isWorker && process.env[WORKER_ENV] === '1') return await runWorker(c);
    if (c.workers > 1) return await runPrimary(c);
    return await runSingle(c);
  } finally {
    await tracing?.shutdown();
  }
}

/** Prints each distinct event-mesh error once in a row (a broker outage repeats the same one every round). */
function meshErrorLogger(): (error: unknown) => void {
  let last = '';
  return (error) => {
    const line = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    if (line === last) return;
    last = line;
    console.error(`  event mesh: ${line} (retrying; the outbox keeps every change)`);
  };
}

/** The stale lists as one line ('' when none are stale). */
function staleLists(engine: PreclearanceEngine): string {
  const stale = datasetFreshness(engine.snapshot.datasets, new Date(), engine.listFreshness ?? {}).filter((d) => d.stale);
  return stale.map((d) => `${d.name} (${d.source_date}, ${d.age_days} d > ${d.max_age_days} d)`).join(', ');
}

/** What the start-up banner shows. */
interface Banner {
  url: string;
  state: { dir: string; credentialsPath: string; validatorSetPath: string };
  admin: { kekSource: string; adminTokenSource: string };
  /** The log's verifier key, or `undefined` when JIL_TRANSPARENCY_LOG=off. */
  logKey: string | undefined;
  stale: string;
  local?: LocalValidators | undefined;
  processes: string;
}

/** The start-up lines (stdout); the first one is parsed by scripts (.ci/fuzz-api.sh): keep it as it is. */
function printBanner(c: ServeConfig, b: Banner): void {
  const { url, local } = b;
  console.log(`JIL pre-clearance API listening on ${url}`);
  console.log(`  storage:        ${c.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${b.state.dir}/pglite`}`);
  console.log(`  processes:      ${b.processes}`);
  if (c.mesh)
    console.log(
      `  event mesh:     node ${c.mesh.nodeId} on Kafka ${c.mesh.brokers.join(',')} (GET ${url}/health says catching_up until ` +
        `this node has applied what the topics held)`,
    );
  else console.log('  event mesh:     none (a one-node system; --event-bus host:port joins a Kafka mesh)');
  console.log(
    `  credentials:    ${b.state.credentialsPath}   (access_key_id + secret for HMAC auth; the secret is base64: decode it before signing)`,
  );
  console.log(
    `  admin API:      ${url}/admin/v1/access-keys   (Authorization: Bearer <token from ${b.admin.adminTokenSource}>; or \`pnpm ` +
      `jil keys --url ${url} …\`)`,
  );
  console.log(`  secrets at rest: sealed under the key-encryption key from ${b.admin.kekSource}`);
  const limit =
    c.rateLimit === false
      ? 'off'
      : `${(c.rateLimit ?? DEFAULT_RATE_LIMIT).per_second}/s, burst ${(c.rateLimit ?? DEFAULT_RATE_LIMIT).burst} per access key`;
  console.log(`  rate limit:     ${limit}${c.workers > 1 && c.rateLimit !== false ? ` in each of the ${c.workers} workers` : ''}`);
  console.log(`  validator set:  ${b.state.validatorSetPath}   (pin this file to verify PSAs offline)`);
  if (local) {
    console.log(
      `  validators:     distributed — ${local.processes.validators.length} processes (pids ` +
        `${local.processes.validators.map((v) => v.pid).join(', ')}), deadline ${c.deadlineMs} ms, first wave ` +
        `${c.wave ?? 'threshold + 2'}, files in ${local.dir}`,
    );
    console.log(`  evidence:       GET ${url}/v1/validators/evidence`);
  } else {
    console.log(
      `  validators:     embedded (the 20 validator keys sign in ${c.workers > 1 ? 'each HTTP worker' : 'this process'}; ` +
        `--validators distributed runs one process each)`,
    );
  }
  console.log(`  OpenAPI:        ${url}/openapi.json`);
  if (b.logKey !== undefined) console.log(`  transparency log: ${url}/log/checkpoint   (log key: ${b.logKey})`);
  else console.warn('  WARNING: JIL_TRANSPARENCY_LOG=off — PSAs are NOT logged (benchmark setting)');
  if (b.stale !== '') {
    const dir = b.state.dir;
    console.warn(
      c.o.allowStaleLists
        ? `  WARNING: --allow-stale-lists (evaluation only): screening against stale lists WITHOUT flagging them: ${b.stale}`
        : [
            `  NOTE: the lists are stale (${b.stale}).`,
            '        Every verdict is at least `flag` (reason stale_list) until they are refreshed:',
            `          pnpm jil ingest --from-official${c.o.stateDir ? ` --state-dir ${dir}` : ''}   # downloads every list from ` +
              `its official source`,
            `          pnpm jil serve --snapshot ${join(dir, 'snapshot.json')}`,
            '        To evaluate against the bundled lists without flagging: pnpm jil serve --allow-stale-lists (never in production).',
          ].join('\n'),
    );
  }
}

/** Resolves on SIGINT or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** The options of `startService` every mode shares. */
function serviceOptions(c: ServeConfig): Parameters<typeof startService>[0] {
  return {
    stateDir: c.dir,
    dataDir: c.data,
    ...(c.suite === undefined ? {} : { suite: c.suite }),
    ...(c.o.snapshot === undefined ? {} : { snapshotFile: c.o.snapshot }),
    ...(c.o.allowStaleLists ? { listFreshness: false as const } : {}),
    ...(c.rateLimit === undefined ? {} : { rateLimit: c.rateLimit }),
    port: c.port,
    // In a container the API must listen beyond loopback (images/Dockerfile sets JIL_HOST=0.0.0.0).
    ...(process.env['JIL_HOST'] ? { host: process.env['JIL_HOST'] } : {}),
    ...(c.databaseUrl ? { databaseUrl: c.databaseUrl } : {}),
    logger: { level: process.env['JIL_LOG_LEVEL'] ?? 'info' },
    // Benchmarks only (scripts/bench-tlog.ts measures what the log costs): JIL_TRANSPARENCY_LOG=off issues PSAs unlogged.
    ...(process.env['JIL_TRANSPARENCY_LOG'] === 'off' ? { transparencyLog: false } : {}),
  };
}

/** One process: the HTTP server, the log integrator and (with `--event-bus`) the mesh (PGlite, or `--workers 1`). */
async function runSingle(c: ServeConfig): Promise<number> {
  let snapshotFile = c.o.snapshot;
  let local: LocalValidators | undefined;
  let distributed: DistributedValidatorsOptions | undefined;
  if (c.mode === 'distributed') {
    const state = ensureLocalState(c.dir, new Date(), c.suite === undefined ? {} : { suite: c.suite });
    if (snapshotFile === undefined) {
      snapshotFile = join(state.dir, 'distributed', 'snapshot.json');
      console.error('… snapshot');
      if (await ensureSnapshotFile(c.data, snapshotFile))
        console.error(`  wrote ${snapshotFile} (shared by the coordinator and every validator)`);
    }
    console.error(`… validators: starting ${state.validators.length} processes`);
    local = await startLocalValidators({ state, snapshotFile, listFreshness: c.o.allowStaleLists ? false : {} });
    distributed = {
      endpoints: local.processes.endpoints,
      coordinatorSecretKey: local.coordinatorSecretKey,
      deadlineMs: c.deadlineMs,
      ...(c.wave === undefined ? {} : { wave: c.wave }),
    };
  }
  let service: Awaited<ReturnType<typeof startService>>;
  try {
    service = await startService({
      ...serviceOptions(c),
      ...(snapshotFile === undefined ? {} : { snapshotFile }),
      ...(distributed ? { validators: distributed } : {}),
      ...(c.mesh
        ? {
            eventMesh: {
              bus: new KafkaEventBus({ brokers: c.mesh.brokers, clientId: c.mesh.nodeId }),
              nodeId: c.mesh.nodeId,
              onError: meshErrorLogger(),
            },
          }
        : {}),
      onProgress: (step) => console.error(`… ${step}`),
    });
  } catch (error) {
    await local?.processes.stopAll();
    throw error;
  }
  printBanner(c, {
    url: service.url,
    state: service.state,
    admin: service.admin,
    logKey: service.log?.verifierKey,
    stale: staleLists(service.engine),
    local,
    processes:
      `one (pid ${process.pid}: HTTP, log integrator${c.mesh ? ', event relay and consumer' : ''})` +
      `${c.databaseUrl ? '' : '; PGlite is single-process'}`,
  });
  await untilSignal();
  await service.close();
  await local?.processes.stopAll();
  return 0;
}

/**
 * A cluster worker: the HTTP server only. No migrations (the primary ran them), no log integrator (entries are
 * sequenced in the issuing transactions; the primary is told to integrate), no event mesh (its state comes from the
 * primary over IPC for /health: the consumer's progress lives in the primary's memory and on the broker, not in the
 * database).
 */
async function runWorker(c: ServeConfig): Promise<number> {
  const send = (m: WorkerMessage) => void process.send?.(m);
  let mesh: EventMeshHealth | undefined = c.mesh ? { node_id: c.mesh.nodeId, caught_up: false } : undefined;
  process.on('message', (m: PrimaryMessage) => {
    if (m?.type === 'jil:mesh') mesh = m.status;
  });
  let logPending = false;
  // The IPC channel keeps a worker alive: a worker that cannot start must let go of it to exit (the primary then stops).
  const service = await startService({
    ...serviceOptions(c),
    worker: {
      id: cluster.worker?.id ?? 0,
      // Coalesced: one message per turn of the event loop however many PSAs were logged in it.
      onLogPending: () => {
        if (logPending) return;
        logPending = true;
        setImmediate(() => {
          logPending = false;
          send({ type: 'jil:log-pending' });
        });
      },
      ...(mesh ? { eventMesh: () => mesh! } : {}),
    },
  }).catch((error: unknown) => {
    if (process.connected) cluster.worker?.disconnect();
    throw error;
  });
  send({ type: 'jil:ready', url: service.url, stale: staleLists(service.engine) });
  // Stop on a signal, or when the primary is gone (the IPC channel closed).
  await Promise.race([untilSignal(), new Promise<void>((resolve) => process.once('disconnect', () => resolve()))]);
  await service.close();
  if (process.connected) cluster.worker?.disconnect();
  return 0;
}

/**
 * The primary of a multi-worker node: starts what must be single per node (`startNodePrimary`: migrations, log
 * integrator, event mesh), forks the HTTP workers (node:cluster: one port, connections handed out round-robin by the
 * primary on every platform but Windows), prints the banner once every worker listens, restarts crashed workers, and
 * stops everything on SIGINT / SIGTERM.
 */
async function runPrimary(c: ServeConfig): Promise<number> {
  console.error(`… state, database, transparency log integrator${c.mesh ? ', event mesh' : ''}`);
  const node = await startNodePrimary({
    stateDir: c.dir,
    databaseUrl: c.databaseUrl!,
    ...(c.suite === undefined ? {} : { suite: c.suite }),
    ...(process.env['JIL_TRANSPARENCY_LOG'] === 'off' ? { transparencyLog: false } : {}),
    ...(c.mesh
      ? {
          eventMesh: {
            bus: new KafkaEventBus({ brokers: c.mesh.brokers, clientId: c.mesh.nodeId }),
            nodeId: c.mesh.nodeId,
            onError: meshErrorLogger(),
          },
        }
      : {}),
    onWitnessRefusal: (witness, code, reason) => console.warn(`  witness ${witness} refused a checkpoint: ${code} ${reason}`),
  });
  const tell = (w: Worker) => {
    if (node.mesh && w.isConnected()) w.send({ type: 'jil:mesh', status: node.mesh.status() } satisfies PrimaryMessage);
  };
  void node.mesh?.caughtUp.then(() => {
    for (const w of Object.values(cluster.workers ?? {})) if (w) tell(w);
  });
  let stopping = false;
  let failure: string | undefined;
  let wake!: () => void;
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  const fail = (why: string) => {
    failure ??= why;
    wake();
  };
  const ready = new Map<number, { url: string; stale: string }>();
  let started = false;
  let firstReady!: () => void;
  const allReady = new Promise<void>((resolve) => (firstReady = resolve));
  const restarts: number[] = [];
  const fork = (): Worker => {
    const w = cluster.fork({ [WORKER_ENV]: '1' });
    w.on('online', () => tell(w));
    w.on('message', (m: WorkerMessage) => {
      if (m?.type === 'jil:log-pending') node.log?.notify();
      else if (m?.type === 'jil:ready') {
        ready.set(w.id, { url: m.url, stale: m.stale });
        tell(w);
        if (!started && ready.size === c.workers) {
          started = true;
          firstReady();
        }
      }
    });
    return w;
  };
  cluster.on('exit', (w, code, signal) => {
    ready.delete(w.id);
    if (stopping) return;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!started) return fail(`an HTTP worker (pid ${w.process.pid}) exited during start-up (${how}); its output above says why`);
    if (w.exitedAfterDisconnect) {
      // Stopped on purpose (a signal sent to that worker alone): not restarted.
      console.error(`  worker ${w.id} (pid ${w.process.pid}) stopped (${how}); ${Object.keys(cluster.workers ?? {}).length} left`);
      if (Object.keys(cluster.workers ?? {}).length === 0) fail('every HTTP worker stopped');
      return;
    }
    const now = Date.now();
    while (restarts.length > 0 && restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= MAX_RESTARTS)
      return fail(`HTTP workers crashed ${MAX_RESTARTS + 1} times within ${RESTART_WINDOW_MS / 1000} s; stopping the node`);
    restarts.push(now);
    console.error(`  worker ${w.id} (pid ${w.process.pid}) crashed (${how}); restarting it`);
    fork();
  });
  for (let i = 0; i < c.workers; i++) fork();
  const signal = untilSignal().then(() => wake());
  await Promise.race([allReady, stopped]);
  if (started && failure === undefined) {
    const first = [...ready.values()][0]!;
    printBanner(c, {
      url: first.url,
      state: node.state,
      admin: node.admin,
      logKey: node.log?.verifierKey,
      stale: first.stale,
      processes: `primary pid ${process.pid} (migrations, log integrator${c.mesh ? ', event relay and consumer' : ''}) + \
${c.workers} HTTP workers behind one port (node:cluster; pids ${Object.values(cluster.workers ?? {})
        .map((w) => w?.process.pid)
        .join(', ')})`,
    });
    await stopped;
  }
  void signal;
  stopping = true;
  if (failure !== undefined) console.error(`error: ${failure}`);
  await stopWorkers();
  await node.close();
  return failure === undefined ? 0 : 1;
}

/** SIGTERM to every worker, then wait for them to exit (SIGKILL after 15 s). */
async function stopWorkers(): Promise<void> {
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          const kill = setTimeout(() => w.process.kill('SIGKILL'), 15_000);
          w.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          w.process.kill('SIGTERM');
        }),
    ),
  );
}
