import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64Encode, canonicalBytes, JilError } from '@jil/core';
import { LISTED, quorumFixture, reviewRequest, reviewSnapshot, T0 } from '@jil/psa-testkit';
import { createPreclearanceEngine } from '../psa/createPreclearanceEngine.js';
import type { PsaBody } from '../psa/PsaBody.js';
import { MemoryClearanceStore } from '../screening/clearance/MemoryClearanceStore.js';
import { MemoryRiskHistoryStore } from '../screening/MemoryRiskHistoryStore.js';
import type { ListFreshnessOptions } from '../screening/freshness/listFreshness.js';
import type { NameHit, Stage } from '../screening/types.js';
import { createProposalReviewer } from './createProposalReviewer.js';

const q = quorumFixture();
const snapshot = reviewSnapshot();
const coordinator = (
  o: {
    clearances?: MemoryClearanceStore;
    listFreshness?: ListFreshnessOptions;
    history?: MemoryRiskHistoryStore;
    stages?: Record<string, Stage>;
  } = {},
) =>
  createPreclearanceEngine({
    snapshot,
    validatorSet: q.verifiedSet,
    validators: q.validators,
    riskHistory: o.history ?? new MemoryRiskHistoryStore(),
    ...o,
  });
const reviewer = createProposalReviewer({ snapshot, validatorSet: q.verifiedSet, validatorId: 'val-07' });
const review = (request: unknown, proposal: unknown, o: { sha?: string; now?: Date; by?: typeof reviewer; salts?: unknown } = {}) =>
  (o.by ?? reviewer).review({
    request,
    proposal,
    partySalts: o.salts ?? SALTS,
    snapshotSha256: o.sha ?? snapshot.sha256,
    now: o.now ?? T0,
  });
/** Fixed salts (both parties) so proposals are reproducible. */
const SALTS = { sender: base64Encode(new Uint8Array(32).fill(1)), receiver: base64Encode(new Uint8Array(32).fill(2)) };
const clone = (b: PsaBody): PsaBody => JSON.parse(JSON.stringify(b));

describe('createProposalReviewer: the validator signs what it re-derives', () => {
  it('accepts the coordinator’s proposal for a clean transfer and returns the exact payload bytes', async () => {
    const request = reviewRequest();
    const body = await coordinator().propose(request, T0, SALTS);
    const r = await review(request, body);
    expect(r).toMatchObject({ ok: true });
    expect(r.ok && r.payloadBytes).toEqual(canonicalBytes(body));
  });

  it('accepts a fail verdict it reaches too (sanctioned destination, sanctioned receiver name)', async () => {
    const request = reviewRequest({ destination_address: LISTED, receiver: { id: 'r-1', name: 'Ivan Petrov', type: 'person' } });
    const body = await coordinator().propose(request, T0, SALTS);
    expect(body.verdict).toBe('fail');
    expect(await review(request, body)).toMatchObject({ ok: true });
  });

  it('accepts risk signals it cannot recompute when they are consistent (history on the coordinator only)', async () => {
    const history = new MemoryRiskHistoryStore();
    for (let i = 0; i < 6; i++)
      await history.append({ sender_id: 's-1', destination: '0xabc', amount_usd_cents: 10_000n, at_ms: T0.getTime() - 10_000 });
    const request = reviewRequest({ amount_usd: '250000.00' });
    const body = await coordinator({ history }).propose(request, T0, SALTS);
    expect(body.findings[3]!.details.signals!.map((s) => s.signal)).toEqual([
      'amount_zscore',
      'velocity_60s',
      'novel_destination',
      'large_transfer',
    ]);
    expect(await review(request, body)).toMatchObject({ ok: true });
  });

  it('applies exactly the clearances the proposal names; a hit downgraded without naming one differs', async () => {
    const request = reviewRequest({ receiver: { id: 'r-1', name: 'Ivan Petrov', type: 'person' } });
    const clearances = new MemoryClearanceStore([
      {
        clearance_id: '0190a1b2-0000-7000-8000-000000000001',
        custodian_id: 'cust-1',
        party_id: 'r-1',
        list: 'ofac-sdn',
        entry_id: '1001',
        cleared_by: 'analyst@c',
        reason: 'different person',
        cleared_at: '2026-06-15T09:30:00.000Z',
      },
    ]);
    const body = await coordinator({ clearances }).propose(request, T0, SALTS);
    expect(body.findings[2]!.status).toBe('pass');
    expect(await review(request, body)).toMatchObject({ ok: true });
    const hidden = clone(body);
    delete (hidden.findings[2]!.details.hits[0] as NameHit).cleared;
    expect(await review(request, hidden)).toMatchObject({ ok: false, code: 'VALIDATOR_FINDINGS_DIFFER', details: { stage: 'sanctions' } });
  });
});

