import type { NameToken } from './normalizeName.js';

/** Similarity of query token `i` to candidate token `j` (lets an index cache token similarities). */
export type TokenSimilarityFunction = (i: number, j: number, q: NameToken, c: NameToken) => number;

/** One aligned pair: query token index, candidate token index, similarity. */
export type AlignedPair = [number, number, number];

/** Result of {@link alignTokens}. */
export interface TokenAlignment {
  /** Aligned pairs, best first. */
  aligned: AlignedPair[];
  /** Similarity of each query token to its partner, `-1` when unmatched. */
  qSim: Float64Array;
  /** Similarity of each candidate token to its partner, `-1` when unmatched. */
  cSim: Float64Array;
  /** `1` where a full query word was matched only by a candidate initial ("Putin" ~ "P."). */
  qByInitial: Uint8Array;
  /** `1` where a full candidate word was matched only by a query initial. */
  cByInitial: Uint8Array;
}

/**
 * Align the tokens of two names regardless of order: every pair with similarity ≥ `minPair` is a
 * candidate; pairs are taken greedily, best similarity first (ties: heavier pair, then by the two
 * texts, so the result does not depend on which name is the query), each token at most once.
 * Greedy is optimal here except for contrived ties (a 1:1 assignment where a lower pair would unlock
 * two better ones), which name tokens practically never produce.
 *
 * @param qt query tokens.
 * @param ct candidate tokens.
 * @param sim token similarity.
 * @param minPair lowest similarity that can align two tokens.
 * @example
 * import { alignTokens } from './alignTokens.js';
 * alignTokens(q.tokens, c.tokens, (i, j, a, b) => tokenSimilarity(a, b), 0.5).aligned; // [[0, 1, 1], [1, 0, 1]]
 */
export function alignTokens(
  qt: readonly NameToken[],
  ct: readonly NameToken[],
  sim: TokenSimilarityFunction,
  minPair: number,
): TokenAlignment {
  const pairs: AlignedPair[] = [];
  for (let i = 0; i < qt.length; i++) {
    const a = qt[i] as NameToken;
    for (let j = 0; j < ct.length; j++) {
      const s = sim(i, j, a, ct[j] as NameToken);
      if (s >= minPair) pairs.push([i, j, s]);
    }
  }
  if (pairs.length > 1) pairs.sort((x, y) => comparePairs(x, y, qt, ct));
  const qSim = new Float64Array(qt.length).fill(-1);
  const cSim = new Float64Array(ct.length).fill(-1);
  const qByInitial = new Uint8Array(qt.length);
  const cByInitial = new Uint8Array(ct.length);
  const aligned: AlignedPair[] = [];
  for (const p of pairs) {
    if (qSim[p[0]] !== -1 || cSim[p[1]] !== -1) continue;
    qSim[p[0]] = p[2];
    cSim[p[1]] = p[2];
    const qInitial = (qt[p[0]] as NameToken).kind === 'initial';
    const cInitial = (ct[p[1]] as NameToken).kind === 'initial';
    if (cInitial && !qInitial) qByInitial[p[0]] = 1;
    if (qInitial && !cInitial) cByInitial[p[1]] = 1;
    aligned.push(p);
  }
  return { aligned, qSim, cSim, qByInitial, cByInitial };
}

function comparePairs(x: AlignedPair, y: AlignedPair, qt: readonly NameToken[], ct: readonly NameToken[]): number {
  if (y[2] !== x[2]) return y[2] - x[2];
  const xa = qt[x[0]] as NameToken;
  const xb = ct[x[1]] as NameToken;
  const ya = qt[y[0]] as NameToken;
  const yb = ct[y[1]] as NameToken;
  const w = ya.weight + yb.weight - (xa.weight + xb.weight);
  if (w !== 0) return w;
  const [x1, x2] = xa.text <= xb.text ? [xa.text, xb.text] : [xb.text, xa.text];
  const [y1, y2] = ya.text <= yb.text ? [ya.text, yb.text] : [yb.text, ya.text];
  return x1 < y1 ? -1 : x1 > y1 ? 1 : x2 < y2 ? -1 : x2 > y2 ? 1 : 0;
}

/**
 * `true` when the aligned candidate positions, read in query order, increase up to a rotation
 * (`Putin Vladimir` ~ `Vladimir Putin`: surname-first vs given-name-first is not a reordering).
 *
 * @example
 * import { isRotation } from './alignTokens.js';
 * isRotation([[0, 1, 1], [1, 0, 1]]); // true
 * isRotation([[0, 2, 1], [1, 0, 1], [2, 1, 1], [3, 3, 1]]); // false
 */
export function isRotation(aligned: readonly AlignedPair[]): boolean {
  const byQ = [...aligned].sort((x, y) => x[0] - y[0]).map((p) => p[1]);
  let descents = 0;
  for (let k = 1; k < byQ.length; k++) if ((byQ[k] as number) < (byQ[k - 1] as number)) descents++;
  return descents === 0 || (descents === 1 && (byQ[byQ.length - 1] as number) < (byQ[0] as number));
}
