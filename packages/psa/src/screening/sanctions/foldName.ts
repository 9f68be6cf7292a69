import anyAscii from 'any-ascii';
/**
 * Arabic and Persian letters, consonantal: short vowels are not written in the script, so romanized tokens are
 * compared by consonant skeleton as well (see `phoneticKey`, `NameToken.abjad`); `ع` reads as `a` and long vowels as
 * `a`/`u`/`i` so that `علي` meets `Ali`. Every other script is transliterated by any-ascii.
 */
const ARABIC: Readonly<Record<string, string>> = Object.fromEntries(
  [
    'ا a|أ a|إ i|آ a|ٱ a|ب b|ت t|ث th|ج j|ح h|خ kh|د d|ذ dh|ر r|ز z|س s|ش sh|ص s|ض d|ط t|ظ z|ع a|غ gh|ف f|ق q|ك k|ل l|م m|ن n|ه ' +
      'h|ة a|و u|ي i|ى a|ء |ئ i|ؤ u|پ p|چ ch|ژ zh|گ g|ی i|ک k|ۀ h|ھ h',
  ]
    .join('|')
    .split('|')
    .map((pair) => [pair.slice(0, pair.indexOf(' ')), pair.slice(pair.indexOf(' ') + 1)]),
);

/** Han ideographs and Hangul syllables: one syllable per character, names written without spaces. */
const SYLLABIC = /[\p{Script=Han}\p{Script=Hangul}]+/gu;

/** Arabic-script letters (abjad: short vowels unwritten). */
const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]/u;

/** Abjads: Arabic, Hebrew and Syriac write consonants only (short vowels unwritten). */
const ABJAD = /[\u0590-\u05ff\u0600-\u06ff\u0700-\u074f\u0750-\u077f\u08a0-\u08ff]/u;

/** Result of {@link foldName}. */
export interface FoldNameReturnType {
  /** Lower-case, diacritic-free, romanized where a table exists; punctuation untouched. */
  text: string;
  /** The input had letters of an abjad (Arabic, Hebrew, Syriac): vowels missing after romanization. */
  abjad: boolean;
  /**
   * Tokens romanized from Han or Hangul characters, in order: `[romanized token, original characters]`. Syllabic
   * scripts write distinct names that romanize alike (`近平`/`近朋`), so the originals are kept for comparison.
   */
  syllabic?: Array<[string, string]>;
}

function romanizeArabic(s: string): string {
  let out = '';
  for (const ch of s) out += ARABIC[ch] ?? ch;
  return out;
}

/**
 * A run of Han or Hangul characters as name tokens. A name written as one run of 2–4 characters is read as a
 * personal name: a one-syllable family name, then the given name as one word (`习近平` → `xi jinping`); a run that
 * is one of several space-separated parts (`近平 习`) is one name part (`jinping`); a longer lone run is read one
 * syllable per token.
 */
function syllabic(run: string, whole: boolean, out: Array<[string, string]>): string {
  const chars = [...run];
  const syllables = chars.map((ch) => anyAscii(ch).toLowerCase());
  const groups: Array<[number, number]> = !whole
    ? [[0, chars.length]]
    : chars.length >= 2 && chars.length <= 4
      ? [
          [0, 1],
          [1, chars.length],
        ]
      : chars.map((_, i) => [i, i + 1] as [number, number]);
  for (const [a, b] of groups) out.push([syllables.slice(a, b).join(''), chars.slice(a, b).join('')]);
  return ` ${groups.map(([a, b]) => syllables.slice(a, b).join('')).join(' ')} `;
}

/**
 * Fold a name for matching: NFC, lower-case, Arabic/Persian letters romanized consonantally (see `ARABIC`), Han and
 * Hangul runs split into family and given name, then every other script transliterated to ASCII by the any-ascii
 * library (Cyrillic, Greek, Georgian, Armenian, Hebrew, Thai, Devanagari, kana, Hangul, Han pinyin …; it also
 * removes diacritics and folds `ß` → `ss`, `ø` → `o`, `ł` → `l`, full-width forms), and lower-case again.
 * Han characters read as Mandarin pinyin, so a Korean or Japanese name written in Han characters does not meet its
 * Korean or Japanese romanization.
 *
 * @param name any string.
 * @returns the folded text and whether it contained Arabic script.
 * @example
 * import { foldName } from './foldName.js';
 * foldName('Recep Tayyip Erdoğan').text; // 'recep tayyip erdogan'
 * foldName('Владимир Путин').text; // 'vladimir putin'
 */
export function foldName(name: string): FoldNameReturnType {
  const abjad = ABJAD.test(name);
  let text = name.normalize('NFC').toLowerCase();
  if (ARABIC_SCRIPT.test(text)) text = romanizeArabic(text);
  const originals: Array<[string, string]> = [];
  const whole = text.trim();
  text = text.replace(SYLLABIC, (run) => syllabic(run, run === whole, originals));
  // ASCII already: nothing to transliterate (the common case, and any-ascii's cost is per character).
  if (/[^\x00-\x7f]/.test(text)) text = anyAscii(text.normalize('NFKC'));
  return { text: text.toLowerCase().replace(/\s+/g, ' ').trim(), abjad, ...(originals.length > 0 ? { syllabic: originals } : {}) };
}
