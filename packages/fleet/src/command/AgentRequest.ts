import type { DsseEnvelope } from '@jil/core';
import { isoTimestamp, requireRecord } from '../internal/requireDate.js';
import type { CommandBody } from './CommandBody.js';
import { transportSignature, type TransportFields } from './transportSignature.js';

/**
 * What HQ posts to an agent (`POST /v1/pull`, `POST /v1/stop`): the signed command, for a pull also the signed release
 * metadata and HQ's image signature, and the HMAC transport signature.
 */
export interface AgentRequest {
  /** DSSE envelope of a {@link CommandBody}. */
  command: DsseEnvelope;
  /** `pull`: DSSE envelope of the release, with its approvals. */
  release?: DsseEnvelope;
  /** `pull`: HQ's DSSE signature over the image digest. */
  image_signature?: DsseEnvelope;
  /** HMAC-SHA256 transport signature over {@link TransportFields}. */
  transport: { timestamp: string; signature: string };
}

/** The transport fields of a command body sent at `timestamp`. */
export function transportFieldsOf(body: CommandBody, timestamp: string): TransportFields {
  requireRecord(body, 'body');
  return {
    image: body.image?.repository ?? '',
    tag: body.image?.tag ?? '',
    digest: body.image?.digest ?? '',
    timestamp,
    node_id: body.node_id,
    nonce: body.nonce,
  };
}

/** Input of {@link buildAgentRequest}. */
export interface BuildAgentRequestParameters {
  /** The signed command and its body. */
  command: DsseEnvelope;
  body: CommandBody;
  release?: DsseEnvelope;
  imageSignature?: DsseEnvelope;
  /** The node's shared secret (HMAC). */
  nodeSecret: Uint8Array;
  /** Sending time. */
  now: Date;
}

/**
 * Assembles the request body HQ sends to an agent, with the transport HMAC computed at `now`.
 *
 * @param params - see {@link BuildAgentRequestParameters}.
 * @returns the {@link AgentRequest}.
 * @throws JilError `INVALID_ARGUMENT` for a short secret or an invalid `now`.
 * @example
 * import { buildAgentRequest } from '@jil/fleet';
 * const request = buildAgentRequest({ command, body, release, imageSignature, nodeSecret, now: new Date() });
 * await fetch(`${agentUrl}/v1/pull`, { method: 'POST', body: JSON.stringify(request), headers: { 'content-type': 'application/json' } });
 */
export function buildAgentRequest(params: BuildAgentRequestParameters): AgentRequest {
  requireRecord(params, 'params');
  const timestamp = isoTimestamp(params.now);
  return {
    command: params.command,
    ...(params.release === undefined ? {} : { release: params.release }),
    ...(params.imageSignature === undefined ? {} : { image_signature: params.imageSignature }),
    transport: { timestamp, signature: transportSignature(params.nodeSecret, transportFieldsOf(params.body, timestamp)) },
  };
}
