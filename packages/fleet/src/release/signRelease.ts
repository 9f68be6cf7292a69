import { JilError, type DsseEnvelope } from '@jil/core';
import { signDsse, type DsseSigner } from '@jil/psa';
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
  if (issues.length > 0 || signers.length === 0) {
    throw new JilError('INVALID_ARGUMENT', 'cannot sign this release', {
      details: { fields: signers.length === 0 ? [...issues, { field: 'signers', message: 'must not be empty' }] : issues },
    });
  }
  return signDsse(RELEASE_PAYLOAD_TYPE, body, signers);
}
