import type { ErrorCode, VerificationFailure } from '@jil/core';

/**
 * The checks of the fleet verifiers, in the order they run. Each failure names exactly one of them.
 * - `envelope`, `payload_type`, `canonical`, `body`: the document itself (`FLEET_ENVELOPE_INVALID`);
 * - `signature`: every signature is from a known key, distinct and valid; HQ signed (`FLEET_SIGNATURE_INVALID`);
 * - `approvals`: distinct approvers for the track (`FLEET_APPROVALS_NOT_MET`);
 * - `validity`: release expiry (`FLEET_RELEASE_EXPIRED`); `rollback` (`FLEET_RELEASE_ROLLBACK`);
 * - `node`, `window`, `transport`, `nonce`: pull command binding (`FLEET_NODE_MISMATCH`, `FLEET_COMMAND_EXPIRED`,
 *   `AUTH_BAD_SIGNATURE`, `FLEET_COMMAND_REPLAYED`);
 * - `image_signature` (`FLEET_IMAGE_UNSIGNED`), `digest` (`FLEET_DIGEST_MISMATCH`).
 */
export const FLEET_CHECKS = [
  'envelope',
  'payload_type',
  'canonical',
  'body',
  'signature',
  'approvals',
  'validity',
  'rollback',
  'node',
  'window',
  'transport',
  'image_signature',
  'digest',
  'nonce',
] as const;

/** One of {@link FLEET_CHECKS}. */
export type FleetCheck = (typeof FLEET_CHECKS)[number];

/**
 * A failed fleet verification: the first check that failed, its error code and a secret-free message — `@jil/core`'s
 * shared `VerificationFailure` with `details`.
 */
export interface FleetFailure extends VerificationFailure<FleetCheck> {
  valid: false;
  /** Which check failed. */
  check: FleetCheck;
  /** The `JilError` code a shell answers with (status from `HTTP_STATUS_BY_CODE`). */
  code: ErrorCode;
  /** Short reason, no secrets. */
  message: string;
  /** Structured context: `fields`, `keyid`, `expected`/`actual` digests, versions. */
  details: Record<string, unknown>;
}

/** Builds a {@link FleetFailure}. */
export function fleetFailure(check: FleetCheck, code: ErrorCode, message: string, details: Record<string, unknown> = {}): FleetFailure {
  return { valid: false, check, code, message, details };
}
