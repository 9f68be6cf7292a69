/**
 * Where a TLS endpoint gets the CA's current CRL (PEM): a {@link CrlRefresher} on nodes, HQ's own CRL at HQ.
 * `current()` answers `undefined` when no valid CRL is at hand: every peer is then refused (fail closed).
 * `onChange`, when present, is called after each new CRL so open connections are checked again; the source awaits the
 * listener before it reports the refresh done.
 */
export interface CrlSource {
  current(): string | undefined | Promise<string | undefined>;
  onChange?(listener: () => void | Promise<void>): () => void;
}

/** The pino-like logger refusals are written to (Fastify's `app.log` fits). */
export interface MutualTlsLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

/**
 * A node's TLS identity and trust: its certificate and key (issued by HQ's CA, `issueNodeCertificate`), the pinned CA
 * and the CRL source. Both directions (server and client) take the same record.
 */
export interface MutualTlsIdentity {
  /** The fleet CA certificate (PEM): the only trust anchor. */
  caCertificatePem: string;
  /** This node's certificate (PEM). */
  certificatePem: string;
  /** This node's private key (PKCS#8 PEM). Never logged. */
  privateKeyPem: string;
  crl: CrlSource;
  clock?: () => Date;
  log?: MutualTlsLogger;
}
