import type { KycHit } from '../types.js';
import type { CorridorListing } from './corridorBand.js';
import { countryName } from './countryName.js';

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * KYC hits for one FATF-listed end of a corridor.
 *
 * - Black list (`call_for_action`): a `corridor` hit of severity `flag` (code `fatf_call_for_action`)
 *   and an `edd` hit of severity `flag` (code `edd_required`): enhanced due diligence is required
 *   (FATF calls for EDD, and countermeasures for DPRK and Iran).
 * - Grey list (`increased_monitoring`): a `corridor` hit of severity `info` (code
 *   `fatf_increased_monitoring`) and an `edd` hit of severity `info` (code `edd_risk_based`): FATF
 *   does not call for EDD for these jurisdictions; apply the institution's risk-based approach.
 *
 * Every hit carries list `fatf`, the FATF row's `list_date` and `provenance`.
 *
 * @param listed one entry of `corridorBand(...).listings`.
 * @example
 * import { corridorHits } from './corridorHits.js';
 * corridorHits(corridorBand('CH', 'IR', snapshot.fatf).listings[0]!); // [corridor flag, edd flag]
 */
export function corridorHits(listed: CorridorListing): KycHit[] {
  const { party, country, listing } = listed;
  const who = `${capitalize(party)} country ${country} (${listing.country || countryName(country)})`;
  const plenary = `plenary ${listing.list_date.slice(0, 7)}`;
  const base = { party, country, list: 'fatf', list_date: listing.list_date, provenance: listing.provenance };
  if (listing.list === 'call_for_action') {
    const action = listing.action && !listing.action.startsWith('none') ? ` (${listing.action.replaceAll('_', ' ')})` : '';
    return [
      {
        ...base,
        kind: 'corridor',
        severity: 'flag',
        code: 'fatf_call_for_action',
        reason: `${who} is on the FATF call-for-action list${action}, ${plenary}`,
      },
      {
        ...base,
        kind: 'edd',
        severity: 'flag',
        code: 'edd_required',
        reason:
          `Enhanced due diligence required: ${party} ` + `country ${country} is a FATF high-risk jurisdiction subject to a call for action`,
      },
    ];
  }
  return [
    {
      ...base,
      kind: 'corridor',
      severity: 'info',
      code: 'fatf_increased_monitoring',
      reason: `${who} is on the FATF increased-monitoring list (grey list), ${plenary}`,
    },
    {
      ...base,
      kind: 'edd',
      severity: 'info',
      code: 'edd_risk_based',
      reason: `FATF does not call for enhanced due diligence for ${country} (increased monitoring); apply the risk-based approach`,
    },
  ];
}
