import { MemoryNonceStore } from '@jil/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agentOptions,
  alice,
  DIGEST,
  hq,
  imageSignature,
  NODE_SECRET,
  NOW,
  OTHER_DIGEST,
  pullRequest,
  release,
} from '../testing/fixtures.testutil.js';
import { tamper, tamperArb } from '../testing/tamper.testutil.js';
import { buildAgentRequest } from './AgentRequest.js';
import { createCommandBody } from './createCommandBody.js';
import { signCommand } from './signCommand.js';
import { verifyAgentRequest } from './verifyAgentRequest.js';

const at = (ms: number): Date => new Date(NOW.getTime() + ms);

describe('verifyAgentRequest', () => {
  it('accepts a good pull once and refuses the replay', async () => {
    const { request } = pullRequest();
    const options = agentOptions();
    const ok = await verifyAgentRequest(request, options);
    expect(ok).toMatchObject({
      valid: true,
      command: { node_id: 'n1', action: 'pull' },
      release: { track: 'mainnet' },
      approverIds: ['alice', 'bob'],
    });
    expect(await verifyAgentRequest(request, options)).toMatchObject({ valid: false, check: 'nonce', code: 'FLEET_COMMAND_REPLAYED' });
  });

  it('refuses a command for another node', async () => {
    const { request } = pullRequest({ nodeId: 'n2' });
    expect(await verifyAgentRequest(request, agentOptions())).toMatchObject({
      check: 'node',
      code: 'FLEET_NODE_MISMATCH',
      details: { expected: 'n1', actual: 'n2' },
    });
  });

  it('refuses outside the 5-minute window, edges included', async () => {
    const { request } = pullRequest();
    expect((await verifyAgentRequest(request, agentOptions({ now: at(299_999) }))).valid).toBe(true);
    expect(await verifyAgentRequest(request, agentOptions({ now: at(300_000) }))).toMatchObject({
      check: 'window',
      code: 'FLEET_COMMAND_EXPIRED',
    });
    expect(await verifyAgentRequest(request, agentOptions({ now: at(-60_001) }))).toMatchObject({ check: 'window' });
  });

  it('refuses a wrong transport HMAC (other node secret) and a moved transport timestamp', async () => {
    const { request } = pullRequest();
    expect(await verifyAgentRequest(request, agentOptions({ nodeSecret: new Uint8Array(32) }))).toMatchObject({
      check: 'transport',
      code: 'AUTH_BAD_SIGNATURE',
    });
    const moved = { ...request, transport: { ...request.transport, timestamp: at(1000).toISOString() } };
    expect(await verifyAgentRequest(moved, agentOptions())).toMatchObject({ check: 'transport' });
  });

  it('refuses an unsigned image, and an image signature over another digest', async () => {
    const { request } = pullRequest();
    const { image_signature: _, ...unsigned } = request;
    expect(await verifyAgentRequest(unsigned, agentOptions())).toMatchObject({ check: 'image_signature', code: 'FLEET_IMAGE_UNSIGNED' });
    expect(await verifyAgentRequest({ ...request, image_signature: imageSignature(OTHER_DIGEST) }, agentOptions())).toMatchObject({
      check: 'digest',
      code: 'FLEET_DIGEST_MISMATCH',
    });
    const byApprover = {
      ...request,
      image_signature: { ...imageSignature(), signatures: [{ keyid: alice.keyid, sig: imageSignature().signatures[0]!.sig }] },
    };
    expect(await verifyAgentRequest(byApprover, agentOptions())).toMatchObject({ check: 'image_signature', code: 'FLEET_IMAGE_UNSIGNED' });
  });

  it('refuses a command whose digest the release does not name (a moved tag)', async () => {
    const { request, body } = pullRequest({ digest: OTHER_DIGEST });
    const withSig = { ...request, image_signature: imageSignature(OTHER_DIGEST) };
    expect(body.image?.digest).toBe(OTHER_DIGEST);
    expect(await verifyAgentRequest(withSig, agentOptions())).toMatchObject({ check: 'digest', code: 'FLEET_DIGEST_MISMATCH' });
  });

  it('checks approvals itself: a mainnet release with one approval is refused', async () => {
    const { request } = pullRequest({ approvers: [alice] });
    expect(await verifyAgentRequest(request, agentOptions())).toMatchObject({ check: 'approvals', code: 'FLEET_APPROVALS_NOT_MET' });
  });

  it('refuses an expired release and a rollback, per track', async () => {
    const { request } = pullRequest({ now: at(86_400_000) });
    expect(await verifyAgentRequest(request, agentOptions({ now: at(86_400_000) }))).toMatchObject({
      check: 'validity',
      code: 'FLEET_RELEASE_EXPIRED',
    });
    const fresh = pullRequest();
    const floor = (track: string) => (track === 'mainnet' ? { version: 9, digest: DIGEST } : undefined);
    expect(await verifyAgentRequest(fresh.request, agentOptions({ accepted: floor }))).toMatchObject({
      check: 'rollback',
      code: 'FLEET_RELEASE_ROLLBACK',
    });
  });

  it('a refused command does not burn its nonce', async () => {
    const { request } = pullRequest();
    const nonceStore = new MemoryNonceStore();
    expect((await verifyAgentRequest(request, agentOptions({ nonceStore, nodeSecret: new Uint8Array(32) }))).valid).toBe(false);
    expect((await verifyAgentRequest(request, agentOptions({ nonceStore }))).valid).toBe(true);
  });

  it('stop commands carry no image and verify with empty transport image fields', async () => {
    const body = createCommandBody({ action: 'stop', nodeId: 'n1', now: NOW });
    const request = buildAgentRequest({ command: signCommand(body, [hq]), body, nodeSecret: NODE_SECRET, now: NOW });
    expect(await verifyAgentRequest(request, agentOptions())).toMatchObject({ valid: true, command: { action: 'stop' } });
    expect(() => createCommandBody({ action: 'pull', nodeId: 'n1', now: NOW })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => createCommandBody({ action: 'stop', nodeId: 'n1', now: NOW, ttlMs: 300_001 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('refuses requests with unknown fields or a missing release', async () => {
    const { request } = pullRequest();
    expect(await verifyAgentRequest({ ...request, extra: 1 }, agentOptions())).toMatchObject({
      check: 'envelope',
      code: 'FLEET_ENVELOPE_INVALID',
    });
    const { release: _, ...noRelease } = request;
    expect(await verifyAgentRequest(noRelease, agentOptions())).toMatchObject({ check: 'envelope' });
    expect(await verifyAgentRequest('x', agentOptions())).toMatchObject({ check: 'envelope' });
  });

  it('property: any tampering with the command, its release or its image signature is refused', async () => {
    const { request } = pullRequest();
    const { envelope: mainnet } = release('mainnet');
    expect(mainnet.payload).toBe(request.release?.payload);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('command', 'release', 'image_signature'), tamperArb(), async (part, t) => {
        const altered = { ...request, [part]: tamper(request[part]!, t) };
        expect((await verifyAgentRequest(altered, agentOptions())).valid).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
