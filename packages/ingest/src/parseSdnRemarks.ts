import { countryCode } from './countryCode.js';

/** What {@link parseSdnRemarks} extracts from an OFAC Remarks text. */
export interface SdnRemarks {
  /** `DOB …` values as written (`12 Jan 1970`, `1970`, `circa 1970`, `1968 to 1970`). */
  birth_dates: string[];
  /** ISO 3166-1 alpha-2 codes of `nationality …` and `citizen …` values that are known countries. */
  countries: string[];
  /** `Digital Currency Address - <TICKER> <address>` pairs, in order. */
  digital_currency: { ticker: string; address: string }[];
  /** `Digital Currency Address -` mentions whose address was cut off (legacy CSV truncates long Remarks). */
  truncated_addresses: number;
}

const DOB = /(?:^|;)\s*(?:alt\.\s+)?DOB ([^;]+)/g;
const NATIONALITY = /(?:^|;)\s*(?:alt\.\s+)?(?:nationality|citizen) ([^;]+)/g;
const DIGITAL = /Digital Currency Address - ([A-Za-z0-9]+) ([^\s;]+)/g;
const DIGITAL_MENTION = /Digital Currency Address -/g;

/**
 * Extract the cheap structured facts from an OFAC SDN Remarks text (legacy sdn.csv column 12): dates of birth,
 * nationality / citizenship countries, and digital currency addresses.
 *
 * @param remarks - the Remarks text (`''` for null).
 * @returns the {@link SdnRemarks}.
 * @example
 * import { parseSdnRemarks } from '@jil/ingest';
 * parseSdnRemarks('DOB 25 Apr 1965; nationality Korea, North; Digital Currency Address - XBT 1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ;');
 * // { birth_dates: ['25 Apr 1965'], countries: ['KP'], digital_currency: [{ ticker: 'XBT', address: '1D6g…' }], truncated_addresses: 0 }
 */
export function parseSdnRemarks(remarks: string): SdnRemarks {
  const birth_dates = [...remarks.matchAll(DOB)].map((m) => m[1]!.trim().replace(/\.$/, ''));
  const countries: string[] = [];
  for (const m of remarks.matchAll(NATIONALITY)) {
    const code = countryCode(m[1]!);
    if (code && !countries.includes(code)) countries.push(code);
  }
  const digital_currency = [...remarks.matchAll(DIGITAL)].map((m) => ({ ticker: m[1]!.toUpperCase(), address: m[2]!.replace(/\.$/, '') }));
  const mentions = remarks.match(DIGITAL_MENTION)?.length ?? 0;
  return { birth_dates, countries, digital_currency, truncated_addresses: mentions - digital_currency.length };
}
