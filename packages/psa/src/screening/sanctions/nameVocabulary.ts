/**
 * Word lists used by name normalization. Each entry is a folded, lower-case token.
 * These are general linguistic facts about names (particles, honorifics, number words), not
 * adjustments to particular list entries.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** Connecting particles of personal and organization names (Arabic, Romance, Germanic, English). Low weight. */
export const PARTICLES = set(`
  al el ul bin bint binti ibn ben bte ould uld de da das dos do du del della dela der den di la le van von zu y
  of the and und et fi wa
`);

/** Canonical spelling of particle variants (`ibn`/`ben` → `bin`, `el` → `al`). */
export const PARTICLE_CANONICAL: Readonly<Record<string, string>> = { ibn: 'bin', ben: 'bin', el: 'al', ul: 'al' };

/** Courtesy titles dropped from names when other tokens remain. */
export const TITLES = set(`
  mr mrs ms miss mx dr prof sir madam madame mme mlle monsieur herr frau senor senora president prasident presidente
`);

/** Religious and honorific words that are often, but not always, part of a listed name. Low weight. */
export const HONORIFICS = set(`
  shaikh sheikh sheik shaykh haji hajji hajj alhaj alhajji mullah mulla maulavi maulvi mawlawi maulana qari
  sayyid sayed syed sheikha amir emir imam ayatollah hafiz
`);

/** Words that are common in organization names and say little about which organization. Reduced weight. */
export const GENERIC_ORG_WORDS = set(`
  group holding holdings international intl trading trade industries industry industrial systems solutions services
  service enterprise enterprises technology technologies general national global management investment investments
  capital partners fund trust foundation association organization organisation agency ministry government committee
  council center centre institute logistics shipping petroleum oil gas energy import export commercial development
  resources bank banking finance financial insurance products
`);

/** English number words → digits (cardinals and ordinals up to twenty, tens up to ninety). */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};

/** Roman numerals II–XX (converted only inside organization names and never as the first token). */
export const ROMAN_NUMERALS: Readonly<Record<string, number>> = Object.fromEntries(
  'ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx'.split(' ').map((r, i) => [r, i + 2]),
);
