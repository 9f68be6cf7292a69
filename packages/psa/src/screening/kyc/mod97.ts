/**
 * ISO 7064 MOD 97-10 remainder of an IBAN (ISO 13616-1:2020 §6.3 / Annex B): the first four
 * characters are moved to the end, letters become two digits (`A` = 10 … `Z` = 35), and the
 * resulting integer is reduced modulo 97. Computed in chunks of at most 9 digits, so no BigInt and
 * no precision loss. A valid IBAN has remainder 1.
 *
 * @param iban upper-case alphanumeric IBAN without spaces (not validated here).
 * @returns the remainder in `0..96`, or `-1` if `iban` holds a character outside `[0-9A-Z]`.
 * @example
 * import { ibanMod97 } from './mod97.js';
 * ibanMod97('DE89370400440532013000'); // 1
 */
export function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  let chunk = '';
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    if (code >= 48 && code <= 57) chunk += ch;
    else if (code >= 65 && code <= 90) chunk += String(code - 55);
    else return -1;
    if (chunk.length >= 7) {
      remainder = Number(String(remainder) + chunk) % 97;
      chunk = '';
    }
  }
  if (chunk.length > 0) remainder = Number(String(remainder) + chunk) % 97;
  return remainder;
}
