/**
 * English short name of an ISO 3166-1 alpha-2 code for human-readable reasons (`IR` → `Iran`), via
 * `Intl.DisplayNames`; falls back to the code itself when the runtime has no region names.
 * Only called when a hit is written, so the `Intl` object is not cached (no module state).
 *
 * @param code upper-case ISO 3166-1 alpha-2 code.
 * @returns the English name, or `code` when unknown.
 * @example
 * import { countryName } from './countryName.js';
 * countryName('CH'); // 'Switzerland'
 */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}
