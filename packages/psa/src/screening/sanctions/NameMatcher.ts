import { JilError } from '@jil/core';
import type { EntityName, SanctionsEntity } from '../../datasets/types.js';
import { normalizeName, type NameSchema, type NameToken, type NormalizedName } from './normalizeName.js';
import { qualifierPenalties, type PartyQualifiers } from './qualifiers.js';
import { SCORE_PARAMETERS, scoreNormalized } from './scoreName.js';
import { tokenSimilarity } from './tokenSimilarity.js';

/** A name to screen. */
export interface NameQuery extends PartyQualifiers {
  name: string;
  /** `Person` / `Organization` when the party type is known; unknown otherwise. */
  schema?: 'Person' | 'Organization';
}

/** Options of {@link NameMatcher.search}. */
export interface NameSearchOptions {
  /** Lowest final score returned (after qualifiers). Default 0.7. */
  minScore?: number;
  /** At most this many entities, best first. Default 10. */
  limit?: number;
}

/** One entity matched by a query: its best-scoring name. */
export interface NameMatch {
  entity: SanctionsEntity;
  /** The name (primary or alias) that scored best. */
  name: EntityName;
  /** Final score in [0, 1]: name score plus qualifier penalties. */
  score: number;
  /** Name-score features plus `qualifier_*` penalties and `name_score` (before qualifiers). */
  breakdown: Record<string, number>;
}

/** Options of {@link createNameMatcher}. */
export interface NameMatcherOptions {
  /** Names fully scored per query, best prefilter scores first. Default 48. */
  maxCandidates?: number;
}

/** A name index over sanctions entities, built once. */
export interface NameMatcher {
  /** Screen one name; synchronous (a few hundred microseconds). */
  search(query: NameQuery, options?: NameSearchOptions): NameMatch[];
  /** Number of indexed names (primary names and aliases). */
  readonly size: number;
}

interface IndexedName {
  entity: number;
  name: EntityName;
  norm: NormalizedName;
  /** Vocabulary id of each token (similarity cache key). */
  ids: Int32Array;
}


/** Fuzzy keys of a token and their prefilter strength: exact text, phonetic form, consonant skeleton, first and last 4 letters. */
function tokenKeys(t: NameToken): Array<[string, number]> {
  const keys: Array<[string, number]> = [[`=${t.text}`, 1], [`~${t.phon}`, 0.9]];
  if (t.skel.length >= 2 && t.kind !== 'number') keys.push([`#${t.skel}`, 0.7]);
  if (t.text.length >= 5) keys.push([`^${t.text.slice(0, 4)}`, 0.6], [`$${t.text.slice(-4)}`, 0.6]);
  return keys;
}

const schemaOf = (entity: SanctionsEntity): NameSchema => entity.schema;

/** Candidate-generation parameters (docs/screening.md §Candidate generation). */
export const PREFILTER_PARAMETERS = {
  /** A name must share keys worth this share of the query's idf-weighted token mass to be scored. */
  minShare: 0.3,
  /** Rank discount per name token beyond the query's token count. */
  lengthDiscount: 0.15,
} as const;

/**
 * Build the name index over `entities` (OFAC SDN with aliases, UN consolidated; ~37,000 names take
 * about a second): every primary name and alias normalized with its entity's schema ({@link normalizeName}),
 * and an inverted index from token keys — exact text, phonetic form, consonant skeleton, first and last four
 * letters — to names, so that misspelt queries still find candidates.
 *
 * `search` (docs/screening.md §Candidate generation): each query token (particles and initials only when
 * nothing else is left) looks up its keys; a name gains `strength × weight × idf` per query token (best key
 * only; strengths 1 / 0.9 / 0.7 / 0.6 for exact / phonetic / skeleton / prefix-or-suffix). Names below
 * `minShare` (30 %) of the query's attainable sum are dropped; of the rest, the `maxCandidates` best —
 * ranked with a discount for names longer than the query — are scored with {@link scoreNormalized}
 * (token similarities cached per query), the best name kept per entity, qualifiers applied
 * ({@link qualifierPenalties}) to those at or above `minScore`.
 *
 * Scratch arrays are owned by the matcher; `search` is synchronous, so calls never interleave.
 *
 * @param entities `Snapshot.sanctions`.
 * @param options `maxCandidates`.
 * @throws JilError `INVALID_ARGUMENT` when `entities` is not an array; `search` throws it when `query.name` is not a string.
 * @example
 * import { createNameMatcher } from './NameMatcher.js';
 * const matcher = createNameMatcher(snapshot.sanctions);
 * matcher.search({ name: 'Vladimir Putin', schema: 'Person' })[0]?.entity.entry_id; // '35096'
 */
