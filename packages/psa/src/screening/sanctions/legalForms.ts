/**
 * Legal forms of organizations, grouped into classes of equivalent forms across jurisdictions and
 * languages. Phrases are folded, lower-case, space-separated tokens (as produced by `normalizeName`).
 * Class names: `llc` (limited liability company and its national equivalents), `ltd` (private/public
 * limited company), `jsc` (joint-stock / share company), `inc` (corporation / company), `lp`
 * (partnerships), `nko` (non-commercial organizations), `sole` (sole proprietors), `state` (state
 * unitary enterprises).
 */
const CLASSES: Readonly<Record<string, string>> = {
  llc: `llc | limited liability company | limited liability co | ooo | obshchestvo s ogranichennoy otvetstvennostyu |
    obshchestvo s ogranichennoi otvetstvennostiu | tov | too | srl | sarl | societatea cu raspundere limitata |
    societa a responsabilita limitata | sociedad de responsabilidad limitada | sp z oo | spolka z ograniczona odpowiedzialnoscia |
    gmbh | gesellschaft mit beschrankter haftung | bv | besloten vennootschap | bvba | sro | spol s r o | kft | doo | d o o |
    eood | ood | mchj | mmc | ltda | limitada`,
  ltd: `ltd | limited | pte | pte ltd | pty | pty ltd | plc | public limited company | co ltd | company limited | sdn bhd |
    berhad | bhd | pt | kk | kabushiki kaisha | yk`,
  jsc: `jsc | joint stock company | ojsc | open joint stock company | cjsc | closed joint stock company | pjsc |
    public joint stock company | ao | oao | zao | pao | aktsionernoe obshchestvo | otkrytoe aktsionernoe obshchestvo |
    zakrytoe aktsionernoe obshchestvo | publichnoe aktsionernoe obshchestvo | ag | aktiengesellschaft | sa | societe anonyme |
    sociedad anonima | spa | societa per azioni | nv | naamloze vennootschap | as | a s | asa | ab | oy | oyj | ad | jsco |
    sab de cv | sa de cv | tbk | sas | se`,
  inc: `inc | incorporated | corp | corporation | co | company | cos | companies`,
  lp: `lp | l p | llp | limited partnership | limited liability partnership | kg | kommanditgesellschaft | gmbh co kg |
    gmbh and co kg | sca | scs | partnership | ohg`,
  nko: `ano | avtonomnaya nekommercheskaya organizatsiya | nko | ngo | gemeinnutzige | ev | e v`,
  sole: `ip | individualnyi predprinimatel | fop | chp`,
  state: `fgup | gup | mup | federalnoe gosudarstvennoe unitarnoe predpriyatie`,
};

/** Phrase (folded tokens joined by one space) → legal-form class. */
export const LEGAL_FORMS: ReadonlyMap<string, string> = new Map(
  Object.entries(CLASSES).flatMap(([cls, phrases]) =>
    phrases.split('|').map((p) => [p.trim().replace(/\s+/g, ' '), cls] as [string, string]),
  ),
);

const MAX_PHRASE = Math.max(...[...LEGAL_FORMS.keys()].map((p) => p.split(' ').length));

/** Result of {@link extractLegalForms}. */
export interface ExtractLegalFormsReturnType {
  /** The tokens without the leading/trailing legal forms (the input when nothing else would remain). */
  tokens: string[];
  /** Classes of the removed forms, in order found, without duplicates. */
  forms: string[];
  /** The removed phrases as written, for display. */
  phrases: string[];
}

/**
 * Remove legal forms at the start and the end of an organization name (`OOO Romashka`, `Romashka LLC`,
 * `Romashka Co., Ltd.`), longest phrase first, repeatedly, and report their classes so that the scorer
 * can compare them as a feature rather than lose them. Forms in the middle of a name are kept. When
 * only legal forms would remain, nothing is removed.
 *
 * @param tokens folded, lower-case tokens.
 * @example
 * import { extractLegalForms } from './legalForms.js';
 * extractLegalForms(['open', 'joint', 'stock', 'company', 'gazprom']); // { tokens: ['gazprom'], forms: ['jsc'], … }
 */
export function extractLegalForms(tokens: readonly string[]): ExtractLegalFormsReturnType {
  let start = 0;
  let end = tokens.length;
  const forms: string[] = [];
  const phrases: string[] = [];
  const take = (phrase: string) => {
    const cls = LEGAL_FORMS.get(phrase) as string;
    if (!forms.includes(cls)) forms.push(cls);
    phrases.push(phrase);
  };
  let changed = true;
  while (changed && end - start > 1) {
    changed = false;
    for (let n = Math.min(MAX_PHRASE, end - start - 1); n >= 1; n--) {
      const phrase = tokens.slice(end - n, end).join(' ');
      if (LEGAL_FORMS.has(phrase)) {
        take(phrase);
        end -= n;
        changed = true;
        break;
      }
    }
    for (let n = Math.min(MAX_PHRASE, end - start - 1); n >= 1 && !changed; n--) {
      const phrase = tokens.slice(start, start + n).join(' ');
      if (LEGAL_FORMS.has(phrase)) {
        take(phrase);
        start += n;
        changed = true;
      }
    }
  }
  return { tokens: tokens.slice(start, end), forms, phrases };
}
