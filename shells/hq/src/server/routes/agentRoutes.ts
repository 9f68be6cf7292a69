import type { TLSSocket } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import { base64Decode, bytesToUtf8, JilError, type FieldIssue } from '@jil/core';
import { readBody } from '../../app/readBody.js';
import { parseJsonBody } from '@jil/server-kit';
import type { AgentReport } from '../../fleet/ReportService.js';
import type { HqServices } from '../HqServices.js';
import { registerAgentJobRoutes } from './agentJobRoutes.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const CERT_HEADER = 'x-jil-node-certificate';

/**
 * The agents' routes (HMAC with the node key; revoked nodes refused): `POST /v1/fleet/nodes/:nodeId/register-agent`,
 * `POST /v1/fleet/nodes/:nodeId/verify-deployment` and `POST /v1/heartbeats` (both also need the node certificate,
 * checked against HQ's CA and CRL).
 */
export function registerAgentRoutes(app: FastifyInstance, s: HqServices): void {
  const { auth, nodes, reports } = s;
  /**
   * The certificate to check: the one presented in the mutual TLS handshake (proof of its key) when HQ serves TLS,
   * else the header's.
   */
  const certificate = (header: unknown, socket: unknown): string | undefined => {
    const peer = (socket as Partial<TLSSocket>).getPeerCertificate?.(true);
    if (peer?.raw !== undefined)
      return `-----BEGIN CERTIFICATE-----\n${peer.raw.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
    if (typeof header !== 'string') return undefined;
    try {
      return bytesToUtf8(base64Decode(header));
    } catch {
      return 'invalid';
    }
  };

  app.post<{ Params: { nodeId: string } }>('/v1/fleet/nodes/:nodeId/register-agent', { preHandler: auth.node }, async (req) => {
    const b = readBody(req.body, {
      agent_url: { type: 'string', pattern: /^https?:\/\/[^\s/]+\/?$/, rule: 'an http(s) base URL' },
      public_key_pem: { type: 'string', pattern: /^-----BEGIN PUBLIC KEY-----[A-Za-z0-9+/=\s]+-----END PUBLIC KEY-----\s*$/ },
      container_name: { type: 'string', pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, optional: true },
      accepted: { type: 'object', optional: true },
    });
    return nodes.registerAgent(req.nodeId!, b);
  });

  app.post<{ Params: { nodeId: string } }>('/v1/fleet/nodes/:nodeId/verify-deployment', { preHandler: auth.node }, async (req) => {
    await nodes.checkCertificate(req.nodeId!, certificate(req.headers[CERT_HEADER], req.raw.socket), 'agent.report');
    const b = readBody(req.body, {
      node_id: { type: 'string' },
      outcome: { type: 'string', pattern: /^(?:verified|refused|failed|stopped)$/ },
      command_id: { type: 'string', pattern: UUID, optional: true },
      job_id: { type: 'string', pattern: UUID, optional: true },
      release_id: { type: 'string', pattern: UUID, optional: true },
      digest: { type: 'string', pattern: DIGEST, optional: true },
      repo_digests: { type: 'strings', pattern: /^[^\s@]{1,512}@sha256:[0-9a-f]{64}$/, optional: true },
      container_id: { type: 'string', pattern: /^[0-9a-f]{12,64}$/, optional: true },
      image_id: { type: 'string', pattern: DIGEST, optional: true },
      code: { type: 'string', pattern: /^[A-Z0-9_]{1,64}$/, optional: true },
      message: { type: 'string', optional: true },
      check: { type: 'string', pattern: /^[a-z_]{1,32}$/, optional: true },
      details: { type: 'object', optional: true },
      claimed_command_id: { type: 'string', optional: true },
      claimed_node_id: { type: 'string', optional: true },
      claimed_release_id: { type: 'string', optional: true },
      claimed_job_id: { type: 'string', optional: true },
    });
    if (b.node_id !== req.nodeId) throw new JilError('AUTH_FORBIDDEN', 'node_id is not this node', { details: { field: 'node_id' } });
    const { node_id: _, ...report } = b;
    return reports.report(req.nodeId!, report as AgentReport);
  });

  app.post('/v1/heartbeats', { preHandler: auth.node }, async (req) => {
    await nodes.checkCertificate(req.nodeId!, certificate(req.headers[CERT_HEADER], req.raw.socket), 'heartbeat');
    const b = parseJsonBody(req.body) as Record<string, unknown>;
    const fields: FieldIssue[] = [];
    const services = b['services'];
    const disk = b['disk_used_ratio'];
    const digest = b['running_digest'];
    if (b['node_id'] !== req.nodeId) throw new JilError('AUTH_FORBIDDEN', 'node_id is not this node', { details: { field: 'node_id' } });
    if (!(digest === null || (typeof digest === 'string' && DIGEST.test(digest))))
      fields.push({ field: 'running_digest', message: 'must be null or a sha256 digest' });
    if (!(disk === null || (typeof disk === 'number' && disk >= 0 && disk <= 1)))
      fields.push({ field: 'disk_used_ratio', message: 'must be null or 0–1' });
    const okService = (x: unknown): boolean =>
      typeof x === 'object' &&
      x !== null &&
      typeof (x as { name?: unknown }).name === 'string' &&
      typeof (x as { state?: unknown }).state === 'string' &&
      Object.keys(x).length === 2;
    if (!(Array.isArray(services) && services.length <= 32 && services.every(okService)))
      fields.push({ field: 'services', message: 'must be a list of { name, state }' });
    for (const k of Object.keys(b))
      if (!['node_id', 'at', 'running_digest', 'services', 'disk_used_ratio'].includes(k))
        fields.push({ field: k, message: 'unknown field' });
    if (fields.length > 0) throw new JilError('REQUEST_VALIDATION_FAILED', 'invalid heartbeat', { details: { fields } });
    await nodes.heartbeat(req.nodeId!, {
      running_digest: digest as string | null,
      services: services as { name: string; state: string }[],
      disk_used_ratio: disk as number | null,
    });
    return { ok: true };
  });
  registerAgentJobRoutes(app, s);
}
