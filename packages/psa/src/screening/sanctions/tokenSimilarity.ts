import { editSimilarity } from './editSimilarity.js';
import { jaroWinkler } from './jaroWinkler.js';
import type { NameToken } from './normalizeName.js';

/** Similarity of an initial to a word starting with that letter (`J` ~ `John`). */
export const INITIAL_SIMILARITY = 0.8;

/** Bit set of the characters of `s` (letters a–z exactly, anything else folded into bits 26–31). */
function charMask(s: string): number {
  let mask = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 97;
    mask |= 1 << (c >= 0 && c < 26 ? c : 26 + ((c + 97) % 6));
  }
  return mask;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Raw similarity of two spellings, the mean of Jaro-Winkler and edit similarity — or 0 when cheap upper
 * bounds show it cannot exceed `need`: edit distance ≥ the length difference and ≥ the number of distinct
 * characters only one side has (each needs at least one edit).
 */
function blendAbove(a: string, b: string, need: number): number {
  if (need >= 1) return 0;
  const max = Math.max(a.length, b.length);
  if (max === 0) return 1;
  const ma = charMask(a);
  const mb = charMask(b);
  const minEdits = Math.max(Math.abs(a.length - b.length), popcount(ma & ~mb), popcount(mb & ~ma));
  const editBound = 1 - minEdits / max;
  if ((1 + editBound) / 2 <= need) return 0;
  const jw = jaroWinkler(a, b);
  if ((jw + editBound) / 2 <= need) return 0;
  return (jw + editSimilarity(a, b)) / 2;
}

/**
 * Map a raw string similarity to the token score: linear from 0 at `raw = 0.5` to 1 at `raw = 1`.
 * Raw similarities of unrelated words cluster around 0.4–0.6; this curve makes them count for little
 * while one typo in a long word still counts for most of a match.
 */
export const curveSimilarity = (raw: number): number => (raw >= 1 ? 1 : raw <= 0.5 ? 0 : (raw - 0.5) / 0.5);

/**
 * Similarity of two name tokens in [0, 1] (docs/screening.md §Token similarity). Symmetric.
 * - two tokens both romanized from Han/Hangul characters ({@link NameToken.orig}) that are written differently are
 *   compared as written (characters, not sounds: `近平`/`近朋` differ);
 * - equal text → 1; numbers only match equal numbers (→ 0 otherwise);
 * - an initial vs a word starting with it → {@link INITIAL_SIMILARITY} (0.8); vs anything else → 0;
 * - otherwise the best of: the blended Jaro-Winkler/edit similarity of the texts; of the phonetic forms
 *   (equal phonetic forms count as raw 0.94: `mahmood`/`mahmoud`); of the consonant skeletons (≥ 3 letters) × 0.9 when a
 *   token was romanized from Arabic script; 0.8 when one token (≥ 3 letters) is a prefix of the other
 *   (abbreviation, `Alex`/`Alexander`); then {@link curveSimilarity}. Never 1 for different texts (capped at 0.99).
 *
 * `floor` (default 0) lets a caller that ignores similarities below it skip work: results below `floor`
 * are returned as 0, results at or above it are exact.
 *
 * @param a first token.
 * @param b second token.
 * @param floor similarities below this are reported as 0.
 * @example
 * import { normalizeName } from './normalizeName.js';
 * import { tokenSimilarity } from './tokenSimilarity.js';
 * const [a, b] = [normalizeName('Scholz').tokens[0]!, normalizeName('Scholze').tokens[0]!];
 * tokenSimilarity(a, b); // ≈ 0.80
 */
export function tokenSimilarity(a: NameToken, b: NameToken, floor = 0): number {
  if (a.orig !== undefined && b.orig !== undefined && a.orig !== b.orig) {
    // Both written in Han/Hangul: a different character is a different name part, whatever it sounds like.
    const s = Math.min(0.99, curveSimilarity(blendAbove(a.orig, b.orig, 0.5 + 0.5 * floor)));
    return s < floor ? 0 : s;
  }
  if (a.text === b.text) return 1;
  if (a.kind === 'number' || b.kind === 'number') return 0;
  if (a.kind === 'initial' || b.kind === 'initial') {
    const other = a.kind === 'initial' ? b : a;
    if (other.kind !== 'word' && other.kind !== 'generic') return 0;
    return a.text[0] === b.text[0] && INITIAL_SIMILARITY >= floor ? INITIAL_SIMILARITY : 0;
  }
  const [short, long] = a.text.length <= b.text.length ? [a.text, b.text] : [b.text, a.text];
  // A prefix reads as an abbreviation (`Alex`/`Alexander`), except for a romanized Han/Hangul token: its syllables
  // are complete, and `jia` is not short for `jiangping`.
  const abbreviation = a.orig === undefined && b.orig === undefined;
  let raw = abbreviation && short.length >= 3 && long.startsWith(short) ? 0.8 : 0;
  if (a.phon === b.phon) raw = Math.max(raw, 0.94);
  // Below this raw value the result would be under `floor`; raw ≤ 0.5 always maps to 0 (0.75 across scripts).
  const rawFloor = (a.orig === undefined) !== (b.orig === undefined) ? 0.75 + 0.25 * floor : 0.5 + 0.5 * floor;
  raw = Math.max(raw, blendAbove(a.text, b.text, Math.max(raw, rawFloor)));
  if (a.phon !== b.phon) raw = Math.max(raw, blendAbove(a.phon, b.phon, Math.max(raw, rawFloor) + 0.02) - 0.02);
  if ((a.abjad || b.abjad) && a.skel.length >= 3 && b.skel.length >= 3) {
    raw = Math.max(raw, 0.9 * blendAbove(a.skel, b.skel, Math.max(raw, rawFloor) / 0.9));
  }
  // One token romanized from Han/Hangul, the other written in Latin: pinyin and hangul romanizations share a small
  // set of syllables, so unrelated names look alike letter by letter (`xiufeng`/`xiaoming`); only close spellings count.
  const s = Math.min(
    0.99,
    (a.orig === undefined) !== (b.orig === undefined) ? curveSimilarity(CROSS_SCRIPT_CURVE(raw)) : curveSimilarity(raw),
  );
  return s < floor ? 0 : s;
}

/** Maps a raw similarity of a romanized syllabic token to a Latin one onto the usual curve: 0.75 → 0.5, 1 → 1. */
const CROSS_SCRIPT_CURVE = (raw: number): number => (raw <= 0.75 ? 0.5 * (raw / 0.75) : 0.5 + 2 * (raw - 0.75));
