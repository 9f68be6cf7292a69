import type { FieldIssue } from '@jil/core';
import { REPOSITORY, TAG } from '../image/ImageSignatureBody.js';
import { FieldCheck, IDENTIFIER, isRecord, parseTimestamp, SHA256_DIGEST } from '../internal/FieldCheck.js';

/** DSSE payload type of a signed agent command. */
export const COMMAND_PAYLOAD_TYPE = 'application/vnd.jil.fleet.command.v1+json';

/** Longest validity of a command: 5 minutes. */
export const MAX_COMMAND_TTL_MS = 300_000;

/** What an agent can be told to do: deploy a release (`pull`) or stop its managed container (`stop`). */
export const COMMAND_ACTIONS = ['pull', 'stop'] as const;

/** One of {@link COMMAND_ACTIONS}. */
export type CommandAction = (typeof COMMAND_ACTIONS)[number];

/** Single-use command nonces: 16–64 characters of base64url. */
export const COMMAND_NONCE = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * A command HQ signs for exactly one node: bound to `node_id`, a single-use `nonce` and a validity window of at
 * most {@link MAX_COMMAND_TTL_MS}. A `pull` names the release and the image digest to deploy.
 */
export interface CommandBody {
  /** UUIDv7. */
  command_id: string;
  action: CommandAction;
  /** The one node that may execute it. */
  node_id: string;
  /** Single use, 16–64 base64url characters. */
  nonce: string;
  /** RFC 3339 UTC. */
  issued_at: string;
  /** RFC 3339 UTC; after `issued_at`, by at most 5 minutes. */
  expires_at: string;
  /** The distribution job it belongs to, when any. */
  job_id?: string;
  /** `pull` only: the release to deploy. */
  release_id?: string;
  /** `pull` only: repository, tag and digest to deploy (the digest is what counts). */
  image?: { repository: string; tag: string; digest: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Every schema problem of an untrusted command body (empty when valid).
 * @param body - decoded JSON.
 * @returns one issue per bad field.
 * @example
 * import { commandBodyIssues } from '@jil/fleet';
 * commandBodyIssues(body).length === 0;
 */
export function commandBodyIssues(body: unknown): FieldIssue[] {
  if (!isRecord(body)) return [{ field: '(body)', message: 'must be a JSON object', issue: 'invalid_type' }];
  const check = new FieldCheck()
    .only(body, ['command_id', 'action', 'node_id', 'nonce', 'issued_at', 'expires_at', 'job_id', 'release_id', 'image'])
    .text('command_id', body['command_id'], UUID, 'a UUID')
    .oneOf('action', body['action'], COMMAND_ACTIONS)
    .text('node_id', body['node_id'], IDENTIFIER, 'an identifier')
    .text('nonce', body['nonce'], COMMAND_NONCE, '16–64 base64url characters')
    .timestamp('issued_at', body['issued_at'])
    .timestamp('expires_at', body['expires_at']);
  if (body['job_id'] !== undefined) check.text('job_id', body['job_id'], UUID, 'a UUID');
  const issued = parseTimestamp(body['issued_at']);
  const expires = parseTimestamp(body['expires_at']);
  if (issued !== undefined && expires !== undefined) {
    check.rule(
      'expires_at',
      expires > issued && expires - issued <= MAX_COMMAND_TTL_MS,
      'must be after issued_at, by at most 5 minutes',
      'range',
    );
  }
  const pull = body['action'] === 'pull';
  check.rule(
    'release_id',
    pull ? typeof body['release_id'] === 'string' && UUID.test(body['release_id']) : body['release_id'] === undefined,
    pull ? 'must be a UUID' : 'only for pull',
    'format',
  );
  const image = body['image'];
  if (!pull) check.rule('image', image === undefined, 'only for pull', 'unrecognized_key');
  else if (!isRecord(image)) check.add('image', 'must be an object', 'invalid_type');
  else {
    check.issues.push(
      ...new FieldCheck('image')
        .only(image, ['repository', 'tag', 'digest'])
        .text('repository', image['repository'], REPOSITORY, 'registry/path')
        .text('tag', image['tag'], TAG, 'a tag')
        .text('digest', image['digest'], SHA256_DIGEST, 'sha256: and 64 lower-case hex digits').issues,
    );
  }
  return check.issues;
}
