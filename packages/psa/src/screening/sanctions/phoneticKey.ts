const DIGRAPHS: ReadonlyArray<[RegExp, string]> = [
  [/shch|sch|sh|ch(?=[^aeiouy]|$)/g, 'š'],
  [/tch|ch/g, 'č'],
  [/dzh|dj|zh|j/g, 'ĵ'],
  [/kh/g, 'h'],
  [/gh/g, 'g'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/dh/g, 'd'],
  [/ck|q|c(?![eiy])/g, 'k'],
  [/c/g, 's'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/z/g, 's'],
  [/[ou]+/g, 'u'],
  [/[eiy]+/g, 'i'],
];

/**
 * A transliteration-tolerant spelling of one folded token, for comparing romanizations of the same
 * name (`Mahmood`/`Mahmoud`, `Ahmadinezhad`/`Ahmadinejad`, `Osama`/`Usama`, `Wladimir`/`Vladimir`):
 * consonant digraphs unified (`kh`→`h`, `zh`/`dj`/`j` → one letter, `ph`→`f`, `th`→`t`, `ck`/`q`/hard `c` → `k`,
 * soft `c` → `s`, `w`→`v`, `z`→`s`), vowels merged into three classes (`a`; `o`/`u` → `u`; `e`/`i`/`y` → `i`),
 * repeated letters collapsed and a final `h` after a vowel dropped (`Abdullah`/`Abdulla`).
 * Digits are kept.
 *
 * @param token one folded, lower-case token.
 * @example
 * import { phoneticForm } from './phoneticKey.js';
 * phoneticForm('mahmood') === phoneticForm('mahmoud'); // true ('mahmud')
 */
export function phoneticForm(token: string): string {
  let s = token;
  for (const [re, to] of DIGRAPHS) s = s.replace(re, to);
  s = s.replace(/(.)\1+/g, '$1');
  if (s.length > 2) s = s.replace(/([aiu])h$/, '$1');
  return s;
}

/**
 * Consonant skeleton of a phonetic form: the first letter (any vowel written `a`) followed by the
 * consonants, repeats collapsed. Used as the fuzzy key of the candidate index and to
 * compare tokens romanized from Arabic script, where short vowels are not written (`mhmd` ↔ `muhamid`).
 *
 * @param phonetic the result of {@link phoneticForm}.
 * @example
 * import { phoneticForm, skeletonKey } from './phoneticKey.js';
 * skeletonKey(phoneticForm('mohammed')); // 'mhmd'
 */
export function skeletonKey(phonetic: string): string {
  if (phonetic.length === 0) return '';
  const first = /[aiu]/.test(phonetic[0] as string) ? 'a' : (phonetic[0] as string);
  const rest = phonetic.slice(1).replace(/[aiu]/g, '');
  return (first + rest).replace(/(.)\1+/g, '$1');
}
