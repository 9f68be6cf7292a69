// zod/mini (tree-shakable): this schema is on the offline verify path, which browsers bundle.
import * as z from 'zod/mini';
import type { DsseEnvelope } from '@jil/core';

/** DSSE payload type of a validator set document. */
export const VALIDATOR_SET_PAYLOAD_TYPE = 'application/vnd.jil.validator-set.v1+json';

const RFC3339 = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/, { message: 'must be an RFC 3339 UTC timestamp' }));
const HEX64 = z.string().check(z.regex(/^[0-9a-f]{64}$/));

/**
 * One validator key and the suite it signs with. `keyid` = hex SHA-256 of the raw public key (derived, never chosen).
 * `ed25519`: RFC 8032. `mldsa65-ed25519`: the composite id-MLDSA65-Ed25519-SHA512 of
 * draft-ietf-lamps-pq-composite-sigs-19 — a signature by this key verifies only when both halves do.
 */
export const ValidatorKeySchema = z.strictObject({
  alg: z.enum(['ed25519', 'mldsa65-ed25519']),
  /** base64 of the public key: 32 bytes for `ed25519` (RFC 8032 §5.1.5), 1984 for `mldsa65-ed25519` (draft §4.1). */
  public_key: z.string(),
  keyid: HEX64,
});

/** One validator: an operator in one jurisdiction with its keys. */
export const ValidatorSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  /** `COUNTRY/REGULATOR`, e.g. `CH/FINMA`. */
  jurisdiction: z.string().check(z.regex(/^[A-Z]{2}\/[A-Za-z0-9-]+$/)),
  status: z.enum(['active', 'suspended', 'retired']),
  keys: z.array(ValidatorKeySchema).check(z.minLength(1)),
  /**
   * The validator's bridge guardian key (docs/bridge.md §Guardian set): a secp256k1 key named by its EVM address,
   * `0x` and 40 lower-case hex characters (the last 20 bytes of Keccak-256 of the uncompressed public key, Ethereum
   * Yellow Paper §4.2). The bridge contract recovers signers from EIP-712 signatures, so the address is the key's
   * public name. Never used for PSA signatures. Absent on validators that do not guard the bridge.
   */
  guardian: z.optional(
    z.strictObject({
      alg: z.literal('secp256k1'),
      address: z.string().check(z.regex(/^0x[0-9a-f]{40}$/, { message: 'must be 0x and 40 lower-case hex characters' })),
    }),
  ),
});

/** The validator set document (the DSSE payload). Exchanges pin it. */
export const ValidatorSetSchema = z.strictObject({
  set_id: z.string().check(z.minLength(1), z.maxLength(128)),
  version: z.number().check(z.int(), z.minimum(1)),
  /** Minimum number of distinct validator signatures on a PSA (14 in production). */
  threshold: z.number().check(z.int(), z.minimum(1)),
  /** Minimum number of distinct jurisdictions among those signatures. */
  min_jurisdictions: z.number().check(z.int(), z.minimum(1)),
  valid_from: RFC3339,
  valid_until: RFC3339,
  /** The set this one rotates from (absent for a genesis set). */
  previous: z.optional(z.strictObject({ set_id: z.string(), version: z.number().check(z.int()), sha256: HEX64 })),
  validators: z.array(ValidatorSchema).check(z.minLength(1)),
});

export type ValidatorKey = z.infer<typeof ValidatorKeySchema>;
export type Validator = z.infer<typeof ValidatorSchema>;
export type ValidatorSet = z.infer<typeof ValidatorSetSchema>;

/** A validator set signed as a DSSE envelope (`payloadType` = {@link VALIDATOR_SET_PAYLOAD_TYPE}). */
export type SignedValidatorSet = DsseEnvelope;

/** A validator set whose signatures and validity were checked, with its hash. */
export interface VerifiedValidatorSet {
  set: ValidatorSet;
  /** Hex SHA-256 of the JCS bytes of `set` (what a PSA's `validator_set.sha256` names). */
  sha256: string;
  /** keyid → validator, for active and inactive validators. */
  byKeyId: ReadonlyMap<string, { validator: Validator; publicKey: Uint8Array }>;
}
