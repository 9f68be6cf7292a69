import { JilError, uuidv7 } from '@jil/core';
import { isRecord } from '../internal/FieldCheck.js';
import { requireDate } from '../internal/requireDate.js';
import type { Track } from '../trust/FleetTrustPolicy.js';
import { releaseBodyIssues, type ReleaseBody, type ReleaseImage } from './ReleaseBody.js';

/** Input of {@link createReleaseBody}. */
export interface CreateReleaseBodyParameters {
  track: Track;
  /** Next version of the track (HQ keeps the counter). */
  version: number;
  image: ReleaseImage;
  /** Issue time. */
  now: Date;
  /** Validity in milliseconds (default 7 days). */
  ttlMs?: number;
  /** Release id (default a fresh UUIDv7 at `now`). */
  releaseId?: string;
}

/**
 * Builds release metadata valid from `now` for `ttlMs`.
 *
 * @param params - see {@link CreateReleaseBodyParameters}.
 * @returns a {@link ReleaseBody} ready for `signRelease`.
 * @throws JilError `INVALID_ARGUMENT` listing every bad field.
 * @example
 * import { createReleaseBody } from '@jil/fleet';
 * const body = createReleaseBody({ track: 'testnet', version: 3, image, now: new Date() });
 */
export function createReleaseBody(params: CreateReleaseBodyParameters): ReleaseBody {
  if (!isRecord(params) || !isRecord(params.image))
    throw new JilError('INVALID_ARGUMENT', 'params and params.image must be objects', { details: { field: 'params' } });
  const now = requireDate(params.now, 'now');
  const ttlMs = params.ttlMs ?? 7 * 86_400_000;
  const body: ReleaseBody = {
    release_id: params.releaseId ?? uuidv7(params.now),
    track: params.track,
    version: params.version,
    image: { name: params.image.name, repository: params.image.repository, tag: params.image.tag, digest: params.image.digest },
    issued_at: new Date(now).toISOString(),
    expires_at: Number.isSafeInteger(ttlMs) && ttlMs > 0 ? new Date(now + ttlMs).toISOString() : 'invalid',
  };
  const issues = releaseBodyIssues(body);
  if (issues.length > 0) throw new JilError('INVALID_ARGUMENT', 'invalid release parameters', { details: { fields: issues } });
  return body;
}
