import { JilError } from '@jil/core';
import type { Snapshot } from '../../datasets/types.js';
import type { Party } from '../../schema/transferRequest.js';
import type { NameHit, Stage, StageOutput } from '../types.js';
import { applyClearances } from '../clearance/applyClearances.js';
import type { SanctionsClearance } from '../clearance/ClearanceStore.js';
import { nameHitReason } from './nameHitReason.js';
import { partyCommitment } from './partyCommitment.js';
import { normalizeName } from './normalizeName.js';
import { createNameMatcher, type NameMatch } from './NameMatcher.js';
import { requireArray, requireRecord } from '../../internal/requireArgument.js';
import { SANCTIONS_FAIL_THRESHOLD, SANCTIONS_REVIEW_THRESHOLD } from './thresholds.js';

/** Options of {@link createSanctionsStage}. */
export interface SanctionsStageOptions {
  /** Review threshold in (0, 1]: matches below it are not reported. Default {@link SANCTIONS_REVIEW_THRESHOLD} (0.80). */
  threshold?: number;
  /** Fail threshold in [threshold, 1]. Default the larger of {@link SANCTIONS_FAIL_THRESHOLD} (0.95) and `threshold`. */
  failThreshold?: number;
  /** Most hits reported per party, best first (integer ≥ 1). Default 5. */
  maxHitsPerParty?: number;
  /** Names fully scored per query (integer ≥ 1). Default 48. */
  maxCandidates?: number;
}

const QUALIFIER_NOTES: Readonly<Record<string, string>> = {
  qualifier_country: 'country differs from the entry',
  qualifier_dob: 'year of birth differs from the entry',
};

function checkOptions(o: SanctionsStageOptions): void {
  const bad: Array<{ field: string; message: string }> = [];
  const threshold = o.threshold ?? SANCTIONS_REVIEW_THRESHOLD;
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold <= 1)) bad.push({ field: 'threshold', message: 'must be in (0, 1]' });
  const fail = o.failThreshold ?? Math.max(SANCTIONS_FAIL_THRESHOLD, threshold);
  if (typeof fail !== 'number' || !(fail >= threshold && fail <= 1))
    bad.push({ field: 'failThreshold', message: 'must be in [threshold, 1]' });
  for (const field of ['maxHitsPerParty', 'maxCandidates'] as const) {
    const v = o[field];
    if (v !== undefined && !(Number.isInteger(v) && v >= 1)) bad.push({ field, message: 'must be an integer ≥ 1' });
  }
  if (bad.length > 0) {
    throw new JilError('INVALID_ARGUMENT', `invalid sanctions stage options: ${bad.map((b) => b.field).join(', ')}`, {
      details: { fields: bad },
    });
  }
}

/**
 * The sanctions stage (DESIGN.md §What the product is, step 2): screens `sender.name` and `receiver.name`
 * against `snapshot.sanctions` (OFAC SDN with aliases, UN consolidated list) with the name matcher
 * (docs/screening.md). The name index is built here, once (about a second for ~35,000 names); each request
 * then takes well under a millisecond per party.
 *
 * Per party, every entity whose best name scores ≥ `threshold` (after qualifier penalties) is a hit:
 * - severity `hard` when the score is ≥ `failThreshold`, the entity's schema fits the party (`person` →
 *   Person, `organization` → Organization, no type → either) and the matched name is not a UN low-quality alias;
 * - severity `flag` otherwise; entities that do not fit the party (other schema, vessels, aircraft) are only
 *   reported when they reach `failThreshold`, and then as `flag`.
 * Status: `fail` if any hit is `hard`, `flag` if any hit is `flag`, `pass` otherwise (`no party names supplied`
 * when neither party has a name).
 *
 * Name hits carry `party_commitment` (salted, `context.partySalts`; docs/psa-format.md §Party commitments), never the
 * screened name; a named party without a salt is a `STAGE_ERROR`.
 *
 * False-positive clearances (`context.clearances`): a hit on an entry cleared for that party (same custodian,
 * party id, list and entry id; same normalized name when the clearance names the party) is kept with severity
 * `info`, the clearance in `cleared`, and a reason saying who cleared it, when and why — it no longer flags.
 *
 * @param snapshot the snapshot to index; requests must be screened with a context holding the same snapshot.
 * @param options thresholds and limits ({@link SanctionsStageOptions}); the caller's object is not modified.
 * @returns the {@link Stage}. It throws `STAGE_ERROR` when `context.snapshot` has a different `sha256`.
 * @throws JilError `INVALID_ARGUMENT` listing every bad option (`details.fields`); `INVALID_ARGUMENT` (`details.field`)
 *   when `snapshot` is not an object with a `sanctions` array or `options` not an object.
 * @example
 * import { createSanctionsStage } from './createSanctionsStage.js';
 * const sanctions = createSanctionsStage(snapshot);
 * const out = await sanctions(request, context); // { status: 'fail', hits: [{ kind: 'name', entry_id: '35096', … }] }
 */
