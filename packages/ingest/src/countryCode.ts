/**
 * Spellings used by OFAC Remarks and the UN list that the CLDR English region names (`Intl.DisplayNames`) do not
 * produce, lower-cased, mapped to ISO 3166-1 alpha-2.
 */
const ALIASES: Readonly<Record<string, string>> = {
  'korea, north': 'KP',
  "democratic people's republic of korea": 'KP',
  'korea, south': 'KR',
  'republic of korea': 'KR',
  burma: 'MM',
  turkey: 'TR',
  palestinian: 'PS',
  'state of palestine': 'PS',
  'congo, democratic republic of the': 'CD',
  'democratic republic of the congo': 'CD',
  congo: 'CG',
  'the gambia': 'GM',
  'cabo verde': 'CV',
  'north macedonia, the republic of': 'MK',
  'saint kitts and nevis': 'KN',
  'hong kong': 'HK',
  'czech republic': 'CZ',
  'russian federation': 'RU',
  'iran (islamic republic of)': 'IR',
  'syrian arab republic': 'SY',
  'united republic of tanzania': 'TZ',
  'united kingdom of great britain and northern ireland': 'GB',
  'united states of america': 'US',
  'viet nam': 'VN',
  "lao people's democratic republic": 'LA',
  'bolivia (plurinational state of)': 'BO',
  'venezuela (bolivarian republic of)': 'VE',
  'republic of moldova': 'MD',
  türkiye: 'TR',
  "côte d'ivoire": 'CI',
  'british virgin islands': 'VG',
  myanmar: 'MM',
};

/**
 * Codes CLDR still names that are not current ISO 3166-1 countries (withdrawn codes such as SU → "Russia",
 * BU → "Myanmar (Burma)", YU → "Serbia"; and regions such as EU, UN, IC). Skipped so that a name maps to the
 * current code. XK (Kosovo, user-assigned but used by OFAC and the EU) is kept.
 */
const NOT_COUNTRIES = new Set([
  'AA',
  'AC',
  'AN',
  'BU',
  'CP',
  'CQ',
  'CS',
  'DD',
  'DG',
  'DY',
  'EA',
  'EU',
  'EZ',
  'FX',
  'HV',
  'IC',
  'NH',
  'NT',
  'QO',
  'RH',
  'SU',
  'TA',
  'TP',
  'UK',
  'UN',
  'VD',
  'XA',
  'XB',
  'YD',
  'YU',
  'ZR',
  'ZZ',
]);

let byName: Map<string, string> | undefined;

function key(name: string): string {
  return name
    .trim()
    .replace(/\.$/, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s*&\s*/g, ' and ')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

function table(): Map<string, string> {
  if (byName) return byName;
  const names = new Intl.DisplayNames('en', { type: 'region' });
  const map = new Map<string, string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      if (name && name !== code) map.set(key(name), code);
    }
  }
  for (const [name, code] of Object.entries(ALIASES)) map.set(key(name), code);
  byName = map;
  return map;
}

/**
 * ISO 3166-1 alpha-2 code of an English country name as written by OFAC (`Korea, North`, `Burma`, `Iran.`) or the
 * UN (`Iran (Islamic Republic of)`, `Democratic People's Republic of Korea`). Uses the CLDR region names of
 * `Intl.DisplayNames` plus an alias table; a trailing period and `&`/`and` differences are ignored.
 *
 * @param name - country name.
 * @returns the upper-case alpha-2 code, or `undefined` when unknown (e.g. `former Soviet Union`, `Region: Gaza`).
 * @example
 * import { countryCode } from '@jil/ingest';
 * countryCode('Korea, North'); // 'KP'
 * countryCode('Bosnia and Herzegovina'); // 'BA'
 */
export function countryCode(name: string): string | undefined {
  if (typeof name !== 'string' || name.trim() === '') return undefined;
  return table().get(key(name));
}
