import { toMinorUnits } from '../money/decimal.js';
import type { TransferRequest } from '../schema/transferRequest.js';
import { riskBand } from '../screening/risk/createRiskStage.js';
import { largeTransferStep, RISK_SIGNAL_POINTS } from '../screening/risk/riskSignalPoints.js';
import type { StageFinding } from '../screening/types.js';

/** Options of {@link checkRiskFinding}. */
export interface CheckRiskFindingOptions {
  /** Score at or above which the risk stage flags (`RiskStageOptions.flagScore`, default 75). */
  flagScore?: number;
}

const sameKeys = (o: object, keys: readonly string[]) => Object.keys(o).sort().join(',') === [...keys].sort().join(',');

/**
 * A validator's check of a proposed risk finding (issue: risk history is not shared across nodes yet, so the score is
 * checked, not recomputed): the finding has exactly the fields the risk stage writes; an `error` finding carries its
 * error and no score (`risk_score` null, the verdict fails closed to `flag`); otherwise the score is an integer 0–100
 * equal to `min(100, Σ points)` of its signals, every signal is one the stage emits with points it can add, at most
 * once, `large_transfer` is present exactly when the amount reaches an escalation step and with that step's points,
 * the status is `flag` exactly at `score ≥ flagScore`, the summary is the stage's, and `risk_score` repeats the score.
 *
 * @param finding - the proposal's risk finding (shape-checked by `PsaBodySchema`).
 * @param riskScore - the proposal's `risk_score`.
 * @param request - the transfer (its `amount_usd` decides `large_transfer`).
 * @param options - see {@link CheckRiskFindingOptions}.
 * @returns `undefined` when consistent, else the first reason it is not (one sentence).
 * @example
 * import { checkRiskFinding } from './checkRiskFinding.js';
 * checkRiskFinding(body.findings[3], body.risk_score, request); // undefined
 */
export function checkRiskFinding(
  finding: StageFinding,
  riskScore: number | null,
  request: TransferRequest,
  options: CheckRiskFindingOptions = {},
): string | undefined {
  const flagScore = options.flagScore ?? 75;
  if (finding.stage !== 'risk') return 'the fourth finding is not the risk stage';
  if (!sameKeys(finding, ['stage', 'status', 'duration_ms', 'details']))
    return 'the finding has other fields than stage, status, duration_ms, details';
  const d = finding.details as unknown as Record<string, unknown>;
  if (!Array.isArray(d['hits']) || d['hits'].length !== 0) return 'the risk stage reports no hits';
  if (finding.status === 'error') {
    const e = d['error'] as Record<string, unknown> | undefined;
    if (
      !sameKeys(d, ['summary', 'hits', 'error']) ||
      typeof e !== 'object' ||
      e === null ||
      typeof e['code'] !== 'string' ||
      typeof e['message'] !== 'string'
    )
      return 'an error finding carries only summary, hits and error { code, message }';
    return riskScore === null ? undefined : 'risk_score must be null when the risk stage errored';
  }
  if (finding.status !== 'pass' && finding.status !== 'flag') return `status ${finding.status} is not one the risk stage returns`;
  if (!sameKeys(d, ['summary', 'hits', 'score', 'signals'])) return 'the finding carries other details than summary, hits, score, signals';
  const score = d['score'];
  if (typeof score !== 'number' || !Number.isInteger(score) || score < 0 || score > 100) return 'score is not an integer 0–100';
  if (riskScore !== score) return 'risk_score differs from the risk finding score';
  const signals = d['signals'];
  if (!Array.isArray(signals)) return 'signals is not a list';
  const seen = new Set<string>();
  let sum = 0;
  for (const raw of signals as unknown[]) {
    const s = raw as Record<string, unknown>;
    if (typeof s !== 'object' || s === null || !sameKeys(s, ['signal', 'points', 'value', 'reason']))
      return 'a signal has other fields than signal, points, value, reason';
    const name = s['signal'];
    const allowed = typeof name === 'string' && Object.hasOwn(RISK_SIGNAL_POINTS, name) ? RISK_SIGNAL_POINTS[name] : undefined;
    if (allowed === undefined) return `unknown signal ${String(name).slice(0, 40)}`;
    if (seen.has(name as string)) return `signal ${String(name)} is listed twice`;
    seen.add(name as string);
    if (typeof s['points'] !== 'number' || !allowed.includes(s['points']))
      return `signal ${String(name)} cannot add ${String(s['points'])} points`;
    if (typeof s['reason'] !== 'string' || (typeof s['value'] !== 'number' && typeof s['value'] !== 'string'))
      return `signal ${String(name)} has a malformed value or reason`;
    sum += s['points'];
  }
  if (score !== Math.min(100, sum)) return `score ${score} is not min(100, Σ points) = ${Math.min(100, sum)}`;
  const step = largeTransferStep(toMinorUnits(request.amount_usd, 2));
  const large = (signals as Array<Record<string, unknown>>).find((s) => s['signal'] === 'large_transfer');
  if (
    (step === undefined) !== (large === undefined) ||
    (step && (large?.['points'] !== step[1] || large?.['value'] !== request.amount_usd))
  ) {
    return 'large_transfer does not match the amount';
  }
  if (finding.status !== (score >= flagScore ? 'flag' : 'pass'))
    return `status ${finding.status} does not follow from score ${score} (flag at ≥ ${flagScore})`;
  const names = (signals as Array<Record<string, unknown>>).map((s) => s['signal']).join(', ');
  if (d['summary'] !== `risk ${score}/100 (${riskBand(score)})${signals.length ? `: ${names}` : ''}`)
    return 'summary is not the one the risk stage writes for this score and these signals';
  return undefined;
}
