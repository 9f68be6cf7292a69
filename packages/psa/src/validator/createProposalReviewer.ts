import { canonicalBytes, canonicalize, JilError, type FieldIssue } from '@jil/core';
import type { Snapshot } from '../datasets/types.js';
import { PsaBodySchema, type PsaBody } from '../psa/PsaBody.js';
import { parseTransferRequest, type TransferRequest } from '../schema/transferRequest.js';
import { zodFieldIssues } from '../schema/zodFieldIssues.js';
import { MemoryClearanceStore } from '../screening/clearance/MemoryClearanceStore.js';
import { createEndpointsStage } from '../screening/endpoints/createEndpointsStage.js';
import { assertListFreshnessOptions, staleListsOf, type ListFreshnessOptions } from '../screening/freshness/listFreshness.js';
import { withListFreshness } from '../screening/freshness/withListFreshness.js';
import { createKycStage } from '../screening/kyc/index.js';
import { MemoryRiskHistoryStore } from '../screening/MemoryRiskHistoryStore.js';
import { runStages } from '../screening/runStages.js';
import { createSanctionsStage, type PartySalts } from '../screening/sanctions/index.js';
import { STAGE_NAMES, type Stage, type StageFinding } from '../screening/types.js';
import { decideVerdict } from '../verdict/decideVerdict.js';
import type { VerifiedValidatorSet } from '../validators/ValidatorSet.js';
import { checkProposalBinding } from './checkProposalBinding.js';
import { checkRiskFinding } from './checkRiskFinding.js';
import { clearancesNamedBy } from './clearancesNamedBy.js';
import { optionalRecord, requireArray, requireRecord } from '../internal/requireArgument.js';
import { refuse, type ProposalReview } from './ProposalReview.js';

/** The stages a validator re-runs itself (deterministic on the snapshot); risk is checked, not recomputed. */
export const REVIEWED_STAGES = ['endpoints', 'kyc', 'sanctions'] as const;

/** Parameters of {@link createProposalReviewer}. */
export interface ProposalReviewerParameters {
  /** This validator's own copy of the datasets. */
  snapshot: Snapshot;
  /** The pinned validator set this validator belongs to. */
  validatorSet: VerifiedValidatorSet;
  /** This validator's id; must be `active` in `validatorSet`. */
  validatorId: string;
  /** The list-freshness policy (the coordinator's); absent = not enforced. */
  listFreshness?: ListFreshnessOptions;
  /** Largest accepted distance between a proposal's `issued_at` and this validator's clock (default 30 000 ms). */
  maxClockSkewMs?: number;
  /** Longest accepted validity window `expires_at − issued_at` (default 300 s). */
  maxTtlSeconds?: number;
  /** The risk stage's flag score (default 75). */
  riskFlagScore?: number;
  /** Per-stage deadlines in ms for the re-run (default 5000 each: the coordinator's deadline bounds the answer). */
  deadlinesMs?: Partial<Record<(typeof REVIEWED_STAGES)[number], number>>;
  /** Replace stages (tests). */
  stages?: Partial<Record<(typeof REVIEWED_STAGES)[number], Stage>>;
}

/** What a validator is asked: the transfer, the proposed body and the claimed snapshot hash (all untrusted). */
export interface ProposalInput {
  request: unknown;
  proposal: unknown;
  snapshotSha256: string;
  /**
   * The coordinator's party salts (untrusted; base64 of 32 bytes each), so this validator computes the same name
   * commitments (docs/psa-format.md §Party commitments). Absent or wrong salts make the sanctions finding differ.
   */
  partySalts?: unknown;
  /** This validator's clock. */
  now: Date;
}

/** A validator's reviewer of proposed PSA bodies (see {@link createProposalReviewer}). */
export interface ProposalReviewer {
  review(input: ProposalInput): Promise<ProposalReview>;
}

/** Base64 (padded) of exactly 32 bytes. */
const PARTY_SALT = /^[A-Za-z0-9+/]{43}=$/;
const fieldsUnder = (prefix: string, fields: FieldIssue[]) => fields.map((f) => ({ ...f, field: `${prefix}.${f.field}` }));
const withoutDuration = (f: StageFinding) => canonicalize({ ...f, duration_ms: 0 });

