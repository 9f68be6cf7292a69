import fc from 'fast-check';

/** Finite numbers that JIL's canonical form accepts: safe integers and every non-integral double. */
export const jsonNumber: fc.Arbitrary<number> = fc.oneof(
  fc.maxSafeInteger(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n) || Number.isSafeInteger(n)),
);

/** Well-formed strings over all of Unicode (no lone surrogates). */
export const jsonString: fc.Arbitrary<string> = fc.string({ unit: 'binary', maxLength: 12 });

/** JSON values that canonicalize accepts: plain objects built with own data properties (a "__proto__" key included). */
export const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; array: unknown[]; object: object }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 4, depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    jsonNumber,
    jsonString,
    fc.constantFrom('__proto__', 'constructor', '10', '9', 'é', '😂', 'דּ'),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc
    .uniqueArray(
      fc.tuple(fc.oneof(jsonString, fc.constantFrom('__proto__', '10', '9', '\u20ac', '\ud83d\ude02', '\ufb33')), tie('value')),
      {
        selector: ([key]) => key,
        maxLength: 6,
      },
    )
    .map((entries) => Object.fromEntries(entries)),
})).value;

/** A copy of `value` whose objects list their keys in a different (seeded) order. */
export function reorderKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item, i) => reorderKeys(item, seed + i));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  let s = seed >>> 0;
  for (let i = entries.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries.map(([k, v], i) => [k, reorderKeys(v, seed + 31 * i)]));
}

/** `value` with every `-0` replaced by `0` (JSON cannot tell them apart). */
export function withoutNegativeZero(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(withoutNegativeZero);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNegativeZero(v)]));
}
