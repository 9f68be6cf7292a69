import type { NameHit } from '../types.js';
import type { SanctionsClearance } from './ClearanceStore.js';

/**
 * Suppress the name hits of one party that a clearance covers: same list and entry id, and — when the clearance
 * names the party — the same normalized party name (`sameName`). A suppressed hit stays in the finding with severity
 * `info`, the clearance (`cleared`), and a reason that says so; it no longer flags or fails.
 *
 * @param hits - the party's hits (not modified).
 * @param clearances - the clearances in force for this party.
 * @param sameName - whether the screened name (which the hit does not carry) equals a clearance's `party_name` (normalized).
 * @returns the hits with covered ones suppressed, and how many were.
 * @example
 * import { applyClearances } from './applyClearances.js';
 * applyClearances(hits, clearances, (cleared) => cleared === 'Ivan Petrov').suppressed; // 1
 */
export function applyClearances(
  hits: readonly NameHit[],
  clearances: readonly SanctionsClearance[],
  sameName: (cleared: string) => boolean,
): { hits: NameHit[]; suppressed: number } {
  let suppressed = 0;
  const out = hits.map((hit): NameHit => {
    const c = clearances.find(
      (x) => x.list === hit.list && x.entry_id === hit.entry_id && (x.party_name === undefined || sameName(x.party_name)),
    );
    if (c === undefined) return hit;
    suppressed++;
    return {
      ...hit,
      severity: 'info',
      cleared: { clearance_id: c.clearance_id, cleared_by: c.cleared_by, cleared_at: c.cleared_at, reason: c.reason },
      reason:
        `${hit.reason}; suppressed: cleared as a false positive for this party by ${c.cleared_by} on ` +
        `${c.cleared_at.slice(0, 10)} (${c.reason}; clearance ${c.clearance_id})`,
    };
  });
  return { hits: out, suppressed };
}