/**
 * A validator's independent check of a coordinator's proposal (DESIGN.md §Validators and the quorum: "fourteen
 * independent checks, not fourteen rubber stamps"). In order, refusing at the first failure:
 * 1. the request parses as a transfer and the proposal as a PSA v1 body with its four findings in stage order, not yet
 *    logged (`VALIDATOR_PROPOSAL_INVALID`, `details.fields`);
 * 2. `checkProposalBinding`: this validator's set (`VALIDATOR_PROPOSAL_INVALID`), its snapshot
 *    (`VALIDATOR_SNAPSHOT_MISMATCH`), a sane validity window, and the body of this very request;
 * 3. with a freshness policy: every list this validator finds stale at `issued_at` is reported as stale by the
 *    proposal's finding of the stage that reads it (`VALIDATOR_STALE_LISTS`, `details.stage`);
 * 4. it re-runs endpoints, kyc and sanctions on its own snapshot at `issued_at` — with exactly the false-positive
 *    clearances the proposal names (`clearancesNamedBy`) and the coordinator's party salts (malformed salts:
 *    `VALIDATOR_PROPOSAL_INVALID`, `details.field` `party_salts…`) — and each finding must equal the proposal's but for
 *    `duration_ms` (`VALIDATOR_FINDINGS_DIFFER`, `details.stage`);
 * 5. the risk finding is consistent (`checkRiskFinding`; `details.stage` `risk`);
 * 6. the verdict and its reasons follow from the findings (`details.stage` `verdict`).
 *
 * @param p - see {@link ProposalReviewerParameters}; the sanctions index is built here, once (about a second).
 * @returns the reviewer; `review` never throws for bad input, it refuses.
 * @throws JilError `CONFIG_INVALID` when `validatorId` is not an active member of the set; `INVALID_ARGUMENT` for a
 *   bad freshness policy, and (`details.field`) when `p`, `snapshot`, `validatorSet` or `stages` is not an object.
 * @example
 * import { createProposalReviewer } from '@jil/psa';
 * const reviewer = createProposalReviewer({ snapshot, validatorSet, validatorId: 'val-07' });
 * const r = await reviewer.review({ request, proposal, snapshotSha256, now: new Date() });
 * if (r.ok) sign(pae(PSA_PAYLOAD_TYPE, r.payloadBytes), secretKey);
 */
