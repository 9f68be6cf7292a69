/**
 * Operating thresholds of the sanctions name screening (docs/screening.md §Thresholds and status).
 *
 * - Review (`flag`) at 0.80: on the name_bench dev pairs P 0.911 / R 0.820 / F1 0.863 (the best F1 of the
 *   sweep); alert rate on 50,000 synthetic non-listed people 0.39 % by name alone, 0.14 % with their date of
 *   birth; recall of UN-listed people 0.997.
 * - Fail at 0.95: exact normalized names, surname-first/given-first rotations and diacritic/transliteration
 *   variants of one token of a long name; a typo, a phonetic variant in a two-word name or a missing middle
 *   name stays below and is flagged for review. Fail rate on the synthetic non-listed people: 0.01 % by name
 *   alone (exact common names that are listed), 0 % with a date of birth.
 */
export const SANCTIONS_REVIEW_THRESHOLD = 0.8;

/** Score at or above which a match against a fitting Person/Organization entry fails the transfer. */
export const SANCTIONS_FAIL_THRESHOLD = 0.95;

/**
 * Name and version of the matcher, recorded in every PSA (`matcher` field) with the review threshold. 1.1.0: any-ascii
 * transliteration, Han/Hangul tokens, the nasab rule.
 */
export const SANCTIONS_MATCHER = {
  name: 'jil-name-matcher',
  version: '1.1.0',
  threshold: SANCTIONS_REVIEW_THRESHOLD,
} as const;
