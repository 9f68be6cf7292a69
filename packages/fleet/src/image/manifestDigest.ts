import { JilError, sha256Hex } from '@jil/core';
import { SHA256_DIGEST } from '../internal/FieldCheck.js';

/**
 * The media types a registry may serve for an image manifest: OCI and Docker schema 2, single image and index.
 * Send all of them in `Accept`; a registry answers 404 for an OCI manifest when `Accept` does not name OCI types.
 */
export const MANIFEST_MEDIA_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
] as const;

/** The `Accept` header value for manifest requests: {@link MANIFEST_MEDIA_TYPES} joined by `, `. */
export const MANIFEST_ACCEPT: string = MANIFEST_MEDIA_TYPES.join(', ');

/**
 * The content digest of manifest bytes as the registry and the engine compute it: `sha256:` + hex SHA-256 of the
 * exact bytes served. Re-serializing or converting a manifest changes it, so sign the bytes you fetched.
 *
 * @param manifestBytes - the manifest exactly as received.
 * @returns `sha256:<64 hex>`.
 * @throws JilError `INVALID_ARGUMENT` when `manifestBytes` is not a Uint8Array.
 * @see OCI image spec, descriptor.md §Digests; Docker Registry HTTP API v2 §Content Digests
 * @example
 * import { manifestDigest } from '@jil/fleet';
 * const digest = manifestDigest(new Uint8Array(await response.arrayBuffer()));
 */
export function manifestDigest(manifestBytes: Uint8Array): string {
  if (!(manifestBytes instanceof Uint8Array)) {
    throw new JilError('INVALID_ARGUMENT', 'manifestBytes must be a Uint8Array', { details: { field: 'manifestBytes' } });
  }
  return `sha256:${sha256Hex(manifestBytes)}`;
}

/**
 * Type guard for a SHA-256 content digest, `sha256:` and 64 lower-case hex digits.
 * @example
 * import { isDigest } from '@jil/fleet';
 * isDigest('sha256:' + '0'.repeat(64)); // true
 */
export function isDigest(value: unknown): value is string {
  return typeof value === 'string' && SHA256_DIGEST.test(value);
}
