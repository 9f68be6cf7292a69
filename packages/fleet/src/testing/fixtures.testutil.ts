import { createSigner, MemoryNonceStore, utf8ToBytes, type DsseEnvelope } from '@jil/core';
import { buildAgentRequest, type AgentRequest } from '../command/AgentRequest.js';
import { createCommandBody } from '../command/createCommandBody.js';
import { signCommand } from '../command/signCommand.js';
import type { CommandBody } from '../command/CommandBody.js';
import { signImage } from '../image/signImage.js';
import { approveRelease } from '../release/approveRelease.js';
import { addApproval } from '../release/addApproval.js';
import { createReleaseBody } from '../release/createReleaseBody.js';
import { signRelease } from '../release/signRelease.js';
import type { ReleaseBody } from '../release/ReleaseBody.js';
import { createTrustPolicy } from '../trust/createTrustPolicy.js';
import { loadTrustPolicy } from '../trust/loadTrustPolicy.js';
import type { Track, TrustKeyring } from '../trust/FleetTrustPolicy.js';
import type { VerifyAgentRequestOptions } from '../command/verifyAgentRequest.js';

/** Deterministic 32-byte seed from a label (test keys only). */
export const seed = (label: string): Uint8Array => {
  const out = new Uint8Array(32);
  for (const [i, b] of utf8ToBytes(label).entries()) out[i % 32] = (out[i % 32]! + b) & 0xff;
  return out;
};

export const hq = createSigner(seed('hq'));
export const alice = createSigner(seed('alice'));
export const bob = createSigner(seed('bob'));
export const carol = createSigner(seed('carol'));
export const mallory = createSigner(seed('mallory'));
export const policy = createTrustPolicy({
  hqPublicKeys: [hq.publicKey],
  approvers: [
    { approverId: 'alice', publicKey: alice.publicKey },
    { approverId: 'bob', publicKey: bob.publicKey },
    { approverId: 'carol', publicKey: carol.publicKey },
  ],
});
export const trust: TrustKeyring = loadTrustPolicy(policy);
export const NOW = new Date('2025-06-01T12:00:00.000Z');
export const DIGEST = `sha256:${'ab'.repeat(32)}`;
export const OTHER_DIGEST = `sha256:${'cd'.repeat(32)}`;
export const REPOSITORY = '127.0.0.1:5000/jil/validator';
export const NODE_SECRET = utf8ToBytes('node-secret-0123456789');
export const image = { name: 'validator', repository: REPOSITORY, tag: '1.4.0', digest: DIGEST };

export function imageSignature(digest = DIGEST): DsseEnvelope {
  return signImage(
    {
      name: 'validator',
      repository: REPOSITORY,
      tag: '1.4.0',
      digest,
      media_type: 'application/vnd.oci.image.manifest.v1+json',
      size: 527,
      signed_at: NOW.toISOString(),
    },
    [hq],
  );
}

/** A release of `track` approved by `approvers`. */
export function release(
  track: Track,
  approvers = [alice, bob],
  options: { version?: number; digest?: string; now?: Date; ttlMs?: number } = {},
): { envelope: DsseEnvelope; body: ReleaseBody } {
  const body = createReleaseBody({
    track,
    version: options.version ?? 3,
    image: { ...image, digest: options.digest ?? DIGEST },
    now: options.now ?? NOW,
    ttlMs: options.ttlMs ?? 86_400_000,
    releaseId: '01970b3a-5c00-7000-8000-000000000001',
  });
  let envelope = signRelease(body, [hq]);
  for (const a of approvers) envelope = addApproval(envelope, approveRelease(envelope, a).signature, trust).envelope;
  return { envelope, body };
}

/** A complete pull request for node `n1` of a mainnet release. */
export function pullRequest(
  options: { nodeId?: string; track?: Track; approvers?: (typeof alice)[]; nonce?: string; digest?: string; now?: Date } = {},
): { request: AgentRequest; body: CommandBody } {
  const r = release(options.track ?? 'mainnet', options.approvers ?? [alice, bob]);
  const body = createCommandBody({
    action: 'pull',
    nodeId: options.nodeId ?? 'n1',
    now: options.now ?? NOW,
    release: options.digest === undefined ? r.body : { ...r.body, image: { ...r.body.image, digest: options.digest } },
    nonce: options.nonce ?? 'nonce-0000000000000001',
    commandId: '01970b3a-5c00-7000-8000-000000000002',
  });
  const command = signCommand(body, [hq]);
  return {
    request: buildAgentRequest({
      command,
      body,
      release: r.envelope,
      imageSignature: imageSignature(),
      nodeSecret: NODE_SECRET,
      now: options.now ?? NOW,
    }),
    body,
  };
}

/** Agent-side options for node `n1` at NOW with a fresh nonce store. */
export function agentOptions(overrides: Partial<VerifyAgentRequestOptions> = {}): VerifyAgentRequestOptions {
  return {
    trust,
    nodeId: 'n1',
    nodeSecret: NODE_SECRET,
    now: NOW,
    accepted: () => undefined,
    nonceStore: new MemoryNonceStore(),
    ...overrides,
  };
}
