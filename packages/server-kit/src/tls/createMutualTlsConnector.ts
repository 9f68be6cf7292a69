import type { TLSSocket } from 'node:tls';
import { JilError } from '@jil/core';
import { Agent, buildConnector } from 'undici';
import { checkPeerSocket } from './checkPeerSocket.js';
import type { MutualTlsIdentity } from './MutualTlsIdentity.js';

/** Options of {@link createMutualTlsConnector}: the node's identity, plus the servers it accepts. */
export interface MutualTlsClientParameters extends MutualTlsIdentity {
  /** Node ids (certificate `CN`) this client accepts as servers; default: any node certificate of the CA. */
  serverNodeIds?: readonly string[];
  /** TLS connect deadline, ms (default 10 000). */
  connectTimeoutMs?: number;
  /**
   * Keep connections alive between requests (default true; `createMutualTlsAgent` only). With a CRL source that has
   * no `onChange` (HQ's own CRL), set `false`: every request then opens a connection and is checked against the CRL.
   */
  keepAlive?: boolean;
}

/**
 * Client side of the fleet's mutual TLS, as an undici `connect` function (for `new Pool(origin, { connect })` or
 * `new Agent({ connect })`): presents the node certificate, trusts only the CA (OpenSSL checks chain, validity and the
 * host name against the subjectAltName), then checks the server certificate against the current CRL (fail closed) and
 * the allowed nodes before the socket is used. When the CRL source announces a new CRL, every open connection is
 * checked again and a refused one is destroyed, so revocation applies within one CRL refresh plus the request in
 * flight. Every refusal is logged with its reason and fails the request with a `JilError` (`FLEET_NODE_REVOKED`,
 * `FLEET_CERTIFICATE_INVALID`) or the TLS error.
 *
 * @param p - see {@link MutualTlsClientParameters}.
 * @returns an undici `buildConnector.connector`.
 * @throws JilError `CONFIG_INVALID` (details.field) when a PEM is missing.
 * @see RFC 8446 §4.4.2, RFC 5280 §6, docs/operations.md §Mutual TLS
 * @example
 * import { Pool } from 'undici';
 * import { createMutualTlsConnector } from '@jil/server-kit/tls';
 * const pool = new Pool('https://127.0.0.1:7101', { connect: createMutualTlsConnector({ ...identity, crl: refresher }) });
 */
export function createMutualTlsConnector(p: MutualTlsClientParameters): buildConnector.connector {
  for (const field of ['caCertificatePem', 'certificatePem', 'privateKeyPem'] as const)
    if (typeof p[field] !== 'string' || !p[field].includes('-----BEGIN '))
      throw new JilError('CONFIG_INVALID', `${field} must be a PEM block`, { details: { field } });
  const base = buildConnector({
    ca: p.caCertificatePem,
    cert: p.certificatePem,
    key: p.privateKeyPem,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.3',
    timeout: p.connectTimeoutMs ?? 10_000,
    // no TLS session resumption: a resumed session carries no peer certificate to check against the CRL
    maxCachedSessions: 0,
  });
  const live = new Set<TLSSocket>();
  const refuse = (fields: Record<string, unknown>, message: string): void => p.log?.warn({ channel: 'mtls-client', ...fields }, message);
  p.crl.onChange?.(async () => {
    await Promise.all(
      [...live].map(async (socket) => {
        const v = await checkPeerSocket(socket, p, p.serverNodeIds);
        if (v.ok) return;
        refuse(
          { check: v.check, code: v.code, reason: v.message, serial_number: v.serialNumber },
          'mTLS server refused (open connection cut)',
        );
        live.delete(socket);
        socket.destroy();
      }),
    );
  });
  return (options, callback) => {
    base(options, (error, socket) => {
      if (error !== null) {
        refuse(
          { check: 'handshake', reason: (error as { code?: string }).code ?? error.message, host: options.hostname },
          'mTLS handshake refused',
        );
        callback(error, null);
        return;
      }
      const tls = socket as TLSSocket;
      checkPeerSocket(tls, p, p.serverNodeIds).then(
        (v) => {
          if (v.ok) {
            live.add(tls);
            tls.once('close', () => live.delete(tls));
            callback(null, tls);
            return;
          }
          refuse(
            { check: v.check, code: v.code, reason: v.message, serial_number: v.serialNumber, host: options.hostname },
            'mTLS server refused',
          );
          tls.destroy();
          callback(new JilError(v.code, 'server certificate refused', { details: { check: v.check, reason: v.message } }), null);
        },
        (cause: unknown) => {
          tls.destroy();
          callback(new JilError('INTERNAL', 'server certificate check failed', { cause }), null);
        },
      );
    });
  };
}

/**
 * An undici `Agent` whose connections use {@link createMutualTlsConnector} (for `fetch(url, { dispatcher })`).
 * @throws JilError `CONFIG_INVALID` as {@link createMutualTlsConnector}.
 * @example
 * import { createMutualTlsAgent } from '@jil/server-kit/tls';
 * const dispatcher = createMutualTlsAgent({ ...identity, crl: refresher });
 */
export function createMutualTlsAgent(p: MutualTlsClientParameters): Agent {
  // undici: pipelining 0 = no keep-alive, one request per connection
  return new Agent({ connect: createMutualTlsConnector(p), ...(p.keepAlive === false ? { pipelining: 0 } : {}) });
}
