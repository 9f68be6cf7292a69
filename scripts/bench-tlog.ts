import { cpus, platform, release } from 'node:os';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { benchTransfer, startBenchServer } from './benchServer.js';
import { base64Decode, signRequest, utf8ToBytes } from '@jil/core';
import { leafHash, parseCheckpoint, parseSignedNote, proveConsistency, proveInclusion } from '@jil/core/tlog';
import { appendToTiles, storedTileHashReader, type StoredTileReader } from '@jil/shell-preclearance/testing';

const { values } = parseArgs({
  options: { entries: { type: 'string' }, 'http-seconds': { type: 'string' }, concurrency: { type: 'string' } },
});
const ENTRIES = Number(values.entries ?? 1_000_000);
const HTTP_SECONDS = Number(values['http-seconds'] ?? 20);
const CONCURRENCY = Number(values.concurrency ?? 50);
const progress = (s: string) => process.stderr.write(`[bench-tlog] ${s}\n`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const f3 = (x: number) => x.toFixed(3);

async function proofSection(out: (s: string) => void): Promise<void> {
  progress(`building tiles for ${ENTRIES} entries`);
  const tiles = new Map<string, Uint8Array[]>();
  const read: StoredTileReader = async (level, index) => tiles.get(`${level}/${index}`) ?? null;
  const t0 = performance.now();
  for (let size = 0; size < ENTRIES; ) {
    const n = Math.min(10_000, ENTRIES - size);
    const leaves = Array.from({ length: n }, (_, i) => leafHash(utf8ToBytes(`psa entry ${size + i}`)));
    for (const t of await appendToTiles(read, size, leaves)) tiles.set(`${t.level}/${t.index}`, t.hashes);
    size += n;
  }
  const buildS = (performance.now() - t0) / 1000;
  const tileBytes = [...tiles.values()].reduce((a, h) => a + h.length * 32, 0);
  const reader = storedTileHashReader(read);
  const inclusion: number[] = [];
  const consistency: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const index = Math.floor(Math.random() * ENTRIES);
    let a = performance.now();
    await proveInclusion(index, ENTRIES, reader);
    inclusion.push(performance.now() - a);
    const old = 1 + Math.floor(Math.random() * (ENTRIES - 1));
    a = performance.now();
    await proveConsistency(old, ENTRIES, reader);
    consistency.push(performance.now() - a);
  }
  out(
    `| tiles for ${ENTRIES.toLocaleString('en')} entries, built with the server's appendToTiles (leaf hashing included) | ` +
      `${buildS.toFixed(1)} s (${Math.round(ENTRIES / buildS).toLocaleString('en')} entries/s) | — |`,
  );
  out(
    `| inclusion proof at ${ENTRIES.toLocaleString('en')} entries (tiles in memory), n=1000 | p50 ${f3(pct(inclusion, 50))} ms, ` +
      `p99 ${f3(pct(inclusion, 99))} ms | ≤ 5 ms |`,
  );
  out(
    `| consistency proof to ${ENTRIES.toLocaleString('en')} entries from a random older size, n=1000 | p50 ` +
      `${f3(pct(consistency, 50))} ms, p99 ${f3(pct(consistency, 99))} ms | ≤ 5 ms |`,
  );
  out(
    `| hash-tile storage | ${(tileBytes / ENTRIES).toFixed(2)} B per entry (${tiles.size.toLocaleString('en')} tiles, ` +
      `${(tileBytes / 2 ** 20).toFixed(1)} MiB) | — |`,
  );
}

const transfer = (i: number) => benchTransfer(i, 'bench-tlog');

interface LoadResult {
  ok: number;
  errors: number;
  seconds: number;
  /** response → first checkpoint covering the entry, ms (with the log only). */
  toProof: number[];
  integratedPerSecond: number;
  entryBytes: number;
}

