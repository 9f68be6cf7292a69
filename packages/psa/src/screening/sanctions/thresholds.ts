/**
 * Operating thresholds of the sanctions name screening (docs/screening.md §Thresholds).
 *
 * - Review (`flag`) at 0.80: on the name_bench dev pairs P 0.89 / R 0.83 (F1 0.86); on the 50,000 synthetic
 *   negatives a fraction of a percent of parties alert (see docs/screening.md for the measured numbers).
 * - Fail at 0.95: exact normalized names, surname-first/given-first rotations and diacritic/transliteration
 *   variants of every token; a single typo or a missing middle name stays below and is flagged for review.
 */
export const SANCTIONS_REVIEW_THRESHOLD = 0.8;

/** Score at or above which a match against a fitting Person/Organization entry fails the transfer. */
export const SANCTIONS_FAIL_THRESHOLD = 0.95;

/** Name and version of the matcher, recorded in every PSA (`matcher` field) with the review threshold. */
export const SANCTIONS_MATCHER = {
  name: 'jil-name-matcher',
  version: '1.0.0',
  threshold: SANCTIONS_REVIEW_THRESHOLD,
} as const;
