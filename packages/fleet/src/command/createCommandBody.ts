import { base64Encode, JilError, uuidv7 } from '@jil/core';
import { isRecord } from '../internal/FieldCheck.js';
import { requireDate } from '../internal/requireDate.js';
import type { ReleaseBody } from '../release/ReleaseBody.js';
import { commandBodyIssues, MAX_COMMAND_TTL_MS, type CommandAction, type CommandBody } from './CommandBody.js';

/** Input of {@link createCommandBody}. */
export interface CreateCommandBodyParameters {
  action: CommandAction;
  /** The node that will execute it. */
  nodeId: string;
  /** Issue time. */
  now: Date;
  /** `pull` only: the release to deploy (its id and image). */
  release?: ReleaseBody;
  /** Distribution job id, when any. */
  jobId?: string;
  /** Validity in ms, at most 300 000 (default). */
  ttlMs?: number;
  /** Override the nonce (tests); default 16 random bytes as base64url. */
  nonce?: string;
  /** Override the command id (tests); default a UUIDv7 at `now`. */
  commandId?: string;
}

function randomNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return base64Encode(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Builds a command for one node with a fresh single-use nonce (128 bits from `crypto.getRandomValues`).
 *
 * @param params - see {@link CreateCommandBodyParameters}.
 * @returns a {@link CommandBody} ready for `signCommand`.
 * @throws JilError `INVALID_ARGUMENT` listing every bad field (e.g. `ttlMs` over 5 minutes, `pull` without release).
 * @example
 * import { createCommandBody } from '@jil/fleet';
 * const body = createCommandBody({ action: 'pull', nodeId: 'node-ch-1', now: new Date(), release });
 */
export function createCommandBody(params: CreateCommandBodyParameters): CommandBody {
  if (!isRecord(params)) throw new JilError('INVALID_ARGUMENT', 'params must be an object', { details: { field: 'params' } });
  const now = requireDate(params.now, 'now');
  const ttlMs = params.ttlMs ?? MAX_COMMAND_TTL_MS;
  const { release } = params;
  if (release !== undefined && (!isRecord(release) || !isRecord(release.image)))
    throw new JilError('INVALID_ARGUMENT', 'release must be a release body', { details: { field: 'release' } });
  const body: CommandBody = {
    command_id: params.commandId ?? uuidv7(params.now),
    action: params.action,
    node_id: params.nodeId,
    nonce: params.nonce ?? randomNonce(),
    issued_at: new Date(now).toISOString(),
    expires_at: Number.isSafeInteger(ttlMs) && ttlMs > 0 ? new Date(now + ttlMs).toISOString() : 'invalid',
    ...(params.jobId === undefined ? {} : { job_id: params.jobId }),
    ...(release === undefined
      ? {}
      : {
          release_id: release.release_id,
          image: { repository: release.image.repository, tag: release.image.tag, digest: release.image.digest },
        }),
  };
  const issues = commandBodyIssues(body);
  if (issues.length > 0) throw new JilError('INVALID_ARGUMENT', 'invalid command parameters', { details: { fields: issues } });
  return body;
}
