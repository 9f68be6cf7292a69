import { base64Encode, JilError, uuidv7 } from '@jil/core';
import { createCrl, issueNodeCertificate, verifyNodeCertificate, type Track } from '@jil/fleet';
import type { HqContext } from '../app/HqContext.js';
import { record, refuse } from '../app/record.js';
import type { NodeRecord } from '../storage/NodeRepository.js';
import { samePublicKey } from './samePublicKey.js';

/** A node's access key id: `node:<node_id>`. */
export const nodeAccessKeyId = (nodeId: string): string => `node:${nodeId}`;

/**
 * HQ's node side: enrolment (node key), agent registration (certificate from the CA), heartbeats, revocation into
 * the CRL, node auth checks. Agent reports are `ReportService`'s.
 */
export class NodeService {
  readonly #ctx: HqContext;

  constructor(ctx: HqContext) {
    this.#ctx = ctx;
  }

  /** `POST /v1/fleet/nodes`: enrol a node; returns its access key secret once (agent configuration). */
  async enroll(
    actor: string,
    nodeId: string,
    jurisdiction: string,
    track: Track,
  ): Promise<{ node: NodeRecord; access_key_id: string; secret_b64: string }> {
    const ctx = this.#ctx;
    if ((await ctx.store.nodes.get(nodeId)) !== undefined) {
      return refuse(
        ctx,
        { actor, action: 'node.enroll', target: `node:${nodeId}` },
        { code: 'FLEET_STATE_CONFLICT', message: 'node id already enrolled', details: { reason: 'exists' } },
      );
    }
    const now = ctx.clock();
    const secret = await ctx.store.db.transaction(async (tx) => {
      await tx.query("INSERT INTO nodes (node_id, jurisdiction, track, status, enrolled_at) VALUES ($1, $2, $3, 'enrolled', $4)", [
        nodeId,
        jurisdiction,
        track,
        now,
      ]);
      const s = globalThis.crypto.getRandomValues(new Uint8Array(32));
      await tx.query("INSERT INTO access_keys (access_key_id, secret_b64, role, node_id) VALUES ($1, $2, 'node', $3)", [
        nodeAccessKeyId(nodeId),
        base64Encode(s),
        nodeId,
      ]);
      return s;
    });
    await record(ctx, { actor, action: 'node.enroll', target: `node:${nodeId}` }, 'ok', { jurisdiction, track });
    return { node: (await ctx.store.nodes.get(nodeId))!, access_key_id: nodeAccessKeyId(nodeId), secret_b64: base64Encode(secret) };
  }

  /** Refuses revoked nodes (audited) and returns the node. */
  async requireLive(nodeId: string, action: string): Promise<NodeRecord> {
    const node = await this.#ctx.store.nodes.get(nodeId);
    if (node === undefined) throw new JilError('NOT_FOUND', 'no such node', { details: { node_id: nodeId } });
    if (node.status === 'revoked')
      return refuse(
        this.#ctx,
        { actor: `node:${nodeId}`, action, target: `node:${nodeId}` },
        { code: 'FLEET_NODE_REVOKED', message: 'the node is revoked' },
      );
    return node;
  }

  /** Checks the certificate a node presents (CA signature, validity, CRL, node id). */
  async checkCertificate(nodeId: string, pem: string | undefined, action: string): Promise<void> {
    const ctx = this.#ctx;
    const subject = { actor: `node:${nodeId}`, action, target: `node:${nodeId}` };
    if (pem === undefined)
      return refuse(ctx, subject, {
        code: 'FLEET_CERTIFICATE_INVALID',
        message: 'a registered node must present its certificate',
        details: { check: 'missing' },
      });
    const result = await verifyNodeCertificate(pem, {
      caCertificatePem: ctx.ca.certificatePem,
      crlPem: await this.crl(),
      now: ctx.clock(),
      nodeId,
    });
    if (!result.valid) {
      return refuse(ctx, subject, {
        code: result.check === 'revoked' ? 'FLEET_NODE_REVOKED' : 'FLEET_CERTIFICATE_INVALID',
        message: result.message,
        details: { check: result.check },
      });
    }
  }

