import { join } from 'node:path';
import { datasetFreshness } from '@jil/psa';
import { DEFAULT_RATE_LIMIT, ensureLocalState, startService, type DistributedValidatorsOptions } from '@jil/shell-preclearance';
import { DATA_HELP, dataDir, stateDir } from '../paths.js';
import { ensureSnapshotFile } from '../distributed/ensureSnapshotFile.js';
import { startLocalValidators, type LocalValidators } from '../distributed/startLocalValidators.js';

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
}

/**
 * `jil serve [--port N] [--validators embedded|distributed] [--suite ed25519|hybrid] [--validator-wave N|all]`: run the HTTP API until interrupted; prints where the
 * credentials and validator set are. With `--validators distributed` it first starts one validator OS process per
 * validator of `.jil/validators.json` (keys, configs and coordinator key under `.jil/distributed/`, created at first
 * run, mode 0600), all loading one snapshot file (`--snapshot`, or `.jil/distributed/snapshot.json` written once), then
 * the coordinator; SIGINT / SIGTERM stops the coordinator and its validators.
 */
export async function runServe(o: RunServeOptions): Promise<number> {
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
  const rateLimit = rateText === 'off' ? (false as const) : rateMatch ? { per_second: Number(rateMatch[1]), burst: Number(rateMatch[2]) } : undefined;
  const dir = stateDir(o.stateDir);
  let snapshotFile = o.snapshot;
  let local: LocalValidators | undefined;
  let distributed: DistributedValidatorsOptions | undefined;
  if (mode === 'distributed') {
    const state = ensureLocalState(dir, new Date(), suite === undefined ? {} : { suite });
    if (snapshotFile === undefined) {
      snapshotFile = join(state.dir, 'distributed', 'snapshot.json');
      console.error('… snapshot');
      if (await ensureSnapshotFile(data.dir, snapshotFile)) console.error(`  wrote ${snapshotFile} (shared by the coordinator and every validator)`);
    }
    console.error(`… validators: starting ${state.validators.length} processes`);
    local = await startLocalValidators({ state, snapshotFile, listFreshness: o.allowStaleLists ? false : {} });
    distributed = { endpoints: local.processes.endpoints, coordinatorSecretKey: local.coordinatorSecretKey, deadlineMs, ...(wave === undefined ? {} : { wave }) };
  }
  let service: Awaited<ReturnType<typeof startService>>;
  try {
    service = await startService({
      stateDir: dir,
      dataDir: data.dir,
      ...(suite === undefined ? {} : { suite }),
      ...(snapshotFile === undefined ? {} : { snapshotFile }),
      ...(o.allowStaleLists ? { listFreshness: false as const } : {}),
      ...(rateLimit === undefined ? {} : { rateLimit }),
      port,
      ...(process.env['DATABASE_URL'] ? { databaseUrl: process.env['DATABASE_URL'] } : {}),
      logger: { level: process.env['JIL_LOG_LEVEL'] ?? 'info' },
      // Benchmarks only (scripts/bench-tlog.ts measures what the log costs): JIL_TRANSPARENCY_LOG=off issues PSAs unlogged.
      ...(process.env['JIL_TRANSPARENCY_LOG'] === 'off' ? { transparencyLog: false } : {}),
      ...(distributed ? { validators: distributed } : {}),
      onProgress: (step) => console.error(`… ${step}`),
    });
  } catch (error) {
    await local?.processes.stopAll();
    throw error;
  }
  console.log(`JIL pre-clearance API listening on ${service.url}`);
  console.log(`  storage:        ${process.env['DATABASE_URL'] ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${service.state.dir}/pglite`}`);
  console.log(`  credentials:    ${service.state.credentialsPath}   (access_key_id + secret for HMAC auth; the secret is base64: decode it before signing)`);
  console.log(`  admin API:      ${service.url}/admin/v1/access-keys   (Authorization: Bearer <token from ${service.admin.adminTokenSource}>; or \`pnpm jil keys --url ${service.url} …\`)`);
  console.log(`  secrets at rest: sealed under the key-encryption key from ${service.admin.kekSource}`);
  console.log(`  rate limit:     ${rateLimit === false ? 'off' : `${(rateLimit ?? DEFAULT_RATE_LIMIT).per_second}/s, burst ${(rateLimit ?? DEFAULT_RATE_LIMIT).burst} per access key`}`);
  console.log(`  validator set:  ${service.state.validatorSetPath}   (pin this file to verify PSAs offline)`);
  if (local) {
    console.log(`  validators:     distributed — ${local.processes.validators.length} processes (pids ${local.processes.validators.map((v) => v.pid).join(', ')}), deadline ${deadlineMs} ms, first wave ${wave ?? 'threshold + 2'}, files in ${local.dir}`);
    console.log(`  evidence:       GET ${service.url}/v1/validators/evidence`);
  } else {
    console.log('  validators:     embedded (the 20 validator keys sign in this process; --validators distributed runs one process each)');
  }
  console.log(`  OpenAPI:        ${service.url}/openapi.json`);
  if (service.log) console.log(`  transparency log: ${service.url}/log/checkpoint   (log key: ${service.log.verifierKey})`);
  else console.warn('  WARNING: JIL_TRANSPARENCY_LOG=off — PSAs are NOT logged (benchmark setting)');
  const stale = datasetFreshness(service.engine.snapshot.datasets, new Date(), service.engine.listFreshness ?? {}).filter((d) => d.stale);
  if (stale.length > 0) {
    const list = stale.map((d) => `${d.name} (${d.source_date}, ${d.age_days} d > ${d.max_age_days} d)`).join(', ');
    console.warn(o.allowStaleLists
      ? `  WARNING: --allow-stale-lists (evaluation only): screening against stale lists WITHOUT flagging them: ${list}`
      : [
          `  NOTE: the lists are stale (${list}).`,
          '        Every verdict is at least `flag` (reason stale_list) until they are refreshed:',
          `          pnpm jil ingest --from-official${o.stateDir ? ` --state-dir ${dir}` : ''}   # downloads every list from its official source`,
          `          pnpm jil serve --snapshot ${join(dir, 'snapshot.json')}`,
          '        To evaluate against the bundled lists without flagging: pnpm jil serve --allow-stale-lists (never in production).',
        ].join('\n'));
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await service.close();
  await local?.processes.stopAll();
  return 0;
}
