import { describe, expect, it } from 'vitest';
import type { NameHit } from '../types.js';
import { ENTITIES, FIXTURE_SALTS, sanctionsContext, sanctionsRequest, sanctionsSnapshot } from '@jil/psa-testkit';
import { createSanctionsStage } from './createSanctionsStage.js';
import { partyCommitment } from './partyCommitment.js';
import { SANCTIONS_MATCHER } from './thresholds.js';

const snapshot = sanctionsSnapshot();
const context = sanctionsContext(snapshot);
const stage = createSanctionsStage(snapshot);
const names = (hits: readonly unknown[]) => (hits as NameHit[]).map((h) => `${h.party}:${h.entry_id}:${h.severity}`);

describe('createSanctionsStage', () => {
  it('passes with "no party names supplied" when no party has a name', async () => {
    expect(await stage(sanctionsRequest(), context)).toEqual({ status: 'pass', summary: 'no party names supplied', hits: [] });
  });

  it('passes an unrelated name and says what was screened', async () => {
    const out = await stage(sanctionsRequest({ name: 'Greta Lindqvist' }, { name: 'Acme Widgets GmbH' }), context);
    expect(out.status).toBe('pass');
    expect(out.summary).toBe('2 party name(s) screened against 7 entries (ofac-sdn, un-consolidated): no match ≥ 0.80');
  });

  it('fails an exact match and fills every NameHit field', async () => {
    const out = await stage(sanctionsRequest({}, { name: 'Ivan Petrov', type: 'person' }), context);
    expect(out.status).toBe('fail');
    const hit = out.hits[0] as NameHit;
    expect(hit).toEqual({
      kind: 'name',
      severity: 'hard',
      list: 'ofac-sdn',
      list_date: '2024-05-03',
      provenance: { dataset: 'ofac-sdn', file: 'sdn.csv', row: 1001, key: '1001' },
      party: 'receiver',
      party_commitment: partyCommitment(FIXTURE_SALTS.receiver, 'receiver', 'Ivan Petrov'),
      entry_id: '1001',
      matched_name: 'PETROV, Ivan Sergeyevich',
      matched_alias: 'PETROV, Ivan',
      schema: 'Person',
      programs: ['RUSSIA-EO14024'],
      score: 1,
      breakdown: { tokens: 1, subset: 1, joined: 1, exact: 1, name_score: 1 },
      reason:
        'Receiver name matches OFAC SDN entry 1001 PETROV, Ivan Sergeyevich (Person; programs RUSSIA-EO14024; ' +
        'matched alias "PETROV, Ivan"), score 1.00 ≥ fail threshold 0.95',
    });
    expect(out.summary).toBe('receiver: 1 match(es), best ofac-sdn 1001 PETROV, Ivan Sergeyevich 1.00');
  });

  it('flags a near miss between the review and the fail threshold', async () => {
    const out = await stage(sanctionsRequest({ name: 'Ivan Petrow' }), context);
    expect(out.status).toBe('flag');
    const hit = out.hits[0] as NameHit;
    expect(hit.severity).toBe('flag');
    expect(hit.score).toBeGreaterThanOrEqual(0.8);
    expect(hit.score).toBeLessThan(0.95);
    expect(hit.reason).toContain('≥ review threshold 0.80');
  });

  it('only flags when qualifiers contradict an otherwise exact match', async () => {
    const out = await stage(sanctionsRequest({ name: 'Ivan Sergeyevich Petrov', country: 'DE', date_of_birth: '1990' }), context);
    expect(out.status).toBe('flag');
    expect((out.hits[0] as NameHit).reason).toContain(
      'country differs from the entry (-0.05); year of birth differs from the entry (-0.10)',
    );
  });

  it('does not fail a party against an entry of another schema (flags at most)', async () => {
    const person = await stage(sanctionsRequest({ name: 'Romashka Trading', type: 'person' }), context);
    expect(person.status).toBe('flag');
    expect(names(person.hits)).toEqual(['sender:1002:flag']);
    expect((person.hits[0] as NameHit).reason).toContain('flagged, not failed: the entry is a Organization, the sender is a person');
    const org = await stage(sanctionsRequest({ name: 'Romashka Trading LLC', type: 'organization' }), context);
    expect(names(org.hits)).toEqual(['sender:1002:hard']);
    // A vessel never fails a party.
    const vessel = await stage(sanctionsRequest({ name: 'Romashka' }), context);
    expect(names(vessel.hits)).toEqual(['sender:1003:flag']);
  });

  it('never fails on a UN low-quality alias', async () => {
    const out = await stage(sanctionsRequest({ name: 'Abu Bakr' }), context);
    expect(names(out.hits)).toEqual(['sender:QDi.900:flag']);
    expect((out.hits[0] as NameHit).reason).toContain('low-quality UN alias');
    const good = await stage(sanctionsRequest({ name: 'Hamid Salim Masri' }), context);
    expect(names(good.hits)).toEqual(['sender:QDi.900:hard']);
  });

  it('screens both parties and caps hits per party', async () => {
    const dup = sanctionsSnapshot([
      ...ENTITIES,
      ...['2001', '2002', '2003'].map((id) => ({ ...(ENTITIES[0] as (typeof ENTITIES)[number]), entry_id: id })),
    ]);
    const capped = createSanctionsStage(dup, { maxHitsPerParty: 2 });
    const out = await capped(sanctionsRequest({ name: 'Ivan Petrov' }, { name: 'Northern Light Foundation' }), sanctionsContext(dup));
    expect(names(out.hits)).toEqual(['sender:1001:hard', 'sender:2001:hard', 'receiver:QDe.900:hard']);
  });

  it('honours a custom threshold without changing the caller options', async () => {
    const options = { threshold: 0.99 } as const;
    const strict = createSanctionsStage(snapshot, options);
    expect((await strict(sanctionsRequest({ name: 'Ivan Petrow' }), context)).status).toBe('pass');
    expect(options).toEqual({ threshold: 0.99 });
  });

  it('rejects invalid options, listing every bad field', () => {
    expect(() => createSanctionsStage(snapshot, { threshold: 0, failThreshold: 2, maxHitsPerParty: 1.5, maxCandidates: 0 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        details: {
          fields: ['threshold', 'failThreshold', 'maxHitsPerParty', 'maxCandidates'].map((field) => expect.objectContaining({ field })),
        },
      }),
    );
  });

  it('refuses a context whose snapshot is not the indexed one', async () => {
    const other = { ...snapshot, sha256: '0'.repeat(64) };
    await expect(stage(sanctionsRequest({ name: 'x' }), sanctionsContext(other))).rejects.toMatchObject({ code: 'STAGE_ERROR' });
  });

  it('names the matcher for the PSA', () => {
    expect(SANCTIONS_MATCHER).toEqual({ name: 'jil-name-matcher', version: '1.1.0', threshold: 0.8 });
  });
});
