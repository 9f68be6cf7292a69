import {
  base64Decode,
  bytesToUtf8,
  canonicalBytes,
  constantTimeEqual,
  JilError,
  openDsse,
  parseJson,
  sha256Hex,
  type DsseEnvelope,
} from '@jil/core';
import { VALIDATOR_KEY_SUITES } from './validatorKeySuites.js';
import {
  VALIDATOR_SET_PAYLOAD_TYPE,
  ValidatorSetSchema,
  type Validator,
  type ValidatorSet,
  type VerifiedValidatorSet,
} from './ValidatorSet.js';

/** A validator set document whose form was checked but whose signatures were not (yet). */
export interface DecodedValidatorSet extends VerifiedValidatorSet {
  envelope: DsseEnvelope;
  /** The RFC 8785 bytes of `set` (the DSSE payload). */
  payloadBytes: Uint8Array;
}

/**
 * Check the form of a signed validator set (internal to the validator-set verifiers): DSSE shape, payload type,
 * payload = RFC 8785 bytes of its JSON, schema, window order, every `keyid` derived from its key, unique validator
 * ids, keys and guardian addresses, `threshold` ≤ number of validators. Signatures are not checked here.
 *
 * @param signed untrusted input (the parsed DSSE envelope).
 * @param context merged into `details` of every error (e.g. `{ index, version }` for a chain link).
 * @throws JilError `PSA_VALIDATOR_SET_INVALID` with `details.rule` naming the failed rule.
 */
export function decodeValidatorSet(signed: unknown, context: Record<string, unknown> = {}, label = 'validator set'): DecodedValidatorSet {
  const bad = (rule: string, message: string, cause?: unknown): never => {
    throw new JilError('PSA_VALIDATOR_SET_INVALID', `${label}: ${message}`, { details: { ...context, rule }, cause });
  };
  // shape, payload type, base64 and size limits (@jil/core openDsse, the preamble every DSSE verifier shares)
  const opened = openDsse(signed, { payloadType: VALIDATOR_SET_PAYLOAD_TYPE });
  if (!opened.valid) {
    if (opened.check === 'payload_type') bad('payload_type', opened.message);
    return bad('envelope', 'not a DSSE envelope', new JilError(opened.code, opened.message, { details: opened.details }));
  }
  const { envelope, payloadBytes } = opened;
  let parsed: unknown;
  try {
    parsed = parseJson(bytesToUtf8(payloadBytes));
  } catch (cause) {
    bad('payload', 'payload is not base64 of strict JSON', cause);
  }
  let canonical: Uint8Array = new Uint8Array();
  try {
    canonical = canonicalBytes(parsed);
  } catch (cause) {
    bad('canonical', 'payload is not I-JSON', cause);
  }
  if (!constantTimeEqual(canonical, payloadBytes)) bad('canonical', 'payload is not in RFC 8785 canonical form');
  const result = ValidatorSetSchema.safeParse(parsed);
  if (!result.success) return bad('schema', `schema: ${result.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const set = result.data;
  if (Date.parse(set.valid_until) <= Date.parse(set.valid_from)) bad('validity', 'valid_until is not after valid_from');
  const byKeyId = indexValidatorKeys(set, bad);
  if (set.threshold > set.validators.length) bad('threshold', 'threshold exceeds the number of validators');
  return { envelope, payloadBytes, set, sha256: sha256Hex(payloadBytes), byKeyId };
}

/**
 * keyid → validator for every key of `set` (active and inactive validators), checking that ids are unique, that
 * keys decode to the length of the suite they declare and that each `keyid` is derived from its key.
 */
export function indexValidatorKeys(
  set: ValidatorSet,
  bad: (rule: string, message: string, cause?: unknown) => never,
): Map<string, { validator: Validator; publicKey: Uint8Array }> {
  const byKeyId = new Map<string, { validator: Validator; publicKey: Uint8Array }>();
  const ids = new Set<string>();
  const guardians = new Set<string>();
  for (const v of set.validators) {
    if (ids.has(v.id)) bad('unique_ids', `validator id ${v.id} appears twice`);
    ids.add(v.id);
    if (v.guardian !== undefined) {
      if (guardians.has(v.guardian.address)) bad('unique_guardians', `guardian address ${v.guardian.address} appears twice`);
      guardians.add(v.guardian.address);
    }
    for (const k of v.keys) {
      let publicKey: Uint8Array = new Uint8Array();
      try {
        publicKey = base64Decode(k.public_key);
      } catch (cause) {
        bad('keys', `validator ${v.id} public_key is not base64`, cause);
      }
      const suite = VALIDATOR_KEY_SUITES[k.alg];
      if (publicKey.length !== suite.publicKeyBytes)
        bad('keys', `validator ${v.id} public_key is not ${suite.publicKeyBytes} bytes (${k.alg})`);
      if (suite.keyId(publicKey) !== k.keyid) bad('keyid', `validator ${v.id} keyid is not derived from its public key`);
      if (byKeyId.has(k.keyid)) bad('unique_keys', `key ${k.keyid.slice(0, 16)}… appears twice`);
      byKeyId.set(k.keyid, { validator: v, publicKey });
    }
  }
  return byKeyId;
}
