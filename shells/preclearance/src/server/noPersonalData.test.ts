import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { base64Decode, base64Encode, signRequest } from '@jil/core';
import { emptySnapshot } from '@jil/testkit';
import {
  createPreclearanceEngine,
  generateEmbeddedValidators,
  partyCommitment,
  signValidatorSet,
  validatorSetFor,
  verifyPsa,
  verifyValidatorSet,
  type NameHit,
  type Snapshot,
} from '@jil/psa';
import { openPglite, type Db } from '@jil/server-kit';
import { migratePreclearance } from '../storage/migratePreclearance.js';
import { AccessKeyRepository } from '../storage/AccessKeyRepository.js';
import { PgRiskHistoryStore } from '../storage/PgRiskHistoryStore.js';
import { ClearanceRepository } from '../storage/ClearanceRepository.js';
import { createServer } from './createServer.js';

// Issue 9 "No personal data in the PSA": PSAs issued over HTTP carry commitments, never the screened names, and the
// service stores the names nowhere but in a clearance an officer recorded (docs/psa-format.md §Screened names at rest).
const entry = (entry_id: string, schema: 'Person' | 'Organization', name: string, row: number) => ({
  list: 'test-list',
  entry_id,
  schema,
  names: [{ name, kind: 'primary' as const }],
  programs: ['TEST'],
  countries: [],
  birth_dates: [],
  list_date: '2026-11-01',
  provenance: { dataset: 'test-list', file: 'test.csv', row },
});
// Invented entries (not real designations).
const SNAPSHOT: Snapshot = {
  ...emptySnapshot(),
  sanctions: [entry('T-1', 'Person', 'QUILLFEATHER, Zenobia', 2), entry('T-2', 'Person', 'VANTREMBLAY, Octavius Mirelle', 3)],
};
/** Distinctive names as the custodian sends them (none equals a list string). */
const SENDER = 'Zenobia Quillfeather';
const RECEIVER = 'Octavius Mirelle Vantremblay';
const NO_HIT = ['Perpetua Wanderlinde-Okonkwo', 'Bartholomew Xylander-Fitzgerald'];
const NAMES = [SENDER, RECEIVER, ...NO_HIT];
const SECRET = crypto.getRandomValues(new Uint8Array(32));
const KEY = 'AKTEST0009';
const validators = generateEmbeddedValidators(20);
const now = new Date();
const set = validatorSetFor({
  validators,
  setId: 'pii-test',
  validFrom: new Date(now.getTime() - 60_000),
  validUntil: new Date(now.getTime() + 86_400_000),
});
const signedSet = signValidatorSet(set, validators);
const logs: string[] = [];

let db: Db;
let app: FastifyInstance;
let base: string;

const transfer = (sender: string, receiver: string) => ({
  transit_id: `t-${Math.random().toString(36).slice(2)}`,
  chain_id: 'eip155:1',
  asset: 'ETH',
  amount: '1.25',
  amount_usd: '4375.00',
  source_address: '0x0519035923133db8356bb16018454ebc751e4348',
  destination_address: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664',
  sender: { id: 's-9', name: sender, type: 'person' },
  receiver: { id: 'r-9', name: receiver, type: 'person' },
  custodian_id: 'cust-a',
});

async function call(method: string, path: string, body?: string) {
  const auth = signRequest({ method, url: path, body: body ?? '', accessKeyId: KEY, secret: SECRET, now: new Date() });
  const res = await fetch(base + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...auth },
    ...(body === undefined ? {} : { body }),
  });
  return { status: res.status, json: (await res.json()) as any };
}

/** The text and every base64 string in it decoded (envelope payloads, log entries), so names hidden in base64 are found too. */
function expand(text: string): string {
  const decoded: string[] = [text];
  for (const m of text.matchAll(/[A-Za-z0-9+/]{24,}={0,2}/g)) {
    try {
      decoded.push(new TextDecoder('utf-8', { fatal: true }).decode(base64Decode(m[0])));
    } catch {
      // not canonical base64 or not UTF-8: not a hiding place for a name
    }
  }
  return decoded.join('\n');
}
const namesIn = (text: string) => NAMES.filter((n) => expand(text).toLowerCase().includes(n.toLowerCase()));

