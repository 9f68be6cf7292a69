/**
 * Jaro similarity (Jaro 1989) of two strings, by UTF-16 code unit: matches within a window of
 * `floor(max(|a|,|b|)/2) - 1`, transpositions counted as half the out-of-order matches.
 * The arguments are put in a fixed order first, so the result is exactly symmetric.
 *
 * @returns a similarity in [0, 1]; 1 iff `a === b` (two empty strings → 1, one empty → 0).
 * @example
 * import { jaro } from './jaroWinkler.js';
 * jaro('martha', 'marhta'); // 0.9444…
 */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const [s, t] = a <= b ? [a, b] : [b, a];
  const sl = s.length;
  const tl = t.length;
  if (sl === 0 || tl === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(sl, tl) / 2) - 1);
  // Matched flags as bit sets (no allocation) for names up to 31 characters, arrays beyond.
  const small = tl <= 31 && sl <= 31;
  let sBits = 0;
  let tBits = 0;
  const sMatched = small ? undefined : new Uint8Array(sl);
  const tMatched = small ? undefined : new Uint8Array(tl);
  let matches = 0;
  for (let i = 0; i < sl; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(tl - 1, i + window);
    const ch = s.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      const free = small ? (tBits & (1 << j)) === 0 : (tMatched as Uint8Array)[j] === 0;
      if (free && ch === t.charCodeAt(j)) {
        if (small) {
          sBits |= 1 << i;
          tBits |= 1 << j;
        } else {
          (sMatched as Uint8Array)[i] = 1;
          (tMatched as Uint8Array)[j] = 1;
        }
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let halfTranspositions = 0;
  for (let i = 0; i < sl; i++) {
    if (small ? (sBits & (1 << i)) === 0 : (sMatched as Uint8Array)[i] === 0) continue;
    while (small ? (tBits & (1 << k)) === 0 : (tMatched as Uint8Array)[k] === 0) k++;
    if (s.charCodeAt(i) !== t.charCodeAt(k)) halfTranspositions++;
    k++;
  }
  const m = matches;
  return (m / sl + m / tl + (m - halfTranspositions / 2) / m) / 3;
}

/**
 * Jaro-Winkler similarity (Winkler 1990): Jaro plus a bonus for a common prefix of up to 4
 * characters, `jw = j + l · p · (1 - j)` with prefix scale `p = 0.1`. Symmetric.
 *
 * @param a first string (already normalized; comparison is by UTF-16 code unit).
 * @param b second string.
 * @returns a similarity in [0, 1]; 1 iff `a === b`.
 * @example
 * import { jaroWinkler } from './jaroWinkler.js';
 * jaroWinkler('martha', 'marhta'); // 0.9611…
 */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j === 1 || j === 0) return j;
  let l = 0;
  const max = Math.min(4, a.length, b.length);
  while (l < max && a.charCodeAt(l) === b.charCodeAt(l)) l++;
  return j + l * 0.1 * (1 - j);
}
