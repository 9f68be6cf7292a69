import { datasetFreshness } from '@jil/psa';
import { startService } from '@jil/shell-preclearance';
import { DATA_HELP, dataDir, stateDir } from '../paths.js';

/** `jil serve [--port N]`: run the HTTP API until interrupted; prints where the credentials and validator set are. */
export async function runServe(o: { dataDir: string | undefined; stateDir: string | undefined; port: string | undefined; snapshot?: string | undefined; allowStaleLists?: boolean | undefined }): Promise<number> {
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
  const service = await startService({
    stateDir: stateDir(o.stateDir),
    dataDir: data.dir,
    ...(o.snapshot === undefined ? {} : { snapshotFile: o.snapshot }),
    ...(o.allowStaleLists ? { listFreshness: false as const } : {}),
    port,
    ...(process.env['DATABASE_URL'] ? { databaseUrl: process.env['DATABASE_URL'] } : {}),
    logger: { level: process.env['JIL_LOG_LEVEL'] ?? 'info' },
    // Benchmarks only (scripts/bench-tlog.ts measures what the log costs): JIL_TRANSPARENCY_LOG=off issues PSAs unlogged.
    ...(process.env['JIL_TRANSPARENCY_LOG'] === 'off' ? { transparencyLog: false } : {}),
    onProgress: (step) => console.error(`… ${step}`),
  });
  console.log(`JIL pre-clearance API listening on ${service.url}`);
  console.log(`  storage:        ${process.env['DATABASE_URL'] ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${service.state.dir}/pglite`}`);
  console.log(`  credentials:    ${service.state.credentialsPath}   (access_key_id + secret for HMAC auth)`);
  console.log(`  validator set:  ${service.state.validatorSetPath}   (pin this file to verify PSAs offline)`);
  console.log(`  OpenAPI:        ${service.url}/openapi.json`);
  if (service.log) console.log(`  transparency log: ${service.url}/log/checkpoint   (log key: ${service.log.verifierKey})`);
  else console.warn('  WARNING: JIL_TRANSPARENCY_LOG=off — PSAs are NOT logged (benchmark setting)');
  const stale = datasetFreshness(service.engine.snapshot.datasets, new Date(), service.engine.listFreshness ?? {}).filter((d) => d.stale);
  if (stale.length > 0) {
    const list = stale.map((d) => `${d.name} (${d.source_date}, ${d.age_days} d > ${d.max_age_days} d)`).join(', ');
    console.warn(o.allowStaleLists
      ? `  WARNING: --allow-stale-lists: screening against stale lists WITHOUT flagging: ${list}`
      : `  WARNING: stale lists, every screening that reads them is flagged (stale_list): ${list}. Refresh with \`jil ingest --from-official\`.`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await service.close();
  return 0;
}
