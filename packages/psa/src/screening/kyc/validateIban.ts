import { JilError } from '@jil/core';
import type { IbanCountrySpec } from '../../datasets/types.js';
import { bbanPattern } from './bbanPattern.js';
import { countryName } from './countryName.js';
import { ibanMod97 } from './mod97.js';

/** Why an IBAN was rejected, in the order the checks run. */
export type IbanErrorCode = 'iban_format' | 'iban_country_unknown' | 'iban_length' | 'iban_bban_format' | 'iban_checksum';

/** Result of {@link validateIban}. */
export interface ValidateIbanReturnType {
  valid: boolean;
  /** The two-letter country prefix when the input has one (even when invalid), else `''`. */
  country: string;
  /** Electronic form: spaces removed, upper-cased. */
  iban: string;
  /** Set when `valid` is false. */
  code?: IbanErrorCode;
  /** One human sentence, e.g. `IBAN check digits do not verify (ISO 7064 MOD 97-10)`. */
  message: string;
}

/**
 * Validate an IBAN (ISO 13616-1:2020) against the country formats of the SWIFT IBAN registry.
 * Checks, in order, and stops at the first failure: shape `CC` + 2 check digits + alphanumerics,
 * at most 34 characters (`iban_format`); country present in `registry` (`iban_country_unknown`);
 * total length equals the country's `iban_length` (`iban_length`); the BBAN matches the country's
 * SWIFT structure `bban_spec` (`iban_bban_format`); check digits in `02..98` and the ISO 7064
 * MOD 97-10 remainder equals 1 (`iban_checksum`).
 *
 * Spaces (and any whitespace) are removed and letters upper-cased first (paper form → electronic form).
 * Never throws for a bad IBAN string (the result says why it is invalid).
 *
 * @param iban paper or electronic form, e.g. `GB82 WEST 1234 5698 7654 32`.
 * @param registry IBAN country specs keyed by ISO 3166-1 alpha-2 code (`Snapshot.iban`).
 * @throws JilError `INVALID_ARGUMENT` when `iban` is not a string or `registry` not a Map, or a registry
 *   entry holds a malformed `bban_spec`.
 * @example
 * import { validateIban } from './validateIban.js';
 * validateIban('DE89 3704 0044 0532 0130 00', snapshot.iban); // { valid: true, country: 'DE', … }
 */
export function validateIban(iban: string, registry: ReadonlyMap<string, IbanCountrySpec>): ValidateIbanReturnType {
  if (typeof iban !== 'string') throw new JilError('INVALID_ARGUMENT', 'iban must be a string', { details: { field: 'iban' } });
  if (!(registry instanceof Map)) throw new JilError('INVALID_ARGUMENT', 'registry must be a Map', { details: { field: 'registry' } });
  const electronic = iban.replace(/\s+/g, '').toUpperCase();
  const prefix = /^[A-Z]{2}/.test(electronic) ? electronic.slice(0, 2) : '';
  const fail = (code: IbanErrorCode, message: string): ValidateIbanReturnType => ({
    valid: false,
    country: prefix,
    iban: electronic,
    code,
    message,
  });
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$/.test(electronic)) {
    return fail('iban_format', 'IBAN must be a 2-letter country code, 2 check digits and up to 30 letters or digits');
  }
  const spec = registry.get(prefix);
  if (spec === undefined) {
    return fail('iban_country_unknown', `IBAN country ${prefix} is not in the IBAN registry`);
  }
  const name = `${prefix} (${countryName(prefix)})`;
  if (electronic.length !== spec.iban_length) {
    return fail('iban_length', `IBAN has ${electronic.length} characters; ${name} IBANs have ${spec.iban_length}`);
  }
  if (!bbanPattern(spec.bban_spec).test(electronic.slice(4))) {
    return fail('iban_bban_format', `IBAN account part does not follow the ${name} structure ${spec.bban_spec}`);
  }
  const checkDigits = Number(electronic.slice(2, 4));
  if (checkDigits < 2 || checkDigits > 98 || ibanMod97(electronic) !== 1) {
    return fail('iban_checksum', 'IBAN check digits do not verify (ISO 7064 MOD 97-10)');
  }
  return { valid: true, country: prefix, iban: electronic, message: `valid ${name} IBAN` };
}
