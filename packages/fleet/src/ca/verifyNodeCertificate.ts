import { JilError, type VerificationFailure } from '@jil/core';
import { requireDate, requireRecord } from '../internal/requireDate.js';
import { loadX509 } from './loadX509.js';

/** Options of {@link verifyNodeCertificate}. */
export interface VerifyNodeCertificateOptions {
  /** The CA certificate, PEM. */
  caCertificatePem: string;
  /**
   * The CA's current CRL, PEM; when given it must be signed by the CA and not past its nextUpdate, and a listed
   * certificate is refused.
   */
  crlPem?: string | undefined;
  /** Fail closed: refuse (check `crl`) when no `crlPem` is given (default false). Set on every TLS channel. */
  requireCrl?: boolean;
  now: Date;
  /** The node the caller expects the certificate to name. */
  nodeId?: string;
}

/** Which check refused a certificate. */
export type NodeCertificateCheck = 'parse' | 'issuer' | 'signature' | 'validity' | 'crl' | 'revoked' | 'node';

/** Outcome of {@link verifyNodeCertificate}. */
export type VerifyNodeCertificateResult =
  | { valid: true; nodeId: string; jurisdiction: string; serialNumber: string; notAfter: string }
  | VerificationFailure<NodeCertificateCheck, 'FLEET_CERTIFICATE_INVALID'>;

/**
 * Checks a node certificate against HQ's CA: parses, issuer is the CA, CA signature verifies, `now` inside the
 * validity period, CRL (signed by the CA, not past its nextUpdate; required when `requireCrl`) does not list it, and its
 * `CN` is the expected node. Names the first
 * failing check; never throws for a bad certificate.
 *
 * @param certificatePem - untrusted PEM.
 * @param options - see {@link VerifyNodeCertificateOptions}.
 * @returns node id, jurisdiction, serial and expiry, or the failing check (`FLEET_CERTIFICATE_INVALID`).
 * @throws JilError `INVALID_ARGUMENT` (details.field) for a bad `now` or a `caCertificatePem` that is not a PEM X.509 certificate.
 * @see RFC 5280 §6 (path validation, single level), §5 (CRL)
 * @example
 * import { verifyNodeCertificate } from '@jil/fleet';
 * const r = await verifyNodeCertificate(pem, { caCertificatePem, crlPem, now: new Date(), nodeId: 'node-ch-1' });
 */
export async function verifyNodeCertificate(
  certificatePem: string,
  options: VerifyNodeCertificateOptions,
): Promise<VerifyNodeCertificateResult> {
  requireRecord(options, 'options');
  const now = requireDate(options.now, 'now');
  const fail = (check: NodeCertificateCheck, message: string): VerifyNodeCertificateResult => ({
    valid: false,
    check,
    code: 'FLEET_CERTIFICATE_INVALID',
    message,
  });
  const x509 = await loadX509();
  let cert: InstanceType<typeof x509.X509Certificate>;
  let issuer: string;
  let ca: InstanceType<typeof x509.X509Certificate>;
  try {
    if (typeof options?.caCertificatePem !== 'string' || !options.caCertificatePem.includes('-----BEGIN CERTIFICATE-----'))
      throw new Error('not PEM');
    ca = new x509.X509Certificate(options.caCertificatePem);
  } catch (cause) {
    // the CA is the caller's configuration, not the input under test: a garbage CA is an argument error
    throw new JilError('INVALID_ARGUMENT', 'caCertificatePem is not a PEM X.509 certificate', {
      details: { field: 'caCertificatePem' },
      cause,
    });
  }
  try {
    if (typeof certificatePem !== 'string' || !certificatePem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('not PEM');
    cert = new x509.X509Certificate(certificatePem);
    issuer = cert.issuer;
  } catch {
    return fail('parse', 'not an X.509 certificate');
  }
  if (issuer !== ca.subject) return fail('issuer', 'not issued by the fleet CA');
  let signed = false;
  try {
    signed = await cert.verify({ publicKey: ca.publicKey, signatureOnly: true });
  } catch {
    signed = false;
  }
  if (!signed) return fail('signature', 'CA signature does not verify');
  if (now < cert.notBefore.getTime() || now >= cert.notAfter.getTime()) return fail('validity', 'outside the validity period');
  if (options.crlPem === undefined && options.requireCrl === true) return fail('crl', 'no valid CRL at hand (fail closed)');
  if (options.crlPem !== undefined) {
    let crl: InstanceType<typeof x509.X509Crl>;
    try {
      crl = new x509.X509Crl(options.crlPem);
      if (crl.issuer !== ca.subject || !(await crl.verify({ publicKey: ca.publicKey })))
        return fail('crl', 'CRL not signed by the fleet CA');
    } catch {
      return fail('crl', 'CRL cannot be parsed');
    }
    if (crl.nextUpdate !== undefined && now >= crl.nextUpdate.getTime()) return fail('crl', 'CRL is past its nextUpdate');
    if (crl.findRevoked(cert) !== null) return fail('revoked', 'certificate is revoked');
  }
  const nodeId = cert.subjectName.getField('CN')[0] ?? '';
  const jurisdiction = cert.subjectName.getField('OU')[0] ?? '';
  if (options.nodeId !== undefined && nodeId !== options.nodeId) return fail('node', 'certificate names another node');
  return { valid: true, nodeId, jurisdiction, serialNumber: cert.serialNumber, notAfter: cert.notAfter.toISOString() };
}
