import { normalizeAddress } from '../../address/normalizeAddress.js';
import type { AddressHit, Stage, StageOutput } from '../types.js';

const CATEGORY_WORDS: Record<string, string> = {
  sanctioned: 'is on a sanctions list',
  dprk: 'is attributed to DPRK (Lazarus Group)',
  mixer: 'is a mixer',
  scam: 'is a reported scam address',
  phishing: 'is a reported phishing/drainer address',
  exchange: 'belongs to an exchange',
  defi: 'is a DeFi protocol contract',
  bridge: 'is a bridge contract',
};

/**
 * The endpoints stage (address intelligence): looks up the source and destination addresses in the
 * snapshot's address index. Any hard listing (sanctioned, DPRK, mixer, scam, phishing) on the
 * destination or source → `fail`; informational listings (exchange, DeFi, bridge) never fail and
 * are reported as `info` hits. When an address has both, both are listed, the hard one decides, and the summary and
 * the informational hits say so (`destination is also listed as exchange (informational): the hard listing
 * sanctioned fails the transfer`).
 *
 * @returns a {@link Stage}; it throws `INVALID_ARGUMENT` only for an address the schema let through
 * (which cannot happen for validated requests).
 */
export function createEndpointsStage(): Stage {
  return async (request, context) => {
    const hits: AddressHit[] = [];
    for (const role of ['destination', 'source'] as const) {
      const raw = role === 'destination' ? request.destination_address : request.source_address;
      const key = normalizeAddress(request.chain_id, raw);
      for (const listing of context.snapshot.addresses.lookup(key)) {
        const words = CATEGORY_WORDS[listing.category] ?? `is listed as ${listing.category}`;
        hits.push({
          kind: 'address',
          role,
          address: key.display,
          category: listing.category,
          label: listing.label,
          severity: listing.severity === 'hard' ? 'hard' : 'info',
          list: listing.list,
          list_date: listing.list_date,
          provenance: listing.provenance,
          reason:
            `${role === 'destination' ? 'Destination' : 'Source'} ${key.display} ${words}` +
            `${listing.label ? ` (${listing.label})` : ''} per ${listing.list} dated ${listing.list_date}`,
        });
      }
    }
    const hard = hits.filter((h) => h.severity === 'hard');
    const info = hits.length - hard.length;
    const both = explainMixed(hits);
    const output: StageOutput = {
      status: hard.length > 0 ? 'fail' : 'pass',
      summary:
        hard.length > 0
          ? `${hard.length} hard listing(s): ${[...new Set(hard.map((h) => `${h.role} ${h.category}`))].join(', ')}${both}`
          : info > 0
            ? `no hard listing; ${info} informational listing(s): ${[...new Set(hits.map((h) => h.category))].join(', ')}`
            : 'no listing for source or destination',
      hits,
    };
    return output;
  };
}

/**
 * For every end whose address has both hard and informational listings: mark the informational hits' reasons
 * and return the clause the summary appends (empty when no end has both).
 */
function explainMixed(hits: AddressHit[]): string {
  const clauses: string[] = [];
  for (const role of ['destination', 'source'] as const) {
    const mine = hits.filter((h) => h.role === role);
    const hardCats = [...new Set(mine.filter((h) => h.severity === 'hard').map((h) => h.category))];
    const infoHits = mine.filter((h) => h.severity === 'info');
    if (hardCats.length === 0 || infoHits.length === 0) continue;
    const infoCats = [...new Set(infoHits.map((h) => h.category))];
    for (const h of infoHits)
      h.reason += `; informational only — the same address has a hard listing (${hardCats.join(', ')}), which fails the transfer`;
    clauses.push(
      `${role} is also listed as ${infoCats.join(', ')} (informational): the hard listing ${hardCats.join(', ')} fails the transfer`,
    );
  }
  return clauses.length > 0 ? `; ${clauses.join('; ')}` : '';
}
