/**
 * Evaluate the sanctions name matcher (docs/screening.md §Evaluation).
 *
 *   pnpm eval:names [--cases [<csv>]] [--positives [<csv>]] [--negatives [<csv>]] [--json] [--threshold 0.8]
 *
 * --cases      labelled pairs (default name_bench_dev.csv): P/R/F1 at the operating threshold, overall and per
 *              case_group, schema and quality, a threshold sweep, and logic-v2 (logicv2_scores_dev.csv) on the rows
 *              it scored.
 * --positives  people to find (default yente_positives_un_untreated.csv), screened against the UN list: recall.
 * --negatives  people not listed (default yente_negatives_us.csv), screened against OFAC SDN + UN: alert rate, latency.
 * A part flag may be followed by a CSV path; without a part flag all three run on the default files.
 * Rows are screened as the sanctions stage screens a party: the name plus the row's date of birth (and, for
 * positives, nationality); the name-only figures are printed beside them.
 * --json prints exactly one JSON object: { threshold, precision, recall, f1, positives_recall,
 * negatives_alert_rate } (null for a part that did not run).
 * Data comes from ../shared/data (or JIL_SHARED_DIR).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildSnapshot, DATASET_DESCRIPTORS, ingestDatasets } from '@jil/ingest';
import { dataPath } from '@jil/testkit';
import type { SanctionsEntity } from '../packages/psa/src/datasets/types.js';
import {
  createNameMatcher,
  qualifierPenalties,
  type NameMatcher,
  type NameQuery,
  SANCTIONS_FAIL_THRESHOLD,
  SANCTIONS_REVIEW_THRESHOLD,
  type NameSchema,
  scoreName,
} from '../packages/psa/src/screening/sanctions/index.js';

type Row = Record<string, string>;
interface Prf {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const thresholdArg = args.indexOf('--threshold');
const THRESHOLD = thresholdArg >= 0 ? Number(args[thresholdArg + 1]) : SANCTIONS_REVIEW_THRESHOLD;
const DEFAULT_FILES: Record<string, string> = {
  cases: dataPath('name-matching', 'name_bench_dev.csv'),
  positives: dataPath('name-matching', 'yente_positives_un_untreated.csv'),
  negatives: dataPath('name-matching', 'yente_negatives_us.csv'),
};
/** `--part [<csv>]`: the CSV given after the flag, else the default file. */
const fileOf = (part: string): string => {
  const i = args.indexOf(`--${part}`);
  const next = i >= 0 ? args[i + 1] : undefined;
  return next !== undefined && !next.startsWith('--') ? next : (DEFAULT_FILES[part] as string);
};
const parts = ['cases', 'positives', 'negatives'].filter(flag);
const run = new Set(parts.length > 0 ? parts : ['cases', 'positives', 'negatives']);
const JSON_OUT = flag('json');
const SWEEP = [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

const readFile = (path: string): Row[] =>
  parse(readFileSync(path, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, comment: '#' }) as Row[];
const readRows = (...path: string[]): Row[] => readFile(dataPath(...path));

function prf(items: ReadonlyArray<{ predicted: boolean; actual: boolean }>): Prf {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  for (const { predicted, actual } of items) {
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { n: items.length, tp, fp, fn, tn, precision, recall, f1 };
}

const fmt = (x: number) => x.toFixed(3);
const line = (label: string, r: Prf) =>
  `${label.padEnd(34)} n=${String(r.n).padStart(4)}  P ${fmt(r.precision)}  R ${fmt(r.recall)}  F1 ${fmt(r.f1)}`;
const log = (s = '') => {
  if (!JSON_OUT) console.log(s);
};

/** FollowTheMoney schema of the bench → the matcher's schema hint (LegalEntity = person or organization). */
function schemaHint(schema: string): NameSchema | undefined {
  if (schema === 'Person') return 'Person';
  if (schema === 'Vessel') return 'Vessel';
  if (schema === 'Company' || schema === 'Organization') return 'Organization';
  return undefined;
}

function evalCases() {
  const file = fileOf('cases');
  const rows = readFile(file);
  const scored = rows.map((row) => ({
    row,
    score: scoreName(row['name1'] ?? '', row['name2'] ?? '', schemaHint(row['schema'] ?? '')).score,
    actual: row['is_match'] === 'true',
  }));
  const at = (t: number, subset = scored) => prf(subset.map((r) => ({ predicted: r.score >= t, actual: r.actual })));
  const groupBy = (key: string) => {
    const groups = new Map<string, typeof scored>();
    for (const r of scored) {
      const k = r.row[key] || (key === 'quality' ? 'MEDIUM' : '');
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    return Object.fromEntries([...groups].sort().map(([k, v]) => [k, at(THRESHOLD, v)]));
  };
  const logic = readRows('name-matching', 'logicv2_scores_dev.csv');
  const ours = new Map(scored.map((r) => [`${r.row['case_group']}\u0000${r.row['name1']}\u0000${r.row['name2']}`, r.score]));
  const shared = logic.filter((r) => ours.has(`${r['case_group']}\u0000${r['name1']}\u0000${r['name2']}`));
  const sharedAt = (t: number, which: 'ours' | 'logic') =>
    prf(
      shared.map((r) => ({
        predicted:
          (which === 'ours' ? (ours.get(`${r['case_group']}\u0000${r['name1']}\u0000${r['name2']}`) as number) : Number(r['score'])) >= t,
        actual: r['is_match'] === 'true',
      })),
    );
  const result = {
    rows: rows.length,
    threshold: THRESHOLD,
    overall: at(THRESHOLD),
    by_case_group: groupBy('case_group'),
    by_schema: groupBy('schema'),
    by_quality: groupBy('quality'),
    sweep: Object.fromEntries(SWEEP.map((t) => [t.toFixed(2), at(t)])),
    logic_v2_rows: {
      rows: shared.length,
      ours: sharedAt(THRESHOLD, 'ours'),
      logic_v2_at_0_70: sharedAt(0.7, 'logic'),
      logic_v2_at_threshold: sharedAt(THRESHOLD, 'logic'),
    },
  };
  log(`== ${basename(file)} (${rows.length} labelled pairs), threshold ${THRESHOLD}`);
  log(line('overall', result.overall));
  for (const key of ['by_case_group', 'by_schema', 'by_quality'] as const) {
    for (const [k, v] of Object.entries(result[key])) log(line(`  ${key.slice(3)} ${k}`, v));
  }
  log('threshold sweep:');
  for (const [t, v] of Object.entries(result.sweep)) log(line(`  @${t}`, v));
  log(`on the ${shared.length} rows logic-v2 scored:`);
  log(line(`  jil-name-matcher @${THRESHOLD}`, result.logic_v2_rows.ours));
  log(line('  logic-v2 @0.70', result.logic_v2_rows.logic_v2_at_0_70));
  log(line(`  logic-v2 @${THRESHOLD}`, result.logic_v2_rows.logic_v2_at_threshold));
  log();
  return result;
}

/**
 * Best score of a reportable match, as the sanctions stage decides (fitting schema, or any schema at the fail
 * threshold), by name alone and with the query's qualifiers applied (one search, penalties added per entity).
 */
function bestReportable(matcher: NameMatcher, query: NameQuery, minScore: number): { name: number; qualified: number; label?: string } {
  const fits = (e: SanctionsEntity) =>
    e.schema === 'Person' ? query.schema !== 'Organization' : e.schema === 'Organization' ? query.schema !== 'Person' : false;
  const nameOnly: NameQuery = { name: query.name, ...(query.schema ? { schema: query.schema } : {}) };
  let name = 0;
  let qualified = 0;
  let label: string | undefined;
  for (const m of matcher.search(nameOnly, { minScore, limit: 20 })) {
    const q = Math.round((m.score + Object.values(qualifierPenalties(query, m.entity)).reduce((a, b) => a + b, 0)) * 10_000) / 10_000;
    if (fits(m.entity) || m.score >= SANCTIONS_FAIL_THRESHOLD) {
      if (m.score > name) name = m.score;
      if (q > qualified) [qualified, label] = [q, `${m.entity.list} ${m.entity.entry_id} ${m.name.name}`];
    }
  }
  return { name, qualified, ...(label ? { label } : {}) };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function screenAll(matcher: NameMatcher, queries: readonly NameQuery[]) {
  const times: number[] = [];
  const qualified: number[] = [];
  const nameOnly: number[] = [];
  const examples: string[] = [];
  const started = performance.now();
  for (const q of queries) {
    const t0 = performance.now();
    const r = bestReportable(matcher, q, Math.min(...SWEEP));
    times.push(performance.now() - t0);
    qualified.push(r.qualified);
    nameOnly.push(r.name);
    if (r.qualified >= THRESHOLD && examples.length < 15) examples.push(`${r.qualified.toFixed(3)}  ${q.name} → ${r.label}`);
  }
  const total_ms = performance.now() - started;
  times.sort((a, b) => a - b);
  const rate = (scores: readonly number[], t: number) => scores.filter((s) => s >= t).length / Math.max(1, scores.length);
  const summary = (scores: readonly number[]) => ({
    at_threshold: rate(scores, THRESHOLD),
    at_fail: rate(scores, SANCTIONS_FAIL_THRESHOLD),
    sweep: Object.fromEntries(SWEEP.map((t) => [t.toFixed(2), rate(scores, t)])),
  });
  return {
    queries: queries.length,
    with_qualifiers: summary(qualified),
    name_only: summary(nameOnly),
    latency_ms: {
      p50: percentile(times, 0.5),
      p90: percentile(times, 0.9),
      p99: percentile(times, 0.99),
      max: times.at(-1) ?? 0,
      total: total_ms,
    },
    examples,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const sweepLine = (sweep: Record<string, number>, f: (x: number) => string) =>
  Object.entries(sweep)
    .map(([t, v]) => `@${t} ${f(v)}`)
    .join('  ');

async function loadEntities(): Promise<SanctionsEntity[]> {
  const lists = new Set(['ofac-sdn', 'un-consolidated']);
  const snapshot = buildSnapshot(await ingestDatasets(dataPath(), { datasets: DATASET_DESCRIPTORS.filter((d) => lists.has(d.name)) }));
  return snapshot.sanctions;
}

async function main() {
  const out: Record<string, unknown> = { matcher: 'jil-name-matcher', threshold: THRESHOLD, fail_threshold: SANCTIONS_FAIL_THRESHOLD };
  if (run.has('cases')) out['cases'] = evalCases();
  if (!run.has('positives') && !run.has('negatives')) return void (JSON_OUT && console.log(JSON.stringify(summary(out), null, 2)));
  const entities = await loadEntities();
  let t0 = performance.now();
  if (run.has('positives')) {
    const un = createNameMatcher(entities.filter((e) => e.list === 'un-consolidated'));
    const file = fileOf('positives');
    const rows = readFile(file);
    const qualified = rows.map(
      (r): NameQuery => ({
        name: r['full_name'] ?? '',
        schema: 'Person',
        ...(r['date_of_birth'] ? { date_of_birth: r['date_of_birth'] } : {}),
        ...(/^[a-z]{2}$/.test(r['nationality'] ?? '') ? { country: (r['nationality'] as string).toUpperCase() } : {}),
      }),
    );
    const result = screenAll(un, qualified);
    out['positives'] = { list: 'un-consolidated', index_names: un.size, ...result };
    log(`== ${basename(file)} (${rows.length} UN-listed people) vs UN consolidated (${un.size} names)`);
    log(
      `recall @${THRESHOLD}: ${fmt(result.with_qualifiers.at_threshold)} with DOB + nationality, ` +
        `${fmt(result.name_only.at_threshold)} name only`,
    );
    log(
      `recall @${SANCTIONS_FAIL_THRESHOLD} (fail): ${fmt(result.with_qualifiers.at_fail)} with qualifiers, ` +
        `${fmt(result.name_only.at_fail)} name only`,
    );
    log(`recall sweep (with qualifiers): ${sweepLine(result.with_qualifiers.sweep, fmt)}`);
    log();
  }
  if (run.has('negatives')) {
    t0 = performance.now();
    const all = createNameMatcher(entities);
    const indexMs = performance.now() - t0;
    const file = fileOf('negatives');
    const rows = readFile(file);
    const queries = rows.map(
      (r): NameQuery => ({
        name: r['full_name'] ?? '',
        schema: 'Person',
        ...(r['date_of_birth'] ? { date_of_birth: r['date_of_birth'] } : {}),
      }),
    );
    const result = screenAll(all, queries);
    out['negatives'] = { lists: ['ofac-sdn', 'un-consolidated'], index_names: all.size, index_ms: indexMs, ...result };
    log(
      `== ${basename(file)} (${rows.length} synthetic people, none listed) vs OFAC SDN + UN (${all.size} names, index built in ` +
        `${indexMs.toFixed(0)} ms)`,
    );
    const [wq, no] = [result.with_qualifiers, result.name_only];
    log(
      `alert rate @${THRESHOLD}: ${pct(wq.at_threshold)} with DOB, ${pct(no.at_threshold)} name only;  fail rate @` +
        `${SANCTIONS_FAIL_THRESHOLD}: ${pct(wq.at_fail)} / ${pct(no.at_fail)}`,
    );
    log(`alert-rate sweep with DOB:  ${sweepLine(wq.sweep, pct)}`);
    log(`alert-rate sweep name only: ${sweepLine(no.sweep, pct)}`);
    const l = result.latency_ms;
    log(
      `latency per party: p50 ${l.p50.toFixed(3)} ms  p90 ${l.p90.toFixed(3)} ms  p99 ${l.p99.toFixed(3)} ms  max ` +
        `${l.max.toFixed(1)} ms  total ${(l.total / 1000).toFixed(1)} s`,
    );
    log('examples of alerts:');
    for (const e of result.examples) log(`  ${e}`);
  }
  if (JSON_OUT) console.log(JSON.stringify(summary(out), null, 2));
}

/** The --json object: exactly these six keys (null for a part that did not run). */
function summary(out: Record<string, unknown>) {
  const cases = out['cases'] as { overall: Prf } | undefined;
  const positives = out['positives'] as { with_qualifiers: { at_threshold: number } } | undefined;
  const negatives = out['negatives'] as { with_qualifiers: { at_threshold: number } } | undefined;
  const r = (x: number | undefined) => (x === undefined ? null : Math.round(x * 10_000) / 10_000);
  return {
    threshold: THRESHOLD,
    precision: r(cases?.overall.precision),
    recall: r(cases?.overall.recall),
    f1: r(cases?.overall.f1),
    positives_recall: r(positives?.with_qualifiers.at_threshold),
    negatives_alert_rate: r(negatives?.with_qualifiers.at_threshold),
  };
}

await main();
