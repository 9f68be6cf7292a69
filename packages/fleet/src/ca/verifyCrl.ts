import { JilError, type VerificationFailure } from '@jil/core';
import { requireDate, requireRecord } from '../internal/requireDate.js';
import { loadX509 } from './loadX509.js';

/** Which check refused a CRL. */
export type CrlCheck = 'parse' | 'issuer' | 'signature' | 'expired';

/** Outcome of {@link verifyCrl}. */
export type VerifyCrlResult =
  | { valid: true; thisUpdate: string; nextUpdate: string | undefined; revokedSerialNumbers: string[] }
  | VerificationFailure<CrlCheck, 'FLEET_CERTIFICATE_INVALID'>;

/**
 * Checks a CRL before a relying party uses it: parses (PEM `X509 CRL`), issuer is the CA, the CA's signature
 * verifies, and `now` is before its nextUpdate (a CRL past nextUpdate is stale and must not be used, RFC 5280 §5.1.2.5).
 * Never throws for a bad CRL.
 *
 * @param crlPem - untrusted PEM (e.g. fetched from HQ's `GET /v1/fleet/ca`).
 * @param options - `caCertificatePem` (the pinned CA, PEM) and `now`.
 * @returns thisUpdate / nextUpdate (ISO 8601) and the revoked serial numbers (lower-case hex), or the failing check.
 * @throws JilError `INVALID_ARGUMENT` (details.field) for a bad `now` or a `caCertificatePem` that is not a certificate.
 * @see RFC 5280 §5 (CRL profile), §6.3 (CRL validation)
 * @example
 * import { verifyCrl } from '@jil/fleet';
 * const r = await verifyCrl(crlPem, { caCertificatePem, now: new Date() });
 */
export async function verifyCrl(crlPem: string, options: { caCertificatePem: string; now: Date }): Promise<VerifyCrlResult> {
  requireRecord(options, 'options');
  const now = requireDate(options.now, 'now');
  const fail = (check: CrlCheck, message: string): VerifyCrlResult => ({ valid: false, check, code: 'FLEET_CERTIFICATE_INVALID', message });
  const x509 = await loadX509();
  let ca: InstanceType<typeof x509.X509Certificate>;
  try {
    if (typeof options.caCertificatePem !== 'string' || !options.caCertificatePem.includes('-----BEGIN CERTIFICATE-----'))
      throw new Error('not PEM');
    ca = new x509.X509Certificate(options.caCertificatePem);
  } catch (cause) {
    throw new JilError('INVALID_ARGUMENT', 'caCertificatePem is not a PEM X.509 certificate', {
      details: { field: 'caCertificatePem' },
      cause,
    });
  }
  let crl: InstanceType<typeof x509.X509Crl>;
  try {
    if (typeof crlPem !== 'string' || !crlPem.includes('-----BEGIN X509 CRL-----')) throw new Error('not PEM');
    crl = new x509.X509Crl(crlPem);
  } catch {
    return fail('parse', 'not an X.509 CRL');
  }
  if (crl.issuer !== ca.subject) return fail('issuer', 'CRL not issued by the fleet CA');
  let signed = false;
  try {
    signed = await crl.verify({ publicKey: ca.publicKey });
  } catch {
    signed = false;
  }
  if (!signed) return fail('signature', 'CA signature of the CRL does not verify');
  if (crl.nextUpdate !== undefined && now >= crl.nextUpdate.getTime()) return fail('expired', 'CRL is past its nextUpdate');
  return {
    valid: true,
    thisUpdate: crl.thisUpdate.toISOString(),
    nextUpdate: crl.nextUpdate?.toISOString(),
    revokedSerialNumbers: crl.entries.map((e) => e.serialNumber.toLowerCase()),
  };
}
