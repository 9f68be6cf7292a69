import { JilError } from '@jil/core';
import type { FatfListing } from '../../datasets/types.js';

/** FATF corridor risk band of a transfer, most severe end first. */
export type CorridorBandName = 'call_for_action' | 'increased_monitoring' | 'standard';

/** One end of the corridor that is on a FATF list. */
export interface CorridorListing {
  party: 'sender' | 'receiver';
  /** ISO 3166-1 alpha-2 code that was looked up. */
  country: string;
  listing: FatfListing;
}

/** Result of {@link corridorBand}. */
export interface CorridorBandReturnType {
  /** `call_for_action` if either end is on the black list, else `increased_monitoring` if either is grey, else `standard`. */
  band: CorridorBandName;
  /** Every listed end (0–2 entries), sender first. */
  listings: CorridorListing[];
}

/**
 * Classify a sender → receiver corridor by the FATF lists ("High-Risk Jurisdictions subject to a Call
 * for Action" = black list, "Jurisdictions under Increased Monitoring" = grey list). Missing countries
 * are skipped; lower/upper case is accepted.
 *
 * @param senderCountry ISO 3166-1 alpha-2 code of the sender, when known.
 * @param receiverCountry ISO 3166-1 alpha-2 code of the receiver, when known.
 * @param fatf the FATF rows of the snapshot (`Snapshot.fatf`).
 * @throws JilError `INVALID_ARGUMENT` when a country is neither a string nor undefined, or `fatf` is not an array.
 * @example
 * import { corridorBand } from './corridorBand.js';
 * corridorBand('CH', 'IR', snapshot.fatf).band; // 'call_for_action'
 */
export function corridorBand(
  senderCountry: string | undefined,
  receiverCountry: string | undefined,
  fatf: readonly FatfListing[],
): CorridorBandReturnType {
  for (const [field, v] of [
    ['senderCountry', senderCountry],
    ['receiverCountry', receiverCountry],
  ] as const) {
    if (v !== undefined && typeof v !== 'string')
      throw new JilError('INVALID_ARGUMENT', `${field} must be a string`, { details: { field } });
  }
  if (!Array.isArray(fatf)) throw new JilError('INVALID_ARGUMENT', 'fatf must be an array', { details: { field: 'fatf' } });
  const listings: CorridorListing[] = [];
  for (const [party, raw] of [
    ['sender', senderCountry],
    ['receiver', receiverCountry],
  ] as const) {
    if (!raw) continue;
    const country = raw.toUpperCase();
    const listing = fatf.find((row) => row.iso2 === country && row.list === 'call_for_action') ?? fatf.find((row) => row.iso2 === country);
    if (listing) listings.push({ party, country, listing });
  }
  const band: CorridorBandName = listings.some((l) => l.listing.list === 'call_for_action')
    ? 'call_for_action'
    : listings.length > 0
      ? 'increased_monitoring'
      : 'standard';
  return { band, listings };
}
