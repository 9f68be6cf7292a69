import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startTestServer, testTransfer, type TestServer } from './testing/testServer.js';

// Issue 13: transit_id reuse. Decision: one PSA per (custodian, transit_id) — the identical request replays it (200,
// replayed: true), any other request with that transit_id is refused (409 REQUEST_TRANSIT_ID_REUSED).
describe.each(ENGINES)('transit_id reuse on $name', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(engine);
  });
  afterAll(async () => {
    await s?.close();
  });
  const psaCount = async (transit: string) =>
    Number((await s.db.query<{ n: unknown }>('SELECT count(*) AS n FROM psas WHERE transit_id = $1', [transit])).rows[0]!.n);

  it('the same request again answers 200 with the same PSA, and stores nothing new', async () => {
    const t = testTransfer();
    const first = await s.call('POST', '/v1/preclearance/validate', JSON.stringify(t));
    expect(first.status).toBe(201);
    const history = Number((await s.db.query<{ n: unknown }>('SELECT count(*) AS n FROM transfer_history')).rows[0]!.n);
    // Same request, keys in another order and other whitespace: the same canonical request.
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(t).reverse()), null, 2);
    const again = await s.call('POST', '/v1/preclearance/validate', reordered);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({
      psa_id: first.json.psa_id,
      verdict: first.json.verdict,
      expires_at: first.json.expires_at,
      envelope: first.json.envelope,
      body: first.json.body,
      replayed: true,
      party_salts: {},
    });
    expect(await psaCount(String(t['transit_id']))).toBe(1);
    expect(Number((await s.db.query<{ n: unknown }>('SELECT count(*) AS n FROM transfer_history')).rows[0]!.n)).toBe(history);
  });

  it('another request with a used transit_id is refused with 409 REQUEST_TRANSIT_ID_REUSED naming the PSA', async () => {
    const t = testTransfer();
    const first = await s.call('POST', '/v1/preclearance/validate', JSON.stringify(t));
    const changed = await s.call('POST', '/v1/preclearance/validate', JSON.stringify({ ...t, amount: '2' }));
    expect([changed.status, changed.json.error.code]).toEqual([409, 'REQUEST_TRANSIT_ID_REUSED']);
    expect(changed.json.error.details).toMatchObject({ field: 'transit_id', psa_id: first.json.psa_id });
    expect(await psaCount(String(t['transit_id']))).toBe(1);
  });

  it('chain-id spellings: the PSA carries the canonical form, and another spelling of the same request is the same request', async () => {
    const t = testTransfer({ chain_id: 'eip155:0x1' });
    const first = await s.call('POST', '/v1/preclearance/validate', JSON.stringify(t));
    expect(first.status).toBe(201);
    expect(first.json.body.domain.chain_id).toBe('eip155:1');
    const again = await s.call('POST', '/v1/preclearance/validate', JSON.stringify({ ...t, chain_id: 'eip155:1' }));
    expect([again.status, again.json.psa_id]).toEqual([200, first.json.psa_id]);
    const verified = await s.call(
      'POST',
      '/v1/preclearance/verify',
      JSON.stringify({ envelope: first.json.envelope, expect: { domain: { chain_id: 'eip155:0x1' } } }),
    );
    expect(verified.json).toMatchObject({ valid: true });
    const other = await s.call(
      'POST',
      '/v1/preclearance/verify',
      JSON.stringify({ envelope: first.json.envelope, expect: { domain: { chain_id: 'eip155:137' } } }),
    );
    expect(other.json).toMatchObject({ valid: false, code: 'PSA_DOMAIN_MISMATCH' });
    const refused = await s.call('POST', '/v1/preclearance/validate', JSON.stringify(testTransfer({ chain_id: 'tron:nile' })));
    expect([refused.status, refused.json.error.code]).toEqual([400, 'REQUEST_VALIDATION_FAILED']);
    expect(refused.json.error.details.fields[0].message).toContain('tron:0x2b6653dc (or tron:0x2B6653DC, tron:728126428, tron:mainnet)');
  });

  it('concurrent identical requests end with one PSA, every answer carrying it', async () => {
    const t = JSON.stringify(testTransfer());
    const answers = await Promise.all([1, 2, 3, 4].map(() => s.call('POST', '/v1/preclearance/validate', t)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json.psa_id)).size).toBe(1);
    expect(await psaCount(JSON.parse(t).transit_id)).toBe(1);
  });
});
