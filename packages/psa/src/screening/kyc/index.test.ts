import { expect, it } from 'vitest';
import * as kyc from './index.js';

it('locks the exported names of screening/kyc', () => {
  expect(Object.keys(kyc).sort()).toEqual([
    'ISO_COUNTRY_CODES',
    'accountHits',
    'bbanPattern',
    'corridorBand',
    'corridorHits',
    'countryName',
    'createKycStage',
    'datasetRef',
    'ibanMod97',
    'isIsoCountry',
    'validateBic',
    'validateIban',
  ]);
});
