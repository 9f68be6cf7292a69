import type { FastifyBaseLogger } from 'fastify';
import { base64Encode, canonicalBytes, canonicalize, JilError, sha256Hex } from '@jil/core';
import {
  collectQuorum,
  EquivocationDetector,
  newPartySalts,
  PSA_PAYLOAD_TYPE,
  type IssuedPsa,
  type PartySalts,
  type PreclearanceEngine,
  type PsaBody,
  type TransferRequest,
  type ValidatorOutcome,
} from '@jil/psa';
import type { EvidenceRepository, NewEvidence } from '../storage/EvidenceRepository.js';
import type { ProposalToSign } from './createHttpValidatorTransport.js';
import type { RequestValidatorSignature } from '@jil/psa';
import type { PsaIssuer } from './PsaIssuer.js';
import { inSpan } from '../tracing/tracedStages.js';

/** Options of {@link createDistributedIssuer}. */
export interface DistributedIssuerOptions {
  engine: PreclearanceEngine;
  /** The transport to the validators (`createHttpValidatorTransport`). */
  transport: (p: ProposalToSign) => RequestValidatorSignature;
  evidence: EvidenceRepository;
  /** Per-request deadline in ms (default 250). */
  deadlineMs?: number;
  /**
   * The first wave (`collectQuorum`): how many validators are asked first, widened to the rest when it falls short.
   * Default `threshold + 2` of the pinned set; `'all'` fans out to every active validator at once. The wave's start
   * rotates round by round so every validator shares the work.
   */
  wave?: number | 'all';
  /** Widen to every validator when the wave has not met the quorum this many ms after the fan-out (default 40 % of the deadline). */
  widenAfterMs?: number;
  detector?: EquivocationDetector;
  clock?: () => Date;
  /**
   * How long after its `issued_at` a proposal that did not reach a quorum is proposed again, unchanged, when the same
   * custodian sends the same request for the same `transit_id` (default 20 000 ms; validators accept `issued_at`
   * within 30 s of their clock). 0 disables it.
   */
  reproposeWithinMs?: number;
}

/**
 * Distributed mode (DESIGN.md §Validators and the quorum): the engine proposes the body (`engine.propose`), a first
 * wave of the pinned set's validators (default threshold + 2, rotating) is asked to sign it, widened to all of them
 * when it falls short (`collectQuorum`, per-request deadline), and the PSA is the proposal
 * with the signatures kept once `threshold` and `min_jurisdictions` are met. Fewer → `QUORUM_NOT_REACHED` (503, every
 * failing validator and why in `details.failures`), and the caller records nothing. Once every validator answered or
 * the deadline passed, the round's outcomes become evidence (`validator_evidence`): signatures that do not verify or
 * use another key, coded `VALIDATOR_*` refusals, and equivocation — a validator that signed another body for the same
 * `transit_id` earlier — also logged as an `ALERT` warning line. A request repeated within `reproposeWithinMs` of a
 * proposal that did not reach a quorum gets that same proposal again (same `psa_id`), since validators that signed it
 * refuse any other body for its `transit_id`.
 *
 * @returns a {@link PsaIssuer}; `flush` waits for the pending evidence writes.
 */
