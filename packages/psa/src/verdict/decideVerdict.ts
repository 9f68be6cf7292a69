import type { StageFinding } from '../screening/types.js';
import { requireArray, requireRecord } from '../internal/requireArgument.js';

/** The verdict of a PSA. */
export type Verdict = 'pass' | 'flag' | 'fail';

/** A verdict with the sentences that explain it. */
export interface VerdictDecision {
  verdict: Verdict;
  /** Why, one entry per deciding stage, e.g. `endpoints: fail — 1 hard listing(s): destination sanctioned`. */
  reasons: string[];
}

/**
 * Roll stage findings into a verdict. Any `fail` → `fail`; otherwise any `flag` or `error` → `flag`
 * (a stage that errored or missed its deadline fails closed); otherwise `pass`.
 * A missing stage also fails closed to `flag`.
 *
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `findings` is not an array of findings (objects with a
 *   `details` object) or `expectedStages` not an array.
 */
export function decideVerdict(findings: readonly StageFinding[], expectedStages: readonly string[]): VerdictDecision {
  requireArray(findings, 'findings');
  requireArray(expectedStages, 'expectedStages');
  findings.forEach((f, i) => {
    requireRecord(f, `findings[${i}]`);
    requireRecord(f.details, `findings[${i}].details`);
  });
  const reasons: string[] = [];
  let verdict: Verdict = 'pass';
  for (const stage of expectedStages) {
    if (!findings.some((f) => f.stage === stage)) {
      reasons.push(`${stage}: missing — fails closed`);
      verdict = 'flag';
    }
  }
  for (const f of findings) {
    if (f.status === 'fail') {
      verdict = 'fail';
      reasons.push(`${f.stage}: fail — ${f.details.summary}`);
    } else if (f.status === 'flag' || f.status === 'error') {
      if (verdict === 'pass') verdict = 'flag';
      reasons.push(`${f.stage}: ${f.status}${f.status === 'error' ? ' (fails closed)' : ''} — ${f.details.summary}`);
    }
  }
  return { verdict, reasons };
}
