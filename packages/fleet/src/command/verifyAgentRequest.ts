import type { NonceStore } from '@jil/core';
import { checkSignatures } from '../envelope/checkSignatures.js';
import { fleetFailure, type FleetFailure } from '../envelope/FleetFailure.js';
import { openEnvelope } from '../envelope/openEnvelope.js';
import { verifyImageSignature } from '../image/verifyImageSignature.js';
import { FieldCheck, isRecord, parseTimestamp } from '../internal/FieldCheck.js';
import { requireDate, requireRecord } from '../internal/requireDate.js';
import type { ImageSignatureBody } from '../image/ImageSignatureBody.js';
import type { ReleaseBody } from '../release/ReleaseBody.js';
import { verifyRelease, type AcceptedRelease } from '../release/verifyRelease.js';
import type { Track, TrustKeyring } from '../trust/FleetTrustPolicy.js';
import { transportFieldsOf } from './AgentRequest.js';
import { COMMAND_PAYLOAD_TYPE, commandBodyIssues, MAX_COMMAND_TTL_MS, type CommandBody } from './CommandBody.js';
import { verifyTransportSignature } from './transportSignature.js';

/** Options of {@link verifyAgentRequest}: the agent's own pinned view of the world. */
export interface VerifyAgentRequestOptions {
  /** The agent's pinned trust policy. */
  trust: TrustKeyring;
  /** This agent's node id. */
  nodeId: string;
  /** This node's shared HMAC secret. */
  nodeSecret: Uint8Array;
  /** The agent's clock. */
  now: Date;
  /** The newest release this agent accepted per track (its rollback floor). */
  accepted: (track: Track) => AcceptedRelease | undefined;
  /** Where consumed command nonces are kept (single use); scoped by `command:<nodeId>`. */
  nonceStore: NonceStore;
  /** Tolerated clock skew, ms (default 60 000). */
  clockSkewMs?: number;
}

/** A command that passed every check; its nonce is consumed. */
export interface VerifiedAgentRequest {
  valid: true;
  command: CommandBody;
  /** `pull` only. */
  release?: ReleaseBody;
  /** `pull` only. */
  image?: ImageSignatureBody;
  /** `pull` only: distinct approvers of the release. */
  approverIds?: string[];
}

const REQUEST_FIELDS = ['command', 'release', 'image_signature', 'transport'];

/**
 * The update agent's whole check of a command from HQ, offline against its own pinned trust policy. Runs in order
 * and reports the first failure (`check`, `code`):
 * 1. request shape and the command envelope (`envelope`…`body`, `FLEET_ENVELOPE_INVALID`);
 * 2. `signature`: only HQ keys, every signature valid (`FLEET_SIGNATURE_INVALID`);
 * 3. `node`: `node_id` is this node (`FLEET_NODE_MISMATCH`);
 * 4. `window`: `issued_at − skew ≤ now < expires_at`, at most 5 minutes long; the transport timestamp inside it too
 *    (`FLEET_COMMAND_EXPIRED`);
 * 5. `transport`: HMAC over `{image, tag, digest, timestamp, node_id, nonce}` with the node secret
 *    (`AUTH_BAD_SIGNATURE`);
 * 6. pull only — `image_signature`: HQ signed this digest (`FLEET_IMAGE_UNSIGNED`; another digest:
 *    `FLEET_DIGEST_MISMATCH`); release metadata: `verifyRelease` with the agent's rollback floor and approvals
 *    (`FLEET_*` of that check), and the release names this command's release id and digest (`digest`);
 * 7. `nonce`: consumed now, after everything else verified; a second use fails (`FLEET_COMMAND_REPLAYED`).
 *
 * @param request - untrusted parsed JSON body (an `AgentRequest`).
 * @param options - see {@link VerifyAgentRequestOptions}.
 * @returns {@link VerifiedAgentRequest} or a {@link FleetFailure}; never throws for bad requests.
 * @throws JilError `INVALID_ARGUMENT` for a bad `now`; errors of the nonce store pass through.
 * @example
 * import { verifyAgentRequest } from '@jil/fleet';
 * const r = await verifyAgentRequest(body, { trust, nodeId, nodeSecret, now: new Date(), accepted, nonceStore });
 * if (!r.valid) return refuse(r);
 */