export function createProposalReviewer(p: ProposalReviewerParameters): ProposalReviewer {
  requireRecord(p, 'params');
  requireRecord(p.snapshot, 'snapshot');
  requireRecord(p.validatorSet, 'validatorSet');
  requireRecord(p.validatorSet.set, 'validatorSet.set');
  requireArray(p.validatorSet.set.validators, 'validatorSet.set.validators');
  p.validatorSet.set.validators.forEach((v, i) => {
    requireRecord(v, `validatorSet.set.validators[${i}]`);
  });
  optionalRecord(p.stages, 'stages');
  optionalRecord(p.deadlinesMs, 'deadlinesMs');
  const me = p.validatorSet.set.validators.find((v) => v.id === p.validatorId);
  if (me?.status !== 'active') {
    throw new JilError(
      'CONFIG_INVALID',
      `validator ${p.validatorId} is not an active member of validator set ${p.validatorSet.set.set_id}`,
      { details: { field: 'validatorId' } },
    );
  }
  const fresh = p.listFreshness;
  if (fresh) assertListFreshnessOptions(fresh);
  const base = {
    endpoints: p.stages?.endpoints ?? createEndpointsStage(),
    kyc: p.stages?.kyc ?? createKycStage(),
    sanctions: p.stages?.sanctions ?? createSanctionsStage(p.snapshot),
  };
  const stages = {
    endpoints: fresh ? withListFreshness('endpoints', base.endpoints, fresh) : base.endpoints,
    kyc: fresh ? withListFreshness('kyc', base.kyc, fresh) : base.kyc,
    sanctions: fresh ? withListFreshness('sanctions', base.sanctions, fresh) : base.sanctions,
    risk: (async () => ({ status: 'pass', summary: 'not re-run by validators', hits: [] })) satisfies Stage,
  };
  const deadlinesMs = { endpoints: 5000, kyc: 5000, sanctions: 5000, risk: 5000, ...p.deadlinesMs };

  return {
    async review(input) {
      if (typeof input !== 'object' || input === null)
        return refuse('VALIDATOR_PROPOSAL_INVALID', 'the review input must be an object', { field: 'input' });
      let request: TransferRequest;
      try {
        request = parseTransferRequest(input.request);
      } catch (e) {
        const fields = e instanceof JilError ? (e.details['fields'] as FieldIssue[]) : [];
        return refuse('VALIDATOR_PROPOSAL_INVALID', 'the transfer request is not valid', { fields: fieldsUnder('request', fields) });
      }
      const parsed = PsaBodySchema.safeParse(input.proposal);
      if (!parsed.success)
        return refuse('VALIDATOR_PROPOSAL_INVALID', 'the proposal is not a PSA v1 body', {
          fields: fieldsUnder('proposal', zodFieldIssues(parsed.error)),
        });
      const body = input.proposal as PsaBody;
      const order = body.findings.map((f) => f.stage).join(',');
      if (order !== STAGE_NAMES.join(','))
        return refuse('VALIDATOR_PROPOSAL_INVALID', `findings must be ${STAGE_NAMES.join(', ')} in this order`, {
          field: 'proposal.findings',
        });
      if (body.log !== null)
        return refuse('VALIDATOR_PROPOSAL_INVALID', 'a proposal is not logged yet (log must be null)', { field: 'proposal.log' });
      let payloadBytes: Uint8Array;
      try {
        payloadBytes = canonicalBytes(body);
      } catch (e) {
        return refuse('VALIDATOR_PROPOSAL_INVALID', 'the proposal is not I-JSON', {
          field: 'proposal',
          reason: e instanceof JilError ? e.code : 'CANONICAL',
        });
      }
      const bound = checkProposalBinding({
        body,
        request,
        snapshotSha256: input.snapshotSha256,
        snapshot: p.snapshot,
        validatorSet: p.validatorSet,
        now: input.now,
        maxClockSkewMs: p.maxClockSkewMs ?? 30_000,
        maxTtlSeconds: p.maxTtlSeconds ?? 300,
      });
      if (bound) return bound;
      const at = new Date(body.issued_at);
      const proposed = new Map(body.findings.map((f) => [f.stage, f]));
      if (fresh) {
        for (const stage of REVIEWED_STAGES) {
          const stale = staleListsOf(stage, p.snapshot.datasets, at, fresh);
          if (stale.length > 0 && canonicalize(proposed.get(stage)?.details.stale_lists ?? null) !== canonicalize(stale)) {
            return refuse(
              'VALIDATOR_STALE_LISTS',
              `${stage} screens against stale lists the proposal does not report: ${stale.map((s) => s.list).join(', ')}`,
              { stage, stale_lists: stale },
            );
          }
        }
      }
      const salts = input.partySalts ?? {};
      const saltFields =
        typeof salts === 'object' && salts !== null && !Array.isArray(salts) ? Object.entries(salts) : [['', salts] as const];
      for (const [role, salt] of saltFields) {
        if ((role !== 'sender' && role !== 'receiver') || typeof salt !== 'string' || !PARTY_SALT.test(salt)) {
          return refuse('VALIDATOR_PROPOSAL_INVALID', 'party_salts must be { sender?, receiver? } of base64 32-byte salts', {
            field: role === '' ? 'party_salts' : `party_salts.${role}`,
          });
        }
      }
      const partySalts = salts as PartySalts;
      const clearances = new MemoryClearanceStore(clearancesNamedBy(proposed.get('sanctions'), request));
      const mine = await runStages({
        stages,
        request,
        context: { snapshot: p.snapshot, now: at, riskHistory: new MemoryRiskHistoryStore(), clearances, partySalts },
        deadlinesMs,
      });
      for (const f of mine) {
        if (f.stage === 'risk') continue;
        const theirs = proposed.get(f.stage)!;
        if (withoutDuration(f) !== withoutDuration(theirs)) {
          return refuse('VALIDATOR_FINDINGS_DIFFER', `this validator's ${f.stage} finding differs from the proposal's`, {
            stage: f.stage,
            reason: f.status === theirs.status ? 'details' : 'status',
            validator_status: f.status,
            proposed_status: theirs.status,
            validator_summary: f.details.summary,
          });
        }
      }
      const risk = proposed.get('risk')!;
      const riskProblem = checkRiskFinding(
        risk,
        body.risk_score,
        request,
        p.riskFlagScore === undefined ? {} : { flagScore: p.riskFlagScore },
      );
      if (riskProblem)
        return refuse('VALIDATOR_FINDINGS_DIFFER', `the risk finding is inconsistent: ${riskProblem}`, {
          stage: 'risk',
          reason: riskProblem,
        });
      const decision = decideVerdict([...mine.filter((f) => f.stage !== 'risk'), risk], STAGE_NAMES);
      if (decision.verdict !== body.verdict || canonicalize(decision.reasons) !== canonicalize(body.verdict_reasons)) {
        return refuse('VALIDATOR_FINDINGS_DIFFER', `the verdict does not follow from the findings (this validator: ${decision.verdict})`, {
          stage: 'verdict',
          reason: 'verdict',
          validator_verdict: decision.verdict,
          proposed_verdict: body.verdict,
        });
      }
      return { ok: true, body, payloadBytes };
    },
  };
}
