import type { NameHit } from '../types.js';

const LIST_TITLES: Readonly<Record<string, string>> = {
  'ofac-sdn': 'OFAC SDN',
  'un-consolidated': 'UN Security Council Consolidated List',
  'eu-consolidated': 'EU consolidated financial sanctions list',
  'uk-sanctions-list': 'UK Sanctions List',
};

/**
 * One sentence a compliance officer can read for a name hit, e.g.
 * `Receiver name "Vladimir Putin" matches OFAC SDN entry 35096 PUTIN, Vladimir Vladimirovich
 * (Person; programs RUSSIA-EO14024; matched aka "PUTIN, Vladimir"), score 1.00 ≥ fail threshold 0.95`.
 *
 * @param hit the hit without its reason.
 * @param threshold the threshold the score reached and its name (`fail` or `review`).
 * @param notes extra clauses (schema mismatch, low-quality alias, qualifiers), appended after a semicolon.
 * @example
 * import { nameHitReason } from './nameHitReason.js';
 * nameHitReason(hit, { name: 'review', value: 0.8 }, []);
 */
export function nameHitReason(
  hit: Omit<NameHit, 'reason'>,
  threshold: { name: 'fail' | 'review'; value: number },
  notes: readonly string[],
): string {
  const who = hit.party === 'sender' ? 'Sender' : 'Receiver';
  const list = LIST_TITLES[hit.list] ?? hit.list;
  const via = hit.matched_alias === hit.matched_name ? 'primary name' : `alias "${hit.matched_alias}"`;
  const programs = hit.programs.length > 0 ? `; programs ${hit.programs.join(', ')}` : '';
  const extra = notes.length > 0 ? `; ${notes.join('; ')}` : '';
  return (
    `${who} name matches ${list} entry ${hit.entry_id} ${hit.matched_name} ` +
    `(${hit.schema}${programs}; matched ${via}), score ${hit.score.toFixed(2)} ≥ ${threshold.name} threshold ` +
    `${threshold.value.toFixed(2)}${extra}`
  );
}
