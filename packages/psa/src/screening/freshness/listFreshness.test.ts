import { describe, expect, it } from 'vitest';
import { EMPTY_SNAPSHOT, sampleRequest } from '@jil/psa-testkit';
import { decideVerdict } from '../../verdict/decideVerdict.js';
import { MemoryRiskHistoryStore } from '../MemoryRiskHistoryStore.js';
import { runStages } from '../runStages.js';
import { STAGE_NAMES, type Stage } from '../types.js';
import { assertListFreshnessOptions, datasetFreshness, DEFAULT_MAX_LIST_AGE_DAYS, staleListsOf } from './listFreshness.js';
import { withListFreshness } from './withListFreshness.js';

const NOW = new Date('2026-11-21T12:00:00Z');
const manifest = (name: string, source_date: string) => ({
  name,
  title: name,
  source: 's',
  source_date,
  license: 'l',
  rows: 1,
  sha256: 'a'.repeat(64),
  files: [],
});
const DATASETS = [
  manifest('ofac-sdn', '2026-11-20'),
  manifest('un-consolidated', '2026-09-01'),
  manifest('etherscan-labels', '2023-06-18'),
  manifest('custom-list', '2026-11-01'),
];

describe('datasetFreshness', () => {
  it('computes whole days from the UTC source date and compares with the per-dataset maximum', () => {
    expect(datasetFreshness(DATASETS, NOW)).toEqual([
      { name: 'ofac-sdn', source_date: '2026-11-20', age_days: 1, max_age_days: 7, stale: false, stage: 'sanctions' },
      { name: 'un-consolidated', source_date: '2026-09-01', age_days: 81, max_age_days: 30, stale: true, stage: 'sanctions' },
      { name: 'etherscan-labels', source_date: '2023-06-18', age_days: 1252, max_age_days: 365, stale: true, stage: 'endpoints' },
      { name: 'custom-list', source_date: '2026-11-01', age_days: 20, max_age_days: 30, stale: false },
    ]);
  });

  it('options override the defaults; an unparseable date is stale', () => {
    const [sdn, un] = datasetFreshness([manifest('ofac-sdn', '2026-11-20'), manifest('un-consolidated', 'unknown')], NOW, {
      maxAgeDays: { 'ofac-sdn': 0 },
    });
    expect(sdn).toMatchObject({ max_age_days: 0, stale: true });
    expect(un).toMatchObject({ age_days: -1, stale: true });
    expect(DEFAULT_MAX_LIST_AGE_DAYS['ofac-sdn']).toBe(7);
  });

  it('staleListsOf keeps the stage’s own stale lists', () => {
    expect(staleListsOf('sanctions', DATASETS, NOW).map((s) => s.list)).toEqual(['un-consolidated']);
    expect(staleListsOf('kyc', DATASETS, NOW)).toEqual([]);
  });

  it('refuses a bad policy, listing every field', () => {
    expect(() => assertListFreshnessOptions({ maxAgeDays: { a: -1, b: 1.5 }, fallbackMaxAgeDays: Number.NaN })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        details: {
          fields: [
            expect.objectContaining({ field: 'maxAgeDays.a' }),
            expect.objectContaining({ field: 'maxAgeDays.b' }),
            expect.objectContaining({ field: 'fallbackMaxAgeDays' }),
          ],
        },
      }),
    );
  });
});

describe('withListFreshness', () => {
  const snapshot = { ...EMPTY_SNAPSHOT, datasets: DATASETS };
  const context = { snapshot, now: NOW, riskHistory: new MemoryRiskHistoryStore() };
  const pass: Stage = async () => ({ status: 'pass', summary: 'no match', hits: [] });
  const fail: Stage = async () => ({ status: 'fail', summary: 'hard hit', hits: [] });

  it('a stale list turns pass into flag with stale_list details, and the verdict fails closed to flag', async () => {
    const findings = await runStages({
      stages: {
        endpoints: withListFreshness('endpoints', pass, { maxAgeDays: { 'etherscan-labels': 5000 } }),
        kyc: pass,
        sanctions: withListFreshness('sanctions', pass),
        risk: pass,
      },
      request: sampleRequest(),
      context,
    });
    const s = findings.find((f) => f.stage === 'sanctions')!;
    expect(s.status).toBe('flag');
    expect(s.details.stale_lists).toEqual([
      { code: 'stale_list', list: 'un-consolidated', source_date: '2026-09-01', age_days: 81, max_age_days: 30 },
    ]);
    expect(s.details.summary).toBe('stale list — un-consolidated dated 2026-09-01 is 81 days old (max 30); no match');
    expect(findings.find((f) => f.stage === 'endpoints')!.status).toBe('pass');
    expect(decideVerdict(findings, STAGE_NAMES)).toMatchObject({ verdict: 'flag' });
  });

  it('a failing stage stays fail; fresh lists leave the output unchanged', async () => {
    expect((await withListFreshness('sanctions', fail)(sampleRequest(), { ...context, signal: new AbortController().signal })).status).toBe(
      'fail',
    );
    const fresh = await withListFreshness('sanctions', pass, { maxAgeDays: { 'un-consolidated': 100 } })(sampleRequest(), {
      ...context,
      signal: new AbortController().signal,
    });
    expect(fresh).toEqual({ status: 'pass', summary: 'no match', hits: [] });
  });
});
