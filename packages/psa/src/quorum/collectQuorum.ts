import { base64Encode, canonicalBytes, JilError, type DsseEnvelope } from '@jil/core';
import type { Validator, VerifiedValidatorSet } from '../validators/ValidatorSet.js';
import { requireArray, requireFunction, requireRecord, requireString } from '../internal/requireArgument.js';
import { verifyQuorum, type QuorumSigner } from './verifyQuorum.js';

/** What a validator answered, as the transport saw it (the transport authenticates the response first). */
export type ValidatorReply =
  /**
   * A DSSE signature `{ keyid, sig }` (not yet checked). `attributable`, when the transport gives it, says whether the
   * answer really came from the validator (its response signature); it is asked only when the DSSE signature does not
   * verify, to tell evidence against the validator (`bad_signature`, `wrong_key`) from a forged answer
   * (`unauthenticated_response`). A valid DSSE signature by the validator's pinned key needs no other proof.
   */
  | { kind: 'signature'; keyid: string; sig: string; attributable?: () => boolean }
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
  /**
   * How many validators to ask first (default: every active validator). A first wave a little larger than the
   * threshold saves the others' work; the round widens to every remaining validator as soon as the wave can no longer
   * reach the quorum (its answers so far plus those still pending fall short of `threshold` or `min_jurisdictions`),
   * or after `widenAfterMs`. Values at or above the number of active validators mean all of them.
   */
  wave?: number;
  /**
   * Where the wave starts in the set's validator order (default 0); a coordinator rotates it per round so that every
   * validator shares the work. The wave is the next `wave` validators from there, with validators of jurisdictions not
   * yet covered swapped in until it spans `min_jurisdictions`.
   */
  waveOffset?: number;
  /** Widen to every validator when the quorum is not met this many ms after the fan-out (default 40 % of the deadline). */
  widenAfterMs?: number;
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
  /** Every asked validator's outcome once all answered or the deadline passed (for evidence; never rejects). */
  settled: Promise<ValidatorOutcome[]>;
  /** How many validators were asked (the wave, or every active validator once widened). */
  asked: number;
}

/**
 * The coordinator's quorum round (DESIGN.md §Validators and the quorum): ask the active validators of the set — all at
 * once, or a first `wave` widened to the rest when it falls short — for a signature over `PAE(payloadType, JCS(body))`,
 * each under the deadline; check each returned signature before
 * keeping it — it must pass `verifyQuorum` as a one-signature envelope (known, active key; the key's suite; valid over
 * this payload) and the key must be that validator's; resolve as soon as `threshold` signatures from
 * `min_jurisdictions` jurisdictions are kept. Answers after that are still collected until the deadline (`settled`),
 * without delaying the result. A signature that does not verify, or is made with another key, is never counted.
 *
 * @param p - see {@link CollectQuorumParameters}.
 * @returns see {@link CollectQuorumResult}; each kept signature passed `verifyQuorum`, one per validator, so the envelope
 *   passes it against the set.
 * @throws JilError `INVALID_ARGUMENT` for a bad deadline, wave, offset or widening delay, and (`details.field`) when `p`
 *   or `validatorSet` is not an object, `requestSignature` (or a given `clock`) not a function or `payloadType` not a
 *   string; `CANONICAL_*` when `body` is not I-JSON. All are thrown, not rejected.
 * @example
 * import { collectQuorum, PSA_PAYLOAD_TYPE } from '@jil/psa';
 * const round = await collectQuorum({ validatorSet, payloadType: PSA_PAYLOAD_TYPE, body, requestSignature, deadlineMs: 250 });
 * if (!round.ok) throw new JilError('QUORUM_NOT_REACHED', '…', { details: { failures: round.failures } });
 */