describe('createProposalReviewer: refusals', () => {
  it('needs the coordinator’s party salts: other or missing salts give other commitments, malformed ones are invalid', async () => {
    const request = reviewRequest({ sender: { id: 's-1', name: 'Ivan Petrov', type: 'person' } });
    const body = await coordinator().propose(request, T0, SALTS);
    expect((body.findings[2]!.details.hits[0] as NameHit).party_commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(await review(request, body)).toMatchObject({ ok: true });
    const other = { ...SALTS, sender: base64Encode(new Uint8Array(32).fill(9)) };
    expect(await review(request, body, { salts: other })).toMatchObject({
      ok: false,
      code: 'VALIDATOR_FINDINGS_DIFFER',
      details: { stage: 'sanctions' },
    });
    expect(await review(request, body, { salts: {} })).toMatchObject({
      ok: false,
      code: 'VALIDATOR_FINDINGS_DIFFER',
      details: { stage: 'sanctions' },
    });
    expect(await review(request, body, { salts: { sender: 'short' } })).toMatchObject({
      ok: false,
      code: 'VALIDATOR_PROPOSAL_INVALID',
      details: { field: 'party_salts.sender' },
    });
    expect(await review(request, body, { salts: { ...SALTS, other: SALTS.sender } })).toMatchObject({
      ok: false,
      code: 'VALIDATOR_PROPOSAL_INVALID',
      details: { field: 'party_salts.other' },
    });
    expect(await review(request, body, { salts: 'x' })).toMatchObject({
      ok: false,
      code: 'VALIDATOR_PROPOSAL_INVALID',
      details: { field: 'party_salts' },
    });
  });

  it('VALIDATOR_FINDINGS_DIFFER (endpoints) on a doctored list: an address removed under the same snapshot hash', async () => {
    const request = reviewRequest({ destination_address: LISTED });
    const body = await coordinator().propose(request, T0, SALTS);
    const doctored = createProposalReviewer({
      snapshot: reviewSnapshot({ doctored: true }),
      validatorSet: q.verifiedSet,
      validatorId: 'val-03',
    });
    expect(await review(request, body, { by: doctored })).toMatchObject({
      ok: false,
      code: 'VALIDATOR_FINDINGS_DIFFER',
      details: { stage: 'endpoints', reason: 'status', validator_status: 'pass', proposed_status: 'fail' },
    });
  });

  it('VALIDATOR_FINDINGS_DIFFER naming the stage or the verdict for a tampered finding or verdict', async () => {
    const request = reviewRequest({ destination_address: LISTED });
    const body = await coordinator().propose(request, T0, SALTS);
    const passed = clone(body);
    passed.verdict = 'pass';
    expect(await review(request, passed)).toMatchObject({ code: 'VALIDATOR_FINDINGS_DIFFER', details: { stage: 'verdict' } });
    const hidden = clone(body);
    hidden.findings[0] = { ...hidden.findings[0]!, status: 'pass', details: { summary: 'no listing for source or destination', hits: [] } };
    expect(await review(request, hidden)).toMatchObject({ code: 'VALIDATOR_FINDINGS_DIFFER', details: { stage: 'endpoints' } });
  });

  it('VALIDATOR_FINDINGS_DIFFER (risk) for a score out of line with its signals or a missing large_transfer', async () => {
    const request = reviewRequest({ amount_usd: '250000.00' });
    const body = await coordinator().propose(request, T0, SALTS);
    const low = clone(body);
    low.findings[3]!.details.score = 0;
    low.risk_score = 0;
    expect(await review(request, low)).toMatchObject({ code: 'VALIDATOR_FINDINGS_DIFFER', details: { stage: 'risk' } });
    const dropped = clone(body);
    dropped.findings[3]!.details.signals = dropped.findings[3]!.details.signals!.filter((s) => s.signal !== 'large_transfer');
    dropped.findings[3]!.details.score = 10;
    dropped.findings[3]!.details.summary = 'risk 10/100 (low): novel_destination';
    dropped.risk_score = 10;
    expect(await review(request, dropped)).toMatchObject({
      code: 'VALIDATOR_FINDINGS_DIFFER',
      details: { stage: 'risk', reason: 'large_transfer does not match the amount' },
    });
  });

  it('VALIDATOR_FINDINGS_DIFFER when the coordinator’s stage errored: a timeout never downgrades a fail it did not see', async () => {
    const request = reviewRequest({ destination_address: LISTED });
    const hang: Stage = () => new Promise(() => undefined);
    const body = await createPreclearanceEngine({
      snapshot,
      validatorSet: q.verifiedSet,
      validators: q.validators,
      riskHistory: new MemoryRiskHistoryStore(),
      stages: { endpoints: hang },
      deadlinesMs: { endpoints: 5 },
    }).propose(request, T0, SALTS);
    expect([body.findings[0]!.status, body.verdict]).toEqual(['error', 'flag']);
    expect(await review(request, body)).toMatchObject({ code: 'VALIDATOR_FINDINGS_DIFFER', details: { stage: 'endpoints' } });
  });

  it('VALIDATOR_SNAPSHOT_MISMATCH for another snapshot, claimed or named in the body', async () => {
    const request = reviewRequest();
    const body = await coordinator().propose(request, T0, SALTS);
    const other = createProposalReviewer({
      snapshot: reviewSnapshot({ sha256: 'd'.repeat(64) }),
      validatorSet: q.verifiedSet,
      validatorId: 'val-01',
    });
    expect(await review(request, body, { by: other, sha: 'd'.repeat(64) })).toMatchObject({
      code: 'VALIDATOR_SNAPSHOT_MISMATCH',
      details: { field: 'proposal.snapshot_sha256', validator_snapshot_sha256: 'd'.repeat(64) },
    });
    expect(await review(request, body, { sha: 'd'.repeat(64) })).toMatchObject({
      code: 'VALIDATOR_SNAPSHOT_MISMATCH',
      details: { field: 'snapshot_sha256' },
    });
    const dated = clone(body);
    dated.datasets[0]!.source_date = '2026-11-19';
    expect(await review(request, dated)).toMatchObject({ code: 'VALIDATOR_SNAPSHOT_MISMATCH', details: { field: 'proposal.datasets' } });
  });

  it('VALIDATOR_STALE_LISTS when a list this validator finds stale is not reported; accepted when the coordinator reports it', async () => {
    const policy = { maxAgeDays: { 'ofac-sdn': 0 } };
    const strict = createProposalReviewer({ snapshot, validatorSet: q.verifiedSet, validatorId: 'val-02', listFreshness: policy });
    const request = reviewRequest();
    expect(await review(request, await coordinator().propose(request, T0, SALTS), { by: strict })).toMatchObject({
      code: 'VALIDATOR_STALE_LISTS',
      details: { stage: 'sanctions', stale_lists: [{ list: 'ofac-sdn', code: 'stale_list' }] },
    });
    const honest = await coordinator({ listFreshness: policy }).propose(request, T0, SALTS);
    expect(honest.verdict).toBe('flag');
    expect(await review(request, honest, { by: strict })).toMatchObject({ ok: true });
  });

  it('VALIDATOR_PROPOSAL_INVALID naming the field: transfer, window, set, shape, request', async () => {
    const request = reviewRequest();
    const body = await coordinator().propose(request, T0, SALTS);
    expect(await review(reviewRequest({ amount_usd: '7000.01' }), body)).toMatchObject({
      code: 'VALIDATOR_PROPOSAL_INVALID',
      details: { field: 'transfer' },
    });
    expect(await review(reviewRequest({ transit_id: 'rv-2' }), body)).toMatchObject({ details: { field: 'transit_id' } });
    expect(await review(request, body, { now: new Date(T0.getTime() + 31_000) })).toMatchObject({ details: { field: 'issued_at' } });
    const long = clone(body);
    long.expires_at = new Date(T0.getTime() + 3_600_000).toISOString();
    expect(await review(request, long)).toMatchObject({ details: { field: 'expires_at' } });
    const moved = clone(body);
    moved.issued_at = new Date(T0.getTime() + 1000).toISOString();
    expect(await review(request, moved)).toMatchObject({ details: { field: 'psa_id' } });
    const foreign = clone(body);
    foreign.validator_set = { ...foreign.validator_set, version: 2 };
    expect(await review(request, foreign)).toMatchObject({ details: { field: 'validator_set' } });
    const logged = { ...clone(body), log: { index: 1, tree_size: 2 } };
    expect(await review(request, logged)).toMatchObject({ details: { field: 'proposal.log' } });
    const { verdict: _v, ...partial } = clone(body);
    expect(await review(request, { ...partial, extra: 1 })).toMatchObject({
      code: 'VALIDATOR_PROPOSAL_INVALID',
      details: {
        fields: expect.arrayContaining([
          expect.objectContaining({ field: 'proposal.verdict' }),
          expect.objectContaining({ field: 'proposal.extra' }),
        ]),
      },
    });
    expect(await review({ ...request, amount: 'x' }, body)).toMatchObject({
      code: 'VALIDATOR_PROPOSAL_INVALID',
      details: { fields: [expect.objectContaining({ field: 'request.amount' })] },
    });
    expect(await review(null, 'not an object')).toMatchObject({ code: 'VALIDATOR_PROPOSAL_INVALID' });
  });

  it('a validator that is not an active member of the set cannot be configured', () => {
    expect(() => createProposalReviewer({ snapshot, validatorSet: q.verifiedSet, validatorId: 'val-99' })).toThrow(JilError);
  });

  it('property: changing any string the validator can re-derive makes it refuse', async () => {
    const request = reviewRequest({
      destination_address: LISTED,
      receiver: { id: 'r-1', name: 'Ivan Petrov', type: 'person' },
      amount_usd: '20000.00',
    });
    const body = await coordinator().propose(request, T0, SALTS);
    const paths: string[][] = [];
    const walk = (v: unknown, path: string[]) => {
      if (typeof v === 'string') paths.push(path);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(body, []);
    // psa_id's random bits and expires_at (within bounds) are the coordinator's choice; signal reasons and values
    // other than large_transfer's depend on history the validator does not have.
    const checked = paths.filter(
      (p) => p[0] !== 'psa_id' && p[0] !== 'expires_at' && !(p[0] === 'findings' && p[1] === '3' && p[3] === 'signals'),
    );
    expect(checked.length).toBeGreaterThan(40);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...checked), fc.string({ minLength: 1, maxLength: 3 }), async (path, suffix) => {
        const t = clone(body) as unknown as Record<string, unknown>;
        let o = t;
        for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
        o[path.at(-1)!] = `${String(o[path.at(-1)!])}${suffix}`;
        expect((await review(request, t)).ok).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
