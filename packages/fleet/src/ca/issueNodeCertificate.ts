import { JilError } from '@jil/core';
import { FieldCheck, IDENTIFIER } from '../internal/FieldCheck.js';
import { requireDate } from '../internal/requireDate.js';
import type { CertificateAuthority } from './createCertificateAuthority.js';
import { loadX509, NODE_KEY_ALGORITHM, pemToDer, randomSerial } from './loadX509.js';

/** Jurisdictions as the validator set writes them: ISO 3166 country, optional `/REGULATOR`, e.g. `CH/FINMA`. */
export const JURISDICTION = /^[A-Z]{2}(?:\/[A-Za-z0-9.-]{1,32})?$/;

/** Input of {@link issueNodeCertificate}. */
export interface IssueNodeCertificateParameters {
  nodeId: string;
  /** e.g. `CH/FINMA`. */
  jurisdiction: string;
  /** The node's SPKI public key, PEM (`generateNodeKey`); ECDSA P-256. */
  publicKeyPem: string;
  now: Date;
  /** Validity in days (default 90). */
  validityDays?: number;
  /** Extra subjectAltName entries for TLS server use. */
  dnsNames?: readonly string[];
  ipAddresses?: readonly string[];
}

/** An issued node certificate. */
export interface IssuedNodeCertificate {
  certificatePem: string;
  /** Lower-case hex serial number (what the CRL lists). */
  serialNumber: string;
  notBefore: string;
  notAfter: string;
}

/**
 * Issues a node's mTLS certificate: subject `CN=<nodeId>, OU=<jurisdiction>, O=JIL Fleet`, subjectAltName
 * `urn:jil:node:<nodeId>` (plus optional DNS/IP names), keyUsage digitalSignature, extendedKeyUsage clientAuth +
 * serverAuth, signed by the CA (ECDSA P-256, SHA-256).
 *
 * @param ca - the {@link CertificateAuthority}.
 * @param params - see {@link IssueNodeCertificateParameters}.
 * @returns the {@link IssuedNodeCertificate}.
 * @throws JilError `INVALID_ARGUMENT` listing every bad field (node id, jurisdiction, key, validity).
 * @see RFC 5280 §4.1, §4.2.1.6 (subjectAltName), §4.2.1.12 (extended key usage)
 * @example
 * import { issueNodeCertificate } from '@jil/fleet';
 * const cert = await issueNodeCertificate(ca, { nodeId: 'node-ch-1', jurisdiction: 'CH/FINMA', publicKeyPem, now: new Date() });
 */
export async function issueNodeCertificate(
  ca: CertificateAuthority,
  params: IssueNodeCertificateParameters,
): Promise<IssuedNodeCertificate> {
  if (params === null || typeof params !== 'object')
    throw new JilError('INVALID_ARGUMENT', 'params must be an object', { details: { field: 'params' } });
  const now = requireDate(params.now, 'now');
  const days = params.validityDays ?? 90;
  const check = new FieldCheck()
    .text('nodeId', params.nodeId, IDENTIFIER, 'an identifier')
    .text('jurisdiction', params.jurisdiction, JURISDICTION, 'CC or CC/REGULATOR')
    .integer('validityDays', days, 1, 825);
  const x509 = await loadX509();
  let publicKey: CryptoKey | undefined;
  try {
    publicKey = await globalThis.crypto.subtle.importKey('spki', pemToDer(params.publicKeyPem, 'PUBLIC KEY'), NODE_KEY_ALGORITHM, true, [
      'verify',
    ]);
  } catch {
    check.add('publicKeyPem', 'must be an ECDSA P-256 SPKI public key in PEM', 'format');
  }
  if (check.issues.length > 0 || publicKey === undefined) {
    throw new JilError('INVALID_ARGUMENT', 'invalid node certificate request', { details: { fields: check.issues } });
  }
  const caCert = new x509.X509Certificate(ca.certificatePem);
  const signingKey = await globalThis.crypto.subtle.importKey(
    'pkcs8',
    pemToDer(ca.privateKeyPem, 'PRIVATE KEY'),
    NODE_KEY_ALGORITHM,
    false,
    ['sign'],
  );
  const serialNumber = randomSerial();
  const notBefore = new Date(now - 60_000);
  const notAfter = new Date(now + days * 86_400_000);
  const names = [
    { type: 'url' as const, value: `urn:jil:node:${params.nodeId}` },
    ...(params.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(params.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject: `CN=${params.nodeId}, OU=${params.jurisdiction}, O=JIL Fleet`,
    issuer: caCert.subject,
    notBefore,
    notAfter,
    publicKey,
    signingKey,
    signingAlgorithm: NODE_KEY_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth, x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return {
    certificatePem: certificate.toString('pem'),
    serialNumber,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
  };
}
