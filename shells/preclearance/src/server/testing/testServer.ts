import { request as httpRequest } from 'node:http';
import { base64Encode, signRequest } from '@jil/core';
import { emptySnapshot, postgresSchemaHarness } from '@jil/testkit';
import {
  createPreclearanceEngine,
  generateEmbeddedValidators,
  signValidatorSet,
  validatorSetFor,
  verifyValidatorSet,
  type Snapshot,
} from '@jil/psa';
import { openPglite, openPostgres, type Db } from '@jil/server-kit';
import { migratePreclearance } from '../../storage/migratePreclearance.js';
import { AccessKeyRepository } from '../../storage/AccessKeyRepository.js';
import { PgRiskHistoryStore } from '../../storage/PgRiskHistoryStore.js';
import { ClearanceRepository } from '../../storage/ClearanceRepository.js';
import { createServer, type PreclearanceServerOptions } from '../createServer.js';

/** The engines a test runs on: PGlite always, PostgreSQL when `JIL_TEST_DATABASE_URL` is set (.ci/run starts one). */
export const ENGINES: readonly { name: 'pglite' | 'postgres'; open: () => Promise<{ db: Db; dispose: () => Promise<void> }> }[] = [
  {
    name: 'pglite',
    open: async () => {
      const db = await openPglite();
      return { db, dispose: () => db.close() };
    },
  },
  ...(process.env['JIL_TEST_DATABASE_URL']
    ? [
        {
          name: 'postgres' as const,
          open: async () => {
            const h = postgresSchemaHarness(openPostgres, process.env['JIL_TEST_DATABASE_URL'] ?? '', 'jil_http');
            const db = await h.open();
            return { db, dispose: () => h.dispose(db) };
          },
        },
      ]
    : []),
];

/** One invented sanctions entry (not a real designation) for the clearance routes. */
export const TEST_SNAPSHOT: Snapshot = {
  ...emptySnapshot(),
  sanctions: [
    {
      list: 'test-list',
      entry_id: 'T-1',
      schema: 'Person',
      names: [{ name: 'PETROV, Ivan Sergeyevich', kind: 'primary' }],
      programs: ['TEST'],
      countries: [],
      birth_dates: [],
      list_date: '2026-11-01',
      provenance: { dataset: 'test-list', file: 'test.csv', row: 2 },
    },
  ],
};

/** A transfer request for custodian `cust-a` with a fresh `transit_id`. */
export const testTransfer = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  transit_id: `t-${Math.random().toString(36).slice(2)}`,
  chain_id: 'eip155:1',
  asset: 'ETH',
  amount: '1.25',
  amount_usd: '4375.00',
  source_address: '0x0519035923133db8356bb16018454ebc751e4348',
  destination_address: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664',
  sender: { id: 's-1' },
  receiver: { id: 'r-1' },
  custodian_id: 'cust-a',
  ...over,
});

/** A raw HTTP answer. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

/** A running test server on loopback with access key `AKTEST0001` for `cust-a`. */
export interface TestServer {
  base: string;
  db: Db;
  secret: Uint8Array;
  keyId: string;
  /** Send any method (TRACE included) with node:http; signs with the test key unless `sign: false`. */
  call(
    method: string,
    path: string,
    body?: string,
    o?: { headers?: Record<string, string>; sign?: boolean; key?: string; secret?: Uint8Array },
  ): Promise<RawAnswer>;
  close(): Promise<void>;
}

/**
 * Start `createServer` on a fresh database of `engine` (migrated), with one access key for `cust-a`.
 * @param engine - from {@link ENGINES}.
 * @param extra - more server options (admin token, rate limits, …).
 * @param o - `suite`: the validators' signature suite (default `ed25519`; `hybrid` = composite ML-DSA-65 + Ed25519).
 */
export async function startTestServer(
  engine: (typeof ENGINES)[number],
  extra: Partial<PreclearanceServerOptions> = {},
  o: { suite?: 'ed25519' | 'hybrid' } = {},
): Promise<TestServer> {
  const { db, dispose } = await engine.open();
  await migratePreclearance(db);
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const keyId = 'AKTEST0001';
  await new AccessKeyRepository(db).create({ access_key_id: keyId, secret_b64: base64Encode(secret), label: 'cust-a' });
  const suite = o.suite ?? 'ed25519';
  const validators = generateEmbeddedValidators(20, { suite });
  const now = new Date();
  const set = validatorSetFor({
    validators,
    setId: 'http-test',
    validFrom: new Date(now.getTime() - 60_000),
    validUntil: new Date(now.getTime() + 86_400_000),
    suite,
  });
  const signedSet = signValidatorSet(set, validators);
  const engineImpl = createPreclearanceEngine({
    snapshot: TEST_SNAPSHOT,
    validatorSet: verifyValidatorSet(signedSet, { now }),
    validators,
    riskHistory: new PgRiskHistoryStore(db),
    clearances: new ClearanceRepository(db),
  });
  const app = createServer({ engine: engineImpl, signedValidatorSet: signedSet, db, logger: false, ...extra });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const url = new URL(base);
  return {
    base,
    db,
    secret,
    keyId,
    call(method, path, body, o = {}) {
      let auth: Record<string, string> = {};
      if (o.sign !== false) {
        try {
          auth = {
            ...signRequest({
              method,
              url: path,
              body: body ?? '',
              accessKeyId: o.key ?? keyId,
              secret: o.secret ?? secret,
              now: new Date(),
            }),
          };
        } catch {
          auth = {}; // a path that cannot be canonicalized goes out unsigned
        }
      }
      const headers = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...auth, ...o.headers };
      return new Promise<RawAnswer>((resolve, reject) => {
        const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
          });
        });
        req.on('error', reject);
        if (body !== undefined) req.write(body);
        req.end();
      });
    },
    async close() {
      await app.close();
      await dispose();
    },
  };
}
