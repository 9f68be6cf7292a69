import { JilError, type DsseEnvelope, type DsseSignature } from '@jil/core';
import { checkSignatures } from '../envelope/checkSignatures.js';
import { openEnvelope } from '../envelope/openEnvelope.js';
import type { TrustKeyring } from '../trust/FleetTrustPolicy.js';
import { RELEASE_PAYLOAD_TYPE, releaseBodyIssues, type ReleaseBody } from './ReleaseBody.js';

/**
 * Adds an approver's signature to release metadata (HQ side), after checking it: the key must be an approver of the
 * pinned policy, the signature must verify over the release payload, and the approver must not have approved
 * already. The input envelope is not modified.
 *
 * @param envelope - the release envelope (HQ-signed, possibly with earlier approvals).
 * @param signature - from `approveRelease`.
 * @param trust - the pinned trust policy.
 * @returns a new envelope with the signature appended, and the distinct approver ids it now carries.
 * @throws JilError `FLEET_ENVELOPE_INVALID`, `FLEET_SIGNATURE_INVALID` (unknown key, not an approver, bad signature),
 *   `FLEET_STATE_CONFLICT` (`details.reason = 'already_approved'`).
 * @example
 * import { addApproval } from '@jil/fleet';
 * const { envelope: approved, approverIds } = addApproval(release, signature, trust);
 */
export function addApproval(
  envelope: unknown,
  signature: DsseSignature,
  trust: TrustKeyring,
): { envelope: DsseEnvelope; approverIds: string[]; body: ReleaseBody } {
  const opened = openEnvelope<ReleaseBody>(envelope, RELEASE_PAYLOAD_TYPE, releaseBodyIssues);
  if (!opened.valid) throw new JilError(opened.code, opened.message, { details: { check: opened.check, ...opened.details } });
  const approver = typeof signature?.keyid === 'string' ? trust.approvers.get(signature.keyid) : undefined;
  if (approver === undefined) {
    throw new JilError('FLEET_SIGNATURE_INVALID', 'the key is not an approver of the trust policy', { details: { check: 'signature' } });
  }
  const before = checkSignatures(opened.envelope, opened.payloadBytes, trust, true);
  if (!before.valid) throw new JilError(before.code, before.message, { details: { check: before.check, ...before.details } });
  if (before.approverIds.includes(approver.approverId)) {
    throw new JilError('FLEET_STATE_CONFLICT', 'this approver already approved the release', {
      details: { reason: 'already_approved', approver_id: approver.approverId },
    });
  }
  const next: DsseEnvelope = {
    ...opened.envelope,
    signatures: [...opened.envelope.signatures, { keyid: signature.keyid, sig: signature.sig }],
  };
  const after = checkSignatures(next, opened.payloadBytes, trust, true);
  if (!after.valid) throw new JilError(after.code, after.message, { details: { check: after.check, ...after.details } });
  return { envelope: next, approverIds: after.approverIds, body: opened.body };
}
