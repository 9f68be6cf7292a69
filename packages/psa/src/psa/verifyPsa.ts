import {
  bytesToUtf8,
  canonicalBytes,
  constantTimeEqual,
  isJilError,
  JilError,
  openDsse,
  parseJson,
  type DsseEnvelope,
  type ErrorCode,
  type VerificationFailure,
} from '@jil/core';
import { verifyTlogProof, type Checkpoint, type NoteVerifierKey } from '@jil/core/tlog';
import { verifyQuorum, type QuorumSigner } from '../quorum/verifyQuorum.js';
import { psaLogEntry } from './psaLogEntry.js';
import { zodFieldIssues } from '../schema/zodFieldIssues.js';
import { witnessVerifierKeys } from '../witness/witnessKeys.js';
import type { VerifiedValidatorSet } from '../validators/ValidatorSet.js';
import { isVerifiedValidatorSet } from '../validators/isVerifiedValidatorSet.js';
import { verifyValidatorSetChain } from '../validators/verifyValidatorSetChain.js';
import { PSA_PAYLOAD_TYPE, PsaBodySchema, type PsaBody, type TxPreimageHashAlg } from './PsaBody.js';

/** Codes a validator-set failure keeps in the result of check `validator_set`. */
const SET_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'PSA_VALIDATOR_SET_INVALID',
  'PSA_VALIDATOR_SET_CHAIN_BROKEN',
  'PSA_VALIDATOR_SET_CHAIN_QUORUM',
  'PSA_VALIDATOR_SET_CHAIN_VALIDITY',
]);

/** The checks of {@link verifyPsa}, in the order they run (DESIGN.md §Verification). */
export const PSA_CHECKS = [
  'envelope',
  'payload_type',
  'canonical',
  'body',
  'validator_set',
  'validator_set_match',
  'signatures',
  'threshold',
  'jurisdictions',
  'validity_window',
  'transfer',
  'preimage',
  'domain',
  'log_inclusion',
] as const;
export type PsaCheck = (typeof PSA_CHECKS)[number];

/** What the caller expects the PSA to attest (all optional; each given field must match exactly). */
export interface PsaExpectation {
  /** Fields of `body.transfer`; addresses compare case-insensitively for EVM (`0x…`). */
  transfer?: Partial<PsaBody['transfer']>;
  /** Hex hash of the unsigned transaction the PSA must be bound to (the function is `tx_preimage_hash_alg`). */
  tx_preimage_hash?: string;
  /**
   * The hash function the PSA's binding must name (`sha256` | `keccak256`); a body without `tx_preimage_hash_alg` names
   * `sha256` (docs/psa-format.md §Transaction binding). Give it with `tx_preimage_hash`: the same 32 bytes under another
   * function bind another transaction.
   */
  tx_preimage_hash_alg?: TxPreimageHashAlg;
  /** Purpose and CAIP-2 chain; `block_height` must fall in the PSA's window when it has one. */
  domain?: { purpose?: PsaBody['domain']['purpose']; chain_id?: string; block_height?: number };
}

/**
 * A transparency-log inclusion proof to check with the PSA (docs/transparency-log.md): the PSA's entry is the RFC 8785
 * bytes of its DSSE envelope.
 */
export interface PsaLogProof {
  /** The c2sp.org/tlog-proof text (or its UTF-8 bytes), as `jil log proof` or `GET /v1/preclearance/psa/:id/proof` gives it. */
  proof: string | Uint8Array;
  /** The log's checkpoint origin line (c2sp.org/tlog-checkpoint). */
  origin: string;
  /** The log's Ed25519 verifier key, `<name>+<key id>+<base64>` (c2sp.org/signed-note), or its parsed form. */
  logKey: string | NoteVerifierKey;
  /**
   * `true` (default): the checkpoint must carry cosignatures (cosignature/v1) from at least the validator set's
   * `threshold` of its active validators, the log's witnesses. `false`: the caller trusts the log key alone.
   */
  requireWitnesses?: boolean;
}

