import { JilError } from '@jil/core';
import { foldName } from './foldName.js';
import { extractLegalForms, LEGAL_FORMS } from './legalForms.js';
import { GENERIC_ORG_WORDS, HONORIFICS, NUMBER_WORDS, PARTICLE_CANONICAL, PARTICLES, ROMAN_NUMERALS, TITLES } from './nameVocabulary.js';
import { phoneticForm, skeletonKey } from './phoneticKey.js';

/** Schema hint for normalization; `undefined` = unknown (person or organization). */
export type NameSchema = 'Person' | 'Organization' | 'Vessel' | 'Aircraft';

/** What a token is, which sets its weight in scoring. */
export type TokenKind = 'word' | 'generic' | 'number' | 'initial' | 'honorific' | 'particle';

/** Weight of each token kind in the token-alignment score (a full word = 1). */
export const TOKEN_WEIGHTS: Readonly<Record<TokenKind, number>> = {
  word: 1,
  generic: 0.6,
  number: 0.6,
  initial: 0.5,
  honorific: 0.4,
  particle: 0.3,
};

/** One token of a normalized name. */
export interface NameToken {
  /** Folded, lower-case, ASCII where a romanization exists. */
  text: string;
  /** {@link phoneticForm} of `text`. */
  phon: string;
  /** {@link skeletonKey} of `phon`. */
  skel: string;
  kind: TokenKind;
  weight: number;
  /** Romanized from Arabic script (short vowels missing): compared by skeleton too. */
  abjad: boolean;
  /** The Han/Hangul characters the token was romanized from: compared as written when both tokens have them. */
  orig?: string;
}

/** A name ready for matching. */
export interface NormalizedName {
  /** The name as given. */
  input: string;
  tokens: NameToken[];
  /** Legal-form classes removed from the start or end (organizations and unknown schema only). */
  legalForms: string[];
  /** Exact-equality key: token texts in order, plus the sorted legal-form classes. */
  key: string;
  /** For a name written `SURNAME, Given` (reordered): the key in the written, surname-first order. */
  writtenKey?: string;
  /** Token texts concatenated without spaces (word joining/splitting). */
  joined: string;
}

const APOSTROPHES = /['’‘`´ʼʻʹ′]/g;
const ABBREVIATION = /(?<![\p{L}\p{N}])(?:\p{L}\.){2,}(?:\p{L}(?![\p{L}\p{N}]))?/gu;
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g' };

const tokenize = (s: string): string[] => s.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);

function numberWords(tokens: string[]): string[] {
  const out: string[] = [];
  for (const raw of tokens) {
    const ordinal = /^(\d+)(st|nd|rd|th)$/.exec(raw);
    const t = ordinal ? (ordinal[1] as string) : raw;
    const value = NUMBER_WORDS[t];
    const prev = out.length > 0 ? Number(out[out.length - 1]) : Number.NaN;
    if (value !== undefined && value < 10 && prev >= 20 && prev % 10 === 0 && prev < 100) out[out.length - 1] = String(prev + value);
    else out.push(value === undefined ? t : String(value));
  }
  return out;
}

/**
 * Normalize a name for matching (docs/screening.md §Normalization):
 * 1. {@link foldName}: NFKD, diacritics removed, lower case, Cyrillic/Greek/Georgian/Armenian/Arabic romanized;
 * 2. apostrophes deleted (`Qa'ida` → `qaida`); dotted abbreviations joined for organizations (`S.A.R.L.` →
 *    `sarl`) and split into initials for persons (`J.C.` → `j c`); `&` → `and`;
 * 3. OFAC order `SURNAME, Given` turned into `Given SURNAME` (one comma, not before a legal form, not an organization);
 *    the written order is kept as `writtenKey` (`KIM, Jong Un` equals `Kim Jong Un` exactly);
 * 4. tokens split on anything but letters and digits; digits inside words read as letters (`I9or Sech1n` → `igor sechin`);
 *    number words and ordinals to digits (`forty four` → `44`, `1st` → `1`), Roman numerals II–XX in organization names;
 * 5. courtesy titles dropped (`Mr`, `Dr`, `President` …) and, except for persons, legal forms at either end
 *    extracted into `legalForms` (see `extractLegalForms`) and a leading `the` dropped;
 * 6. particles canonicalized (`ibn`/`ben` → `bin`, `el` → `al`; Arabic-script `bn` → `bin`) and every token classified
 *    and weighted (`TOKEN_WEIGHTS`); single letters are initials, except in vessel and aircraft names (`M-VITO`).
 *
 * @param input the name as written (any script).
 * @param schema the kind of party, when known.
 * @throws JilError `INVALID_ARGUMENT` when `input` is not a string.
 * @example
 * import { normalizeName } from './normalizeName.js';
 * normalizeName('PUTIN, Vladimir Vladimirovich', 'Person').key; // 'vladimir vladimirovich putin'
 * normalizeName('OOO Oboronnye Initsiativy').legalForms; // ['llc']
 */