export function createNameMatcher(entities: readonly SanctionsEntity[], options: NameMatcherOptions = {}): NameMatcher {
  if (!Array.isArray(entities)) throw new JilError('INVALID_ARGUMENT', 'entities must be an array', { details: { field: 'entities' } });
  const maxCandidates = options.maxCandidates ?? 48;
  const names: IndexedName[] = [];
  const vocab = new Map<string, number>();
  const postings = new Map<string, number[]>();
  entities.forEach((entity, e) => {
    const seen = new Set<string>();
    for (const name of entity.names) {
      if (name.name.trim() === '') continue;
      const norm = normalizeName(name.name, schemaOf(entity));
      if (norm.tokens.length === 0 || seen.has(norm.key)) continue;
      seen.add(norm.key);
      const id = names.length;
      const ids = new Int32Array(norm.tokens.length);
      norm.tokens.forEach((t, k) => {
        const vkey = (t.abjad ? `${t.text}\u0001` : t.text) + (t.orig === undefined ? '' : `\u0002${t.orig}`);
        let v = vocab.get(vkey);
        if (v === undefined) vocab.set(vkey, (v = vocab.size));
        ids[k] = v;
        for (const [key] of tokenKeys(t)) {
          const list = postings.get(key);
          if (list === undefined) postings.set(key, [id]);
          else if (list[list.length - 1] !== id) list.push(id);
        }
      });
      names.push({ entity: e, name, norm, ids });
    }
  });
  const total = names.length;
  const acc = new Float64Array(total);
  const stamp = new Int32Array(total);
  let stampCounter = 0;

  const search = (query: NameQuery, searchOptions: NameSearchOptions = {}): NameMatch[] => {
    const minScore = searchOptions.minScore ?? 0.7;
    const limit = searchOptions.limit ?? 10;
    const q = normalizeName(query.name, query.schema);
    if (q.tokens.length === 0) return [];
    const content = q.tokens.filter((t) => t.kind !== 'particle' && t.kind !== 'initial');
    const probe = content.length > 0 ? content : q.tokens;
    const touched: number[] = [];
    let possible = 0;
    for (const token of probe) {
      stampCounter = stampCounter >= 0x7ffffff0 ? 1 : stampCounter + 1;
      const df = postings.get(`=${token.text}`)?.length ?? 0;
      const idf = Math.log(1 + total / (1 + df));
      possible += token.weight * idf;
      for (const [key, strength] of tokenKeys(token)) {
        const list = postings.get(key);
        if (list === undefined) continue;
        const gain = strength * token.weight * idf;
        for (const id of list) {
          if (stamp[id] === stampCounter) continue;
          stamp[id] = stampCounter;
          if (acc[id] === 0) touched.push(id);
          acc[id] = (acc[id] as number) + gain;
        }
      }
    }
    // A name sharing keys with less than `minShare` of the query's weight will not reach a reportable score.
    const floor = PREFILTER_PARAMETERS.minShare * possible;
    let candidates = touched.filter((id) => (acc[id] as number) >= floor);
    if (candidates.length > maxCandidates) {
      // Rank by shared key weight, discounted for names much longer than the query (ties among the many
      // names sharing one common token then favour names of the query's length).
      const n = q.tokens.length;
      const rank = (id: number) => (acc[id] as number) / (1 + PREFILTER_PARAMETERS.lengthDiscount * Math.max(0, (names[id] as IndexedName).norm.tokens.length - n));
      candidates = candidates.map((id) => [id, rank(id)] as const).sort((a, b) => b[1] - a[1]).slice(0, maxCandidates).map(([id]) => id);
    }
    for (const id of touched) acc[id] = 0; // `touched` holds every name with a non-zero sum

    const caches = q.tokens.map(() => new Map<number, number>());
    let ids: Int32Array = new Int32Array(0);
    const cachedSimilarity = (i: number, j: number, qt: NameToken, ct: NameToken): number => {
      const cache = caches[i] as Map<number, number>;
      const v = ids[j] as number;
      let s = cache.get(v);
      if (s === undefined) cache.set(v, (s = tokenSimilarity(qt, ct, SCORE_PARAMETERS.minPair)));
      return s;
    };
    const best = new Map<number, { id: number; score: number; breakdown: Record<string, number> }>();
    for (const id of candidates) {
      const indexed = names[id] as IndexedName;
      ids = indexed.ids;
      const scored = scoreNormalized(q, indexed.norm, cachedSimilarity);
      // Qualifiers only lower a score, so names already below `minScore` are out.
      if (scored.score < minScore) continue;
      const previous = best.get(indexed.entity);
      if (previous === undefined || previous.score < scored.score) best.set(indexed.entity, { id, ...scored });
    }
    const matches: NameMatch[] = [];
    for (const { id, score: nameScore, breakdown } of best.values()) {
      const indexed = names[id] as IndexedName;
      const entity = entities[indexed.entity] as SanctionsEntity;
      const penalties = qualifierPenalties(query, entity);
      let score = nameScore;
      for (const p of Object.values(penalties)) score += p;
      score = Math.max(0, Math.round(score * 10_000) / 10_000);
      if (score < minScore) continue;
      matches.push({ entity, name: indexed.name, score, breakdown: { ...breakdown, ...penalties, name_score: nameScore } });
    }
    return matches
      .sort((a, b) => b.score - a.score || (a.entity.entry_id < b.entity.entry_id ? -1 : 1))
      .slice(0, limit);
  };

  return { search, size: total };
}
