import type { DsseEnvelope, FieldIssue } from '@jil/core';
import { FieldCheck, IDENTIFIER, isRecord, SHA256_DIGEST } from '../internal/FieldCheck.js';

/** DSSE payload type of HQ's signature over an image digest. */
export const IMAGE_SIGNATURE_PAYLOAD_TYPE = 'application/vnd.jil.fleet.image-signature.v1+json';

/** `registry/path`: a host (with optional port) and lower-case path components. */
export const REPOSITORY = /^[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)+$/;
/** A tag of the distribution reference grammar. */
export const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/**
 * What HQ attests when it signs an image: this manifest digest, fetched from this repository under this tag, is
 * authorized code. HQ signs only a digest it computed from manifest bytes the registry served.
 */
export interface ImageSignatureBody {
  /** Logical image name in HQ's registry records, e.g. `validator`. */
  name: string;
  /** `registry/path`, e.g. `127.0.0.1:5000/jil/validator`. */
  repository: string;
  /** The tag the manifest was fetched under (informational: tags move, digests do not). */
  tag: string;
  /** `sha256:` digest of the manifest bytes. */
  digest: string;
  /** The manifest's media type as served. */
  media_type: string;
  /** Size of the manifest in bytes. */
  size: number;
  /** When HQ signed, RFC 3339 UTC. */
  signed_at: string;
}

/** An image as HQ records it (`GET /v1/registry/images`). */
export interface ImageRecord {
  /** Record id (UUIDv7). */
  image_id: string;
  name: string;
  repository: string;
  tag: string;
  digest: string;
  media_type: string;
  size: number;
  /** When HQ fetched the manifest and recorded the digest. */
  registered_at: string;
  /** HQ's signature, once signed. */
  signature?: DsseEnvelope;
}

const FIELDS = ['name', 'repository', 'tag', 'digest', 'media_type', 'size', 'signed_at'] as const;

/**
 * Every schema problem of an untrusted image signature body (empty when valid).
 * @param body - decoded JSON.
 * @returns one issue per bad field.
 * @example
 * import { imageSignatureBodyIssues } from '@jil/fleet';
 * imageSignatureBodyIssues({}).map((i) => i.field); // ['name', 'repository', …]
 */
export function imageSignatureBodyIssues(body: unknown): FieldIssue[] {
  if (!isRecord(body)) return [{ field: '(body)', message: 'must be a JSON object', issue: 'invalid_type' }];
  return new FieldCheck()
    .only(body, FIELDS)
    .text('name', body['name'], IDENTIFIER, 'an identifier')
    .text('repository', body['repository'], REPOSITORY, 'registry/path')
    .text('tag', body['tag'], TAG, 'a tag')
    .text('digest', body['digest'], SHA256_DIGEST, 'sha256: and 64 lower-case hex digits')
    .text('media_type', body['media_type'], /^[a-z]+\/[A-Za-z0-9.+-]{1,200}$/, 'a media type')
    .integer('size', body['size'], 1, 4 * 1024 * 1024)
    .timestamp('signed_at', body['signed_at']).issues;
}