export async function verifyAgentRequest(
  request: unknown,
  options: VerifyAgentRequestOptions,
): Promise<VerifiedAgentRequest | FleetFailure> {
  requireRecord(options, 'options');
  const now = requireDate(options.now, 'now');
  const skew = options.clockSkewMs ?? 60_000;
  if (!isRecord(request)) return fleetFailure('envelope', 'FLEET_ENVELOPE_INVALID', 'request must be a JSON object');
  const shape = new FieldCheck().only(request, REQUEST_FIELDS);
  const transport = request['transport'];
  if (!isRecord(transport)) shape.add('transport', 'must be an object', 'invalid_type');
  else {
    shape
      .only(transport, ['timestamp', 'signature'])
      .timestamp('transport.timestamp', transport['timestamp'])
      .text('transport.signature', transport['signature']);
  }
  if (shape.issues.length > 0)
    return fleetFailure('envelope', 'FLEET_ENVELOPE_INVALID', 'request fields invalid', { fields: shape.issues });

  const opened = openEnvelope<CommandBody>(request['command'], COMMAND_PAYLOAD_TYPE, commandBodyIssues);
  if (!opened.valid) return opened;
  const signers = checkSignatures(opened.envelope, opened.payloadBytes, options.trust);
  if (!signers.valid) return signers;
  const command = opened.body;

  if (command.node_id !== options.nodeId) {
    return fleetFailure('node', 'FLEET_NODE_MISMATCH', 'the command is for another node', {
      expected: options.nodeId,
      actual: command.node_id,
    });
  }
  const issued = Date.parse(command.issued_at);
  const expires = Date.parse(command.expires_at);
  const sentAt = parseTimestamp((transport as Record<string, unknown>)['timestamp']) ?? Number.NaN;
  const window = { issued_at: command.issued_at, expires_at: command.expires_at };
  if (expires - issued > MAX_COMMAND_TTL_MS || now < issued - skew || now >= expires) {
    return fleetFailure('window', 'FLEET_COMMAND_EXPIRED', 'the command is outside its validity window', window);
  }
  if (sentAt < issued - skew || sentAt >= expires || Math.abs(now - sentAt) > MAX_COMMAND_TTL_MS) {
    return fleetFailure('window', 'FLEET_COMMAND_EXPIRED', 'the transport timestamp is outside the command window', window);
  }
  const { timestamp, signature } = transport as { timestamp: string; signature: unknown };
  if (!verifyTransportSignature(options.nodeSecret, transportFieldsOf(command, timestamp), signature)) {
    return fleetFailure('transport', 'AUTH_BAD_SIGNATURE', 'transport signature does not verify');
  }

  let verified: VerifiedAgentRequest = { valid: true, command };
  if (command.action === 'pull' && command.image !== undefined) {
    const digest = command.image.digest;
    if (request['image_signature'] === undefined)
      return fleetFailure('image_signature', 'FLEET_IMAGE_UNSIGNED', 'no image signature for this digest', { digest });
    const image = verifyImageSignature(request['image_signature'], { trust: options.trust, digest, repository: command.image.repository });
    if (!image.valid) {
      return image.check === 'digest'
        ? image
        : fleetFailure('image_signature', 'FLEET_IMAGE_UNSIGNED', `image signature invalid: ${image.message}`, {
            digest,
            reason: image.check,
          });
    }
    if (request['release'] === undefined)
      return fleetFailure('envelope', 'FLEET_ENVELOPE_INVALID', 'a pull needs the release metadata', {
        fields: [{ field: 'release', message: 'required' }],
      });
    const release = verifyRelease(request['release'], {
      trust: options.trust,
      now: options.now,
      accepted: options.accepted,
      digest,
      clockSkewMs: skew,
    });
    if (!release.valid) return release;
    if (release.body.release_id !== command.release_id || release.body.image.repository !== command.image.repository) {
      return fleetFailure('digest', 'FLEET_DIGEST_MISMATCH', 'the command names another release or repository than the release metadata', {
        expected: release.body.release_id,
        actual: command.release_id,
      });
    }
    verified = { valid: true, command, release: release.body, image: image.body, approverIds: release.approverIds };
  }

  const fresh = await options.nonceStore.checkAndStore(`command:${options.nodeId}`, command.nonce, expires + skew + 1, now);
  if (!fresh)
    return fleetFailure('nonce', 'FLEET_COMMAND_REPLAYED', 'the command nonce was already used', { command_id: command.command_id });
  return verified;
}
