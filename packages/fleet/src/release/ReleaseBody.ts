import type { FieldIssue } from '@jil/core';
import { REPOSITORY, TAG } from '../image/ImageSignatureBody.js';
import { FieldCheck, IDENTIFIER, isRecord, parseTimestamp, SHA256_DIGEST } from '../internal/FieldCheck.js';
import { TRACKS, type Track } from '../trust/FleetTrustPolicy.js';

/** DSSE payload type of per-track release metadata. */
export const RELEASE_PAYLOAD_TYPE = 'application/vnd.jil.fleet.release.v1+json';

/** Longest accepted validity of release metadata: 366 days. */
export const MAX_RELEASE_TTL_MS = 366 * 86_400_000;

/** The image a release points at: always by digest. */
export interface ReleaseImage {
  /** Logical image name, e.g. `validator`. */
  name: string;
  /** `registry/path`. */
  repository: string;
  /** Tag at signing time (informational). */
  tag: string;
  /** `sha256:` manifest digest: what agents pull and check. */
  digest: string;
}

/**
 * Signed release metadata of one track: "version N of `track` is this digest, until `expires_at`". HQ signs it,
 * approvers co-sign the same bytes. Agents refuse a lower version than one they accepted (rollback) and expired
 * metadata (a stale "latest", the freeze attack of TUF).
 */
export interface ReleaseBody {
  /** UUIDv7 of the release. */
  release_id: string;
  /** `devnet`, `testnet` or `mainnet`. */
  track: Track;
  /** Version within the track, 1, 2, …; strictly increasing per track. */
  version: number;
  image: ReleaseImage;
  /** RFC 3339 UTC. */
  issued_at: string;
  /** RFC 3339 UTC, after `issued_at`, at most {@link MAX_RELEASE_TTL_MS} later. */
  expires_at: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Every schema problem of an untrusted release body (empty when valid).
 * @param body - decoded JSON.
 * @returns one issue per bad field (`image.digest`, `expires_at`, …).
 * @example
 * import { releaseBodyIssues } from '@jil/fleet';
 * releaseBodyIssues(body).length === 0;
 */
export function releaseBodyIssues(body: unknown): FieldIssue[] {
  if (!isRecord(body)) return [{ field: '(body)', message: 'must be a JSON object', issue: 'invalid_type' }];
  const check = new FieldCheck()
    .only(body, ['release_id', 'track', 'version', 'image', 'issued_at', 'expires_at'])
    .text('release_id', body['release_id'], UUID, 'a UUID')
    .oneOf('track', body['track'], TRACKS)
    .integer('version', body['version'], 1)
    .timestamp('issued_at', body['issued_at'])
    .timestamp('expires_at', body['expires_at']);
  const issued = parseTimestamp(body['issued_at']);
  const expires = parseTimestamp(body['expires_at']);
  if (issued !== undefined && expires !== undefined) {
    check.rule(
      'expires_at',
      expires > issued && expires - issued <= MAX_RELEASE_TTL_MS,
      'must be after issued_at, by at most 366 days',
      'range',
    );
  }
  const image = body['image'];
  if (!isRecord(image)) check.add('image', 'must be an object', 'invalid_type');
  else {
    const c = new FieldCheck('image')
      .only(image, ['name', 'repository', 'tag', 'digest'])
      .text('name', image['name'], IDENTIFIER, 'an identifier')
      .text('repository', image['repository'], REPOSITORY, 'registry/path')
      .text('tag', image['tag'], TAG, 'a tag')
      .text('digest', image['digest'], SHA256_DIGEST, 'sha256: and 64 lower-case hex digits');
    check.issues.push(...c.issues);
  }
  return check.issues;
}
