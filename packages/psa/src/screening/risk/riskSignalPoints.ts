/**
 * Large-transfer escalation steps of the risk stage: `[threshold in US cents, points]`, largest first.
 * Read by `createRiskStage` (scoring) and by `createProposalReviewer` (a validator's consistency check).
 */
export const LARGE_TRANSFER_STEPS: readonly (readonly [bigint, number])[] = [
  [100_000_000n, 40], // ≥ 1,000,000 USD
  [10_000_000n, 20], // ≥ 100,000 USD
  [1_000_000n, 5], // ≥ 10,000 USD (travel-rule scale)
];

/** The points each risk signal can add (`createRiskStage`); a signal with other points is not one the stage emits. */
export const RISK_SIGNAL_POINTS: Readonly<Record<string, readonly number[]>> = Object.freeze({
  amount_zscore: [15, 25],
  velocity_60s: [10, 20],
  novel_destination: [10],
  large_transfer: LARGE_TRANSFER_STEPS.map(([, points]) => points),
  suspicious_suffix: [65],
});

/** The large-transfer step an amount in US cents reaches, or `undefined` below the smallest. */
export function largeTransferStep(cents: bigint): readonly [bigint, number] | undefined {
  return LARGE_TRANSFER_STEPS.find(([threshold]) => cents >= threshold);
}
