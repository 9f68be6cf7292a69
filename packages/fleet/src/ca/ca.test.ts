import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCertificateAuthority } from './createCertificateAuthority.js';
import { createCrl } from './createCrl.js';
import { generateNodeKey } from './generateNodeKey.js';
import { issueNodeCertificate } from './issueNodeCertificate.js';
import { derToPem, loadX509, pemToDer } from './loadX509.js';
import { verifyCrl } from './verifyCrl.js';
import { verifyNodeCertificate } from './verifyNodeCertificate.js';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const DAY = 86_400_000;

describe('node certificate authority', async () => {
  const ca = await createCertificateAuthority({ now: NOW });
  const other = await createCertificateAuthority({ now: NOW, commonName: 'Rogue CA' });
  const { publicKeyPem } = await generateNodeKey();
  const issued = await issueNodeCertificate(ca, {
    nodeId: 'node-ch-1',
    jurisdiction: 'CH/FINMA',
    publicKeyPem,
    now: NOW,
    ipAddresses: ['127.0.0.1'],
  });
  const opts = { caCertificatePem: ca.certificatePem, now: NOW };

  it('issues a certificate naming node id and jurisdiction, chained to the CA', async () => {
    expect(await verifyNodeCertificate(issued.certificatePem, { ...opts, nodeId: 'node-ch-1' })).toEqual({
      valid: true,
      nodeId: 'node-ch-1',
      jurisdiction: 'CH/FINMA',
      serialNumber: issued.serialNumber,
      notAfter: new Date(NOW.getTime() + 90 * DAY).toISOString(),
    });
    const x509 = await loadX509();
    const cert = new x509.X509Certificate(issued.certificatePem);
    const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
    expect(san?.names.items.map((n) => n.value)).toEqual(['urn:jil:node:node-ch-1', '127.0.0.1']);
    expect(cert.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(false);
  });

  it('revocation into the CRL cuts the node off; a foreign CRL is refused', async () => {
    const crlPem = await createCrl(ca, { revoked: [{ serialNumber: issued.serialNumber, revokedAt: NOW }], now: NOW });
    expect(crlPem).toMatch(/^-----BEGIN X509 CRL-----/);
    expect(await verifyNodeCertificate(issued.certificatePem, { ...opts, crlPem })).toMatchObject({
      valid: false,
      check: 'revoked',
      code: 'FLEET_CERTIFICATE_INVALID',
    });
    const emptyCrl = await createCrl(ca, { revoked: [], now: NOW });
    expect((await verifyNodeCertificate(issued.certificatePem, { ...opts, crlPem: emptyCrl })).valid).toBe(true);
    const foreign = await createCrl(other, { revoked: [], now: NOW });
    expect(await verifyNodeCertificate(issued.certificatePem, { ...opts, crlPem: foreign })).toMatchObject({ check: 'crl' });
  });

  it('refuses other issuers, expired certificates, other nodes and garbage', async () => {
    const rogue = await issueNodeCertificate(other, { nodeId: 'node-ch-1', jurisdiction: 'CH/FINMA', publicKeyPem, now: NOW });
    expect(await verifyNodeCertificate(rogue.certificatePem, opts)).toMatchObject({ check: 'issuer' });
    expect(await verifyNodeCertificate(issued.certificatePem, { ...opts, now: new Date(NOW.getTime() + 91 * DAY) })).toMatchObject({
      check: 'validity',
    });
    expect(await verifyNodeCertificate(issued.certificatePem, { ...opts, nodeId: 'node-ch-2' })).toMatchObject({ check: 'node' });
    expect(await verifyNodeCertificate('nope', opts)).toMatchObject({ check: 'parse' });
  });

  it('validates issue parameters, listing every bad field', async () => {
    await expect(
      issueNodeCertificate(ca, { nodeId: 'bad id', jurisdiction: 'Switzerland', publicKeyPem: 'x', now: NOW, validityDays: 0 }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { fields: ['nodeId', 'jurisdiction', 'validityDays', 'publicKeyPem'].map((field) => expect.objectContaining({ field })) },
    });
  });
});

describe('CRL checks for relying parties (TLS channels)', async () => {
  const ca = await createCertificateAuthority({ now: NOW });
  const other = await createCertificateAuthority({ now: NOW, commonName: 'Rogue CA' });
  const { publicKeyPem } = await generateNodeKey();
  const issued = await issueNodeCertificate(ca, { nodeId: 'node-ch-1', jurisdiction: 'CH/FINMA', publicKeyPem, now: NOW });
  const crlPem = await createCrl(ca, { revoked: [{ serialNumber: issued.serialNumber, revokedAt: NOW }], now: NOW, validityMs: 3_600_000 });
  const opts = { caCertificatePem: ca.certificatePem, now: NOW };

  it('verifyCrl accepts the CA-signed CRL and lists its serials; refuses foreign, garbage, tampered and stale CRLs', async () => {
    expect(await verifyCrl(crlPem, opts)).toEqual({
      valid: true,
      thisUpdate: NOW.toISOString(),
      nextUpdate: new Date(NOW.getTime() + 3_600_000).toISOString(),
      revokedSerialNumbers: [issued.serialNumber],
    });
    expect(await verifyCrl(await createCrl(other, { revoked: [], now: NOW }), opts)).toMatchObject({ valid: false, check: 'issuer' });
    expect(await verifyCrl('nope', opts)).toMatchObject({ valid: false, check: 'parse' });
    expect(await verifyCrl(crlPem, { ...opts, now: new Date(NOW.getTime() + 3_600_000) })).toMatchObject({ check: 'expired' });
    const der = pemToDer(crlPem, 'X509 CRL');
    // tbsCertList (what the CA signs): the first element of the outer SEQUENCE; a flip anywhere in it must be refused
    const outerHeader = 2 + (der[1]! & 0x80 ? der[1]! & 0x7f : 0);
    const tbsLengthBytes = der[outerHeader + 1]! & 0x80 ? der[outerHeader + 1]! & 0x7f : 0;
    let tbsLength = tbsLengthBytes === 0 ? der[outerHeader + 1]! : 0;
    for (let k = 0; k < tbsLengthBytes; k++) tbsLength = tbsLength * 256 + der[outerHeader + 2 + k]!;
    const tbsEnd = outerHeader + 2 + tbsLengthBytes + tbsLength;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: outerHeader, max: tbsEnd - 1 }), fc.integer({ min: 1, max: 255 }), async (i, x) => {
        const bytes = der.slice();
        bytes[i] = bytes[i]! ^ x;
        const r = await verifyCrl(derToPem(bytes, 'X509 CRL'), opts);
        expect(r.valid).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('verifyNodeCertificate fails closed without a CRL when requireCrl, and refuses a stale CRL', async () => {
    expect(await verifyNodeCertificate(issued.certificatePem, { ...opts, requireCrl: true })).toMatchObject({ valid: false, check: 'crl' });
    const empty = await createCrl(ca, { revoked: [], now: NOW, validityMs: 1000 });
    expect((await verifyNodeCertificate(issued.certificatePem, { ...opts, crlPem: empty, requireCrl: true })).valid).toBe(true);
    expect(
      await verifyNodeCertificate(issued.certificatePem, { ...opts, crlPem: empty, now: new Date(NOW.getTime() + 1000) }),
    ).toMatchObject({
      check: 'crl',
      message: 'CRL is past its nextUpdate',
    });
  });
});