/** Options of {@link verifyPsa}. */
export interface VerifyPsaOptions {
  /** The pinned validator set: the signed document (DSSE envelope) or an already verified set. */
  validatorSet: unknown;
  /**
   * The signed versions the operator published after the pinned one, oldest first (docs/operations.md). The PSA must
   * name the newest version reached (`verifyValidatorSetChain`): keys rotated away or validators revoked on the way no
   * longer count, and a version not reachable from the pin fails check `validator_set`.
   */
  validatorSetChain?: readonly unknown[];
  /** The verifier's clock. */
  now: Date;
  expect?: PsaExpectation;
  /** Also check the PSA's inclusion in the transparency log (check `log_inclusion`). */
  log?: PsaLogProof;
}

/** Outcome of {@link verifyPsa}. */
export type VerifyPsaResult =
  | {
      valid: true;
      body: PsaBody;
      signers: QuorumSigner[];
      jurisdictions: string[];
      /** The checks that ran (`log_inclusion` only with `options.log`). */
      checks: readonly PsaCheck[];
      /** With `options.log`: the entry's index and the checkpoint that includes it, with how many witnesses cosigned. */
      log?: { index: number; checkpoint: Checkpoint; witnesses: number };
    }
  | VerifyPsaFailure;

/**
 * A failed {@link verifyPsa}: the shared `{ valid: false, check, code, message }` of `@jil/core`'s
 * `VerificationFailure`, with `details` and, once the body parsed, `body`.
 */
export interface VerifyPsaFailure extends VerificationFailure<PsaCheck> {
  details: Record<string, unknown>;
  /** The decoded body, from check `validator_set` on. */
  body?: PsaBody;
}

/**
 * Verify a Pre-Settlement Attestation offline, with nothing but the envelope, a pinned validator set and
 * a clock. Runs every check of {@link PSA_CHECKS} in order and reports the first that fails, with its
 * error code (`PSA_*`). A valid PSA proves who attested what and when; the caller still reads `verdict`.
 *
 * @param envelope untrusted input (parsed JSON of the DSSE envelope).
 * @param options `{ validatorSet, validatorSetChain?, now, expect?, log? }`.
 * @returns `{ valid: true, body, signers }` or `{ valid: false, check, code, message }`; never throws for bad envelopes.
 * @throws JilError `INVALID_ARGUMENT` when `options.now` is not a valid Date or `options.validatorSetChain` not an array.
 * @example
 * import { verifyPsa } from '@jil/sdk';
 * const r = verifyPsa(envelope, { validatorSet: pinned, now: new Date() });
 * if (!r.valid) console.error(r.check, r.code, r.message);
 * // after a rotation: the versions published since the pin
 * verifyPsa(envelope, { validatorSet: pinned, validatorSetChain: [v2, v3], now: new Date() });
 */
