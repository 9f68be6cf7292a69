import { JilError } from '@jil/core';
import type { BankEntry } from '../../datasets/types.js';
import { isIsoCountry } from './isoCountry.js';

/** Why a BIC was rejected. */
export type BicErrorCode = 'bic_format' | 'bic_country_unknown';

/** Result of {@link validateBic}. */
export interface ValidateBicReturnType {
  valid: boolean;
  /** Upper-cased, whitespace removed. */
  bic: string;
  /** Country code (characters 5–6) when the structure allows reading it, else `''`. */
  country: string;
  code?: BicErrorCode;
  message: string;
  /** Found in the bank registry (8- or 11-character form). `false` is informational only. */
  known: boolean;
  /** The registry row when `known`. */
  bank?: BankEntry;
  /** ISO 9362 test-and-training BIC (second location character `0`). */
  test: boolean;
}

/**
 * Validate a BIC against the ISO 9362:2014 structure and look it up in the bank registry.
 *
 * Structure: 4-character business party prefix (alphanumeric — ISO 9362:2014 §5 allows digits;
 * every BIC issued so far uses letters, but digits are accepted, not guessed away), 2-letter
 * ISO 3166-1 country code, 2-character alphanumeric location, optional 3-character alphanumeric branch
 * (`XXX` = primary office). So 8 or 11 characters. A second location character `0` marks a test BIC
 * (`test: true`, still valid).
 *
 * `known` is a hint only: the bank registry (`Snapshot.banks`) is a partial national-registry
 * extract, not the SWIFT BIC directory, so an unknown BIC is never an error.
 * Never throws for a bad BIC string (the result says why it is invalid).
 *
 * @param bic e.g. `DEUTDEFF` or `DEUTDEFF500`.
 * @param banks known BICs (8- and 11-character upper-case forms) → bank.
 * @throws JilError `INVALID_ARGUMENT` when `bic` is not a string or `banks` is given but not a Map.
 * @example
 * import { validateBic } from './validateBic.js';
 * validateBic('deutdeff'); // { valid: true, country: 'DE', known: false, … }
 */
export function validateBic(bic: string, banks?: ReadonlyMap<string, BankEntry>): ValidateBicReturnType {
  if (typeof bic !== 'string') throw new JilError('INVALID_ARGUMENT', 'bic must be a string', { details: { field: 'bic' } });
  if (banks !== undefined && !(banks instanceof Map))
    throw new JilError('INVALID_ARGUMENT', 'banks must be a Map', { details: { field: 'banks' } });
  const value = bic.replace(/\s+/g, '').toUpperCase();
  const match = /^([A-Z0-9]{4})([A-Z]{2})([A-Z0-9]{2})([A-Z0-9]{3})?$/.exec(value);
  if (match === null) {
    return {
      valid: false,
      bic: value,
      country: '',
      code: 'bic_format',
      message: 'BIC must be 4 alphanumerics (party prefix), 2 letters (country), 2 alphanumerics (location) and optionally 3 (branch)',
      known: false,
      test: false,
    };
  }
  const country = match[2] as string;
  const test = (match[3] as string)[1] === '0';
  if (!isIsoCountry(country)) {
    return {
      valid: false,
      bic: value,
      country,
      code: 'bic_country_unknown',
      message: `BIC country code ${country} is not an ISO 3166-1 alpha-2 code`,
      known: false,
      test,
    };
  }
  const bank = lookupBank(value, banks);
  return {
    valid: true,
    bic: value,
    country,
    message: bank ? `valid BIC of ${bank.name}` : 'valid BIC structure (not in the bank registry, which is not the SWIFT directory)',
    known: bank !== undefined,
    ...(bank ? { bank } : {}),
    test,
  };
}

function lookupBank(bic: string, banks: ReadonlyMap<string, BankEntry> | undefined): BankEntry | undefined {
  if (banks === undefined) return undefined;
  const direct = banks.get(bic);
  if (direct) return direct;
  // An 8-character BIC is the primary office (`XXX`); a branch BIC falls back to its institution.
  const head = bic.slice(0, 8);
  return banks.get(head) ?? banks.get(`${head}XXX`);
}
