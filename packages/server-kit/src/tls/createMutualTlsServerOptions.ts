import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { JilError } from '@jil/core';
import { checkPeerSocket, type PeerVerdict } from './checkPeerSocket.js';
import type { MutualTlsIdentity } from './MutualTlsIdentity.js';

/** Options of {@link createMutualTlsServerOptions}: the node's identity, plus the nodes this server accepts. */
export interface MutualTlsServerParameters extends MutualTlsIdentity {
  /** Node ids (certificate `CN`) allowed to call; default: any node certificate of the CA. */
  allowedNodeIds?: readonly string[];
}

/** What {@link createMutualTlsServerOptions} returns. */
export interface MutualTlsServerOptions {
  /** For `https.createServer` or Fastify's `https` option: TLS 1.3, client certificate required and chained to the CA. */
  https: { ca: string; cert: string; key: string; requestCert: true; rejectUnauthorized: true; minVersion: 'TLSv1.3' };
  /** The per-request check of the peer certificate (CRL, validity, node); a refusal is logged with its reason. */
  checkRequest(req: IncomingMessage): Promise<PeerVerdict>;
  /** Logs a handshake OpenSSL refused (expired or foreign certificate, none at all): attach to `tlsClientError`. */
  onTlsClientError(
    error: Error & { code?: string },
    socket: { remoteAddress?: string | undefined; authorizationError?: Error | string },
  ): void;
}

/**
 * Server side of the fleet's mutual TLS (docs/operations.md §Mutual TLS): the `https` options (the CA as the only
 * trust anchor, a client certificate required, TLS 1.3) and the check run on every request against the current CRL —
 * OpenSSL checks the chain and validity at the handshake, the check adds the CRL (fail closed when none is valid) and
 * the allowed nodes. Revocation applies within one CRL refresh plus the request in flight.
 *
 * @param p - see {@link MutualTlsServerParameters}.
 * @returns see {@link MutualTlsServerOptions}.
 * @throws JilError `CONFIG_INVALID` (details.field) when a PEM is missing.
 * @see RFC 8446 §4.3.2 (CertificateRequest), RFC 5280 §6
 * @example
 * import { createMutualTlsServerOptions, listenMutualTls } from '@jil/server-kit/tls';
 * const tls = createMutualTlsServerOptions({ caCertificatePem, certificatePem, privateKeyPem, crl: refresher, log: app.log });
 * const server = await listenMutualTls(app, tls, { host: '127.0.0.1', port: 7443 });
 */
export function createMutualTlsServerOptions(p: MutualTlsServerParameters): MutualTlsServerOptions {
  for (const field of ['caCertificatePem', 'certificatePem', 'privateKeyPem'] as const)
    if (typeof p[field] !== 'string' || !p[field].includes('-----BEGIN '))
      throw new JilError('CONFIG_INVALID', `${field} must be a PEM block`, { details: { field } });
  return {
    https: {
      ca: p.caCertificatePem,
      cert: p.certificatePem,
      key: p.privateKeyPem,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.3',
    },
    async checkRequest(req) {
      const verdict = await checkPeerSocket(req.socket as TLSSocket, p, p.allowedNodeIds);
      if (!verdict.ok)
        p.log?.warn(
          {
            channel: 'mtls-server',
            check: verdict.check,
            code: verdict.code,
            reason: verdict.message,
            serial_number: verdict.serialNumber,
          },
          'mTLS peer refused',
        );
      return verdict;
    },
    onTlsClientError(error, socket) {
      p.log?.warn(
        {
          channel: 'mtls-server',
          check: 'handshake',
          // OpenSSL's verdict on the client certificate (e.g. CERT_HAS_EXPIRED); Node then only reports a hang-up
          reason: String(socket.authorizationError ?? error.code ?? error.message),
          remote_address: socket.remoteAddress,
        },
        'mTLS handshake refused',
      );
    },
  };
}
