import type { TLSSocket } from 'node:tls';
import { verifyNodeCertificate } from '@jil/fleet';
import type { MutualTlsIdentity } from './MutualTlsIdentity.js';

/** Verdict on a TLS peer: its node id and serial, or the failing check with the error code and reason. */
export type PeerVerdict =
  | { ok: true; nodeId: string; serialNumber: string; notAfterMs: number }
  | { ok: false; check: string; code: 'FLEET_CERTIFICATE_INVALID' | 'FLEET_NODE_REVOKED'; message: string; serialNumber?: string };

const cache = new WeakMap<TLSSocket, { crl: string | undefined; verdict: Promise<PeerVerdict> }>();

function derToPem(der: Uint8Array): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * Checks the certificate the peer of `socket` presented, as policy (`verifyNodeCertificate` with `requireCrl`):
 * issued by the CA, inside its validity period, not on the current CRL, a CRL at hand and not past nextUpdate, and —
 * when `allowedNodeIds` is given — naming one of those nodes. The verdict is cached per socket and CRL, and checked
 * again when the CRL changes or the certificate expires, so a keep-alive connection is cut once its node is revoked.
 * Internal to the TLS module.
 */
export async function checkPeerSocket(
  socket: TLSSocket,
  identity: MutualTlsIdentity,
  allowedNodeIds?: readonly string[],
): Promise<PeerVerdict> {
  const crl = await identity.crl.current();
  const now = (identity.clock ?? (() => new Date()))();
  const cached = cache.get(socket);
  if (cached !== undefined && cached.crl === crl) {
    const v = await cached.verdict;
    if (!v.ok || now.getTime() < v.notAfterMs) return v;
  }
  const verdict = (async (): Promise<PeerVerdict> => {
    const peer = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate(true) : undefined;
    if (peer?.raw === undefined) return { ok: false, check: 'missing', code: 'FLEET_CERTIFICATE_INVALID', message: 'no peer certificate' };
    const r = await verifyNodeCertificate(derToPem(peer.raw), {
      caCertificatePem: identity.caCertificatePem,
      crlPem: crl,
      requireCrl: true,
      now,
    });
    if (!r.valid) {
      const serialNumber = peer.serialNumber.toLowerCase();
      return {
        ok: false,
        check: r.check,
        code: r.check === 'revoked' ? 'FLEET_NODE_REVOKED' : 'FLEET_CERTIFICATE_INVALID',
        message: r.message,
        serialNumber,
      };
    }
    if (allowedNodeIds !== undefined && !allowedNodeIds.includes(r.nodeId))
      return {
        ok: false,
        check: 'node',
        code: 'FLEET_CERTIFICATE_INVALID',
        message: 'node not allowed on this channel',
        serialNumber: r.serialNumber,
      };
    return { ok: true, nodeId: r.nodeId, serialNumber: r.serialNumber, notAfterMs: Date.parse(r.notAfter) };
  })();
  cache.set(socket, { crl, verdict });
  return verdict;
}
