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
 * are reported as `info` hits. When an address has both, both are listed and the hard one decides.
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
          reason: `${role === 'destination' ? 'Destination' : 'Source'} ${key.display} ${words}` +
            `${listing.label ? ` (${listing.label})` : ''} per ${listing.list} dated ${listing.list_date}`,
        });
      }
    }
    const hard = hits.filter((h) => h.severity === 'hard');
    const info = hits.length - hard.length;
    const output: StageOutput = {
      status: hard.length > 0 ? 'fail' : 'pass',
      summary:
        hard.length > 0
          ? `${hard.length} hard listing(s): ${[...new Set(hard.map((h) => `${h.role} ${h.category}`))].join(', ')}`
          : info > 0
            ? `no hard listing; ${info} informational listing(s): ${[...new Set(hits.map((h) => h.category))].join(', ')}`
            : 'no listing for source or destination',
      hits,
    };
    return output;
  };
}
