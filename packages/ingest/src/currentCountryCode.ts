/**
 * ISO 3166-3 withdrawn alpha-2 codes that lists still carry, mapped to the successor screening compares against
 * (`SU` USSR → `RU`, `YU`/`CS` → `RS`, `ZR` → `CD`, `DD` → `DE`, `BU` → `MM`, `TP` → `TL`, `AN` → `CW`).
 */
export const WITHDRAWN_COUNTRY_SUCCESSORS: Readonly<Record<string, string>> = Object.freeze({
  SU: 'RU',
  YU: 'RS',
  CS: 'RS',
  ZR: 'CD',
  DD: 'DE',
  BU: 'MM',
  TP: 'TL',
  AN: 'CW',
});

/**
 * Normalize an ISO 3166-1 alpha-2 code read from a list at ingest: upper-case, and a withdrawn code replaced by its
 * successor, so that entities carry current codes (a party's `RU` then agrees with an entry listed as `SU`).
 *
 * @param code - two letters as the list gives them.
 * @returns the current upper-case code, or `undefined` for anything that is not two letters.
 * @example
 * import { currentCountryCode } from '@jil/ingest';
 * currentCountryCode('su'); // 'RU'
 */
export function currentCountryCode(code: string | undefined): string | undefined {
  if (typeof code !== 'string' || !/^[A-Za-z]{2}$/.test(code.trim())) return undefined;
  const upper = code.trim().toUpperCase();
  return WITHDRAWN_COUNTRY_SUCCESSORS[upper] ?? upper;
}
