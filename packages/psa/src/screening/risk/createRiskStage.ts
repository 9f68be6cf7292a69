import { JilError } from '@jil/core';
import { normalizeAddress } from '../../address/normalizeAddress.js';
import { requireRecord } from '../../internal/requireArgument.js';
import { toMinorUnits } from '../../money/decimal.js';
import type { RiskSignal, Stage } from '../types.js';
import { largeTransferStep } from './riskSignalPoints.js';

/** Tunables of the risk stage. All amounts in US cents, times in milliseconds. */
export interface RiskStageOptions {
  /** Score at or above which the stage flags (default 75). */
  flagScore?: number;
  /** Past transfers of the sender used for the amount z-score (default 50; needs at least 5). */
  historyWindow?: number;
  /** Velocity window (default 60 000 ms). */
  velocityWindowMs?: number;
}

/**
 * Risk band of a 0–100 score.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`: `score`) when `score` is not a number (or is NaN).
 */
export function riskBand(score: number): 'low' | 'medium' | 'high' | 'critical' {
  if (typeof score !== 'number' || Number.isNaN(score))
    throw new JilError('INVALID_ARGUMENT', 'score must be a number', { details: { field: 'score' } });
  return score >= 75 ? 'critical' : score >= 50 ? 'high' : score >= 25 ? 'medium' : 'low';
}

/**
 * The risk stage: a 0–100 score from the design's signals, computed against the sender's history in the
 * {@link RiskHistoryStore} (the stage only reads; the service appends the transfer once a PSA is issued).
 *
 * Signals and points: `amount_zscore` (z ≥ 3: 25, z ≥ 2: 15, over the last `historyWindow` transfers),
 * `velocity_60s` (≥ 5 transfers in the window: 20, ≥ 3: 10), `novel_destination` (sender never paid this
 * address: 10), `large_transfer` (≥ 1M USD: 40, ≥ 100k: 20, ≥ 10k: 5), `suspicious_suffix` (the destination
 * shares its first 4 and last 4 characters with an address the sender paid before but is a different
 * address — the address-poisoning pattern: 65, so with the novelty signal it flags on its own). Score = min(100, Σ points); status `flag`
 * at ≥ `flagScore`.
 *
 * @throws JilError `INVALID_ARGUMENT` (`details.field`: `options`) when `options` is not an object.
 */
export function createRiskStage(options: RiskStageOptions = {}): Stage {
  requireRecord(options, 'options');
  const flagScore = options.flagScore ?? 75;
  const historyWindow = options.historyWindow ?? 50;
  const velocityWindowMs = options.velocityWindowMs ?? 60_000;
  return async (request, context) => {
    const store = context.riskHistory;
    const sender = request.sender.id;
    const destination = normalizeAddress(request.chain_id, request.destination_address).normalized;
    const cents = toMinorUnits(request.amount_usd, 2);
    const nowMs = context.now.getTime();
    const [history, recent, seen] = await Promise.all([
      store.recentBySender(sender, historyWindow),
      store.countSince(sender, nowMs - velocityWindowMs),
      store.hasSentTo(sender, destination),
    ]);
    const signals: RiskSignal[] = [];

    if (history.length >= 5) {
      const xs = history.map((h) => Number(h.amount_usd_cents));
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
      const z = sd > 0 ? (Number(cents) - mean) / sd : Number(cents) > mean ? Infinity : 0;
      const points = z >= 3 ? 25 : z >= 2 ? 15 : 0;
      if (points > 0) {
        const value = Number.isFinite(z) ? Number(z.toFixed(2)) : 'above a constant history';
        const reason = Number.isFinite(z)
          ? `amount is ${z.toFixed(2)} standard deviations above the mean of the sender's last ${xs.length} transfers`
          : `amount is above the sender's last ${xs.length} transfers, which were all equal`;
        signals.push({ signal: 'amount_zscore', points, value, reason });
      }
    }
    if (recent >= 3) {
      signals.push({
        signal: 'velocity_60s',
        points: recent >= 5 ? 20 : 10,
        value: recent,
        reason: `${recent} transfers by this sender in the last ${velocityWindowMs / 1000} s`,
      });
    }
    if (!seen) {
      signals.push({
        signal: 'novel_destination',
        points: 10,
        value: history.length,
        reason: 'the sender has not paid this destination before',
      });
    }
    const step = largeTransferStep(cents);
    if (step) {
      signals.push({
        signal: 'large_transfer',
        points: step[1],
        value: request.amount_usd,
        reason: `large transfer of ${request.amount_usd} USD (escalation step ≥ ${Number(step[0] / 100n).toLocaleString('en-US')} USD)`,
      });
    }
    if (!seen && destination.length >= 12) {
      const head = destination.slice(0, destination.startsWith('0x') ? 6 : 4);
      const tail = destination.slice(-4);
      const lookalike = history.find(
        (h) => h.destination !== destination && h.destination.startsWith(head) && h.destination.endsWith(tail),
      );
      if (lookalike) {
        signals.push({
          signal: 'suspicious_suffix',
          points: 65,
          value: lookalike.destination,
          reason: 'destination imitates the first and last characters of an address this sender paid before (address poisoning pattern)',
        });
      }
    }
    const score = Math.min(
      100,
      signals.reduce((a, s) => a + s.points, 0),
    );
    const band = riskBand(score);
    return {
      status: score >= flagScore ? 'flag' : 'pass',
      summary: `risk ${score}/100 (${band})${signals.length ? `: ${signals.map((s) => s.signal).join(', ')}` : ''}`,
      hits: [],
      score,
      signals,
    };
  };
}
