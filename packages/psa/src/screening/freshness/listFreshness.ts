import { JilError } from '@jil/core';
import type { DatasetManifest } from '../../datasets/types.js';
import type { StageName } from '../types.js';
import { optionalRecord, requireArray, requireDate, requireRecord } from '../../internal/requireArgument.js';

/**
 * Default maximum age in days of each dataset's source date before the stage that reads it reports `stale_list`
 * (docs/screening.md §List freshness). Chosen from each source's publication rhythm with margin: sanctions lists
 * change several times a week (OFAC, EU, UK) or month (UN); address intelligence weekly to monthly; FATF lists
 * after each plenary (three a year); IBAN/BIC registries rarely.
 */
export const DEFAULT_MAX_LIST_AGE_DAYS: Readonly<Record<string, number>> = Object.freeze({
  'ofac-sdn': 7,
  'un-consolidated': 30,
  'eu-consolidated': 7,
  'uk-sanctions-list': 7,
  'ofac-crypto-0xb10c': 30,
  'ofac-eth-ultrasoundmoney': 30,
  'lazarus-attributed': 180,
  scamsniffer: 30,
  'mew-darklist': 365,
  'etherscan-labels': 365,
  fatf: 150,
  'iban-registry': 730,
  'bic-bank-registry': 365,
});

/** Maximum age of a dataset missing from {@link DEFAULT_MAX_LIST_AGE_DAYS} and from the options. */
export const DEFAULT_MAX_LIST_AGE_FALLBACK_DAYS = 30;

/** The stage that screens against each dataset (a stale dataset makes that stage report `stale_list`). */
export const DATASET_STAGES: Readonly<Record<string, StageName>> = Object.freeze({
  'ofac-sdn': 'sanctions',
  'un-consolidated': 'sanctions',
  'eu-consolidated': 'sanctions',
  'uk-sanctions-list': 'sanctions',
  'ofac-crypto-0xb10c': 'endpoints',
  'ofac-eth-ultrasoundmoney': 'endpoints',
  'lazarus-attributed': 'endpoints',
  scamsniffer: 'endpoints',
  'mew-darklist': 'endpoints',
  'etherscan-labels': 'endpoints',
  fatf: 'kyc',
  'iban-registry': 'kyc',
  'bic-bank-registry': 'kyc',
});

/** List-freshness policy: maximum ages per dataset (days), overriding the defaults. */
export interface ListFreshnessOptions {
  /** Per-dataset maximum age in days (integer ≥ 0), e.g. `{ 'ofac-sdn': 3 }`; missing names use the defaults. */
  maxAgeDays?: Readonly<Record<string, number>>;
  /** Maximum age of datasets named nowhere else. Default {@link DEFAULT_MAX_LIST_AGE_FALLBACK_DAYS}. */
  fallbackMaxAgeDays?: number;
}

/** Freshness of one dataset at a given time. */
export interface DatasetFreshness {
  name: string;
  source_date: string;
  /** Whole days between the source date (00:00 UTC) and `now`. */
  age_days: number;
  max_age_days: number;
  stale: boolean;
  /** The stage that reads it, when known. */
  stage?: StageName;
}

/** One stale list as a stage reports it (`details.stale_lists`). */
export interface StaleList {
  code: 'stale_list';
  list: string;
  source_date: string;
  age_days: number;
  max_age_days: number;
}

const DAY_MS = 86_400_000;

/**
 * Check a freshness policy: every maximum age must be an integer ≥ 0.
 *
 * @param options - the policy.
 * @throws JilError `INVALID_ARGUMENT` listing every bad entry (`details.fields`); `INVALID_ARGUMENT` (`details.field`)
 *   when `options` is not an object.
 * @example
 * import { assertListFreshnessOptions } from '@jil/psa';
 * assertListFreshnessOptions({ maxAgeDays: { 'ofac-sdn': 3 } });
 */
