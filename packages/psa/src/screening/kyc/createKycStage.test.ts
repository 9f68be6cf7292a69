import { describe, expect, it } from 'vitest';
import type { KycHit } from '../types.js';
import { kycContext, kycRequest } from './__fixtures__/kycFixtures.js';
import { createKycStage } from './createKycStage.js';
import { ibanMod97 } from './mod97.js';

const codes = (hits: readonly unknown[]) => (hits as KycHit[]).map((h) => `${h.party ?? '-'}:${h.kind}:${h.code}:${h.severity}`);

describe('createKycStage', () => {
  const kyc = createKycStage();

  it('passes a clean CH → DE transfer with valid IBANs and BICs', async () => {
    const out = await kyc(
      kycRequest(
        { country: 'CH', iban: 'CH93 0076 2011 6238 5295 7', bic: 'UBSWCHZH80A' },
        { country: 'DE', iban: 'DE89370400440532013000', bic: 'PBNKDEFF' },
      ),
      kycContext(),
    );
    expect(out).toEqual({ status: 'pass', summary: 'corridor standard; IBAN/BIC checks passed', hits: [] });
  });

  it('passes with no party data at all', async () => {
    const out = await kyc(kycRequest(), kycContext());
    expect(out).toMatchObject({ status: 'pass', summary: 'corridor standard', hits: [] });
  });

  it('flags a corridor to a call-for-action jurisdiction (EDD required)', async () => {
    const out = await kyc(kycRequest({ country: 'CH' }, { country: 'IR' }), kycContext());
    expect(out.status).toBe('flag');
    expect(out.summary).toBe('corridor call_for_action (receiver IR); EDD required');
    expect(codes(out.hits)).toEqual(['receiver:corridor:fatf_call_for_action:flag', 'receiver:edd:edd_required:flag']);
  });

  it('keeps a grey-list corridor at pass with info hits', async () => {
    const out = await kyc(kycRequest({ country: 'VN' }, { country: 'CH' }), kycContext());
    expect(out.status).toBe('pass');
    expect(codes(out.hits)).toEqual(['sender:corridor:fatf_increased_monitoring:info', 'sender:edd:edd_risk_based:info']);
  });

  it('uses the IBAN country for the corridor when no country is declared', async () => {
    const out = await kyc(kycRequest({}, { iban: `IR${'00'.repeat(12)}` }), kycContext());
    // That IBAN has bad check digits: reported, and its country is not trusted for the corridor.
    expect(codes(out.hits)).toEqual(['receiver:iban:iban_checksum:flag']);
    const bban = '0'.repeat(22);
    const iban = `IR${String(98 - ibanMod97(`IR00${bban}`)).padStart(2, '0')}${bban}`;
    const valid = await kyc(kycRequest({}, { iban }), kycContext());
    expect(codes(valid.hits)).toEqual(['receiver:corridor:fatf_call_for_action:flag', 'receiver:edd:edd_required:flag']);
  });

  it('flags an invalid IBAN and an invalid BIC with their codes', async () => {
    const out = await kyc(kycRequest({ iban: 'DE88370400440532013000' }, { bic: 'DEUTZZFF' }), kycContext());
    expect(out.status).toBe('flag');
    expect(codes(out.hits)).toEqual(['sender:iban:iban_checksum:flag', 'receiver:bic:bic_country_unknown:flag']);
    const iban = out.hits[0] as KycHit;
    expect(iban).toMatchObject({
      list: 'iban-registry',
      list_date: '2026-07-02',
      provenance: { dataset: 'iban-registry', file: 'generated.json', key: 'DE' },
    });
    expect(iban.reason).toBe('Sender IBAN is invalid: IBAN check digits do not verify (ISO 7064 MOD 97-10)');
    expect(out.summary).toBe('corridor standard; account issues: sender iban_checksum, receiver bic_country_unknown');
  });

  it('flags IBAN/BIC countries that disagree with the declared country', async () => {
    const out = await kyc(kycRequest({ country: 'FR', iban: 'DE89370400440532013000', bic: 'DEUTDEFF' }), kycContext());
    expect(codes(out.hits)).toEqual([
      'sender:iban:iban_country_mismatch:flag',
      'sender:bic:bic_country_mismatch:flag',
      'sender:bic:bic_not_in_registry:info',
    ]);
    expect((out.hits[0] as KycHit).reason).toBe("Sender IBAN is from DE but the sender's declared country is FR");
  });

  it('flags an IBAN and BIC of different countries', async () => {
    const out = await kyc(kycRequest({}, { iban: 'GB82WEST12345698765432', bic: 'PBNKDEFF' }), kycContext());
    expect(codes(out.hits)).toEqual(['receiver:bic:iban_bic_country_mismatch:flag']);
  });

  it('mentions an unknown BIC only where the registry has coverage, and test BICs as info', async () => {
    const covered = await kyc(kycRequest({ bic: 'DEUTDEFF' }), kycContext());
    expect(covered.status).toBe('pass');
    expect(codes(covered.hits)).toEqual(['sender:bic:bic_not_in_registry:info']);
    const uncovered = await kyc(kycRequest({ bic: 'CHASUS33' }), kycContext());
    expect(uncovered.hits).toEqual([]);
    const test = await kyc(kycRequest({ bic: 'ABCDUS30' }), kycContext());
    expect(codes(test.hits)).toEqual(['sender:bic:bic_test:info']);
  });

  it('combines corridor and account reasons and reads each hit as a sentence', async () => {
    const out = await kyc(kycRequest({ country: 'KP', iban: 'CH9300762011623852957' }, { country: 'MC' }), kycContext());
    expect(out.status).toBe('flag');
    expect(out.summary).toBe(
      'corridor call_for_action (sender KP, receiver MC); EDD required; account issues: sender iban_country_mismatch',
    );
    for (const h of out.hits) expect(h.reason).toMatch(/^[A-Z].{20,}$/);
  });
});