async function load(withLog: boolean): Promise<LoadResult> {
  const server = await startBenchServer(withLog ? {} : { JIL_TRANSPARENCY_LOG: 'off' });
  const creds = server.credentials;
  const secret = base64Decode(creds.secret);
  const pool = new Pool(server.base, { connections: CONCURRENCY + 1 });
  const issued = new Map<number, number>(); // log index → response time
  const toProof: number[] = [];
  const sizes: { t: number; size: number }[] = [];
  let ok = 0;
  let errors = 0;
  let seq = 0;
  const warmEnd = performance.now() + 3000;
  const end = warmEnd + HTTP_SECONDS * 1000;
  // The same 20 Hz poll in both runs, so the comparison is fair: /log/checkpoint with the log, /health without.
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const res = await pool.request({ method: 'GET', path: withLog ? '/log/checkpoint' : '/health' });
      const text = await res.body.text();
      if (!withLog) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const size = parseCheckpoint(parseSignedNote(text).text).treeSize;
      const t = performance.now();
      sizes.push({ t, size });
      for (const [index, at] of issued)
        if (index < size) {
          toProof.push(t - at);
          issued.delete(index);
        }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const body = JSON.stringify(transfer(seq++));
        const headers = {
          ...signRequest({
            method: 'POST',
            url: '/v1/preclearance/validate',
            body,
            accessKeyId: creds.access_key_id,
            secret,
            now: new Date(),
          }),
          'content-type': 'application/json',
        };
        const res = await pool.request({ method: 'POST', path: '/v1/preclearance/validate', headers, body });
        const json = (await res.body.json()) as { log_index?: number | null };
        const t = performance.now();
        if (t < warmEnd) continue;
        if (res.statusCode !== 201) errors++;
        else ok++;
        if (withLog && typeof json.log_index === 'number' && t < end) issued.set(json.log_index, t);
      }
    }),
  );
  const drainUntil = performance.now() + 5000;
  while (withLog && issued.size > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));
  polling = false;
  await poller;
  let entryBytes = 0;
  if (withLog) {
    const res = await pool.request({ method: 'GET', path: '/log/tile/entries/000' });
    const bundle = new Uint8Array(await res.body.arrayBuffer());
    entryBytes = bundle.length / 256 - 2;
  }
  await pool.close();
  await server.stop();
  const inWindow = sizes.filter((s) => s.t >= warmEnd && s.t <= end);
  const first = inWindow[0];
  const last = inWindow[inWindow.length - 1];
  const integratedPerSecond = first && last && last.t > first.t ? ((last.size - first.size) * 1000) / (last.t - first.t) : 0;
  return { ok, errors, seconds: HTTP_SECONDS, toProof, integratedPerSecond, entryBytes };
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const out = (s = '') => lines.push(s);
  out(
    `Measured ${new Date().toISOString().slice(0, 10)} with \`pnpm bench --only tlog\` (scripts/bench-tlog.ts) on ${cpus().length}` +
      ` × ${cpus()[0]?.model ?? '?'}, ${platform()} ${release()}, Node ${process.version}.`,
  );
  out('');
  out('| what | figure | target (issue 10) |');
  out('|---|---|---|');
  await proofSection(out);
  progress('HTTP with the log');
  const on = await load(true);
  progress('HTTP without the log');
  const off = await load(false);
  const rate = (r: LoadResult) => r.ok / r.seconds;
  out(
    `| HTTP validate, ${CONCURRENCY} clients, ${HTTP_SECONDS} s, PGlite, server in its own process: with the log | ` +
      `${rate(on).toFixed(0)} req/s, ${on.errors} errors | — |`,
  );
  out(`| … the same run with JIL_TRANSPARENCY_LOG=off | ${rate(off).toFixed(0)} req/s, ${off.errors} errors | — |`);
  out(`| … what logging costs in validate throughput | ${(100 * (1 - rate(on) / rate(off))).toFixed(1)} % | ≤ 10 % |`);
  out(
    `| entries integrated per second (a checkpoint every 500 ms, witnessed by 20 validators) ` +
      `| ${on.integratedPerSecond.toFixed(0)} /s | — |`,
  );
  out(
    `| validate response → first checkpoint that includes the entry (proof available), n=${on.toProof.length} | p50 ` +
      `${pct(on.toProof, 50).toFixed(0)} ms, p99 ${pct(on.toProof, 99).toFixed(0)} ms | ≤ 2 s |`,
  );
  out(`| log entry (RFC 8785 DSSE envelope, 14 Ed25519 signatures) | ${on.entryBytes.toFixed(0)} B per entry | — |`);
  out('');
  const cost = 100 * (1 - rate(on) / rate(off));
  if (cost > 10) {
    out(
      `The ≤ 10 % target is not met on PGlite in this run (${cost.toFixed(1)} %). PGlite runs every statement on the server's one ` +
        `thread, so what logging adds is paid in line: the sequencing statement that stores the envelope (RFC 8785 text) and its ` +
        `leaf hash inside the PSA's transaction, and every 500 ms an integration transaction (tiles, checkpoint, 20 witness ` +
        `cosignatures). Entries are stored as text because PGlite is markedly slower storing the same bytes as bytea (hex-encoded ` +
        `parameters); the PSA row still stores the same envelope as jsonb, a duplicate a later change can remove.`,
    );
    out('');
  }
  out(
    'Proofs are generated from hash tiles: one inclusion proof reads at most one tile per tree level (4 at 1M entries), so the ' +
      'cost is hashing inside the tiles, not storage; full tiles are cached (immutable). Integration is batched: a checkpoint ' +
      'covers every entry sequenced since the last one, so the integrated rate follows the issue rate, and the p99 to proof is ' +
      "about one integration period plus the witnesses' 20 cosignatures.",
  );
  console.log(lines.join('\n'));
}

await main();
