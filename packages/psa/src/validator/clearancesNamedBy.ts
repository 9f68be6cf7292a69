import type { SanctionsClearance } from '../screening/clearance/ClearanceStore.js';
import type { TransferRequest } from '../schema/transferRequest.js';
import type { StageFinding } from '../screening/types.js';

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 2000;

/**
 * The false-positive clearances a proposal says it applied: one per name hit of its sanctions finding that carries
 * `cleared` (docs/screening.md §False-positive clearance). Clearances live in the coordinator's database, which a
 * validator cannot read; the validator re-screens with exactly these and so accepts a hit downgraded to `info` only
 * when the proposal names the clearance, in the PSA every verifier sees (docs/validators.md §Clearances).
 *
 * @param sanctions - the proposal's sanctions finding (unchecked input).
 * @param request - the transfer (custodian and party ids the clearances belong to).
 * @returns the clearances, scoped to the request's custodian and to the party of each hit; malformed ones are
 *   skipped (the re-screened finding then differs and the validator refuses).
 * @example
 * import { clearancesNamedBy } from './clearancesNamedBy.js';
 * const store = new MemoryClearanceStore(clearancesNamedBy(proposal.findings[2], request));
 */
export function clearancesNamedBy(sanctions: StageFinding | undefined, request: TransferRequest): SanctionsClearance[] {
  const out: SanctionsClearance[] = [];
  const hits: unknown[] = Array.isArray(sanctions?.details?.hits) ? sanctions.details.hits : [];
  for (const raw of hits) {
    const hit = raw as Record<string, unknown>;
    const c = hit['cleared'] as Record<string, unknown> | undefined;
    if (hit['kind'] !== 'name' || typeof c !== 'object' || c === null) continue;
    const party = hit['party'] === 'sender' ? request.sender : hit['party'] === 'receiver' ? request.receiver : undefined;
    if (!party || !isText(hit['list']) || !isText(hit['entry_id'])) continue;
    if (!isText(c['clearance_id']) || !isText(c['cleared_by']) || !isText(c['cleared_at']) || !isText(c['reason'])) continue;
    out.push({
      clearance_id: c['clearance_id'],
      custodian_id: request.custodian_id,
      party_id: party.id,
      list: hit['list'],
      entry_id: hit['entry_id'],
      cleared_by: c['cleared_by'],
      cleared_at: c['cleared_at'],
      reason: c['reason'],
    });
  }
  return out;
}
