import { base64Encode, canonicalBytes, JilError, type DsseEnvelope } from '@jil/core';
import type { Validator, VerifiedValidatorSet } from '../validators/ValidatorSet.js';
import { verifyQuorum, type QuorumSigner } from './verifyQuorum.js';

/** What a validator answered, as the transport saw it (the transport authenticates the response first). */
export type ValidatorReply =
  /** A DSSE signature `{ keyid, sig }` (not yet checked). */
  | { kind: 'signature'; keyid: string; sig: string }
  /** A coded refusal (`VALIDATOR_*`, `AUTH_*`, `REQUEST_*` …) in a response signed by the validator. */
  | { kind: 'refused'; code: string; message: string; details: Record<string, unknown> }
  /** No answer: connection refused or reset. */
  | { kind: 'unreachable'; message: string }
  /** An answer whose response signature does not verify under the validator's pinned key (not attributable to it). */
  | { kind: 'unauthenticated_response'; message: string }
  /** A signed answer that is neither a signature nor a coded refusal. */
  | { kind: 'bad_response'; message: string };

/** Asks one validator to sign; must honour `signal` (aborted at the deadline). */
export type RequestValidatorSignature = (validator: Validator, signal: AbortSignal) => Promise<ValidatorReply>;

/** One validator's outcome in a round. `bad_signature` and `wrong_key` are evidence against it (never counted). */
export interface ValidatorOutcome {
  validator_id: string;
  jurisdiction: string;
  outcome: 'signed' | 'refused' | 'timeout' | 'unreachable' | 'unauthenticated_response' | 'bad_response' | 'bad_signature' | 'wrong_key';
  /** Milliseconds from the fan-out to this outcome. */
  after_ms: number;
  /** `signed`, `bad_signature`, `wrong_key`: what it returned. */
  keyid?: string;
  sig?: string;
  /** `refused`: the validator's code and details; `bad_signature` / `wrong_key`: the `PSA_*` code of the check. */
  code?: string;
  message?: string;
  details?: Record<string, unknown>;
}

/** Parameters of {@link collectQuorum}. */
export interface CollectQuorumParameters {
  validatorSet: VerifiedValidatorSet;
  /** DSSE payload type (`PSA_PAYLOAD_TYPE`). */
  payloadType: string;
  /** The proposed body; its RFC 8785 bytes are the payload every signature must cover. */
  body: unknown;
  requestSignature: RequestValidatorSignature;
  /** Per-request deadline in ms (default 250). */
  deadlineMs?: number;
  /** Monotonic clock in ms (default `performance.now`). */
  clock?: () => number;
}

/** What {@link collectQuorum} resolves to. */
export interface CollectQuorumResult {
  /** `true` when `threshold` valid signatures from `min_jurisdictions` jurisdictions came back in time. */
  ok: boolean;
  /** The signed PSA (only when `ok`): the signatures kept when the quorum was met, in validator-set order. */
  envelope?: DsseEnvelope;
  signers: QuorumSigner[];
  jurisdictions: string[];
  /** Outcomes other than `signed` known at decision time (all of them when not `ok`). */
  failures: ValidatorOutcome[];
  /** Every validator's outcome once all answered or the deadline passed (for evidence; never rejects). */
  settled: Promise<ValidatorOutcome[]>;
}

/**
 * The coordinator's quorum round (DESIGN.md §Validators and the quorum): ask every active validator of the set for its
 * signature over `PAE(payloadType, JCS(body))` at once, each under the deadline; check each returned signature before
 * keeping it — it must pass `verifyQuorum` as a one-signature envelope (known, active key; the key's suite; valid over
 * this payload) and the key must be that validator's; resolve as soon as `threshold` signatures from
 * `min_jurisdictions` jurisdictions are kept. Answers after that are still collected until the deadline (`settled`),
 * without delaying the result. A signature that does not verify, or is made with another key, is never counted.
 *
 * @param p - see {@link CollectQuorumParameters}.
 * @returns see {@link CollectQuorumResult}; each kept signature passed `verifyQuorum`, one per validator, so the envelope
 *   passes it against the set.
 * @throws JilError `INVALID_ARGUMENT` for a bad deadline; `CANONICAL_*` when `body` is not I-JSON.
 * @example
 * import { collectQuorum, PSA_PAYLOAD_TYPE } from '@jil/psa';
 * const round = await collectQuorum({ validatorSet, payloadType: PSA_PAYLOAD_TYPE, body, requestSignature, deadlineMs: 250 });
 * if (!round.ok) throw new JilError('QUORUM_NOT_REACHED', '…', { details: { failures: round.failures } });
 */
