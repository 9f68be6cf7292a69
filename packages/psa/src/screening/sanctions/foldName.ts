/** Letters NFKD does not decompose, folded to ASCII (after lower-casing). */
const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ħ: 'h', ŧ: 't', ŋ: 'ng', ĸ: 'k', ſ: 's', ƒ: 'f', ȷ: 'j',
};

/**
 * Romanization tables, one letter at a time, lower case. Cyrillic follows a simplified BGN/PCGN
 * (Russian/Ukrainian/Kazakh/Serbian letters), Greek ELOT 743, Georgian the national system,
 * Armenian the Hübschmann-Meillet base letters, and Arabic/Persian a consonantal scheme (short
 * vowels are not written; such tokens are compared by consonant skeleton, see `phoneticKey`).
 */
const ROMAN: Readonly<Record<string, string>> = Object.fromEntries(
  [
    // Cyrillic
    'а a|б b|в v|г g|ґ g|д d|е e|ё e|є ye|ж zh|з z|и i|і i|ї yi|й y|к k|л l|м m|н n|о o|п p|р r|с s|т t|у u|ў u|ф f|х kh|ц ts|ч ch|ш sh|щ shch|ъ |ы y|ь |э e|ю yu|я ya|ђ dj|ј j|љ lj|њ nj|ћ c|џ dz|ѓ g|ќ k|ѕ dz|қ q|ғ gh|ң ng|ү u|ұ u|һ h|ә a|ө o',
    // Greek
    'α a|β v|γ g|δ d|ε e|ζ z|η i|θ th|ι i|κ k|λ l|μ m|ν n|ξ x|ο o|π p|ρ r|σ s|ς s|τ t|υ y|φ f|χ ch|ψ ps|ω o',
    // Georgian (Mkhedruli)
    'ა a|ბ b|გ g|დ d|ე e|ვ v|ზ z|თ t|ი i|კ k|ლ l|მ m|ნ n|ო o|პ p|ჟ zh|რ r|ს s|ტ t|უ u|ფ p|ქ k|ღ gh|ყ q|შ sh|ჩ ch|ც ts|ძ dz|წ ts|ჭ ch|ხ kh|ჯ j|ჰ h',
    // Armenian
    'ա a|բ b|գ g|դ d|ե e|զ z|է e|ը y|թ t|ժ zh|ի i|լ l|խ kh|ծ ts|կ k|հ h|ձ dz|ղ gh|ճ ch|մ m|յ y|ն n|շ sh|ո o|չ ch|պ p|ջ j|ռ r|ս s|վ v|տ t|ր r|ց ts|ւ v|փ p|ք k|օ o|ֆ f',
    // Arabic and Persian (consonantal)
    'ا a|أ a|إ i|آ a|ٱ a|ب b|ت t|ث th|ج j|ح h|خ kh|د d|ذ dh|ر r|ز z|س s|ش sh|ص s|ض d|ط t|ظ z|ع a|غ gh|ف f|ق q|ك k|ل l|م m|ن n|ه h|ة a|و u|ي i|ى a|ء |ئ i|ؤ u|پ p|چ ch|ژ zh|گ g|ی i|ک k|ۀ h|ھ h',
  ]
    .join('|')
    .split('|')
    .map((pair) => [pair.slice(0, pair.indexOf(' ')), pair.slice(pair.indexOf(' ') + 1)]),
);

/** Arabic-script letters (abjad: short vowels unwritten). */
const ABJAD = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]/u;

/** Result of {@link foldName}. */
export interface FoldNameReturnType {
  /** Lower-case, diacritic-free, romanized where a table exists; punctuation untouched. */
  text: string;
  /** The input had Arabic-script letters (vowels missing after romanization). */
  abjad: boolean;
}

function romanize(s: string): string {
  let out = '';
  for (const ch of s) out += ROMAN[ch] ?? SPECIAL[ch] ?? ch;
  return out;
}

/**
 * Fold a name for matching: NFC, lower-case, romanize Cyrillic/Greek/Georgian/Armenian/Arabic letters,
 * Unicode NFKD (compatibility forms such as full-width letters and ligatures are unified), remove
 * combining marks (`\p{M}`: diacritics such as `é`, `ğ`, `ș`), fold letters NFKD keeps (`ß` → `ss`,
 * `ø` → `o`, `ł` → `l` …) and romanize again (letters exposed by the decomposition, e.g. Greek
 * with tonos). Scripts without a table (CJK, Thai, Hangul …) are kept as they are.
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
  const lowered = romanize(name.normalize('NFC').toLowerCase());
  const stripped = lowered.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  return { text: romanize(stripped), abjad };
}
