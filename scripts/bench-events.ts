/**
 * Event mesh benchmark (issue 11): events per second end to end — a change commits with its outbox row on node A, A's
 * relay publishes it to Kafka, node B's consumer applies it in its own PostgreSQL database — and the replication lag
 * under that load (from the commit on A, `event.timestamp`, to the commit of B's apply transaction).
 *
 * Needs a real broker and PostgreSQL: JIL_BENCH_KAFKA (host:port, e.g. the broker of `.ci/start-kafka.sh`) and
 * JIL_BENCH_DATABASE_URL (a PostgreSQL server where this script may create and drop two databases). Prints a markdown
 * section on stdout (scripts/bench.ts `--only events` writes it to docs/benchmarks.md).
 *
 * Load: like `POST /v1/preclearance/validate`, each unit of work is one issued PSA (a `psas` row with a 14-signature
 * envelope, ≈ 4 KB) and one risk-history row, written in one transaction on A, so two events per unit. The writer
 * offers `--rate` events/s in 20 ms ticks for `--seconds`; the figures are what B applied, measured at B.
 *
 * Then capacity: `--backlog` events committed on A with its relay stopped, relayed and applied as fast as the mesh goes.
 *
 * Flags: --seconds N (default 20), --rate N events/s offered (default 6000), --warmup N seconds not measured (default 3),
 *   --backlog N events (default 40000).
 */
import { parseArgs } from 'node:util';
import { cpus, totalmem } from 'node:os';
import { randomUUID } from 'node:crypto';
import { fork } from 'node:child_process';
import { openPostgres, type Db } from '@jil/server-kit';
import { KafkaEventBus, migratePreclearance, startEventMesh, type RunningEventMesh } from '@jil/shell-preclearance';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string' },
    rate: { type: 'string' },
    warmup: { type: 'string' },
    backlog: { type: 'string' },
    role: { type: 'string' },
    tag: { type: 'string' },
  },
});
const SECONDS = Number(values.seconds ?? 20);
const RATE = Number(values.rate ?? 6000);
const WARMUP = Number(values.warmup ?? 3);
const BACKLOG = Number(values.backlog ?? 40_000);
const KAFKA = process.env['JIL_BENCH_KAFKA'];
const DATABASE_URL = process.env['JIL_BENCH_DATABASE_URL'];
if (!KAFKA || !DATABASE_URL) {
  console.error('bench-events: set JIL_BENCH_KAFKA (host:port of a Kafka broker) and JIL_BENCH_DATABASE_URL (PostgreSQL)');
  process.exit(2);
}

const tag = values.tag ?? randomUUID().slice(0, 8);
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

interface Node {
  id: string;
  name: string;
  db: Db;
  bus: KafkaEventBus;
  mesh?: RunningEventMesh;
}

async function openNode(label: string): Promise<Node> {
  const name = `jil_bench_events_${label}_${tag}`;
  const admin = await openPostgres(DATABASE_URL!);
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = new URL(DATABASE_URL!);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  await migratePreclearance(db);
  const id = `bench-${label}-${tag}`;
  return { id, name, db, bus: new KafkaEventBus({ brokers: [KAFKA!], clientId: id, topicPrefix: `bench${tag}.` }) };
}

async function closeNode(node: Node): Promise<void> {
  await node.mesh?.stop();
  await node.bus.close();
  await node.db.close();
  const admin = await openPostgres(DATABASE_URL!);
  await admin.exec(`DROP DATABASE IF EXISTS ${node.name}`);
  await admin.close();
}

// A PSA envelope of realistic size: a base64 payload of ≈ 1.7 KB and 14 Ed25519 signatures.
const ENVELOPE = {
  payload: Buffer.alloc(1300, 7).toString('base64'),
  payloadType: 'application/vnd.jil.psa+json',
  signatures: Array.from({ length: 14 }, (_, i) => ({
    keyid: `ed25519:${'ab'.repeat(32)}-${i}`,
    sig: Buffer.alloc(64, i).toString('base64'),
  })),
};

