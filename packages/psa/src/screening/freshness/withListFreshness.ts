import type { Stage, StageName, StageOutput } from '../types.js';
import { staleListsOf, type ListFreshnessOptions } from './listFreshness.js';

/**
 * Wrap a stage so that it reports stale lists (DESIGN.md §What the product is, step 3: fail closed). The stage runs
 * as usual; when any dataset it screens against (`DATASET_STAGES`) is older than its maximum age at the request
 * time, the output carries `stale_lists` (each with code `stale_list`), the summary names them, and the status
 * becomes `flag` unless the stage already failed — so the verdict cannot be `pass` on a stale list.
 *
 * @param name - which stage this is.
 * @param stage - the stage.
 * @param options - the freshness policy.
 * @returns the wrapped {@link Stage}.
 * @example
 * import { createSanctionsStage, withListFreshness } from '@jil/psa';
 * const sanctions = withListFreshness('sanctions', createSanctionsStage(snapshot), { maxAgeDays: { 'ofac-sdn': 3 } });
 */
export function withListFreshness(name: StageName, stage: Stage, options: ListFreshnessOptions = {}): Stage {
  return async (request, context): Promise<StageOutput> => {
    const output = await stage(request, context);
    const stale = staleListsOf(name, context.snapshot.datasets, context.now, options);
    if (stale.length === 0) return output;
    const words = stale.map((s) => `${s.list} dated ${s.source_date} is ${s.age_days} days old (max ${s.max_age_days})`).join('; ');
    return {
      ...output,
      status: output.status === 'fail' ? 'fail' : 'flag',
      summary: `stale list — ${words}; ${output.summary}`,
      stale_lists: stale,
    };
  };
}