export function createSanctionsStage(snapshot: Snapshot, options: SanctionsStageOptions = {}): Stage {
  requireRecord(snapshot, 'snapshot');
  requireArray(snapshot.sanctions, 'snapshot.sanctions');
  requireRecord(options, 'options');
  checkOptions(options);
  const threshold = options.threshold ?? SANCTIONS_REVIEW_THRESHOLD;
  const failThreshold = options.failThreshold ?? Math.max(SANCTIONS_FAIL_THRESHOLD, threshold);
  const maxHits = options.maxHitsPerParty ?? 5;
  const matcher = createNameMatcher(
    snapshot.sanctions,
    options.maxCandidates === undefined ? {} : { maxCandidates: options.maxCandidates },
  );
  const lists = [...new Set(snapshot.sanctions.map((e) => e.list))].sort();

  const screenParty = (party: Party, role: 'sender' | 'receiver', name: string, commitment: string): NameHit[] => {
    const matches = matcher.search(
      {
        name,
        ...(party.type === 'person'
          ? { schema: 'Person' as const }
          : party.type === 'organization'
            ? { schema: 'Organization' as const }
            : {}),
        ...(party.country === undefined ? {} : { country: party.country }),
        ...(party.date_of_birth === undefined ? {} : { date_of_birth: party.date_of_birth }),
      },
      { minScore: threshold, limit: Math.max(maxHits * 4, 20) },
    );
    const hits: NameHit[] = [];
    for (const match of matches) {
      const hit = toHit(match, party, role, commitment);
      if (hit !== undefined) hits.push(hit);
      if (hits.length === maxHits) break;
    }
    return hits;
  };

  const toHit = (match: NameMatch, party: Party, role: 'sender' | 'receiver', commitment: string): NameHit | undefined => {
    const { entity, score } = match;
    const fits =
      entity.schema === 'Person' ? party.type !== 'organization' : entity.schema === 'Organization' ? party.type !== 'person' : false;
    if (!fits && score < failThreshold) return undefined;
    const lowAlias = match.name.quality === 'Low';
    const hard = score >= failThreshold && fits && !lowAlias;
    const notes: string[] = [];
    if (!fits)
      notes.push(`flagged, not failed: the entry is a ${entity.schema}, the ${role} ${party.type ? `is a ${party.type}` : 'has no type'}`);
    if (lowAlias && score >= failThreshold) notes.push('flagged, not failed: low-quality UN alias');
    for (const [feature, note] of Object.entries(QUALIFIER_NOTES)) {
      const penalty = match.breakdown[feature];
      if (penalty !== undefined) notes.push(`${note} (${penalty.toFixed(2)})`);
    }
    const primary = entity.names.find((n) => n.kind === 'primary')?.name ?? match.name.name;
    const hit: Omit<NameHit, 'reason'> = {
      kind: 'name',
      severity: hard ? 'hard' : 'flag',
      list: entity.list,
      list_date: entity.list_date,
      provenance: entity.provenance,
      party: role,
      party_commitment: commitment,
      entry_id: entity.entry_id,
      matched_name: primary,
      matched_alias: match.name.name,
      schema: entity.schema,
      programs: entity.programs,
      score,
      breakdown: match.breakdown,
    };
    const reached =
      score >= failThreshold ? { name: 'fail' as const, value: failThreshold } : { name: 'review' as const, value: threshold };
    return { ...hit, reason: nameHitReason(hit, reached, notes) };
  };

  const sameName = (screened: string, clearedName: string): boolean => normalizeName(screened).key === normalizeName(clearedName).key;

  return async (request, context): Promise<StageOutput> => {
    if (context.snapshot.sha256 !== snapshot.sha256) {
      throw new JilError('STAGE_ERROR', 'the sanctions index was built from a different snapshot than the request context', {
        details: { index: snapshot.sha256, context: context.snapshot.sha256 },
      });
    }
    const hits: NameHit[] = [];
    const parts: string[] = [];
    let screened = 0;
    let cleared: SanctionsClearance[] | undefined;
    for (const role of ['sender', 'receiver'] as const) {
      const party = request[role];
      if (party.name === undefined) continue;
      screened++;
      const salt = context.partySalts?.[role];
      if (salt === undefined)
        throw new JilError('STAGE_ERROR', `no salt for the ${role} name commitment (context.partySalts)`, { details: { party: role } });
      const name = party.name;
      let found = screenParty(party, role, name, partyCommitment(salt, role, name));
      let suppressed = 0;
      if (found.length > 0 && context.clearances) {
        cleared ??= await context.clearances.activeFor(request.custodian_id, [request.sender.id, request.receiver.id], context.now);
        const mine = cleared.filter((c) => c.party_id === party.id);
        if (mine.length > 0) ({ hits: found, suppressed } = applyClearances(found, mine, (clearedName) => sameName(name, clearedName)));
      }
      hits.push(...found);
      const live = found.filter((h) => h.severity !== 'info');
      const note = suppressed > 0 ? ` (${suppressed} cleared match(es) suppressed)` : '';
      if (live.length > 0) {
        const top = live[0] as NameHit;
        parts.push(
          `${role}: ${live.length} match(es), best ${top.list} ${top.entry_id} ${top.matched_name} ${top.score.toFixed(2)}${note}`,
        );
      } else if (suppressed > 0) {
        parts.push(`${role}: ${suppressed} match(es), all cleared as false positives for this party`);
      }
    }
    if (screened === 0) return { status: 'pass', summary: 'no party names supplied', hits };
    const status = hits.some((h) => h.severity === 'hard') ? 'fail' : hits.some((h) => h.severity === 'flag') ? 'flag' : 'pass';
    const summary =
      hits.length === 0
        ? `${screened} party name(s) screened against ${snapshot.sanctions.length} entries (${lists.join(', ')}): no match ≥ ` +
          `${threshold.toFixed(2)}`
        : parts.join('; ');
    return { status, summary, hits };
  };
}
