import { requireArray, requireRecord } from '../internal/requireDate.js';
import { base64Encode } from '@jil/core';
import { loadTrustPolicy } from './loadTrustPolicy.js';
import { MIN_APPROVALS, type FleetTrustPolicy, type Track } from './FleetTrustPolicy.js';

/** Input of {@link createTrustPolicy}. */
export interface CreateTrustPolicyParameters {
  /** HQ's Ed25519 public keys (32 bytes each). */
  hqPublicKeys: readonly Uint8Array[];
  /** Approvers and their Ed25519 public keys. */
  approvers: readonly { approverId: string; publicKey: Uint8Array }[];
  /** Approvals per track; default {@link MIN_APPROVALS}. */
  approvals?: Partial<Record<Track, number>>;
}

/**
 * Builds a {@link FleetTrustPolicy} document from keys, and checks it as `loadTrustPolicy` would.
 *
 * @param params - see {@link CreateTrustPolicyParameters}.
 * @returns the JSON document to pin on HQ and the agents.
 * @throws JilError `CONFIG_INVALID` listing every bad field (see `loadTrustPolicy`).
 * @example
 * import { createTrustPolicy } from '@jil/fleet';
 * import { createSigner, generateKeyPair } from '@jil/core';
 * const hq = createSigner(generateKeyPair().secretKey);
 * const policy = createTrustPolicy({ hqPublicKeys: [hq.publicKey], approvers: [{ approverId: 'alice', publicKey: alicePk }] });
 */
export function createTrustPolicy(params: CreateTrustPolicyParameters): FleetTrustPolicy {
  requireRecord(params, 'params');
  requireArray(params['hqPublicKeys'], 'hqPublicKeys');
  requireArray(params['approvers'], 'approvers');
  for (const [i, a] of params.approvers.entries()) requireRecord(a, `approvers.${i}`);
  const policy: FleetTrustPolicy = {
    version: 1,
    hq_keys: params.hqPublicKeys.map((k) => base64Encode(k)),
    approvers: params.approvers.map((a) => ({ approver_id: a.approverId, public_key: base64Encode(a.publicKey) })),
    approvals: { ...MIN_APPROVALS, ...params.approvals },
  };
  loadTrustPolicy(policy);
  return policy;
}
