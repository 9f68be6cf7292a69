import type { PeerProtocol } from '@jil/core';
import { z } from 'zod';

/**
 * The coordinator ↔ validator protocol (docs/validators.md): `@jil/core` peer request authentication with request
 * tag `JIL-VALIDATOR-REQUEST-v1`, response tag `JIL-VALIDATOR-RESPONSE-v1` and sender header `x-jil-peer` (its value
 * is the keyid — hex SHA-256 — of the coordinator's pinned Ed25519 key).
 * @example
 * import { signPeerRequest } from '@jil/core';
 * import { VALIDATOR_PEER_PROTOCOL, VALIDATOR_SIGN_PATH } from '@jil/psa';
 * const headers = signPeerRequest({ protocol: VALIDATOR_PEER_PROTOCOL, method: 'POST', path: VALIDATOR_SIGN_PATH, body, sender: keyid,
 *   secretKey, now: new Date() });
 */
export const VALIDATOR_PEER_PROTOCOL: PeerProtocol = Object.freeze({
  requestTag: 'JIL-VALIDATOR-REQUEST-v1',
  responseTag: 'JIL-VALIDATOR-RESPONSE-v1',
  senderHeader: 'x-jil-peer',
});

/** The validator's signing route. */
export const VALIDATOR_SIGN_PATH = '/v1/validator/sign';

/**
 * Body of `POST /v1/validator/sign`: the transfer request as the coordinator validated it, the proposed PSA v1 body
 * (unsigned, `log: null`), the party salts and the SHA-256 of the snapshot the coordinator screened against. The proposal and request
 * are checked by `createProposalReviewer`; here only the outer shape.
 */
export const SignProposalRequestSchema = z.strictObject({
  request: z.record(z.string(), z.unknown()),
  proposal: z.record(z.string(), z.unknown()),
  snapshot_sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be 64 lower-case hex characters' }),
  /**
   * Salts of the party-name commitments (docs/psa-format.md §Party commitments), base64 of 32 bytes, one per named
   * party; inside the authenticated request, never in the PSA. Checked by `createProposalReviewer`.
   */
  party_salts: z.record(z.string(), z.unknown()).optional(),
});

/** Body of `POST /v1/validator/sign`. */
export type SignProposalRequest = z.infer<typeof SignProposalRequestSchema>;

/**
 * The validator's `200` answer: its DSSE signature over `PAE(application/vnd.jil.psa.v1+json, JCS(proposal))` —
 * `keyid` = its key in the validator set, `sig` = base64 of the 64-byte Ed25519 signature.
 */
export const SignProposalResponseSchema = z.strictObject({
  keyid: z.string().regex(/^[0-9a-f]{64}$/),
  sig: z.string().min(1).max(8192),
});

/** The validator's `200` answer. */
export type SignProposalResponse = z.infer<typeof SignProposalResponseSchema>;
