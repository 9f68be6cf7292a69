import { alignTokens, isRotation } from './alignTokens.js';
import { editSimilarity } from './editSimilarity.js';
import { jaroWinkler } from './jaroWinkler.js';
import { normalizeName, type NameSchema, type NameToken, type NormalizedName } from './normalizeName.js';
import { curveSimilarity, tokenSimilarity } from './tokenSimilarity.js';
import type { TokenSimilarityFunction } from './alignTokens.js';

/** Scoring parameters (docs/screening.md §Score). */
export const SCORE_PARAMETERS = {
  /** Token pairs below this similarity are not aligned (they count as unmatched). */
  minPair: 0.5,
  /** Weight of the token-alignment score vs the subset score in the base score. */
  alignWeight: 0.5,
  /** Penalty per unit of "conflict" (weight unmatched on both sides / larger side's weight). */
  conflictPenalty: 0.3,
  /** Penalty when aligned tokens appear in a different order (other than a rotation). */
  orderPenalty: 0.02,
  /**
   * Penalty when both names have an Arabic patronymic (`X bin Y`: X son of Y) and the given name and the father's
   * name trade places around it (`Ahmad bin Hasan` vs `Hasan bin Ahmad`: father and son, not one person).
   */
  nasabPenalty: 0.2,
  /** Penalty when both names carry legal forms and none of their classes agree. */
  legalFormPenalty: 0.08,
  /** Factor on the joined-string score (word joining/splitting); keeps it below an exact match. */
  joinedFactor: 0.97,
  /** Share of a full word's weight counted as unmatched (conflict) when only an initial matched it. */
  initialUnmatched: 0.5,
  /** Score cap when there is no full-word match (only initials, particles …). */
  noContentCap: 0.5,
  /** Highest score of names that are not exactly equal after normalization. */
  nearMissCap: 0.99,
} as const;

/** A score in [0, 1] and the features that made it. */
export interface NameScore {
  score: number;
  /**
   * Per-feature values: `tokens`, `subset`, `joined` (scores in [0,1]); `conflict`, `order`, `legal_form` (penalties ≤ 0);
   * `initials`, `aligned` (counts); `exact` (0/1).
   */
  breakdown: Record<string, number>;
}

export type { TokenSimilarityFunction } from './alignTokens.js';

/** Four decimals; `+ 0` turns a negative zero into 0 (canonical JSON and deep-equal comparisons of findings). */
const round = (x: number): number => Math.round(x * 10_000) / 10_000 + 0;
const CONTENT = new Set(['word', 'generic', 'number']);

/**
 * Score two normalized names (docs/screening.md §Score). Order-independent alignment of tokens
 * ({@link alignTokens}), then:
 * - `tokens` = Σ sim·(w_q + w_c) / (W_q + W_c) over aligned pairs — weighted Dice overlap;
 * - `subset` = coverage of the better-covered side (Σ sim·w / W), when that side has ≥ 2 content tokens:
 *   "Vladimir Putin" ⊂ "Vladimir Vladimirovich Putin";
 * - base = ½·tokens + ½·subset − 0.3·conflict − order − legal-form penalties, where conflict = weight left
 *   unmatched on both sides (a substituted, not a missing, name part) and the order penalty applies when the
 *   aligned tokens are not in the same order up to a rotation (surname-first vs given-name-first is free);
 * - `joined` = curved similarity of the space-free concatenations × 0.97 when the token counts differ
 *   (word joining/splitting: "AlisherUsmanov");
 * - score = max(base, joined), capped at 0.5 without a full-word match and at 0.99 unless the normalized
 *   keys are equal (only exact normalized equality scores 1; an OFAC `SURNAME, Given` name equals both
 *   `Given SURNAME` and `SURNAME Given`).
 * Symmetric in `q` and `c`; always in [0, 1].
 *
 * @param q the query name.
 * @param c the candidate name.
 * @param sim token similarity, default {@link tokenSimilarity}.
 * @example
 * import { normalizeName } from './normalizeName.js';
 * import { scoreNormalized } from './scoreName.js';
 * scoreNormalized(normalizeName('Vladimir Putin', 'Person'), normalizeName('PUTIN, Vladimir Vladimirovich', 'Person')).score; // ≈ 0.9
 */
