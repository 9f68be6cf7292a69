import type { DsseEnvelope } from '@jil/core';
import type { Snapshot } from '../datasets/types.js';
import { normalizeAddress } from '../address/normalizeAddress.js';
import { toMinorUnits } from '../money/decimal.js';
import { selectQuorum } from '../quorum/selectQuorum.js';
import { signDsse } from '@jil/core';
import type { TransferRequest } from '../schema/transferRequest.js';
import type { ClearanceStore } from '../screening/clearance/ClearanceStore.js';
import { createEndpointsStage } from '../screening/endpoints/createEndpointsStage.js';
import { assertListFreshnessOptions, type ListFreshnessOptions } from '../screening/freshness/listFreshness.js';
import { withListFreshness } from '../screening/freshness/withListFreshness.js';
import { createKycStage } from '../screening/kyc/index.js';
import { createRiskStage, type RiskStageOptions } from '../screening/risk/createRiskStage.js';
import { runStages } from '../screening/runStages.js';
import { createSanctionsStage, newPartySalts, SANCTIONS_MATCHER, type PartySalts } from '../screening/sanctions/index.js';
import type { RiskHistoryStore, Stage, StageName, TransferHistoryRecord } from '../screening/types.js';
import type { EmbeddedValidator } from '../validators/embeddedValidators.js';
import type { VerifiedValidatorSet } from '../validators/ValidatorSet.js';
import { buildPsaBody } from './buildPsaBody.js';
import { optionalRecord, requireArray, requireDate, requireRecord } from '../internal/requireArgument.js';
import { PSA_PAYLOAD_TYPE, type PsaBody } from './PsaBody.js';

/** Parameters of {@link createPreclearanceEngine}. */
export interface PreclearanceEngineParameters {
  snapshot: Snapshot;
  /** The verified, pinned validator set the PSAs will name. */
  validatorSet: VerifiedValidatorSet;
  /** Validators whose keys live in this process (embedded mode). */
  validators: readonly EmbeddedValidator[];
  riskHistory: RiskHistoryStore;
  /** False-positive clearances the sanctions stage applies (docs/screening.md); none when absent. */
  clearances?: ClearanceStore;
  /** Per-stage deadlines in ms. */
  deadlinesMs?: Partial<Record<StageName, number>>;
  risk?: RiskStageOptions;
  /** Replace stages (tests: a stage that hangs or throws). */
  stages?: Partial<Record<StageName, Stage>>;
  /** PSA validity in seconds (default 60). */
  ttlSeconds?: number;
  /**
   * Enforce list freshness (docs/screening.md §List freshness): a stage whose list is older than its maximum age
   * reports `stale_list` and flags. Absent = not enforced (the caller decides; `startService` enforces by default).
   */
  listFreshness?: ListFreshnessOptions;
}

/** A signed PSA and its decoded body. */
export interface IssuedPsa {
  envelope: DsseEnvelope;
  body: PsaBody;
  /** The salts of the party-name commitments (docs/psa-format.md §Party commitments): for the custodian only, never in the PSA. */
  partySalts: PartySalts;
}

/** The pre-clearance engine: screening, verdict and quorum signing, in one process. */
export interface PreclearanceEngine {
  /** Screen a validated transfer and return a PSA signed by a quorum of the embedded validators. */
  validate(request: TransferRequest, now: Date): Promise<IssuedPsa>;
  /**
   * Screen a validated transfer and return the unsigned PSA body (distributed mode: the coordinator's proposal, which
   * the validators re-check and sign; see `collectQuorum`). Same stages, verdict and body as {@link validate}. The caller
   * makes the salts (`newPartySalts`), sends them to the validators in the authenticated proposal and returns them to the
   * custodian.
   */
  propose(request: TransferRequest, now: Date, partySalts: PartySalts): Promise<PsaBody>;
  /** The risk-history record of an issued PSA (the service appends it in the same transaction as the PSA). */
  historyRecord(request: TransferRequest, now: Date): TransferHistoryRecord;
  readonly validatorSet: VerifiedValidatorSet;
  readonly snapshot: Snapshot;
  /** The list-freshness policy in force; absent when not enforced. */
  readonly listFreshness?: ListFreshnessOptions;
}

