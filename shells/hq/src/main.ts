/**
 * `hq` command line: `init`, `serve`, `audit-check`.
 *   tsx --conditions=jil-source shells/hq/src/main.ts init --approver alice=<base64 Ed25519 public key> …
 *   tsx --conditions=jil-source shells/hq/src/main.ts serve         (JIL_HQ_PORT, JIL_HQ_HOST, JIL_HQ_DATABASE_URL, JIL_HQ_LOG_LEVEL,
 *                                                                    JIL_HQ_TLS_CERT_FILE + JIL_HQ_TLS_KEY_FILE: mutual TLS only)
 *   tsx --conditions=jil-source shells/hq/src/main.ts audit-check   exit 1 and the first edited row when tampered
 * State: JIL_HQ_STATE_DIR (default .jil/hq): signing seed, CA, admin token, fleet-trust.json (copy it to agents).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { base64Decode, createSigner, isJilError } from '@jil/core';
import { verifyAuditChain } from '@jil/fleet';
import { initHqState, loadHqState } from './bootstrap/hqState.js';
import { startHq } from './bootstrap/startHq.js';
import { createHqStore } from './storage/HqStore.js';
import { migrateHq } from './storage/hqMigrations.js';
import { openDatabase } from '@jil/server-kit';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { approver: { type: 'string', multiple: true } } });
const stateDir = process.env['JIL_HQ_STATE_DIR'] ?? '.jil/hq';
const databaseUrl = process.env['JIL_HQ_DATABASE_URL'];

async function main(): Promise<number> {
  const command = positionals[0] ?? 'serve';
  if (command === 'init') {
    const approvers = (values.approver ?? []).map((a) => {
      const eq = a.indexOf('=');
      return { approverId: a.slice(0, eq), publicKey: base64Decode(a.slice(eq + 1)) };
    });
    const state = await initHqState(stateDir, approvers, new Date());
    console.log(`HQ state in ${stateDir}; pin ${state.trustPolicyPath} on every agent; admin token in ${join(stateDir, 'admin-token')}`);
    return 0;
  }
  const state = await loadHqState(stateDir, process.env['JIL_HQ_TRUST_POLICY']);
  const db = await openDatabase({ databaseUrl, dataDir: join(stateDir, 'pglite') });
  if (command === 'audit-check') {
    await migrateHq(db);
    const rows = await createHqStore(db, createSigner(state.signingSeed)).audit.list();
    const result = verifyAuditChain(rows, { publicKeys: state.trust.hq });
    await db.close();
    if (result.valid) {
      console.log(`audit log intact: ${result.length} rows, head ${result.head.seq} ${result.head.hash}`);
      return 0;
    }
    console.error(`audit log TAMPERED: row ${result.seq} (${result.reason}: ${result.message})`);
    return 1;
  }
  if (command !== 'serve') throw new Error(`unknown command ${command}`);
  // mutual TLS (docs/operations.md §Mutual TLS): HQ's certificate, issued by its CA for the name agents use
  const tlsCert = process.env['JIL_HQ_TLS_CERT_FILE'];
  const tlsKey = process.env['JIL_HQ_TLS_KEY_FILE'];
  if ((tlsCert === undefined) !== (tlsKey === undefined))
    throw new Error('set both JIL_HQ_TLS_CERT_FILE and JIL_HQ_TLS_KEY_FILE, or neither');
  const tls =
    tlsCert !== undefined && tlsKey !== undefined
      ? { certificatePem: readFileSync(tlsCert, 'utf8'), privateKeyPem: readFileSync(tlsKey, 'utf8') }
      : undefined;
  const hq = await startHq({
    db,
    signingSeed: state.signingSeed,
    trust: state.trust,
    ca: state.ca,
    adminToken: state.adminToken,
    host: process.env['JIL_HQ_HOST'] ?? '127.0.0.1',
    port: Number(process.env['JIL_HQ_PORT'] ?? 7400),
    logger: { level: process.env['JIL_HQ_LOG_LEVEL'] ?? 'info' },
    ...(tls === undefined ? {} : { tls }),
  });
  console.log(`HQ listening on ${hq.url} (dashboard ${hq.url}/dashboard)`);
  const stop = async (): Promise<void> => {
    await hq.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(isJilError(error) ? `${error.code}: ${error.message}` : error);
    process.exitCode = 1;
  },
);
