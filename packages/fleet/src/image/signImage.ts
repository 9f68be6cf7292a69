import { JilError, type DsseEnvelope } from '@jil/core';
import { signDsse, type DsseSigner } from '@jil/core';
import { IMAGE_SIGNATURE_PAYLOAD_TYPE, imageSignatureBodyIssues, type ImageSignatureBody } from './ImageSignatureBody.js';

/**
 * HQ signs an image digest: a DSSE envelope of {@link IMAGE_SIGNATURE_PAYLOAD_TYPE} over the RFC 8785 bytes of
 * `body`, Ed25519 by each of `signers` (HQ's keys).
 *
 * @param body - see {@link ImageSignatureBody}; the digest must come from manifest bytes HQ fetched itself.
 * @param signers - HQ signers (`createSigner(seed)` from `@jil/core`).
 * @returns the envelope.
 * @throws JilError `INVALID_ARGUMENT` listing every bad field of `body`, or when `signers` is empty.
 * @see DSSE envelope.md; RFC 8785; RFC 8032
 * @example
 * import { signImage } from '@jil/fleet';
 * import { createSigner } from '@jil/core';
 * const envelope = signImage({ name: 'validator', repository, tag: '1.4.0', digest, media_type, size, signed_at }, [createSigner(seed)]);
 */
export function signImage(body: ImageSignatureBody, signers: readonly DsseSigner[]): DsseEnvelope {
  const issues = imageSignatureBodyIssues(body);
  const noSigners = !Array.isArray(signers) || signers.length === 0;
  if (issues.length > 0 || noSigners) {
    throw new JilError('INVALID_ARGUMENT', 'cannot sign this image signature body', {
      details: { fields: noSigners ? [...issues, { field: 'signers', message: 'must be a non-empty array' }] : issues },
    });
  }
  return signDsse(IMAGE_SIGNATURE_PAYLOAD_TYPE, body, signers);
}