/**
 * Build the embedded pre-clearance engine (DESIGN.md §What the product is, steps 2–3): four stages in
 * parallel under deadlines, verdict, PSA v1 body, DSSE envelope signed by `threshold` validators over at
 * least `min_jurisdictions` jurisdictions. The sanctions name index is built here, once. With `listFreshness`
 * every stage is wrapped by `withListFreshness` (stale lists flag).
 * @throws JilError `QUORUM_NOT_MET` from `validate` when the embedded validators cannot meet the set's rules;
 *   `INVALID_ARGUMENT` for a bad `listFreshness` policy, and (`details.field`) when `p`, `snapshot`, `validatorSet`,
 *   `stages` or `risk` is not an object or `validators` not an array; `historyRecord` throws `INVALID_ARGUMENT` for a
 *   request without a sender or a `now` that is not a valid Date.
 */
export function createPreclearanceEngine(p: PreclearanceEngineParameters): PreclearanceEngine {
  requireRecord(p, 'params');
  requireRecord(p.snapshot, 'snapshot');
  requireRecord(p.validatorSet, 'validatorSet');
  requireRecord(p.validatorSet.set, 'validatorSet.set');
  requireArray(p.validators, 'validators');
  optionalRecord(p.stages, 'stages');
  optionalRecord(p.deadlinesMs, 'deadlinesMs');
  if (p.listFreshness) assertListFreshnessOptions(p.listFreshness);
  const base: Record<StageName, Stage> = {
    endpoints: p.stages?.endpoints ?? createEndpointsStage(),
    kyc: p.stages?.kyc ?? createKycStage(),
    sanctions: p.stages?.sanctions ?? createSanctionsStage(p.snapshot),
    risk: p.stages?.risk ?? createRiskStage(p.risk),
  };
  const fresh = p.listFreshness;
  const stages = fresh
    ? (Object.fromEntries(
        Object.entries(base).map(([name, stage]) => [name, withListFreshness(name as StageName, stage, fresh)]),
      ) as Record<StageName, Stage>)
    : base;
  const propose = async (request: TransferRequest, now: Date, partySalts: PartySalts): Promise<PsaBody> => {
    const findings = await runStages({
      stages,
      request,
      context: { snapshot: p.snapshot, now, riskHistory: p.riskHistory, partySalts, ...(p.clearances ? { clearances: p.clearances } : {}) },
      ...(p.deadlinesMs ? { deadlinesMs: p.deadlinesMs } : {}),
    });
    return buildPsaBody({
      request,
      findings,
      snapshot: p.snapshot,
      validatorSet: p.validatorSet,
      matcher: SANCTIONS_MATCHER,
      now,
      ...(p.ttlSeconds === undefined ? {} : { ttlSeconds: p.ttlSeconds }),
    });
  };
  return {
    validatorSet: p.validatorSet,
    snapshot: p.snapshot,
    ...(fresh ? { listFreshness: fresh } : {}),
    propose,
    async validate(request, now) {
      const partySalts = newPartySalts(request);
      const body = await propose(request, now, partySalts);
      const offset = Number.parseInt(body.psa_id.slice(-4), 16);
      const signers = selectQuorum(p.validators, p.validatorSet.set, offset);
      const envelope = signDsse(PSA_PAYLOAD_TYPE, body, signers);
      return { envelope, body, partySalts };
    },
    historyRecord(request, now) {
      requireRecord(request, 'request');
      requireRecord(request.sender, 'request.sender');
      requireDate(now, 'now');
      return {
        sender_id: request.sender.id,
        destination: normalizeAddress(request.chain_id, request.destination_address).normalized,
        amount_usd_cents: toMinorUnits(request.amount_usd, 2),
        at_ms: now.getTime(),
      };
    },
  };
}
