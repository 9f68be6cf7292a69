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

/** Fuzzy keys of a token and their prefilter strength: exact text, phonetic form, consonant skeleton, first and last 4 letters. */
function tokenKeys(t: NameToken): Array<[string, number]> {
  const keys: Array<[string, number]> = [
    [`=${t.text}`, 1],
    [`~${t.phon}`, 0.9],
  ];
  if (t.skel.length >= 2 && t.kind !== 'number') keys.push([`#${t.skel}`, 0.7]);
  if (t.text.length >= 5) keys.push([`^${t.text.slice(0, 4)}`, 0.6], [`$${t.text.slice(-4)}`, 0.6]);
  return keys;
}

const schemaOf = (entity: SanctionsEntity): NameSchema => entity.schema;

/**
 * The `k` ids of highest `rank`, best first; equal ranks keep their order in `ids` (what a stable sort and a
 * slice would give), found with a bounded heap in O(n log k) — common tokens can bring tens of thousands of names.
 */
function topByRank(ids: readonly number[], rank: (id: number) => number, k: number): number[] {
  // Min-heap of [rank, position]: the root is the worst kept (lowest rank, latest position on ties).
  const hr = new Float64Array(k);
  const hp = new Int32Array(k);
  let size = 0;
  const worse = (a: number, b: number) =>
    (hr[a] as number) < (hr[b] as number) || ((hr[a] as number) === (hr[b] as number) && (hp[a] as number) > (hp[b] as number));
  const swap = (a: number, b: number) => {
    const r = hr[a] as number;
    const p = hp[a] as number;
    hr[a] = hr[b] as number;
    hp[a] = hp[b] as number;
    hr[b] = r;
    hp[b] = p;
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && worse(l, m)) m = l;
      if (r < size && worse(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (let pos = 0; pos < ids.length; pos++) {
    const value = rank(ids[pos] as number);
    if (size < k) {
      hr[size] = value;
      hp[size] = pos;
      for (let i = size++; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!worse(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (value > (hr[0] as number)) {
      hr[0] = value;
      hp[0] = pos;
      down(0);
    }
  }
  const kept = Array.from({ length: size }, (_, i) => [hr[i] as number, hp[i] as number] as const);
  kept.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return kept.map(([, pos]) => ids[pos] as number);
}

/** Candidate-generation parameters (docs/screening.md §Candidate generation). */
export const PREFILTER_PARAMETERS = {
  /** A name must share keys worth this share of the query's idf-weighted token mass to be scored. */
  minShare: 0.3,
  /** Rank discount per name token beyond the query's token count. */
  lengthDiscount: 0.15,
  /**
   * Skeleton and prefix/suffix keys (strength ≤ 0.7) with more names than the larger of this count and
   * `fuzzyPostingShare` × index size are not followed (no key of the 35,260 bundled names reaches it).
   */
  fuzzyPostingCap: 5000,
  fuzzyPostingShare: 0.002,
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
  // Names are stored as columns over a table of distinct tokens (a million names share a few thousand tokens):
  // entity and name index, token ids, legal-form set and the rotation that gives the written `SURNAME, Given` key.
  const tokens: NameToken[] = [];
  const tokenIds = new Map<string, number>();
  const legalSets: string[][] = [[]];
  const legalIds = new Map<string, number>([['', 0]]);
  const nameEntity: number[] = [];
  const nameIndex: number[] = [];
  const nameLegal: number[] = [];
  const nameRotation: number[] = [];
  const tokenStart: number[] = [0];
  const tokenRefs: number[] = [];
  const building = new Map<string, number[]>();
  entities.forEach((entity, e) => {
    const seen = new Set<string>();
    entity.names.forEach((name: EntityName, k: number) => {
      if (name.name.trim() === '') return;
      const norm = normalizeName(name.name, schemaOf(entity));
      if (norm.tokens.length === 0 || seen.has(norm.key)) return;
      seen.add(norm.key);
      const id = nameEntity.length;
      nameEntity.push(e);
      nameIndex.push(k);
      const legalKey = norm.legalForms.join(',');
      let legal = legalIds.get(legalKey);
      if (legal === undefined) {
        legal = legalSets.length;
        legalIds.set(legalKey, legal);
        legalSets.push([...norm.legalForms]);
      }
      nameLegal.push(legal);
      nameRotation.push(rotationOf(norm));
      for (const t of norm.tokens) {
        const tkey = `${t.text}\u0000${t.kind}\u0000${t.abjad ? 1 : 0}\u0000${t.orig ?? ''}`;
        let v = tokenIds.get(tkey);
        if (v === undefined) {
          v = tokens.length;
          tokenIds.set(tkey, v);
          tokens.push(t);
        }
        tokenRefs.push(v);
        for (const [key] of tokenKeys(t)) {
          const list = building.get(key);
          if (list === undefined) building.set(key, [id]);
          else if (list[list.length - 1] !== id) list.push(id);
        }
      }
      tokenStart.push(tokenRefs.length);
    });
  });
  const postings = new Map<string, Int32Array>();
  for (const [key, list] of building) postings.set(key, Int32Array.from(list));
  building.clear();
  const refs = Int32Array.from(tokenRefs);
  const starts = Int32Array.from(tokenStart);
  const total = nameEntity.length;
  const fuzzyCap = Math.max(PREFILTER_PARAMETERS.fuzzyPostingCap, Math.ceil(total * PREFILTER_PARAMETERS.fuzzyPostingShare));
  // Per name: [key-weight sum, stamp of the last query token that counted it], side by side so that one cache
  // line serves both (a query touches thousands of names spread over the whole table).
  const state = new Float64Array(2 * total);
  const touched = new Int32Array(total);
  let stampCounter = 0;

  /** The normalized name `id`, rebuilt from the columns (only for the few candidates a query scores). */
  const normalizedOf = (id: number): NormalizedName => {
    const name = (entities[nameEntity[id] as number] as SanctionsEntity).names[nameIndex[id] as number] as EntityName;
    const own = Array.from(refs.subarray(starts[id] as number, starts[id + 1] as number), (v) => tokens[v] as NameToken);
    const legalForms = legalSets[nameLegal[id] as number] as string[];
    const forms = [...legalForms].sort();
    const suffix = forms.length > 0 ? ` |${forms.join(',')}` : '';
    const keyTexts = own.map((t) => t.orig ?? t.text);
    const out: NormalizedName = {
      input: name.name,
      tokens: own,
      legalForms,
      key: keyTexts.join(' ') + suffix,
      joined: own.map((t) => t.text).join(''),
    };
    const r = nameRotation[id] as number;
    if (r > 0) out.writtenKey = [...keyTexts.slice(r), ...keyTexts.slice(0, r)].join(' ') + suffix;
    return out;
  };

  const search = (query: NameQuery, searchOptions: NameSearchOptions = {}): NameMatch[] => {
    const minScore = searchOptions.minScore ?? 0.7;
    const limit = searchOptions.limit ?? 10;
    const q = normalizeName(query.name, query.schema);
    if (q.tokens.length === 0) return [];
    const content = q.tokens.filter((t) => t.kind !== 'particle' && t.kind !== 'initial');
    const probe = content.length > 0 ? content : q.tokens;
    let touchedCount = 0;
    let possible = 0;
    for (const token of probe) {
      stampCounter = stampCounter >= 0x7ffffff0 ? 1 : stampCounter + 1;
      const df = postings.get(`=${token.text}`)?.length ?? 0;
      const idf = Math.log(1 + total / (1 + df));
      possible += token.weight * idf;
      for (const [key, strength] of tokenKeys(token)) {
        const list = postings.get(key);
        if (list === undefined) continue;
        // A skeleton or prefix/suffix key shared by very many names (`$vich`, `^chri` in a million names) finds
        // nothing the exact and phonetic keys do not: skipping it bounds the work per query.
        if (strength <= 0.7 && list.length > fuzzyCap) continue;
        const gain = strength * token.weight * idf;
        for (let i = 0; i < list.length; i++) {
          const id = list[i] as number;
          const at = 2 * id;
          if (state[at + 1] === stampCounter) continue;
          state[at + 1] = stampCounter;
          const sum = state[at] as number;
          if (sum === 0) touched[touchedCount++] = id;
          state[at] = sum + gain;
        }
      }
    }
    // A name sharing keys with less than `minShare` of the query's weight will not reach a reportable score.
    const floor = PREFILTER_PARAMETERS.minShare * possible;
    let candidates: number[] = [];
    for (let i = 0; i < touchedCount; i++) {
      const id = touched[i] as number;
      if ((state[2 * id] as number) >= floor) candidates.push(id);
    }
    if (candidates.length > maxCandidates) {
      // Rank by shared key weight, discounted for names much longer than the query (ties among the many
      // names sharing one common token then favour names of the query's length).
      const n = q.tokens.length;
      const rank = (id: number) =>
        (state[2 * id] as number) /
        (1 + PREFILTER_PARAMETERS.lengthDiscount * Math.max(0, (starts[id + 1] as number) - (starts[id] as number) - n));
      candidates = topByRank(candidates, rank, maxCandidates);
    }
    for (let i = 0; i < touchedCount; i++) state[2 * (touched[i] as number)] = 0; // every name with a non-zero sum

    const caches = q.tokens.map(() => new Map<number, number>());
    let ids: Int32Array = new Int32Array(0);
    const cachedSimilarity = (i: number, j: number, qt: NameToken, ct: NameToken): number => {
      const cache = caches[i] as Map<number, number>;
      const v = ids[j] as number;
      let s = cache.get(v);
      if (s === undefined) {
        s = tokenSimilarity(qt, ct, SCORE_PARAMETERS.minPair);
        cache.set(v, s);
      }
      return s;
    };
    const best = new Map<number, { id: number; score: number; breakdown: Record<string, number> }>();
    for (const id of candidates) {
      ids = refs.subarray(starts[id] as number, starts[id + 1] as number);
      const scored = scoreNormalized(q, normalizedOf(id), cachedSimilarity);
      // Qualifiers only lower a score, so names already below `minScore` are out.
      if (scored.score < minScore) continue;
      const entity = nameEntity[id] as number;
      const previous = best.get(entity);
      if (previous === undefined || previous.score < scored.score) best.set(entity, { id, ...scored });
    }
    const matches: NameMatch[] = [];
    for (const [e, { id, score: nameScore, breakdown }] of best) {
      const entity = entities[e] as SanctionsEntity;
      const penalties = qualifierPenalties(query, entity);
      let score = nameScore;
      for (const p of Object.values(penalties)) score += p;
      score = Math.max(0, Math.round(score * 10_000) / 10_000);
      if (score < minScore) continue;
      matches.push({
        entity,
        name: entity.names[nameIndex[id] as number] as EntityName,
        score,
        breakdown: { ...breakdown, ...penalties, name_score: nameScore },
      });
    }
    return matches.sort((a, b) => b.score - a.score || (a.entity.entry_id < b.entity.entry_id ? -1 : 1)).slice(0, limit);
  };

  return { search, size: total };
}

/** How many leading tokens move to the end to give the written key (`SURNAME, Given`), 0 when there is none. */
function rotationOf(norm: NormalizedName): number {
  if (norm.writtenKey === undefined) return 0;
  const keyTexts = norm.tokens.map((t) => t.orig ?? t.text);
  const suffix = norm.key.slice(keyTexts.join(' ').length);
  for (let r = 1; r < keyTexts.length; r++) {
    if ([...keyTexts.slice(r), ...keyTexts.slice(0, r)].join(' ') + suffix === norm.writtenKey) return r;
  }
  return 0;
}
