import { describe, expect, it } from 'vitest';
import { FATF } from './__fixtures__/kycFixtures.js';
import { corridorBand } from './corridorBand.js';
import { corridorHits } from './corridorHits.js';

describe('corridorBand', () => {
  it.each([
    ['CH', 'DE', 'standard', 0],
    [undefined, undefined, 'standard', 0],
    ['CH', 'VN', 'increased_monitoring', 1],
    ['MC', 'VN', 'increased_monitoring', 2],
    ['IR', 'CH', 'call_for_action', 1],
    ['VN', 'kp', 'call_for_action', 2],
    [undefined, 'MM', 'call_for_action', 1],
  ] as const)('%s → %s is %s', (sender, receiver, band, listed) => {
    const r = corridorBand(sender, receiver, FATF);
    expect(r.band).toBe(band);
    expect(r.listings).toHaveLength(listed);
  });

  it('names which end is listed, sender first', () => {
    const r = corridorBand('VN', 'KP', FATF);
    expect(r.listings.map((l) => [l.party, l.country, l.listing.list])).toEqual([
      ['sender', 'VN', 'increased_monitoring'],
      ['receiver', 'KP', 'call_for_action'],
    ]);
  });
});

describe('corridorHits', () => {
  it('black list: corridor flag + EDD required, with the FATF row provenance', () => {
    const [listed] = corridorBand('CH', 'IR', FATF).listings;
    const hits = corridorHits(listed!);
    expect(hits).toEqual([
      expect.objectContaining({
        kind: 'corridor',
        severity: 'flag',
        code: 'fatf_call_for_action',
        party: 'receiver',
        country: 'IR',
        list: 'fatf',
        list_date: '2026-06-19',
        provenance: FATF[1]!.provenance,
      }),
      expect.objectContaining({ kind: 'edd', severity: 'flag', code: 'edd_required' }),
    ]);
    expect(hits[0]!.reason).toBe('Receiver country IR (Iran) is on the FATF call-for-action list (countermeasures), plenary 2026-06');
  });

  it('Myanmar: call for action with enhanced due diligence', () => {
    const [listed] = corridorBand('MM', undefined, FATF).listings;
    expect(corridorHits(listed!)[0]!.reason).toBe(
      'Sender country MM (Myanmar) is on the FATF call-for-action list (enhanced due diligence), plenary 2026-06',
    );
  });

  it('grey list: info hits only, noting the risk-based approach', () => {
    const [listed] = corridorBand('VN', 'CH', FATF).listings;
    const hits = corridorHits(listed!);
    expect(hits.map((h) => [h.kind, h.severity, h.code])).toEqual([
      ['corridor', 'info', 'fatf_increased_monitoring'],
      ['edd', 'info', 'edd_risk_based'],
    ]);
    expect(hits[0]!.reason).toContain('Sender country VN (Vietnam) is on the FATF increased-monitoring list');
    expect(hits[1]!.reason).toContain('risk-based approach');
  });
});