export function createDistributedIssuer(o: DistributedIssuerOptions): PsaIssuer {
  const detector = o.detector ?? new EquivocationDetector();
  const clock = o.clock ?? (() => new Date());
  const pending = new Set<Promise<void>>();
  const { set } = o.engine.validatorSet;
  const reproposeWithinMs = o.reproposeWithinMs ?? 20_000;
  const wave = o.wave === 'all' ? undefined : (o.wave ?? set.threshold + 2);
  let rounds = 0;
  /** Proposals that did not reach a quorum, by custodian and transit_id (bounded, oldest dropped first). */
  const unissued = new Map<string, { request: string; body: PsaBody; partySalts: PartySalts }>();
  const proposalFor = async (
    request: TransferRequest,
    now: Date,
    custodianId: string,
  ): Promise<{ body: PsaBody; partySalts: PartySalts }> => {
    const key = `${custodianId}\u0000${request.transit_id}`;
    const earlier = unissued.get(key);
    unissued.delete(key);
    // A retry within the window signs the same body: validators that signed it answer with the same signature
    // (they never sign a second body for one transit_id), the others can now sign it too.
    if (earlier && earlier.request === canonicalize(request) && now.getTime() - Date.parse(earlier.body.issued_at) < reproposeWithinMs)
      return earlier;
    const partySalts = newPartySalts(request);
    return { body: await o.engine.propose(request, now, partySalts), partySalts };
  };
  const remember = (request: TransferRequest, body: PsaBody, partySalts: PartySalts, custodianId: string) => {
    if (reproposeWithinMs <= 0) return;
    unissued.set(`${custodianId}\u0000${request.transit_id}`, { request: canonicalize(request), body, partySalts });
    if (unissued.size > 10_000) unissued.delete(unissued.keys().next().value!);
  };

  const record = async (outcomes: ValidatorOutcome[], body: PsaBody, custodian_id: string, log: FastifyBaseLogger): Promise<void> => {
    const payload = base64Encode(canonicalBytes(body));
    const payload_sha256 = sha256Hex(canonicalBytes(body));
    const observed_at = clock();
    const base = { custodian_id, transit_id: body.transit_id, psa_id: body.psa_id, observed_at };
    const rows: NewEvidence[] = [];
    for (const x of outcomes) {
      if (x.outcome === 'bad_signature' || x.outcome === 'wrong_key') {
        log.warn(
          { alert: `validator_${x.outcome}`, validator_id: x.validator_id, transit_id: body.transit_id, code: x.code },
          `ALERT: validator ${x.validator_id} returned a signature that is not valid for the proposal (${x.outcome})`,
        );
        rows.push({
          ...base,
          kind: x.outcome,
          validator_id: x.validator_id,
          keyid: x.keyid!,
          sig: x.sig!,
          payload_b64: payload,
          code: x.code!,
          message: x.message ?? '',
        });
      } else if (x.outcome === 'refused' && x.code?.startsWith('VALIDATOR_')) {
        rows.push({
          ...base,
          kind: 'refusal',
          validator_id: x.validator_id,
          code: x.code,
          message: x.message ?? '',
          details: x.details ?? {},
        });
      } else if (x.outcome === 'signed') {
        const earlier = detector.observe({
          validator_id: x.validator_id,
          transit_id: body.transit_id,
          psa_id: body.psa_id,
          payload,
          payload_sha256,
          keyid: x.keyid!,
          sig: x.sig!,
        });
        if (earlier) {
          log.warn(
            {
              alert: 'validator_equivocation',
              validator_id: x.validator_id,
              transit_id: body.transit_id,
              psa_ids: [earlier.psa_id, body.psa_id],
            },
            `ALERT: validator ${x.validator_id} signed two different bodies for transit_id ${body.transit_id}`,
          );
          rows.push({
            ...base,
            kind: 'equivocation',
            validator_id: x.validator_id,
            keyid: x.keyid!,
            payload_b64: payload,
            sig: x.sig!,
            other_payload_b64: earlier.payload,
            other_sig: earlier.sig,
            message: 'two different bodies signed for one transit_id',
            details: { psa_ids: [earlier.psa_id, body.psa_id] },
          });
        }
      }
    }
    for (const row of rows) await o.evidence.insert(row);
    const failed = outcomes.filter((x) => x.outcome !== 'signed');
    if (failed.length > 0)
      log.info(
        {
          transit_id: body.transit_id,
          psa_id: body.psa_id,
          failures: failed.map((x) => ({ validator_id: x.validator_id, outcome: x.outcome, ...(x.code ? { code: x.code } : {}) })),
        },
        'validators that did not sign',
      );
  };

  return {
    mode: 'distributed',
    async issue(request: TransferRequest, now: Date, ctx): Promise<IssuedPsa> {
      const { body, partySalts } = await proposalFor(request, now, ctx.custodianId);
      // The `quorum` span (docs/operations.md §Traces): one child per validator request (createHttpValidatorTransport).
      const round = await inSpan('quorum', { 'jil.psa_id': body.psa_id, 'jil.quorum.threshold': set.threshold }, async (span) => {
        const r = await collectQuorum({
          validatorSet: o.engine.validatorSet,
          payloadType: PSA_PAYLOAD_TYPE,
          body,
          requestSignature: o.transport({ request, proposal: body, partySalts, snapshotSha256: o.engine.snapshot.sha256 }),
          deadlineMs: o.deadlineMs ?? 250,
          ...(wave === undefined ? {} : { wave, waveOffset: rounds++ % set.validators.length }),
          ...(o.widenAfterMs === undefined ? {} : { widenAfterMs: o.widenAfterMs }),
        });
        span.setAttributes({ 'jil.quorum.reached': r.ok, 'jil.quorum.signed': r.signers.length, 'jil.quorum.failures': r.failures.length });
        return r;
      });
      const done = round.settled
        .then((all) => record(all, body, ctx.custodianId, ctx.log))
        .catch((error: unknown) => ctx.log.error({ err: error }, 'recording validator evidence failed'));
      pending.add(done);
      void done.finally(() => pending.delete(done));
      if (!round.ok) {
        remember(request, body, partySalts, ctx.custodianId);
        throw new JilError(
          'QUORUM_NOT_REACHED',
          `${round.signers.length} valid signatures over ${round.jurisdictions.length} jurisdictions; the validator set needs ` +
            `${set.threshold} over ${set.min_jurisdictions}`,
          {
            details: {
              transit_id: body.transit_id,
              psa_id: body.psa_id,
              threshold: set.threshold,
              min_jurisdictions: set.min_jurisdictions,
              signed: round.signers.length,
              jurisdictions: round.jurisdictions.length,
              failures: round.failures.map((f) => ({
                validator_id: f.validator_id,
                jurisdiction: f.jurisdiction,
                reason: f.outcome,
                ...(f.code ? { code: f.code } : {}),
                ...(f.message ? { message: f.message } : {}),
                ...(f.outcome === 'refused' && f.details ? { details: f.details } : {}),
              })),
            },
          },
        );
      }
      return { envelope: round.envelope!, body, partySalts };
    },
    async flush() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
