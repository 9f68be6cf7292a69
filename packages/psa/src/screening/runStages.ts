import { JilError } from '@jil/core';
import type { TransferRequest } from '../schema/transferRequest.js';
import { optionalRecord, requireFunction, requireRecord } from '../internal/requireArgument.js';
import { STAGE_NAMES, type Stage, type StageContext, type StageFinding, type StageName } from './types.js';

/** Default per-stage deadlines in milliseconds. */
export const DEFAULT_STAGE_DEADLINES_MS: Readonly<Record<StageName, number>> = {
  endpoints: 250,
  kyc: 250,
  sanctions: 1000,
  risk: 1000,
};

/** Parameters of {@link runStages}. */
export interface RunStagesParameters {
  stages: Readonly<Record<StageName, Stage>>;
  request: TransferRequest;
  context: Omit<StageContext, 'signal'>;
  /** Per-stage deadlines in ms; missing entries use {@link DEFAULT_STAGE_DEADLINES_MS}. */
  deadlinesMs?: Partial<Record<StageName, number>>;
  /** Monotonic clock in ms for durations (default `performance.now`). */
  clock?: () => number;
}

/**
 * Run the four screening stages in parallel, each under its own deadline. A stage that throws or
 * misses its deadline yields status `error` with the error code (`STAGE_TIMEOUT`, `STAGE_ERROR` or the
 * thrown `JilError` code) and never a stack; the verdict then fails closed to `flag`.
 *
 * @returns one {@link StageFinding} per stage, in the order of `STAGE_NAMES`.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`, as a rejection) when `parameters`, `stages` or `context` is not
 *   an object, `deadlinesMs` is given but not an object, or `clock` is given but not a function.
 */
export async function runStages(parameters: RunStagesParameters): Promise<StageFinding[]> {
  requireRecord(parameters, 'parameters');
  requireRecord(parameters.stages, 'stages');
  requireRecord(parameters.context, 'context');
  optionalRecord(parameters.deadlinesMs, 'deadlinesMs');
  if (parameters.clock !== undefined) requireFunction(parameters.clock, 'clock');
  const clock = parameters.clock ?? (() => performance.now());
  return Promise.all(
    STAGE_NAMES.map(async (stage): Promise<StageFinding> => {
      const deadline = parameters.deadlinesMs?.[stage] ?? DEFAULT_STAGE_DEADLINES_MS[stage];
      const controller = new AbortController();
      const started = clock();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new JilError('STAGE_TIMEOUT', `stage ${stage} missed its ${deadline} ms deadline`));
        }, deadline);
      });
      try {
        const run = parameters.stages[stage](parameters.request, { ...parameters.context, signal: controller.signal });
        const output = await Promise.race([run, timeout]);
        return {
          stage,
          status: output.status,
          duration_ms: Math.round(clock() - started),
          details: {
            summary: output.summary,
            hits: output.hits,
            ...(output.score === undefined ? {} : { score: output.score }),
            ...(output.signals === undefined ? {} : { signals: output.signals }),
            ...(output.stale_lists === undefined ? {} : { stale_lists: output.stale_lists }),
          },
        };
      } catch (error) {
        const code = error instanceof JilError ? error.code : 'STAGE_ERROR';
        const message = error instanceof JilError ? error.message : `stage ${stage} failed`;
        return {
          stage,
          status: 'error',
          duration_ms: Math.round(clock() - started),
          details: { summary: `stage error: ${message}`, hits: [], error: { code, message } },
        };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}