export function normalizeName(input: string, schema?: NameSchema): NormalizedName {
  if (typeof input !== 'string') throw new JilError('INVALID_ARGUMENT', 'name must be a string', { details: { field: 'name' } });
  const folded = foldName(input);
  let s = folded.text.replace(APOSTROPHES, '');
  s = s.replace(ABBREVIATION, (m) => {
    const joined = m.replace(/\./g, '');
    const join =
      schema === 'Organization' || schema === 'Vessel' || schema === 'Aircraft' || (schema === undefined && LEGAL_FORMS.has(joined));
    return join ? joined : m.replace(/\./g, ' ');
  });
  s = s.replace(/&/g, ' and ');
  const comma = s.indexOf(',');
  let surnameTokens = 0;
  if (comma >= 0 && s.indexOf(',', comma + 1) < 0 && (schema === 'Person' || schema === undefined)) {
    const after = tokenize(s.slice(comma + 1));
    const afterIsLegal = after.length === 0 || LEGAL_FORMS.has(after.join(' ')) || after.every((t) => LEGAL_FORMS.has(t));
    if (!afterIsLegal) {
      surnameTokens = tokenize(s.slice(0, comma)).length;
      s = `${s.slice(comma + 1)} ${s.slice(0, comma)}`;
    }
  }
  let tokens = tokenize(s).map((t) => (/\p{L}/u.test(t) && /\d/.test(t) ? t.replace(/(?<=\p{L})\d(?=\p{L})/gu, (d) => LEET[d] ?? d) : t));
  tokens = numberWords(tokens);
  const org = schema === 'Organization' || schema === 'Vessel';
  if (org) tokens = tokens.map((t, i) => (i > 0 && ROMAN_NUMERALS[t] !== undefined ? String(ROMAN_NUMERALS[t]) : t));
  if (schema === 'Person' || schema === undefined) {
    const kept = tokens.filter((t) => !TITLES.has(t));
    if (kept.length > 0) tokens = kept;
  }
  let legalForms: string[] = [];
  if (schema === 'Organization' || schema === undefined) {
    const extracted = extractLegalForms(tokens);
    tokens = extracted.tokens;
    legalForms = extracted.forms;
  }
  if (schema !== 'Person' && tokens.length > 1 && tokens[0] === 'the') tokens = tokens.slice(1);
  const syllabic = folded.syllabic === undefined ? undefined : [...folded.syllabic];
  const nameTokens = tokens.map((raw): NameToken => {
    const text = PARTICLE_CANONICAL[raw] ?? (folded.abjad && raw === 'bn' ? 'bin' : raw);
    const kind: TokenKind = /^\d+$/.test(text)
      ? 'number'
      : text.length === 1 && schema !== 'Vessel' && schema !== 'Aircraft'
        ? 'initial'
        : PARTICLES.has(text)
          ? 'particle'
          : HONORIFICS.has(text)
            ? 'honorific'
            : schema !== 'Person' && GENERIC_ORG_WORDS.has(text)
              ? 'generic'
              : 'word';
    const phon = kind === 'number' ? text : phoneticForm(text);
    const token: NameToken = { text, phon, skel: skeletonKey(phon), kind, weight: TOKEN_WEIGHTS[kind], abjad: folded.abjad };
    const orig = syllabic?.[0]?.[0] === raw ? syllabic.shift()?.[1] : undefined;
    if (orig !== undefined) token.orig = orig;
    return token;
  });
  const texts = nameTokens.map((t) => t.text);
  // Exact equality compares Han/Hangul tokens as written: homophones romanize alike.
  const keyTexts = nameTokens.map((t) => t.orig ?? t.text);
  const forms = [...legalForms].sort();
  const suffix = forms.length > 0 ? ` |${forms.join(',')}` : '';
  const out: NormalizedName = { input, tokens: nameTokens, legalForms, key: keyTexts.join(' ') + suffix, joined: texts.join('') };
  // Only when every token survived normalization is the written order still known.
  if (surnameTokens > 0 && surnameTokens < texts.length && texts.length === tokenize(s).length) {
    const split = texts.length - surnameTokens;
    out.writtenKey = [...keyTexts.slice(split), ...keyTexts.slice(0, split)].join(' ') + suffix;
  }
  return out;
}