export function scoreNormalized(q: NormalizedName, c: NormalizedName, sim?: TokenSimilarityFunction): NameScore {
  const P = SCORE_PARAMETERS;
  const qt = q.tokens;
  const ct = c.tokens;
  if (qt.length === 0 || ct.length === 0) return { score: 0, breakdown: { tokens: 0, subset: 0, joined: 0 } };
  if (q.key === c.key || q.key === c.writtenKey || q.writtenKey === c.key) {
    return { score: 1, breakdown: { tokens: 1, subset: 1, joined: 1, exact: 1 } };
  }

  const { aligned, qSim, cSim, qByInitial, cByInitial } = alignTokens(qt, ct, sim ?? ((_i, _j, a, b) => tokenSimilarity(a, b)), P.minPair);
  const sq = sideTotals(qt, qSim, qByInitial, !hasUnmatchedContent(ct, cSim));
  const sc = sideTotals(ct, cSim, cByInitial, !hasUnmatchedContent(qt, qSim));
  const tokens = (sq.covered + sc.covered) / (sq.total + sc.total);
  const covQ = sq.content >= 2 ? sq.covered / sq.total : 0;
  const covC = sc.content >= 2 ? sc.covered / sc.total : 0;
  const subset = Math.max(tokens, covQ, covC);
  const conflict = -P.conflictPenalty * (Math.min(sq.unmatched, sc.unmatched) / Math.max(sq.total, sc.total));
  const order = aligned.length >= 2 && !isRotation(aligned) ? -P.orderPenalty : 0;
  const nasab = nasabSwapped(qt, ct, aligned) ? -P.nasabPenalty : 0;
  const legal =
    q.legalForms.length > 0 && c.legalForms.length > 0 && !q.legalForms.some((f) => c.legalForms.includes(f)) ? -P.legalFormPenalty : 0;
  const joined =
    qt.length !== ct.length
      ? P.joinedFactor * curveSimilarity((jaroWinkler(q.joined, c.joined) + editSimilarity(q.joined, c.joined)) / 2)
      : 0;
  let hasContent = false;
  let initials = 0;
  for (const [i, j] of aligned) {
    const a = qt[i] as NameToken;
    const b = ct[j] as NameToken;
    if (CONTENT.has(a.kind) && CONTENT.has(b.kind)) hasContent = true;
    if (a.kind === 'initial' || b.kind === 'initial') initials++;
  }

  let score = Math.max(P.alignWeight * tokens + (1 - P.alignWeight) * subset + conflict + order + nasab, joined + nasab) + legal;
  if (!hasContent && joined < P.noContentCap) score = Math.min(score, P.noContentCap);
  score = Math.min(P.nearMissCap, Math.max(0, score));
  return {
    score: round(score),
    breakdown: {
      tokens: round(tokens),
      subset: round(subset),
      joined: round(joined),
      conflict: round(conflict),
      order,
      ...(nasab === 0 ? {} : { nasab }),
      legal_form: legal,
      aligned: aligned.length,
      initials,
      exact: 0,
    },
  };
}

/** `true` when the names around `bin`/`bint` in one name are aligned to the other side of it in the other name. */
function nasabSwapped(qt: readonly NameToken[], ct: readonly NameToken[], aligned: readonly [number, number, number][]): boolean {
  const at = (ts: readonly NameToken[]) => ts.findIndex((t, i) => i > 0 && i < ts.length - 1 && (t.text === 'bin' || t.text === 'bint'));
  const qb = at(qt);
  const cb = at(ct);
  if (qb < 0 || cb < 0) return false;
  return aligned.some(([i, j]) => (i === qb - 1 && j === cb + 1) || (i === qb + 1 && j === cb - 1));
}

function hasUnmatchedContent(tokens: readonly NameToken[], sims: Float64Array): boolean {
  for (let i = 0; i < tokens.length; i++) if (sims[i] === -1 && CONTENT.has((tokens[i] as NameToken).kind)) return true;
  return false;
}

/**
 * Weight totals of one side (`unmatched` includes half of each full word confirmed only by an initial).
 * A repeated name part ("Shoigu Shoigu Sergey") left unmatched is ignored
 * when the other side has no content left to match (`otherComplete`).
 */
function sideTotals(tokens: readonly NameToken[], sims: Float64Array, byInitial: Uint8Array, otherComplete: boolean) {
  let total = 0;
  let covered = 0;
  let unmatched = 0;
  let content = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as NameToken;
    const s = sims[i] as number;
    if (s === -1 && otherComplete && tokens.some((u, k) => k !== i && sims[k] !== -1 && u.text === t.text)) continue;
    total += t.weight;
    if (CONTENT.has(t.kind)) content++;
    if (s === -1) unmatched += t.weight;
    else covered += s * t.weight;
    if (byInitial[i] === 1) unmatched += t.weight * SCORE_PARAMETERS.initialUnmatched;
  }
  return { total, covered, unmatched, content };
}

/**
 * Pairwise name score: normalize both names with the same schema hint and {@link scoreNormalized} them.
 *
 * @param a the query-side name.
 * @param b the list-side name.
 * @param schema `Person`, `Organization`, `Vessel`, `Aircraft`, or unknown.
 * @throws JilError `INVALID_ARGUMENT` when a name is not a string.
 * @example
 * import { scoreName } from './scoreName.js';
 * scoreName('Vladimir Putin', 'PUTIN, Vladimir Vladimirovich', 'Person').score; // ≈ 0.9
 */
export function scoreName(a: string, b: string, schema?: NameSchema): NameScore {
  return scoreNormalized(normalizeName(a, schema), normalizeName(b, schema));
}