export function verifyPsa(envelope: unknown, options: VerifyPsaOptions): VerifyPsaResult {
  if (!(options?.now instanceof Date) || Number.isNaN(options.now.getTime())) {
    throw new JilError('INVALID_ARGUMENT', 'options.now must be a valid Date');
  }
  if (options.validatorSetChain !== undefined && !Array.isArray(options.validatorSetChain)) {
    throw new JilError('INVALID_ARGUMENT', 'options.validatorSetChain must be an array of signed validator sets', {
      details: { field: 'validatorSetChain' },
    });
  }
  const fail = (
    check: PsaCheck,
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    body?: PsaBody,
  ): VerifyPsaResult => ({ valid: false, check, code, message, details, ...(body ? { body } : {}) });

  // shape, payload type, base64 and size limits: the preamble every DSSE verifier shares (@jil/core openDsse)
  const opened = openDsse(envelope, { payloadType: PSA_PAYLOAD_TYPE });
  if (!opened.valid) {
    return opened.check === 'payload_type'
      ? fail('payload_type', 'PSA_PAYLOAD_TYPE', opened.message, { payloadType: opened.details['payloadType'] })
      : fail('envelope', 'PSA_ENVELOPE_MALFORMED', opened.message);
  }
  const env: DsseEnvelope = opened.envelope;
  const payloadBytes = opened.payloadBytes;
  let decoded: unknown;
  try {
    decoded = parseJson(bytesToUtf8(payloadBytes));
  } catch (error) {
    return fail('canonical', 'PSA_NOT_CANONICAL', `payload is not base64 of strict JSON${isJilError(error) ? ` (${error.code})` : ''}`);
  }
  let canonical: Uint8Array;
  try {
    canonical = canonicalBytes(decoded);
  } catch (error) {
    return fail('canonical', 'PSA_NOT_CANONICAL', `payload is not I-JSON${isJilError(error) ? ` (${error.code})` : ''}`);
  }
  if (!constantTimeEqual(canonical, payloadBytes))
    return fail('canonical', 'PSA_NOT_CANONICAL', 'payload bytes are not the RFC 8785 canonical form of the body');

  const parsed = PsaBodySchema.safeParse(decoded);
  if (!parsed.success) {
    // every bad field, as FieldIssue[] in details.fields (the same shape as REQUEST_VALIDATION_FAILED)
    const fields = zodFieldIssues(parsed.error);
    return fail('body', 'PSA_BODY_INVALID', `body fields invalid: ${fields.map((f) => f.field).join(', ')}`, { fields });
  }
  const body = parsed.data as unknown as PsaBody;
  if (Date.parse(body.expires_at) <= Date.parse(body.issued_at)) {
    return fail(
      'body',
      'PSA_BODY_INVALID',
      'body fields invalid: expires_at',
      { fields: [{ field: 'expires_at', message: 'must be after issued_at', issue: 'not_after_issued_at' }] },
      body,
    );
  }

  let set: VerifiedValidatorSet;
  const chain = options.validatorSetChain ?? [];
  try {
    set =
      isVerifiedValidatorSet(options.validatorSet) && chain.length === 0
        ? options.validatorSet
        : verifyValidatorSetChain(options.validatorSet, chain, { now: options.now });
  } catch (error) {
    const code = isJilError(error) && SET_CODES.has(error.code) ? error.code : 'PSA_VALIDATOR_SET_INVALID';
    return fail(
      'validator_set',
      code,
      isJilError(error) ? error.message : 'validator set invalid',
      isJilError(error) ? error.details : {},
      body,
    );
  }
  const ref = body.validator_set;
  if (ref.set_id !== set.set.set_id || ref.version !== set.set.version || ref.sha256 !== set.sha256) {
    const newer =
      ref.set_id === set.set.set_id && ref.version > set.set.version
        ? '; fetch the versions published since and pass them as validatorSetChain'
        : '';
    return fail(
      'validator_set_match',
      'PSA_VALIDATOR_SET_MISMATCH',
      `PSA names validator set ${ref.set_id} v${ref.version}, ${chain.length > 0 ? 'the newest reached from the pin' : 'pinned'} ` +
        `is ${set.set.set_id} v${set.set.version}${ref.sha256 !== set.sha256 ? ' (hash differs)' : ''}${newer}`,
      {
        named: ref,
        pinned: { set_id: set.set.set_id, version: set.set.version, sha256: set.sha256 },
      },
      body,
    );
  }

  const quorum = verifyQuorum(env, payloadBytes, set);
  if (!quorum.valid) return fail(quorum.check, quorum.code, quorum.message, quorum.details, body);

  const now = options.now.getTime();
  if (now < Date.parse(body.issued_at))
    return fail('validity_window', 'PSA_NOT_YET_VALID', `issued at ${body.issued_at}, after now (${options.now.toISOString()})`, {}, body);
  if (now >= Date.parse(body.expires_at))
    return fail('validity_window', 'PSA_EXPIRED', `expired at ${body.expires_at} (now ${options.now.toISOString()})`, {}, body);

  const expect = options.expect ?? {};
  for (const [field, want] of Object.entries(expect.transfer ?? {})) {
    const got = (body.transfer as Record<string, unknown>)[field];
    const same =
      typeof want === 'string' && typeof got === 'string' && /^0x[0-9a-fA-F]{40}$/.test(want)
        ? want.toLowerCase() === got.toLowerCase()
        : want === got;
    if (!same) return fail('transfer', 'PSA_TRANSFER_MISMATCH', `transfer.${field} does not match the expected value`, { field }, body);
  }
  if (expect.tx_preimage_hash !== undefined && expect.tx_preimage_hash.toLowerCase() !== body.transfer.tx_preimage_hash) {
    return fail(
      'preimage',
      'PSA_PREIMAGE_MISMATCH',
      body.transfer.tx_preimage_hash
        ? 'tx_preimage_hash differs from the expected transaction'
        : 'PSA is not bound to a transaction (no tx_preimage_hash)',
      {},
      body,
    );
  }
  if (expect.tx_preimage_hash_alg !== undefined) {
    const alg = body.transfer.tx_preimage_hash === undefined ? undefined : (body.transfer.tx_preimage_hash_alg ?? 'sha256');
    if (alg !== expect.tx_preimage_hash_alg) {
      return fail(
        'preimage',
        'PSA_PREIMAGE_MISMATCH',
        alg === undefined
          ? 'PSA is not bound to a transaction (no tx_preimage_hash)'
          : `tx_preimage_hash is ${alg}, expected ${expect.tx_preimage_hash_alg}`,
        { field: 'tx_preimage_hash_alg' },
        body,
      );
    }
  }
  const d = expect.domain;
  if (d) {
    if (d.purpose !== undefined && d.purpose !== body.domain.purpose)
      return fail('domain', 'PSA_DOMAIN_MISMATCH', `purpose is ${body.domain.purpose}, expected ${d.purpose}`, { field: 'purpose' }, body);
    if (d.chain_id !== undefined && d.chain_id !== body.domain.chain_id)
      return fail('domain', 'PSA_DOMAIN_MISMATCH', `chain is ${body.domain.chain_id}, expected ${d.chain_id}`, { field: 'chain_id' }, body);
    const w = body.domain.block_height;
    if (d.block_height !== undefined && w && (d.block_height < w.min || d.block_height > w.max)) {
      return fail(
        'domain',
        'PSA_DOMAIN_MISMATCH',
        `block height ${d.block_height} outside ${w.min}–${w.max}`,
        { field: 'block_height' },
        body,
      );
    }
  }
  const result = { valid: true as const, body, signers: quorum.signers, jurisdictions: quorum.jurisdictions };
  if (options.log === undefined) return { ...result, checks: PSA_CHECKS.filter((c) => c !== 'log_inclusion') };
  const { proof, origin, logKey, requireWitnesses = true } = options.log;
  let logged;
  try {
    const witnesses = witnessVerifierKeys(set);
    logged = verifyTlogProof(proof, {
      entry: psaLogEntry(env),
      origin,
      logKeys: [logKey],
      ...(requireWitnesses ? { witnesses: { keys: witnesses, threshold: set.set.threshold } } : {}),
    });
  } catch (error) {
    return fail(
      'log_inclusion',
      'PSA_LOG_INCLUSION',
      `log proof options invalid: ${isJilError(error) ? error.message : 'bad input'}`,
      {},
      body,
    );
  }
  if (!logged.valid) {
    return fail(
      'log_inclusion',
      'PSA_LOG_INCLUSION',
      `not proven in the log: ${logged.message}`,
      { tlog_check: logged.check, tlog_code: logged.code },
      body,
    );
  }
  return {
    ...result,
    checks: PSA_CHECKS,
    log: { index: logged.index, checkpoint: logged.checkpoint, witnesses: logged.cosignatures.length },
  };
}
