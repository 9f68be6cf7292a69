import { checkSignatures } from '../envelope/checkSignatures.js';
import { fleetFailure, type FleetFailure } from '../envelope/FleetFailure.js';
import { openEnvelope } from '../envelope/openEnvelope.js';
import type { TrustKeyring } from '../trust/FleetTrustPolicy.js';
import { IMAGE_SIGNATURE_PAYLOAD_TYPE, imageSignatureBodyIssues, type ImageSignatureBody } from './ImageSignatureBody.js';

/** Options of {@link verifyImageSignature}. */
export interface VerifyImageSignatureOptions {
  /** The pinned trust policy. */
  trust: TrustKeyring;
  /** The digest the caller is about to deploy; a signature over another digest fails the `digest` check. */
  digest?: string;
  /** The repository the caller pulls from; when given it must match too. */
  repository?: string;
}

/** A verified image signature. */
export interface VerifiedImageSignature {
  valid: true;
  body: ImageSignatureBody;
  /** HQ keys that signed. */
  hqKeyids: string[];
}

/**
 * Verifies HQ's signature over an image digest, offline. Checks in order: `envelope`, `payload_type`,
 * `canonical`, `body` (`FLEET_ENVELOPE_INVALID`); `signature` — every signature by an HQ key of the pinned policy
 * (approver keys do not count here) and valid (`FLEET_SIGNATURE_INVALID`); `digest` — the signed digest (and
 * repository) equal what the caller expects (`FLEET_DIGEST_MISMATCH`). Never throws for bad input.
 *
 * @param envelope - untrusted parsed JSON.
 * @param options - see {@link VerifyImageSignatureOptions}.
 * @returns {@link VerifiedImageSignature} or a {@link FleetFailure}.
 * @example
 * import { verifyImageSignature } from '@jil/fleet';
 * const r = verifyImageSignature(received, { trust, digest });
 * if (!r.valid) throw new Error(`${r.check}: ${r.message}`);
 */
export function verifyImageSignature(envelope: unknown, options: VerifyImageSignatureOptions): VerifiedImageSignature | FleetFailure {
  const opened = openEnvelope<ImageSignatureBody>(envelope, IMAGE_SIGNATURE_PAYLOAD_TYPE, imageSignatureBodyIssues);
  if (!opened.valid) return opened;
  const signers = checkSignatures(opened.envelope, opened.payloadBytes, options.trust);
  if (!signers.valid) return signers;
  const { body } = opened;
  if (options.digest !== undefined && body.digest !== options.digest) {
    return fleetFailure('digest', 'FLEET_DIGEST_MISMATCH', 'the image signature covers another digest', {
      expected: options.digest,
      actual: body.digest,
    });
  }
  if (options.repository !== undefined && body.repository !== options.repository) {
    return fleetFailure('digest', 'FLEET_DIGEST_MISMATCH', 'the image signature covers another repository', {
      expected: options.repository,
      actual: body.repository,
    });
  }
  return { valid: true, body, hqKeyids: signers.hqKeyids };
}