/**
 * Writes `units` PSAs (two events each) on `db` in one transaction: as many concurrent validate requests would, but
 * cheaply enough that the writer is not what is measured. The outbox triggers still fire once per row.
 */
async function writeUnits(db: Db, units: number, offset: number): Promise<void> {
  const now = new Date();
  const ids = Array.from({ length: units }, (_, i) => offset + i);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO psas (psa_id, transit_id, custodian_id, verdict, issued_at, expires_at, envelope, body_sha256, request_sha256)
       SELECT gen_random_uuid(), 'bench-${tag}-' || i, 'bench-custodian', 'pass', $2, $3, $4::text::jsonb, $5, NULL FROM \
unnest($1::int[]) AS i`,
      [ids, now, new Date(now.getTime() + 60_000), JSON.stringify(ENVELOPE), 'cd'.repeat(32)],
    );
    await tx.query(
      `INSERT INTO transfer_history (sender_id, destination, amount_usd_cents, at_ms)
       SELECT 'acct-' || (i % 100), '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664', 525000, $2 FROM unnest($1::int[]) AS i`,
      [ids, String(now.getTime())],
    );
  });
}

/** Messages from node B's process: what it applied, with each event's lag (ms) while measuring. */
type FromB = { type: 'ready' } | { type: 'applied'; count: number; lags: number[]; at: number };

if (values.role === 'b') {
  // Node B in a process of its own, as on a real second node: applies A's events and reports every 50 ms.
  const b = await openNode('b');
  let count = 0;
  let lags: number[] = [];
  let measuring = false;
  process.on('message', (m: { type: string }) => {
    if (m.type === 'measure') measuring = true;
    if (m.type === 'unmeasure') measuring = false;
    if (m.type === 'stop') void closeNode(b).then(() => process.exit(0));
  });
  b.mesh = await startEventMesh({
    db: b.db,
    bus: b.bus,
    sourceId: b.id,
    onError: (e) => console.error('[b]', e),
    onOutcome: (outcome, _record, event) => {
      if (outcome !== 'applied' || event === undefined) return;
      count += 1;
      if (measuring) lags.push(Date.now() - Date.parse(event.timestamp));
    },
  });
  setInterval(() => {
    process.send!({ type: 'applied', count, lags, at: Date.now() } satisfies FromB);
    lags = [];
  }, 50);
  process.send!({ type: 'ready' } satisfies FromB);
} else {
  await main();
}

async function main(): Promise<void> {
  const a = await openNode('a');
  const child = fork(process.argv[1]!, ['--role', 'b', '--tag', tag], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const lags: number[] = [];
  let applied = 0;
  let lastApplied = 0;
  let ready!: () => void;
  const bReady = new Promise<void>((resolve) => (ready = resolve));
  child.on('message', (m: FromB) => {
    if (m.type === 'ready') ready();
    if (m.type !== 'applied') return;
    if (m.count > applied) lastApplied = m.at;
    applied = m.count;
    lags.push(...m.lags);
  });
  const waitApplied = async (target: number, what: string): Promise<void> => {
    const from = Date.now();
    while (applied < target) {
      await new Promise((r) => setTimeout(r, 20));
      if (Date.now() - from > 600_000) throw new Error(`B applied ${applied} of ${target} events (${what}) within 10 minutes`);
    }
  };
  try {
    a.mesh = await startEventMesh({ db: a.db, bus: a.bus, sourceId: a.id, onError: (e) => console.error('[a]', e) });
    await bReady;
    // Phase 1, lag under load: RATE events/s offered (RATE/2 units) in 20 ms ticks; the writer falls behind when it
    // cannot keep up.
    const unitsPerTick = Math.max(1, Math.round(RATE / 2 / 50));
    const start = Date.now();
    const stopAt = start + (WARMUP + SECONDS) * 1000;
    let written = 0;
    let measuredFrom = 0;
    let appliedBefore = 0;
    while (Date.now() < stopAt) {
      if (measuredFrom === 0 && Date.now() >= start + WARMUP * 1000) {
        measuredFrom = Date.now();
        appliedBefore = applied;
        child.send({ type: 'measure' });
      }
      const tickEnd = Date.now() + 20;
      await writeUnits(a.db, unitsPerTick, written);
      written += unitsPerTick;
      const wait = tickEnd - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const writtenEvents = written * 2;
    const offeredSeconds = (Date.now() - start) / 1000;
    await waitApplied(writtenEvents, 'load');
    child.send({ type: 'unmeasure' });
    const rate = (applied - appliedBefore) / ((lastApplied - measuredFrom) / 1000);
    // Phase 2, capacity: a backlog of BACKLOG events committed on A while its relay is stopped, then relayed and
    // applied as fast as the mesh goes (outbox → Kafka → B's apply commit).
    await a.mesh.relay.stop();
    for (let done = 0; done < BACKLOG / 2; done += 500) await writeUnits(a.db, Math.min(500, BACKLOG / 2 - done), written + done);
    const drainFrom = Date.now();
    a.mesh.relay.start();
    await waitApplied(writtenEvents + BACKLOG, 'backlog');
    const drainRate = BACKLOG / ((lastApplied - drainFrom) / 1000);
    lags.sort((x, y) => x - y);
    console.log(
      `Measured ${new Date().toISOString().slice(0, 10)} with \`JIL_BENCH_KAFKA=127.0.0.1:19092 ` +
        `JIL_BENCH_DATABASE_URL=postgres://…/postgres pnpm bench --only events\` (the servers of .ci/start-kafka.sh and ` +
        `.ci/start-postgres.sh), Node ${process.version}. Two nodes, each a process with its own database on one PostgreSQL 15: A ` +
        `writes (and relays), B applies; one Kafka 4.1.1 broker (KRaft, single node, 3 partitions per topic); everything on this ` +
        `machine (${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB). Each PSA is ` +
        `two events (\`psas\` with a ≈ 4 KB envelope, \`transfer_history\`). Under load: ${RATE} events/s offered for ${SECONDS} ` +
        `s after ${WARMUP} s of warm-up (A wrote ${(writtenEvents / offeredSeconds).toFixed(0)} events/s, one transaction per 20 ` +
        `ms tick). Capacity: ${BACKLOG} events committed on A with its relay stopped, then relayed and applied.`,
    );
    console.log('');
    console.log('| measure | value |');
    console.log('|---|---|');
    console.log(`| capacity: events/s relayed from A's outbox and applied on B | **${drainRate.toFixed(0)}** |`);
    console.log(`| under load: events/s applied on B (after warm-up) | ${rate.toFixed(0)} (${lags.length} events) |`);
    console.log(`| under load: replication lag p50 (A's commit → B's apply commit) | ${pct(lags, 50).toFixed(0)} ms |`);
    console.log(`| under load: replication lag p99 | ${pct(lags, 99).toFixed(0)} ms |`);
    console.log(`| under load: replication lag max | ${lags[lags.length - 1]?.toFixed(0)} ms |`);
    console.log('');
    console.log(
      `Targets (issue 11): ≥ 5,000 events/s applied — ${drainRate >= 5000 ? 'met' : 'not met'}; lag p99 ≤ 1 s under load — ` +
        `${pct(lags, 99) <= 1000 ? 'met' : 'not met'}${
          rate < RATE * 0.95 ? ` (A did not reach the offered ${RATE} events/s beside everything else on the two cores)` : ''
        }. PostgreSQL, the broker and both nodes share the two cores.`,
    );
  } finally {
    child.send({ type: 'stop' });
    await new Promise((resolve) => child.once('exit', resolve));
    await closeNode(a);
  }
}
