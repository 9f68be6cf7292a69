import { JilError } from '@jil/core';
import { requireDate, requireRecord } from '../internal/requireDate.js';
import type { CertificateAuthority } from './createCertificateAuthority.js';
import { derToPem, loadX509, NODE_KEY_ALGORITHM, pemToDer } from './loadX509.js';

/** One revoked certificate. */
export interface RevokedCertificate {
  /** Hex serial number of the certificate. */
  serialNumber: string;
  revokedAt: Date;
}

/**
 * Signs a certificate revocation list of the CA with every revoked node certificate (reason keyCompromise is not
 * assumed: entries carry no reason code unless revoked for cause later).
 *
 * @param ca - the {@link CertificateAuthority}.
 * @param params - `revoked` entries, `now` (thisUpdate) and `validityMs` until nextUpdate (default 1 day).
 * @returns the CRL as PEM (`-----BEGIN X509 CRL-----`, RFC 7468 §5).
 * @throws JilError `INVALID_ARGUMENT` for a bad serial number or date.
 * @see RFC 5280 §5
 * @example
 * import { createCrl } from '@jil/fleet';
 * const crlPem = await createCrl(ca, { revoked: [{ serialNumber, revokedAt: new Date() }], now: new Date() });
 */
export async function createCrl(
  ca: CertificateAuthority,
  params: { revoked: readonly RevokedCertificate[]; now: Date; validityMs?: number },
): Promise<string> {
  requireRecord(params, 'params');
  const now = requireDate(params.now, 'now');
  for (const [i, entry] of params.revoked.entries()) {
    if (typeof entry.serialNumber !== 'string' || !/^[0-9a-f]{2,40}$/.test(entry.serialNumber)) {
      throw new JilError('INVALID_ARGUMENT', 'serialNumber must be lower-case hex', { details: { field: `revoked[${i}].serialNumber` } });
    }
    requireDate(entry.revokedAt, `revoked[${i}].revokedAt`);
  }
  const x509 = await loadX509();
  const caCert = new x509.X509Certificate(ca.certificatePem);
  const signingKey = await globalThis.crypto.subtle.importKey(
    'pkcs8',
    pemToDer(ca.privateKeyPem, 'PRIVATE KEY'),
    NODE_KEY_ALGORITHM,
    false,
    ['sign'],
  );
  const crl = await x509.X509CrlGenerator.create({
    issuer: caCert.subject,
    thisUpdate: new Date(now),
    nextUpdate: new Date(now + (params.validityMs ?? 86_400_000)),
    entries: params.revoked.map((r) => ({ serialNumber: r.serialNumber, revocationDate: r.revokedAt })),
    signingKey,
    signingAlgorithm: NODE_KEY_ALGORITHM,
  });
  return derToPem(crl.rawData, 'X509 CRL'); // RFC 7468 §5 label, as OpenSSL and Node's TLS `crl` option expect
}