export function assertListFreshnessOptions(options: ListFreshnessOptions): void {
  requireRecord(options, 'options');
  const bad: Array<{ field: string; message: string; issue?: string }> = [];
  const ok = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  const { maxAgeDays } = options;
  if (maxAgeDays !== undefined && (typeof maxAgeDays !== 'object' || maxAgeDays === null || Array.isArray(maxAgeDays)))
    bad.push({ field: 'maxAgeDays', message: 'must be an object of dataset names to days', issue: 'invalid_type' });
  else
    for (const [name, v] of Object.entries(maxAgeDays ?? {}))
      if (!ok(v)) bad.push({ field: `maxAgeDays.${name}`, message: 'must be an integer ≥ 0' });
  if (options.fallbackMaxAgeDays !== undefined && !ok(options.fallbackMaxAgeDays))
    bad.push({ field: 'fallbackMaxAgeDays', message: 'must be an integer ≥ 0' });
  if (bad.length > 0)
    throw new JilError('INVALID_ARGUMENT', `invalid list freshness options: ${bad.map((b) => b.field).join(', ')}`, {
      details: { fields: bad },
    });
}

/**
 * Age and staleness of each dataset at `now`: age = whole days from the source date (UTC midnight) to `now`; stale
 * when the age exceeds the dataset's maximum (options, else {@link DEFAULT_MAX_LIST_AGE_DAYS}, else the fallback).
 * A source date that does not parse as `YYYY-MM-DD` counts as stale.
 *
 * @param datasets - the snapshot's manifests.
 * @param now - the caller's clock.
 * @param options - the policy.
 * @returns one entry per dataset, in input order.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `datasets` is not an array of manifests, `now` not a valid
 *   Date or `options` not an object.
 * @example
 * import { datasetFreshness } from '@jil/psa';
 * datasetFreshness(snapshot.datasets, new Date(), {}).filter((d) => d.stale);
 */
export function datasetFreshness(
  datasets: readonly Pick<DatasetManifest, 'name' | 'source_date'>[],
  now: Date,
  options: ListFreshnessOptions = {},
): DatasetFreshness[] {
  requireArray(datasets, 'datasets');
  requireDate(now, 'now');
  optionalRecord(options, 'options');
  return datasets.map((d, i) => {
    requireRecord(d, `datasets[${i}]`);
    const max =
      options.maxAgeDays?.[d.name] ?? DEFAULT_MAX_LIST_AGE_DAYS[d.name] ?? options.fallbackMaxAgeDays ?? DEFAULT_MAX_LIST_AGE_FALLBACK_DAYS;
    const at = /^\d{4}-\d{2}-\d{2}$/.test(d.source_date) ? Date.parse(`${d.source_date}T00:00:00Z`) : Number.NaN;
    const age = Number.isFinite(at) ? Math.max(0, Math.floor((now.getTime() - at) / DAY_MS)) : Number.POSITIVE_INFINITY;
    const stage = DATASET_STAGES[d.name];
    return {
      name: d.name,
      source_date: d.source_date,
      age_days: Number.isFinite(age) ? age : -1,
      max_age_days: max,
      stale: !(age <= max),
      ...(stage === undefined ? {} : { stage }),
    };
  });
}

/**
 * The stale lists a stage screens against.
 *
 * @param stage - the stage.
 * @param datasets - the snapshot's manifests.
 * @param now - the caller's clock.
 * @param options - the policy.
 * @returns the {@link StaleList} entries (empty when all of the stage's lists are fresh).
 * @throws JilError `INVALID_ARGUMENT` as {@link datasetFreshness}.
 * @example
 * import { staleListsOf } from '@jil/psa';
 * staleListsOf('sanctions', snapshot.datasets, new Date(), {}); // [{ code: 'stale_list', list: 'ofac-sdn', … }]
 */
export function staleListsOf(
  stage: StageName,
  datasets: readonly Pick<DatasetManifest, 'name' | 'source_date'>[],
  now: Date,
  options: ListFreshnessOptions = {},
): StaleList[] {
  return datasetFreshness(datasets, now, options)
    .filter((d) => d.stale && d.stage === stage)
    .map((d) => ({
      code: 'stale_list' as const,
      list: d.name,
      source_date: d.source_date,
      age_days: d.age_days,
      max_age_days: d.max_age_days,
    }));
}
