import { assertDsseEnvelope, base64Decode, canonicalBytes, constantTimeEqual, JilError, keyId, parseJson, sha256Hex, bytesToUtf8 } from '@jil/core';
import { verifyQuorum } from '../quorum/verifyQuorum.js';
import { VALIDATOR_SET_PAYLOAD_TYPE, ValidatorSetSchema, type Validator, type VerifiedValidatorSet } from './ValidatorSet.js';

/** Options of {@link verifyValidatorSet}. */
export interface VerifyValidatorSetOptions {
  /** The caller's clock; the set must satisfy `valid_from ≤ now < valid_until`. */
  now: Date;
  /** The verified set this one rotates from; without it the set must be a genesis set signed by its own quorum. */
  previous?: VerifiedValidatorSet;
}

/**
 * Verify a signed validator set (DSSE envelope): shape, payload type, canonical payload bytes (RFC 8785),
 * schema, that every `keyid` is derived from its key, unique validator ids and keys, a quorum of signatures
 * (its own for a genesis set, the previous set's for a rotation) and the validity window.
 *
 * @param signed the pinned document, as stored in `.jil/validator-set.json` or shipped by the operator.
 * @returns the set, its sha256 and a keyid index.
 * @throws JilError `PSA_VALIDATOR_SET_INVALID` naming the failed rule in `details.rule`.
 */
export function verifyValidatorSet(signed: unknown, options: VerifyValidatorSetOptions): VerifiedValidatorSet {
  const bad = (rule: string, message: string, cause?: unknown): never => {
    throw new JilError('PSA_VALIDATOR_SET_INVALID', `validator set: ${message}`, { details: { rule }, cause });
  };
  try {
    assertDsseEnvelope(signed);
  } catch (cause) {
    return bad('envelope', 'not a DSSE envelope', cause);
  }
  const envelope = signed;
  if (envelope.payloadType !== VALIDATOR_SET_PAYLOAD_TYPE) bad('payload_type', `payloadType must be ${VALIDATOR_SET_PAYLOAD_TYPE}`);
  let payloadBytes: Uint8Array = new Uint8Array();
  let parsed: unknown;
  try {
    payloadBytes = base64Decode(envelope.payload);
    parsed = parseJson(bytesToUtf8(payloadBytes));
  } catch (cause) {
    bad('payload', 'payload is not base64 of strict JSON', cause);
  }
  if (!constantTimeEqual(canonicalBytes(parsed), payloadBytes)) bad('canonical', 'payload is not in RFC 8785 canonical form');
  const result = ValidatorSetSchema.safeParse(parsed);
  if (!result.success) return bad('schema', `schema: ${result.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const set = result.data;
  const byKeyId = new Map<string, { validator: Validator; publicKey: Uint8Array }>();
  const ids = new Set<string>();
  for (const v of set.validators) {
    if (ids.has(v.id)) bad('unique_ids', `validator id ${v.id} appears twice`);
    ids.add(v.id);
    for (const k of v.keys) {
      let publicKey: Uint8Array = new Uint8Array();
      try {
        publicKey = base64Decode(k.public_key);
      } catch (cause) {
        bad('keys', `validator ${v.id} public_key is not base64`, cause);
      }
      if (publicKey.length !== 32) bad('keys', `validator ${v.id} public_key is not 32 bytes`);
      if (keyId(publicKey) !== k.keyid) bad('keyid', `validator ${v.id} keyid is not derived from its public key`);
      if (byKeyId.has(k.keyid)) bad('unique_keys', `key ${k.keyid.slice(0, 16)}… appears twice`);
      byKeyId.set(k.keyid, { validator: v, publicKey });
    }
  }
  const sha256 = sha256Hex(payloadBytes);
  const self: VerifiedValidatorSet = { set, sha256, byKeyId };
  if (set.threshold > set.validators.length) bad('threshold', 'threshold exceeds the number of validators');
  const authority = options.previous ?? self;
  if (options.previous) {
    const p = set.previous;
    if (!p || p.set_id !== options.previous.set.set_id || p.version !== options.previous.set.version || p.sha256 !== options.previous.sha256) {
      bad('rotation', 'does not name the previous set it rotates from');
    }
    if (set.version <= options.previous.set.version) bad('rotation', 'version must increase on rotation');
  }
  const quorum = verifyQuorum(envelope, payloadBytes, authority);
  if (!quorum.ok) bad('signatures', `${options.previous ? 'previous set' : 'own'} quorum: ${quorum.message}`);
  const now = options.now.getTime();
  if (now < Date.parse(set.valid_from)) bad('validity', `not valid before ${set.valid_from}`);
  if (now >= Date.parse(set.valid_until)) bad('validity', `expired at ${set.valid_until}`);
  return self;
}
