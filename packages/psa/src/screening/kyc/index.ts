/**
 * KYC screening stage: FATF corridor bands, IBAN (ISO 13616, MOD 97-10), BIC (ISO 9362), EDD triggers.
 * Entry point of `screening/kyc` (the only barrel of the folder).
 */
export { createKycStage } from './createKycStage.js';
export { validateIban, type IbanErrorCode, type ValidateIbanReturnType } from './validateIban.js';
export { validateBic, type BicErrorCode, type ValidateBicReturnType } from './validateBic.js';
export { corridorBand, type CorridorBandName, type CorridorBandReturnType, type CorridorListing } from './corridorBand.js';
export { corridorHits } from './corridorHits.js';
export { accountHits, type AccountHitsReturnType, type KycRegistries } from './accountHits.js';
export { ibanMod97 } from './mod97.js';
export { bbanPattern } from './bbanPattern.js';
export { isIsoCountry, ISO_COUNTRY_CODES } from './isoCountry.js';
export { countryName } from './countryName.js';
export { datasetRef, type DatasetRef } from './datasetRef.js';
