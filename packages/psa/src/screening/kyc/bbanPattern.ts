import { JilError } from '@jil/core';

/** Character classes of the SWIFT IBAN registry notation (IBAN Registry, "Data element" notation). */
const CLASSES: Readonly<Record<string, string>> = {
  n: '[0-9]', // digits
  a: '[A-Z]', // upper-case letters
  c: '[A-Z0-9]', // alphanumeric (IBANs are compared upper-cased)
  e: ' ', // blank space
};

/**
 * Compile a BBAN structure in SWIFT notation (`4!n4!n12!c`) to an anchored regular expression.
 * `n` digits, `a` upper-case letters, `c` alphanumerics, `e` space; `!` = fixed length, otherwise
 * "up to" that many characters.
 *
 * @param spec SWIFT notation, e.g. `4!a6!n8!n` (GB).
 * @returns an anchored `RegExp` (`^…$`).
 * @throws JilError `INVALID_ARGUMENT` when `spec` is not valid SWIFT notation.
 * @example
 * import { bbanPattern } from './bbanPattern.js';
 * bbanPattern('4!a6!n8!n').test('WEST12345698765432'); // true
 */
export function bbanPattern(spec: string): RegExp {
  const parts = [...spec.matchAll(/(\d+)(!?)([nace])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== spec) {
    throw new JilError('INVALID_ARGUMENT', `not a SWIFT IBAN structure: ${spec}`, { details: { field: 'bban_spec' } });
  }
  const body = parts.map(([, count, fixed, kind]) => `${CLASSES[kind as string]}{${fixed ? count : `1,${count}`}}`).join('');
  return new RegExp(`^${body}$`);
}