export function collectQuorum(p: CollectQuorumParameters): Promise<CollectQuorumResult> {
  const deadlineMs = p.deadlineMs ?? 250;
  if (!Number.isInteger(deadlineMs) || deadlineMs < 1 || deadlineMs > 600_000) throw new JilError('INVALID_ARGUMENT', 'deadlineMs must be an integer 1–600000', { details: { field: 'deadlineMs' } });
  const clock = p.clock ?? (() => performance.now());
  const payloadBytes = canonicalBytes(p.body);
  const payload = base64Encode(payloadBytes);
  const { set } = p.validatorSet;
  const oneSignature: VerifiedValidatorSet = { ...p.validatorSet, set: { ...set, threshold: 1, min_jurisdictions: 1 } };
  const validators = set.validators.filter((v) => v.status === 'active');
  const started = clock();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deadlineMs);
  const kept = new Map<string, { keyid: string; sig: string; signer: QuorumSigner }>();
  const outcomes: ValidatorOutcome[] = [];

  const judge = (v: Validator, reply: ValidatorReply): ValidatorOutcome => {
    const base = { validator_id: v.id, jurisdiction: v.jurisdiction, after_ms: Math.round(clock() - started) };
    if (reply.kind === 'refused') return { ...base, outcome: 'refused', code: reply.code, message: reply.message, details: reply.details };
    if (reply.kind !== 'signature') return { ...base, outcome: reply.kind, message: reply.message };
    const signature = { keyid: reply.keyid, sig: reply.sig };
    const check = verifyQuorum({ payloadType: p.payloadType, payload, signatures: [signature] }, payloadBytes, oneSignature);
    if (!check.ok) {
      const outcome = check.code === 'PSA_BAD_SIGNATURE' ? 'bad_signature' : 'wrong_key';
      return { ...base, outcome, ...signature, code: check.code, message: check.message };
    }
    if (check.signers[0]?.validator_id !== v.id) return { ...base, outcome: 'wrong_key', ...signature, code: 'PSA_UNKNOWN_SIGNER', message: `signed with the key of ${check.signers[0]?.validator_id}` };
    return { ...base, outcome: 'signed', ...signature };
  };

  return new Promise<CollectQuorumResult>((resolve) => {
    let decided = false;
    const met = () => {
      const jurisdictions = new Set([...kept.values()].map((k) => k.signer.jurisdiction));
      return kept.size >= set.threshold && jurisdictions.size >= set.min_jurisdictions;
    };
    const summary = () => {
      const order = validators.map((v) => v.id).filter((id) => kept.has(id));
      const signers = order.map((id) => kept.get(id)!.signer);
      return { signers, jurisdictions: [...new Set(signers.map((s) => s.jurisdiction))].sort(), signatures: order.map((id) => ({ keyid: kept.get(id)!.keyid, sig: kept.get(id)!.sig })) };
    };
    const settled = Promise.all(
      validators.map(async (v) => {
        let reply: ValidatorReply;
        try {
          reply = await p.requestSignature(v, controller.signal);
        } catch (error) {
          reply = { kind: 'unreachable', message: error instanceof Error ? error.message.slice(0, 200) : 'request failed' };
        }
        const outcome = controller.signal.aborted && reply.kind === 'unreachable'
          ? { validator_id: v.id, jurisdiction: v.jurisdiction, outcome: 'timeout' as const, after_ms: Math.round(clock() - started), message: `no answer within ${deadlineMs} ms` }
          : judge(v, reply);
        outcomes.push(outcome);
        if (outcome.outcome === 'signed' && !decided && !controller.signal.aborted) {
          kept.set(v.id, { keyid: outcome.keyid!, sig: outcome.sig!, signer: { keyid: outcome.keyid!, validator_id: v.id, jurisdiction: v.jurisdiction } });
          if (met()) {
            decided = true;
            const s = summary();
            const envelope: DsseEnvelope = { payloadType: p.payloadType, payload, signatures: s.signatures };
            resolve({ ok: true, envelope, signers: s.signers, jurisdictions: s.jurisdictions, failures: outcomes.filter((o) => o.outcome !== 'signed'), settled });
          }
        }
        return outcome;
      }),
    ).then((all) => {
      clearTimeout(timer);
      return all;
    });
    void settled.then(() => {
      if (decided) return;
      decided = true;
      const s = summary();
      resolve({ ok: false, signers: s.signers, jurisdictions: s.jurisdictions, failures: outcomes.filter((o) => o.outcome !== 'signed'), settled });
    });
  });
}
