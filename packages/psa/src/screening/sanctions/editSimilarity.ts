/**
 * Optimal string alignment distance (restricted Damerau-Levenshtein): insertions, deletions,
 * substitutions and transpositions of adjacent characters each cost 1, by UTF-16 code unit.
 *
 * @returns the number of edits, in `[0, max(|a|, |b|)]`.
 * @example
 * import { osaDistance } from './editSimilarity.js';
 * osaDistance('anglea', 'angela'); // 1
 */
export function osaDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  // Three rolling rows in one buffer: row i-2, row i-1, row i.
  const w = m + 1;
  const rows = new Int32Array(3 * w);
  for (let j = 0; j <= m; j++) rows[w + j] = j;
  let p2 = 0;
  let p1 = w;
  let cu = 2 * w;
  for (let i = 1; i <= n; i++) {
    rows[cu] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min((rows[p1 + j] as number) + 1, (rows[cu + j - 1] as number) + 1, (rows[p1 + j - 1] as number) + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, (rows[p2 + j - 2] as number) + 1);
      rows[cu + j] = v;
    }
    [p2, p1, cu] = [p1, cu, p2];
  }
  return rows[p1 + m] as number;
}

/**
 * Edit similarity `1 - osaDistance(a, b) / max(|a|, |b|)`. Symmetric; stricter than Jaro-Winkler on
 * short strings (one edit in five characters costs 0.2).
 *
 * @returns a similarity in [0, 1]; 1 iff `a === b`.
 * @example
 * import { editSimilarity } from './editSimilarity.js';
 * editSimilarity('harry', 'larry'); // 0.8
 */
export function editSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const max = Math.max(a.length, b.length);
  return max === 0 ? 1 : 1 - osaDistance(a, b) / max;
}