  /** The CA's current CRL (PEM), listing every revoked node certificate. */
  async crl(): Promise<string> {
    return createCrl(this.#ctx.ca, { revoked: await this.#ctx.store.certificates.revoked(), now: this.#ctx.clock() });
  }

  /** `POST /v1/fleet/nodes/:nodeId/register-agent`: issue (or keep) the node certificate, record the agent URL. */
  async registerAgent(
    nodeId: string,
    body: { agent_url: string; public_key_pem: string; container_name?: string | undefined },
  ): Promise<Record<string, unknown>> {
    const ctx = this.#ctx;
    const node = await this.requireLive(nodeId, 'agent.register');
    const now = ctx.clock();
    const current = await ctx.store.nodes.certificatePem(nodeId);
    const keep =
      current !== undefined &&
      node.certificate_not_after !== null &&
      Date.parse(node.certificate_not_after) - now.getTime() > ctx.settings.certificateRenewBeforeMs &&
      samePublicKey(current, body.public_key_pem);
    let cert = { certificatePem: current ?? '', serialNumber: node.certificate_serial ?? '', notAfter: node.certificate_not_after ?? '' };
    if (!keep) {
      const url = new URL(body.agent_url);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const isIp = /^[\d.]+$/.test(host) || host.includes(':');
      const issued = await issueNodeCertificate(ctx.ca, {
        nodeId,
        jurisdiction: node.jurisdiction,
        publicKeyPem: body.public_key_pem,
        now,
        validityDays: ctx.settings.certificateValidityDays,
        ...(isIp ? { ipAddresses: [host] } : { dnsNames: [host] }),
      });
      await ctx.store.certificates.insert(issued.serialNumber, nodeId, now, issued.notAfter);
      cert = issued;
    }
    await ctx.store.nodes.register(nodeId, {
      agentUrl: body.agent_url,
      containerName: body.container_name ?? null,
      serial: cert.serialNumber,
      pem: cert.certificatePem,
      notAfter: cert.notAfter,
      at: now,
    });
    await record(ctx, { actor: `node:${nodeId}`, action: 'agent.register', target: `node:${nodeId}` }, 'ok', {
      agent_url: body.agent_url,
      serial_number: cert.serialNumber,
      renewed: !keep,
    });
    return {
      node_id: nodeId,
      certificate_pem: cert.certificatePem,
      serial_number: cert.serialNumber,
      not_after: cert.notAfter,
      ca_certificate_pem: ctx.ca.certificatePem,
    };
  }

  /** `POST /v1/heartbeats`. */
  async heartbeat(
    nodeId: string,
    body: { running_digest: string | null; services: unknown; disk_used_ratio: number | null },
  ): Promise<void> {
    const ctx = this.#ctx;
    await ctx.store.nodes.heartbeat(
      nodeId,
      JSON.stringify({ services: body.services, disk_used_ratio: body.disk_used_ratio }),
      body.running_digest,
      ctx.clock(),
    );
  }

  /** `DELETE /v1/fleet/nodes/:id`: revoke — certificates onto the CRL, access key disabled, nothing sent to it again. */
  async revoke(actor: string, nodeId: string): Promise<{ node_id: string; revoked_certificates: number }> {
    const ctx = this.#ctx;
    const node = await ctx.store.nodes.get(nodeId);
    if (node === undefined) throw new JilError('NOT_FOUND', 'no such node', { details: { node_id: nodeId } });
    const now = ctx.clock();
    const revoked = await ctx.store.db.transaction(async (tx) => {
      await tx.query("UPDATE nodes SET status = 'revoked', revoked_at = $2 WHERE node_id = $1", [nodeId, now]);
      await tx.query('UPDATE access_keys SET revoked_at = $2 WHERE node_id = $1 AND revoked_at IS NULL', [nodeId, now]);
      const { rows } = await tx.query(
        'UPDATE certificates SET revoked_at = $2 WHERE node_id = $1 AND revoked_at IS NULL RETURNING serial_number',
        [nodeId, now],
      );
      return rows.length;
    });
    await record(ctx, { actor, action: 'node.revoke', target: `node:${nodeId}` }, 'ok', { revoked_certificates: revoked });
    return { node_id: nodeId, revoked_certificates: revoked };
  }

  /** A `uuidv7` at HQ's clock (ids of jobs, alerts, deliveries). */
  newId(): string {
    return uuidv7(this.#ctx.clock());
  }
}