export function collectQuorum(p: CollectQuorumParameters): Promise<CollectQuorumResult> {
  requireRecord(p, 'params');
  requireRecord(p.validatorSet, 'validatorSet');
  requireRecord(p.validatorSet.set, 'validatorSet.set');
  requireArray(p.validatorSet.set.validators, 'validatorSet.set.validators');
  p.validatorSet.set.validators.forEach((v, i) => {
    requireRecord(v, `validatorSet.set.validators[${i}]`);
  });
  requireString(p.payloadType, 'payloadType');
  requireFunction(p.requestSignature, 'requestSignature');
  if (p.clock !== undefined) requireFunction(p.clock, 'clock');
  const deadlineMs = p.deadlineMs ?? 250;
  if (!Number.isInteger(deadlineMs) || deadlineMs < 1 || deadlineMs > 600_000)
    throw new JilError('INVALID_ARGUMENT', 'deadlineMs must be an integer 1–600000', { details: { field: 'deadlineMs' } });
  const clock = p.clock ?? (() => performance.now());
  const payloadBytes = canonicalBytes(p.body);
  const payload = base64Encode(payloadBytes);
  const { set } = p.validatorSet;
  const oneSignature: VerifiedValidatorSet = { ...p.validatorSet, set: { ...set, threshold: 1, min_jurisdictions: 1 } };
  const validators = set.validators.filter((v) => v.status === 'active');
  const waveSize = p.wave ?? validators.length;
  if (!Number.isInteger(waveSize) || waveSize < 1)
    throw new JilError('INVALID_ARGUMENT', 'wave must be a positive integer', { details: { field: 'wave' } });
  const offset = p.waveOffset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new JilError('INVALID_ARGUMENT', 'waveOffset must be a non-negative integer', { details: { field: 'waveOffset' } });
  const widenAfterMs = p.widenAfterMs ?? Math.max(1, Math.floor(deadlineMs * 0.4));
  if (!Number.isInteger(widenAfterMs) || widenAfterMs < 1)
    throw new JilError('INVALID_ARGUMENT', 'widenAfterMs must be a positive integer', { details: { field: 'widenAfterMs' } });
  const { first, rest } = firstWave(validators, waveSize, offset, set.min_jurisdictions);
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
    if ((!check.ok || check.signers[0]?.validator_id !== v.id) && reply.attributable && !reply.attributable()) {
      return { ...base, outcome: 'unauthenticated_response', message: 'an answer with an invalid signature, not signed by the validator' };
    }
    if (!check.ok) {
      const outcome = check.code === 'PSA_BAD_SIGNATURE' ? 'bad_signature' : 'wrong_key';
      return { ...base, outcome, ...signature, code: check.code, message: check.message };
    }
    if (check.signers[0]?.validator_id !== v.id)
      return {
        ...base,
        outcome: 'wrong_key',
        ...signature,
        code: 'PSA_UNKNOWN_SIGNER',
        message: `signed with the key of ${check.signers[0]?.validator_id}`,
      };
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
      return {
        signers,
        jurisdictions: [...new Set(signers.map((s) => s.jurisdiction))].sort(),
        signatures: order.map((id) => ({ keyid: kept.get(id)!.keyid, sig: kept.get(id)!.sig })),
      };
    };
    const pending = new Map<string, Validator>();
    const asks: Promise<ValidatorOutcome>[] = [];
    let widened = rest.length === 0;
    let widenTimer: ReturnType<typeof setTimeout> | undefined;
    let settle!: (all: ValidatorOutcome[]) => void;
    const settled = new Promise<ValidatorOutcome[]>((r) => (settle = r));
    const ask = (v: Validator): void => {
      pending.set(v.id, v);
      asks.push(
        (async () => {
          let reply: ValidatorReply;
          try {
            reply = await p.requestSignature(v, controller.signal);
          } catch (error) {
            reply = { kind: 'unreachable', message: error instanceof Error ? error.message.slice(0, 200) : 'request failed' };
          }
          const outcome =
            controller.signal.aborted && reply.kind === 'unreachable'
              ? {
                  validator_id: v.id,
                  jurisdiction: v.jurisdiction,
                  outcome: 'timeout' as const,
                  after_ms: Math.round(clock() - started),
                  message: `no answer within ${deadlineMs} ms`,
                }
              : judge(v, reply);
          pending.delete(v.id);
          outcomes.push(outcome);
          if (outcome.outcome === 'signed' && !decided && !controller.signal.aborted) {
            kept.set(v.id, {
              keyid: outcome.keyid!,
              sig: outcome.sig!,
              signer: { keyid: outcome.keyid!, validator_id: v.id, jurisdiction: v.jurisdiction },
            });
            if (met()) {
              decided = true;
              const s = summary();
              const envelope: DsseEnvelope = { payloadType: p.payloadType, payload, signatures: s.signatures };
              resolve({
                ok: true,
                envelope,
                signers: s.signers,
                jurisdictions: s.jurisdictions,
                failures: outcomes.filter((o) => o.outcome !== 'signed'),
                settled,
                asked: asks.length,
              });
            }
          }
          if (!decided && !widened && !reachable()) widen();
          if (pending.size === 0 && (widened || decided)) finish();
          return outcome;
        })(),
      );
    };
    /** Can the validators kept and still pending reach the quorum without widening? */
    const reachable = (): boolean => {
      const possible = [...kept.values()].map((k) => k.signer.jurisdiction).concat([...pending.values()].map((v) => v.jurisdiction));
      return possible.length >= set.threshold && new Set(possible).size >= set.min_jurisdictions;
    };
    const widen = (): void => {
      if (widened) return;
      widened = true;
      clearTimeout(widenTimer);
      if (controller.signal.aborted) return;
      for (const v of rest) ask(v);
    };
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(widenTimer);
      settle(outcomes.slice());
    };
    if (!widened) widenTimer = setTimeout(() => (decided ? undefined : widen()), widenAfterMs);
    for (const v of first) ask(v);
    if (!widened && !reachable()) widen();
    if (pending.size === 0) finish(); // nobody to ask
    controller.signal.addEventListener('abort', () => {
      clearTimeout(widenTimer);
      if (!widened) widened = true;
    });
    void settled.then(() => {
      if (decided) return;
      decided = true;
      const s = summary();
      resolve({
        ok: false,
        signers: s.signers,
        jurisdictions: s.jurisdictions,
        failures: outcomes.filter((o) => o.outcome !== 'signed'),
        settled,
        asked: asks.length,
      });
    });
  });
}

/**
 * The first wave: `size` validators in set order starting at `offset` (mod the count), then validators of jurisdictions
 * the wave lacks swapped in for ones of jurisdictions it holds twice, until it spans `minJurisdictions` or cannot.
 */
function firstWave(
  validators: readonly Validator[],
  size: number,
  offset: number,
  minJurisdictions: number,
): { first: Validator[]; rest: Validator[] } {
  if (size >= validators.length) return { first: [...validators], rest: [] };
  const n = validators.length;
  const order = validators.map((_, i) => validators[(i + offset) % n]!);
  const first = order.slice(0, size);
  const rest = order.slice(size);
  const count = (vs: readonly Validator[]) => new Set(vs.map((v) => v.jurisdiction)).size;
  for (let i = 0; i < rest.length && count(first) < minJurisdictions; i++) {
    const candidate = rest[i]!;
    if (first.some((v) => v.jurisdiction === candidate.jurisdiction)) continue;
    // replace the last validator whose jurisdiction appears more than once in the wave
    for (let j = first.length - 1; j >= 0; j--) {
      const held = first[j]!;
      if (first.filter((v) => v.jurisdiction === held.jurisdiction).length > 1) {
        first[j] = candidate;
        rest[i] = held;
        break;
      }
    }
  }
  return { first, rest };
}
