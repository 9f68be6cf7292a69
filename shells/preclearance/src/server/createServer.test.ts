import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { base64Encode, HTTP_STATUS_BY_CODE, signRequest } from '@jil/core';
import { emptySnapshot } from '@jil/testkit';
import {
  createPreclearanceEngine,
  generateEmbeddedValidators,
  signValidatorSet,
  validatorSetFor,
  verifyPsa,
  verifyValidatorSet,
  type Snapshot,
} from '@jil/psa';
import { openPglite, type Db } from '@jil/server-kit';
import { migratePreclearance } from '../storage/migratePreclearance.js';
import { AccessKeyRepository } from '../storage/AccessKeyRepository.js';
import { PgRiskHistoryStore } from '../storage/PgRiskHistoryStore.js';
import { ClearanceRepository } from '../storage/ClearanceRepository.js';
import { EvidenceRepository } from '../storage/EvidenceRepository.js';
import { createServer } from './createServer.js';

// The HTTP surface against a real PGlite database on a real loopback socket.
const SNAPSHOT: Snapshot = {
  ...emptySnapshot(),
  // One invented entry (not a real designation) for the clearance routes.
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
const SECRET = crypto.getRandomValues(new Uint8Array(32));
const KEY = 'AKTEST0001';
const validators = generateEmbeddedValidators(20);
const now = new Date();
const set = validatorSetFor({
  validators,
  setId: 'http-test',
  validFrom: new Date(now.getTime() - 60_000),
  validUntil: new Date(now.getTime() + 86_400_000),
});
const signedSet = signValidatorSet(set, validators);
const logs: string[] = [];

let db: Db;
let app: FastifyInstance;
let base: string;

const transfer = (over: Record<string, unknown> = {}) => ({
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

async function call(
  method: string,
  path: string,
  body?: string,
  o: { headers?: Record<string, string>; sign?: boolean; signBody?: string; now?: Date; nonce?: string; key?: string } = {},
) {
  const bytes = typeof body === 'string' ? body : (body ?? '');
  const auth =
    o.sign === false
      ? {}
      : signRequest({
          method,
          url: path,
          body: o.signBody ?? bytes,
          accessKeyId: o.key ?? KEY,
          secret: SECRET,
          now: o.now ?? new Date(),
          ...(o.nonce ? { nonce: o.nonce } : {}),
        });
  const res = await fetch(base + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...auth, ...o.headers },
    ...(body === undefined ? {} : { body: bytes }),
  });
  return { status: res.status, json: (await res.json()) as any };
}
const count = async (table: string) => Number((await db.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

beforeAll(async () => {
  db = await openPglite();
  await migratePreclearance(db);
  await new AccessKeyRepository(db).create({ access_key_id: KEY, secret_b64: base64Encode(SECRET), label: 'cust-a' });
  const engine = createPreclearanceEngine({
    snapshot: SNAPSHOT,
    validatorSet: verifyValidatorSet(signedSet, { now }),
    validators,
    riskHistory: new PgRiskHistoryStore(db),
    clearances: new ClearanceRepository(db),
  });
  app = createServer({
    engine,
    signedValidatorSet: signedSet,
    db,
    bodyLimitBytes: 8192,
    logger: { level: 'info', stream: { write: (line: string) => logs.push(line) } },
  });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('POST /v1/preclearance/validate', () => {
  it('issues a PSA that verifies offline and stores it with its risk history', async () => {
    const r = await call('POST', '/v1/preclearance/validate', JSON.stringify(transfer()));
    expect(r.status).toBe(201);
    expect(r.json.verdict).toBe('pass');
    const v = verifyPsa(r.json.envelope, { validatorSet: signedSet, now: new Date() });
    expect(v.valid).toBe(true);
    expect(await count('psas')).toBe(1);
    expect(await count('transfer_history')).toBe(1);
  });

  it('answers every bad input with a 4xx, a stable code, the offending fields, and writes nothing', async () => {
    const before = [await count('psas'), await count('transfer_history')];
    const good = JSON.stringify(transfer());
    const cases: [string, () => ReturnType<typeof call>, string, string[]?][] = [
      ['malformed JSON', () => call('POST', '/v1/preclearance/validate', '{"transit_id": '), 'REQUEST_MALFORMED_JSON'],
      ['duplicate key', () => call('POST', '/v1/preclearance/validate', good.replace('{', '{"asset":"BTC",')), 'REQUEST_MALFORMED_JSON'],
      [
        'wrong types, missing and unknown fields',
        () => call('POST', '/v1/preclearance/validate', JSON.stringify({ ...transfer({ amount: 12, sender: undefined, colour: 'red' }) })),
        'REQUEST_VALIDATION_FAILED',
        ['amount', 'sender', 'colour'],
      ],
      [
        'negative amount',
        () => call('POST', '/v1/preclearance/validate', JSON.stringify(transfer({ amount: '-1' }))),
        'REQUEST_VALIDATION_FAILED',
        ['amount'],
      ],
      [
        'non-decimal amount',
        () => call('POST', '/v1/preclearance/validate', JSON.stringify(transfer({ amount_usd: '1e6' }))),
        'REQUEST_VALIDATION_FAILED',
        ['amount_usd'],
      ],
      [
        'EIP-55 checksum broken',
        () =>
          call(
            'POST',
            '/v1/preclearance/validate',
            JSON.stringify(transfer({ destination_address: '0x6861495F5311a3eae8f8df6f63ea3bcbda60f664' })),
          ),
        'REQUEST_VALIDATION_FAILED',
        ['destination_address'],
      ],
      [
        'bitcoin address on an EVM chain',
        () =>
          call(
            'POST',
            '/v1/preclearance/validate',
            JSON.stringify(transfer({ source_address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' })),
          ),
        'REQUEST_VALIDATION_FAILED',
        ['source_address'],
      ],
      [
        'oversized body',
        () => call('POST', '/v1/preclearance/validate', JSON.stringify(transfer({ transit_id: 'x'.repeat(9000) }))),
        'REQUEST_TOO_LARGE',
      ],
      [
        'wrong content type',
        () => call('POST', '/v1/preclearance/validate', good, { headers: { 'content-type': 'text/plain' } }),
        'REQUEST_UNSUPPORTED_MEDIA_TYPE',
      ],
      ['no auth headers', () => call('POST', '/v1/preclearance/validate', good, { sign: false }), 'AUTH_MISSING_HEADER'],
      [
        'signature over another body',
        () => call('POST', '/v1/preclearance/validate', good, { signBody: good.replace('1.25', '9.25') }),
        'AUTH_BAD_SIGNATURE',
      ],
      [
        'stale timestamp',
        () => call('POST', '/v1/preclearance/validate', good, { now: new Date(Date.now() - 6 * 60_000) }),
        'AUTH_STALE_TIMESTAMP',
      ],
      ['unknown access key', () => call('POST', '/v1/preclearance/validate', good, { key: 'AKNOBODY' }), 'AUTH_UNKNOWN_KEY'],
      [
        'another custodian',
        () => call('POST', '/v1/preclearance/validate', JSON.stringify(transfer({ custodian_id: 'cust-b' }))),
        'AUTH_FORBIDDEN',
        ['custodian_id'],
      ],
    ];
    for (const [name, run, code, fields] of cases) {
      const r = await run();
      expect([name, r.status >= 400 && r.status < 500, r.json.error?.code]).toEqual([name, true, code]);
      expect([name, r.status]).toEqual([name, HTTP_STATUS_BY_CODE[code as 'INTERNAL']]);
      expect(typeof r.json.error.message).toBe('string');
      if (fields) {
        const got = (r.json.error.details.fields ?? [{ field: r.json.error.details.field }]).map((f: { field: string }) => f.field);
        for (const f of fields) expect([name, got]).toEqual([name, expect.arrayContaining([f])]);
      }
    }
    expect([await count('psas'), await count('transfer_history')]).toEqual(before);
  });

  it('refuses a replayed nonce', async () => {
    const body = JSON.stringify(transfer());
    const nonce = 'replay-nonce-0123456789';
    const first = await call('POST', '/v1/preclearance/validate', body, { nonce });
    expect(first.status).toBe(201);
    const again = await call('POST', '/v1/preclearance/validate', body, { nonce });
    expect(again.json.error.code).toBe('AUTH_REPLAYED_NONCE');
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
  });

  it('keeps secrets, signatures and nonces out of the logs', () => {
    const all = logs.join('\n');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(base64Encode(SECRET));
    expect(all).not.toContain('replay-nonce-0123456789');
    expect(all).not.toMatch(/"x-jil-signature":"[A-Za-z0-9+/=]{20,}"/);
  });
});

describe('false-positive clearances', () => {
  const petrov = (id: string) => transfer({ receiver: { id, name: 'Ivan Petrov', type: 'person' } });
  const sanctionsOf = (r: Awaited<ReturnType<typeof call>>) => r.json.body.findings.find((f: { stage: string }) => f.stage === 'sanctions');

  it('records a clearance, suppresses the entity for that party only (saying so), audits it, and revokes it', async () => {
    const before = await call('POST', '/v1/preclearance/validate', JSON.stringify(petrov('r-77')));
    expect([before.json.verdict, sanctionsOf(before).status]).toEqual(['flag', 'flag']);

    const body = {
      party_id: 'r-77',
      list: 'test-list',
      entry_id: 'T-1',
      cleared_by: 'analyst.k',
      reason: 'different person: DOB 1991, passport checked',
    };
    const created = await call('POST', '/v1/screening/clearances', JSON.stringify(body));
    expect(created.status).toBe(201);
    const id = created.json.clearance.clearance_id as string;
    expect(created.json.clearance).toMatchObject({ ...body, custodian_id: 'cust-a', access_key_id: KEY, revoked_at: null });
    expect((await call('POST', '/v1/screening/clearances', JSON.stringify(body))).json.error.code).toBe('CLEARANCE_CONFLICT');

    const after = await call('POST', '/v1/preclearance/validate', JSON.stringify(petrov('r-77')));
    expect(after.json.verdict).toBe('pass');
    const finding = sanctionsOf(after);
    expect(finding.details.summary).toBe('receiver: 1 match(es), all cleared as false positives for this party');
    expect(finding.details.hits[0]).toMatchObject({
      severity: 'info',
      entry_id: 'T-1',
      cleared: { clearance_id: id, cleared_by: 'analyst.k' },
    });
    expect(verifyPsa(after.json.envelope, { validatorSet: signedSet, now: new Date() }).valid).toBe(true);
    const other = await call('POST', '/v1/preclearance/validate', JSON.stringify(petrov('r-78')));
    expect(other.json.verdict).toBe('flag');

    const listed = await call('GET', '/v1/screening/clearances?party_id=r-77');
    expect(listed.json.clearances.map((c: { clearance_id: string }) => c.clearance_id)).toEqual([id]);
    const revoked = await call(
      'POST',
      `/v1/screening/clearances/${id}/revoke`,
      JSON.stringify({ revoked_by: 'supervisor.m', reason: 'new information' }),
    );
    expect(revoked.json.clearance).toMatchObject({ revoked_by: 'supervisor.m', revoke_reason: 'new information' });
    const audit = await call('GET', `/v1/screening/clearances/${id}`);
    expect(audit.json.events.map((e: { action: string; actor: string }) => `${e.action}:${e.actor}`)).toEqual([
      'created:analyst.k',
      'revoked:supervisor.m',
    ]);
    expect((await call('POST', '/v1/preclearance/validate', JSON.stringify(petrov('r-77')))).json.verdict).toBe('flag');
    expect((await call('GET', '/v1/screening/clearances?include_revoked=true')).json.clearances).toHaveLength(1);
  });

  it('refuses unknown entries, bad fields, unknown ids and a second revocation', async () => {
    const bad = await call(
      'POST',
      '/v1/screening/clearances',
      JSON.stringify({ party_id: 'r-1', list: 'test-list', entry_id: 'NOPE', cleared_by: 'a', reason: 'b' }),
    );
    expect([bad.status, bad.json.error.code, bad.json.error.details.fields[0].field]).toEqual([
      400,
      'REQUEST_VALIDATION_FAILED',
      'entry_id',
    ]);
    const fields = await call(
      'POST',
      '/v1/screening/clearances',
      JSON.stringify({ party_id: '', list: 'test-list', entry_id: 'T-1', reason: 'b', colour: 'red' }),
    );
    expect(fields.json.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['cleared_by', 'colour', 'party_id']);
    expect((await call('GET', '/v1/screening/clearances/00000000-0000-7000-8000-000000000000')).status).toBe(404);
    expect(
      (await call('POST', '/v1/screening/clearances/not-a-uuid/revoke', JSON.stringify({ revoked_by: 'a', reason: 'b' }))).status,
    ).toBe(404);
    const c = await call(
      'POST',
      '/v1/screening/clearances',
      JSON.stringify({ party_id: 'r-2', list: 'test-list', entry_id: 'T-1', cleared_by: 'a', reason: 'b' }),
    );
    const path = `/v1/screening/clearances/${c.json.clearance.clearance_id as string}/revoke`;
    expect((await call('POST', path, JSON.stringify({ revoked_by: 'a', reason: 'c' }))).status).toBe(200);
    const again = await call('POST', path, JSON.stringify({ revoked_by: 'a', reason: 'c' }));
    expect([again.status, again.json.error.code]).toEqual([409, 'CLEARANCE_CONFLICT']);
  });
});

describe('verify, fetch and public routes', () => {
  it('verifies, consumes once, and names the failed check of a tampered PSA', async () => {
    const issued = await call('POST', '/v1/preclearance/validate', JSON.stringify(transfer()));
    const envelope = issued.json.envelope;
    const ok = await call('POST', '/v1/preclearance/verify', JSON.stringify({ envelope, consume: true }));
    expect(ok.json).toMatchObject({ valid: true, consumed: true, psa_id: issued.json.psa_id, signers: 14 });
    const twice = await call('POST', '/v1/preclearance/verify', JSON.stringify({ envelope, consume: true }));
    expect(twice.json).toMatchObject({ valid: false, code: 'PSA_CONSUMED' });
    const tampered = { ...envelope, signatures: envelope.signatures.slice(0, 13) };
    const bad = await call('POST', '/v1/preclearance/verify', JSON.stringify({ envelope: tampered }));
    expect(bad.json).toMatchObject({ valid: false, check: 'threshold', code: 'PSA_THRESHOLD_NOT_MET' });
    const invalid = await call('POST', '/v1/preclearance/verify', JSON.stringify({ envelope: 'x', extra: 1 }));
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.details.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['envelope', 'extra']));
  });

  it('returns a stored PSA to its custodian; 400 for a bad id, 404 for an unknown one', async () => {
    const issued = await call('POST', '/v1/preclearance/validate', JSON.stringify(transfer()));
    const got = await call('GET', `/v1/preclearance/psa/${issued.json.psa_id}`);
    expect(got.status).toBe(200);
    expect(got.json.envelope).toEqual(issued.json.envelope);
    expect((await call('GET', '/v1/preclearance/psa/not-a-uuid')).json.error.code).toBe('REQUEST_VALIDATION_FAILED');
    const missing = await call('GET', '/v1/preclearance/psa/0190f5a0-0000-7000-8000-000000000000');
    expect([missing.status, missing.json.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('lists the datasets with dates, rows, hashes, age and staleness (freshness not enforced by this engine)', async () => {
    const r = await call('GET', '/v1/datasets');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ snapshot_sha256: SNAPSHOT.sha256, freshness_enforced: false });
    const age = Math.floor((Date.now() - Date.parse('2026-11-01T00:00:00Z')) / 86_400_000);
    expect(r.json.datasets).toEqual([
      {
        name: 'test-list',
        title: 'test',
        source: 'test',
        source_date: '2026-11-01',
        rows: 0,
        sha256: 'a'.repeat(64),
        age_days: Math.max(0, age),
        max_age_days: 30,
        stale: age > 30,
      },
    ]);
    expect((await call('GET', '/v1/datasets', undefined, { sign: false })).status).toBe(401);
  });

  it('serves the validator set, health, OpenAPI and 404s for unknown routes', async () => {
    const vs = await call('GET', '/v1/validator-set');
    expect(vs.json.signed).toEqual(signedSet);
    const health = await (await fetch(`${base}/health`)).json();
    expect(health.status).toBe('ok');
    const doc = await (await fetch(`${base}/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/preclearance/validate',
        '/v1/preclearance/verify',
        '/v1/preclearance/psa/{id}',
        '/v1/validator-set',
        '/v1/datasets',
        '/health',
      ]),
    );
    expect(doc.components.schemas.TransferRequest.properties.chain_id).toBeDefined();
    const nf = await fetch(`${base}/v1/nothing`);
    expect(nf.status).toBe(404);
  });
});

describe('GET /v1/validators/evidence', () => {
  it(
    'serves the caller’s evidence only (empty in embedded mode ' + 'until a distributed round stores some), newest first, filtered',
    async () => {
      expect((await call('GET', '/v1/validators/evidence')).json).toEqual({ evidence: [] });
      const repo = new EvidenceRepository(db);
      await repo.insert({
        kind: 'refusal',
        validator_id: 'val-04',
        custodian_id: 'cust-a',
        transit_id: 't-1',
        code: 'VALIDATOR_SNAPSHOT_MISMATCH',
        observed_at: new Date(),
      });
      await repo.insert({
        kind: 'bad_signature',
        validator_id: 'val-06',
        custodian_id: 'cust-a',
        transit_id: 't-1',
        sig: 'AAAA',
        payload_b64: 'e30=',
        observed_at: new Date(),
      });
      await repo.insert({ kind: 'refusal', validator_id: 'val-04', custodian_id: 'cust-b', transit_id: 't-2', observed_at: new Date() });
      const all = await call('GET', '/v1/validators/evidence');
      expect(all.json.evidence.map((e: { kind: string; validator_id: string }) => [e.kind, e.validator_id])).toEqual([
        ['bad_signature', 'val-06'],
        ['refusal', 'val-04'],
      ]);
      expect((await call('GET', '/v1/validators/evidence?kind=refusal&limit=5')).json.evidence).toHaveLength(1);
      expect((await call('GET', '/v1/validators/evidence?validator_id=val-06')).json.evidence[0]).toMatchObject({
        sig: 'AAAA',
        payload_b64: 'e30=',
      });
      for (const q of ['?kind=bogus', '?limit=501', '?limit=0', '?other=1']) {
        const bad = await call('GET', `/v1/validators/evidence${q}`);
        expect([q, bad.status, bad.json.error.code]).toEqual([q, 400, 'REQUEST_VALIDATION_FAILED']);
      }
      expect((await call('GET', '/v1/validators/evidence', undefined, { sign: false })).status).toBe(401);
      const doc = await (await fetch(`${base}/openapi.json`)).json();
      expect(Object.keys(doc.paths)).toContain('/v1/validators/evidence');
    },
  );
});
