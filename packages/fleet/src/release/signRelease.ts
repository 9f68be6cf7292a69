import { JilError, type DsseEnvelope } from '@jil/core';
import { signDsse, type DsseSigner } from '@jil/core';
import { RELEASE_PAYLOAD_TYPE, releaseBodyIssues, type ReleaseBody } from './ReleaseBody.js';

/**
 * HQ signs release metadata: a DSSE envelope of {@link RELEASE_PAYLOAD_TYPE}, Ed25519 by each HQ signer.
 * Approvers then add their signatures over the same payload (`approveRelease`, `addApproval`).
 *
 * @param body - see {@link ReleaseBody}.
 * @param signers - HQ signers.
 * @returns the envelope with HQ's signatures only.
 * @throws JilError `INVALID_ARGUMENT` listing every bad field, or when `signers` is empty.
 * @see DSSE envelope.md; TUF specification §4.4 (rollback and freeze attacks)
 * @example
 * import { createReleaseBody, signRelease } from '@jil/fleet';
 * const envelope = signRelease(createReleaseBody({ track: 'mainnet', version: 7, image, now }), [hqSigner]);
 */
export function signRelease(body: ReleaseBody, signers: readonly DsseSigner[]): DsseEnvelope {
  const issues = releaseBodyIssues(body);
  const noSigners = !Array.isArray(signers) || signers.length === 0;
  if (issues.length > 0 || noSigners) {
    throw new JilError('INVALID_ARGUMENT', 'cannot sign this release', {
      details: { fields: noSigners ? [...issues, { field: 'signers', message: 'must be a non-empty array' }] : issues },
    });
  }
  return signDsse(RELEASE_PAYLOAD_TYPE, body, signers);
}
