import { isJilError, MemoryNonceStore } from '@jil/core';
import { describe, expect, it } from 'vitest';
import * as fleet from './index.js';
import { NOW, trust } from './testing/fixtures.testutil.js';

const GARBAGE: unknown[] = [undefined, null, 0, Number.NaN, '', 'x', [], {}, new Uint8Array(3), () => 1];

/** Throws a JilError with one of `codes` (never a TypeError from deep inside). */
function throwsJil(fn: () => unknown, codes: string[]): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(isJilError(thrown), String(thrown)).toBe(true);
  expect(codes).toContain((thrown as { code: string }).code);
}

async function rejectsJil(fn: () => Promise<unknown>, codes: string[]): Promise<void> {
  const outcome = await fn().then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(isJilError(outcome), String(outcome)).toBe(true);
  expect(codes).toContain((outcome as { code: string }).code);
}

describe('wrong-type matrix of @jil/fleet', () => {
  it('verifiers never throw on untrusted documents: they answer valid false', async () => {
    for (const g of GARBAGE) {
      expect(fleet.verifyRelease(g, { trust, now: NOW }).valid).toBe(false);
      expect(fleet.verifyImageSignature(g, { trust }).valid).toBe(false);
      expect(
        (
          await fleet.verifyAgentRequest(g, {
            trust,
            nodeId: 'n1',
            nodeSecret: new Uint8Array(16),
            now: NOW,
            accepted: () => undefined,
            nonceStore: new MemoryNonceStore(),
          })
        ).valid,
      ).toBe(false);
      expect(fleet.verifyAuditChain([g]).valid).toBe(false);
      expect(fleet.openEnvelope(g, fleet.RELEASE_PAYLOAD_TYPE, fleet.releaseBodyIssues).valid).toBe(false);
      expect(fleet.isDigest(g)).toBe(false);
      expect(
        fleet.verifyTransportSignature(new Uint8Array(16), { image: '', tag: '', digest: '', timestamp: '', node_id: '', nonce: '' }, g),
      ).toBe(false);
      expect((await fleet.verifyNodeCertificate(g as string, { caCertificatePem: (await ca).certificatePem, now: NOW })).valid).toBe(false);
      expect((await fleet.verifyCrl(g as string, { caCertificatePem: (await ca).certificatePem, now: NOW })).valid).toBe(false);
      for (const issues of [fleet.releaseBodyIssues, fleet.commandBodyIssues, fleet.imageSignatureBodyIssues, fleet.auditEntryIssues])
        expect(issues(g).length).toBeGreaterThan(0);
    }
  });

  it('builders and signers throw INVALID_ARGUMENT (or CONFIG_INVALID) for wrong types, never a TypeError', async () => {
    for (const g of GARBAGE) {
      throwsJil(() => fleet.loadTrustPolicy(g), ['CONFIG_INVALID']);
      throwsJil(() => fleet.signRelease(g as never, g as never), ['INVALID_ARGUMENT']);
      throwsJil(() => fleet.signImage(g as never, g as never), ['INVALID_ARGUMENT']);
      throwsJil(() => fleet.signCommand(g as never, g as never), ['INVALID_ARGUMENT']);
      throwsJil(() => fleet.createReleaseBody(g as never), ['INVALID_ARGUMENT']);
      throwsJil(() => fleet.createCommandBody(g as never), ['INVALID_ARGUMENT']);
      throwsJil(() => fleet.parseImageReference(g as string), ['INVALID_ARGUMENT']);
      if (!(g instanceof Uint8Array)) throwsJil(() => fleet.manifestDigest(g as Uint8Array), ['INVALID_ARGUMENT']);
      throwsJil(() => fleet.transportSignature(g as Uint8Array, g as never), ['INVALID_ARGUMENT']);
      throwsJil(() => fleet.signWebhook({ secret: g as Uint8Array, body: '', now: NOW, deliveryId: 'd' }), ['INVALID_ARGUMENT']);
      throwsJil(() => fleet.evaluateAlerts([], { now: g as Date, signedDigests: new Set() }), ['INVALID_ARGUMENT']);
      throwsJil(() => fleet.verifyRelease({}, { trust, now: g as Date }), ['INVALID_ARGUMENT']);
      throwsJil(() => fleet.approveRelease(g, { keyid: 'k', sign: () => new Uint8Array(64) }), ['FLEET_ENVELOPE_INVALID']);
      throwsJil(() => fleet.addApproval(g, g as never, trust), ['FLEET_ENVELOPE_INVALID', 'FLEET_SIGNATURE_INVALID']);
      throwsJil(
        () => fleet.appendAuditEntry(undefined, g as never),
        ['INVALID_ARGUMENT', 'CANONICAL_UNSUPPORTED_TYPE', 'CANONICAL_NOT_PLAIN_OBJECT'],
      );
      await rejectsJil(() => fleet.issueNodeCertificate(ca as never, g as never), ['INVALID_ARGUMENT']);
      await rejectsJil(
        () => fleet.createCrl(ca as never, { revoked: [{ serialNumber: g as string, revokedAt: NOW }], now: NOW }),
        ['INVALID_ARGUMENT'],
      );
      await rejectsJil(() => fleet.createCertificateAuthority({ now: g as Date }), ['INVALID_ARGUMENT']);
      // a garbage CA certificate (the verifier's own configuration) is an argument error, never "Too big integer"
      await rejectsJil(() => fleet.verifyNodeCertificate('', { caCertificatePem: g as string, now: NOW }), ['INVALID_ARGUMENT']);
      await rejectsJil(() => fleet.verifyCrl('', { caCertificatePem: g as string, now: NOW }), ['INVALID_ARGUMENT']);
      await rejectsJil(
        async () => fleet.verifyCrl('', { caCertificatePem: (await ca).certificatePem, now: g as Date }),
        ['INVALID_ARGUMENT'],
      );
    }
    await rejectsJil(
      () =>
        fleet.verifyNodeCertificate('', {
          caCertificatePem: '-----BEGIN CERTIFICATE-----\nMIIBzzzz\n-----END CERTIFICATE-----\n',
          now: NOW,
        }),
      ['INVALID_ARGUMENT'],
    );
  });
});

const ca = fleet.createCertificateAuthority({ now: NOW });
