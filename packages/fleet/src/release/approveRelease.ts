import { base64Encode, JilError, pae, type DsseSignature } from '@jil/core';
import type { DsseSigner } from '@jil/core';
import { openEnvelope } from '../envelope/openEnvelope.js';
import { RELEASE_PAYLOAD_TYPE, releaseBodyIssues, type ReleaseBody } from './ReleaseBody.js';

/**
 * An approver signs release metadata: an Ed25519 signature over the same `PAE(payloadType, payload)` HQ signed,
 * to be added with `addApproval`. Opens the envelope first, so an approver never signs bytes that are not a
 * well-formed release; the approver should read `body` (returned) before sending the signature.
 *
 * @param envelope - the release envelope as HQ issued it (untrusted JSON).
 * @param approver - the approver's signer.
 * @returns the DSSE signature `{ keyid, sig }` and the body it covers.
 * @throws JilError `FLEET_ENVELOPE_INVALID` when `envelope` is not a well-formed release.
 * @example
 * import { approveRelease } from '@jil/fleet';
 * const { signature, body } = approveRelease(pending.envelope, aliceSigner);
 * await hq.post(`/v1/registry/images/${body.image.name}/promote`, { release_id: body.release_id, approver_id: 'alice', signature });
 */
export function approveRelease(envelope: unknown, approver: DsseSigner): { signature: DsseSignature; body: ReleaseBody } {
  const opened = openEnvelope<ReleaseBody>(envelope, RELEASE_PAYLOAD_TYPE, releaseBodyIssues);
  if (!opened.valid) throw new JilError(opened.code, opened.message, { details: { check: opened.check, ...opened.details } });
  const sig = approver.sign(pae(RELEASE_PAYLOAD_TYPE, opened.payloadBytes));
  return { signature: { keyid: approver.keyid, sig: base64Encode(sig) }, body: opened.body };
}