/** Every stored row of every table, as `row_to_json` text, by table. */
async function storedRows(): Promise<Map<string, string[]>> {
  const tables = (
    await db.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
  ).rows.map((r) => r.tablename);
  const out = new Map<string, string[]>();
  for (const t of tables)
    out.set(
      t,
      (await db.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM "${t}" t`)).rows.map((r) => r.j),
    );
  return out;
}

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
    logger: { level: 'debug', stream: { write: (line: string) => logs.push(line) } },
  });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('no personal data in the PSA or at rest', () => {
  const envelopes: unknown[] = [];

  it('name hits carry a commitment that recomputes from the returned salt and the sent name, not the name', async () => {
    const r = await call('POST', '/v1/preclearance/validate', JSON.stringify(transfer(SENDER, RECEIVER)));
    expect(r.status).toBe(201);
    envelopes.push(r.json.envelope);
    expect(verifyPsa(r.json.envelope, { validatorSet: signedSet, now: new Date() }).valid).toBe(true);
    const hits = r.json.body.findings[2].details.hits as NameHit[];
    expect(hits.map((h) => [h.party, h.entry_id])).toEqual([
      ['sender', 'T-1'],
      ['receiver', 'T-2'],
    ]);
    const salts = r.json.party_salts as { sender: string; receiver: string };
    expect(base64Decode(salts.sender)).toHaveLength(32);
    expect(salts.sender).not.toBe(salts.receiver);
    expect(hits[0]!.party_commitment).toBe(partyCommitment(salts.sender, 'sender', SENDER));
    expect(hits[1]!.party_commitment).toBe(partyCommitment(salts.receiver, 'receiver', RECEIVER));
    expect(hits[0]!.party_commitment).not.toBe(partyCommitment(salts.sender, 'sender', RECEIVER));
    expect(hits[0]!).not.toHaveProperty('query');
    // the salts are beside the PSA, not in it
    expect(JSON.stringify(r.json.envelope)).not.toContain(salts.sender);
    expect(expand(JSON.stringify(r.json.envelope))).not.toContain(salts.sender);
    const again = await call('POST', '/v1/preclearance/validate', JSON.stringify(transfer(NO_HIT[0]!, NO_HIT[1]!)));
    expect(again.status).toBe(201);
    envelopes.push(again.json.envelope);
  });

  it('no PSA envelope (decoded payload) and no stored row of any table holds a screened name', async () => {
    for (const e of envelopes) expect(namesIn(JSON.stringify(e))).toEqual([]);
    const rows = await storedRows();
    expect(rows.get('psas')).toHaveLength(2);
    for (const [table, list] of rows) for (const row of list) expect({ table, names: namesIn(row) }).toEqual({ table, names: [] });
    expect(namesIn(logs.join('\n'))).toEqual([]);
  });

  it('a clearance that names the party keeps the name there only, and the cleared PSA still carries none', async () => {
    const c = await call(
      'POST',
      '/v1/screening/clearances',
      JSON.stringify({
        party_id: 's-9',
        list: 'test-list',
        entry_id: 'T-1',
        cleared_by: 'officer@cust-a',
        reason: 'different person, passport checked',
        party_name: SENDER,
      }),
    );
    expect(c.status).toBe(201);
    const r = await call('POST', '/v1/preclearance/validate', JSON.stringify(transfer(SENDER, RECEIVER)));
    expect(r.status).toBe(201);
    const hit = (r.json.body.findings[2].details.hits as NameHit[]).find((h) => h.party === 'sender')!;
    expect(hit.severity).toBe('info');
    expect(hit.party_commitment).toBe(partyCommitment(r.json.party_salts.sender, 'sender', SENDER));
    expect(namesIn(JSON.stringify(r.json.envelope))).toEqual([]);
    const found: Array<[string, string[]]> = [];
    for (const [table, list] of await storedRows()) for (const row of list) if (namesIn(row).length > 0) found.push([table, namesIn(row)]);
    expect(found).toEqual([['sanctions_clearances', [SENDER]]]);
  });
});
