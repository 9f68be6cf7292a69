import { JilError } from '@jil/core';
import { requireDate, requireRecord } from '../internal/requireDate.js';
import { derToPem, loadX509, NODE_KEY_ALGORITHM, randomSerial } from './loadX509.js';

/** HQ's node CA: its self-signed certificate and PKCS#8 private key, both PEM. Keep `privateKeyPem` secret. */
export interface CertificateAuthority {
  certificatePem: string;
  privateKeyPem: string;
}

/**
 * Creates the fleet's node certificate authority: an ECDSA P-256 key and a self-signed CA certificate
 * (basicConstraints CA with path length 0, keyUsage keyCertSign + cRLSign), using Web Crypto.
 *
 * @param params - `now` (start of validity), `commonName` (default `JIL Fleet Node CA`), `validityDays` (default 3650).
 * @returns the {@link CertificateAuthority}.
 * @throws JilError `INVALID_ARGUMENT` for a bad date, name or validity.
 * @see RFC 5280 §4.2.1.9 (basic constraints), §4.2.1.3 (key usage)
 * @example
 * import { createCertificateAuthority } from '@jil/fleet';
 * const ca = await createCertificateAuthority({ now: new Date() });
 */
export async function createCertificateAuthority(params: {
  now: Date;
  commonName?: string;
  validityDays?: number;
}): Promise<CertificateAuthority> {
  requireRecord(params, 'params');
  const now = requireDate(params.now, 'now');
  const commonName = params.commonName ?? 'JIL Fleet Node CA';
  const days = params.validityDays ?? 3650;
  if (!/^[A-Za-z0-9 ._-]{1,64}$/.test(commonName))
    throw new JilError('INVALID_ARGUMENT', 'commonName must be 1–64 plain characters', { details: { field: 'commonName' } });
  if (!Number.isSafeInteger(days) || days < 1 || days > 36_500)
    throw new JilError('INVALID_ARGUMENT', 'validityDays must be 1–36500', { details: { field: 'validityDays' } });
  const x509 = await loadX509();
  const keys = await globalThis.crypto.subtle.generateKey(NODE_KEY_ALGORITHM, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${commonName}, O=JIL`,
    notBefore: new Date(now),
    notAfter: new Date(now + days * 86_400_000),
    keys,
    signingAlgorithm: NODE_KEY_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = await globalThis.crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certificatePem: certificate.toString('pem'), privateKeyPem: derToPem(pkcs8, 'PRIVATE KEY') };
}
