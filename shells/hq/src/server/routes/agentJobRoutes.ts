import type { TLSSocket } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import { base64Decode, bytesToUtf8, JilError, type FieldIssue } from '@jil/core';
import { parseJsonBody } from '@jil/server-kit';
import { record } from '../../app/record.js';
import type { HqServices } from '../HqServices.js';

const JOBS = ['health', 'maintenance', 'security_audit', 'image_update'];
const STATUSES = ['ok', 'warning', 'critical', 'failed'];
const SEVERITIES = ['info', 'warning', 'critical'];
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
/** Newest approved releases served per track. */
const RELEASES_PER_TRACK = 20;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The certificate to check: the one of the mutual TLS handshake when HQ serves TLS, else the header's (as agentRoutes). */
function certificate(header: unknown, socket: unknown): string | undefined {
  const peer = (socket as Partial<TLSSocket>).getPeerCertificate?.(true);
  if (peer?.raw !== undefined)
    return `-----BEGIN CERTIFICATE-----\n${peer.raw.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
  if (typeof header !== 'string') return undefined;
  try {
    return bytesToUtf8(base64Decode(header));
  } catch {
    return 'invalid';
  }
}

function findingIssues(findings: unknown): FieldIssue[] {
  if (!Array.isArray(findings) || findings.length > 256) return [{ field: 'findings', message: 'must be a list of at most 256 findings' }];
  const issues: FieldIssue[] = [];
  findings.forEach((f: unknown, i) => {
    const ok =
      isObject(f) &&
      typeof f['rule'] === 'string' &&
      /^[a-z][a-z0-9_]{0,63}$/.test(f['rule']) &&
      SEVERITIES.includes(f['severity'] as string) &&
      typeof f['message'] === 'string' &&
      f['message'].length <= 1024 &&
      isObject(f['details']) &&
      Object.keys(f).length === 4;
    if (!ok) issues.push({ field: `findings[${i}]`, message: 'must be { rule, severity, message, details }' });
  });
  return issues;
}

/**
 * The scheduled jobs' routes of the update agents (HMAC with the node key, node certificate checked against HQ's CA
 * and CRL, revoked nodes refused — as the heartbeat):
 * - `POST /v1/fleet/nodes/:nodeId/releases` → `{ track, releases: [{ release_id, track, version, envelope }] }`: the
 *   newest approved release records per track (signed DSSE envelopes; the agent verifies them with its own policy);
 * - `POST /v1/fleet/nodes/:nodeId/job-reports` ← `{ node_id, job, started_at, finished_at, status, findings, summary }`:
 *   audited as `agent.job.<job>` (outcome `failed` for a failed run, else `ok`; the findings and summary are the
 *   details). docs/fleet.md §Agent jobs.
 */
export function registerAgentJobRoutes(app: FastifyInstance, s: HqServices): void {
  const { auth, nodes, ctx } = s;

  app.post<{ Params: { nodeId: string } }>('/v1/fleet/nodes/:nodeId/releases', { preHandler: auth.node }, async (req) => {
    await nodes.checkCertificate(req.nodeId!, certificate(req.headers['x-jil-node-certificate'], req.raw.socket), 'agent.releases');
    const node = await ctx.store.nodes.get(req.nodeId!);
    const perTrack = new Map<string, number>();
    const releases = (await ctx.store.releases.list())
      .filter((r) => r.status === 'approved')
      .sort((a, b) => b.version - a.version)
      .filter((r) => {
        const n = perTrack.get(r.track) ?? 0;
        perTrack.set(r.track, n + 1);
        return n < RELEASES_PER_TRACK;
      })
      .map((r) => ({ release_id: r.release_id, track: r.track, version: r.version, envelope: r.envelope }));
    return { track: node?.track ?? null, releases };
  });

  app.post<{ Params: { nodeId: string } }>('/v1/fleet/nodes/:nodeId/job-reports', { preHandler: auth.node }, async (req) => {
    await nodes.checkCertificate(req.nodeId!, certificate(req.headers['x-jil-node-certificate'], req.raw.socket), 'agent.job');
    const b = parseJsonBody(req.body);
    if (!isObject(b))
      throw new JilError('REQUEST_VALIDATION_FAILED', 'invalid job report', {
        details: { fields: [{ field: '(body)', message: 'must be an object' }] },
      });
    if (b['node_id'] !== req.nodeId) throw new JilError('AUTH_FORBIDDEN', 'node_id is not this node', { details: { field: 'node_id' } });
    const fields: FieldIssue[] = [];
    if (!JOBS.includes(b['job'] as string)) fields.push({ field: 'job', message: `must be one of ${JOBS.join(', ')}` });
    if (!STATUSES.includes(b['status'] as string)) fields.push({ field: 'status', message: `must be one of ${STATUSES.join(', ')}` });
    for (const k of ['started_at', 'finished_at'])
      if (!(typeof b[k] === 'string' && TIME.test(b[k]))) fields.push({ field: k, message: 'must be an RFC 3339 UTC time' });
    if (!isObject(b['summary'])) fields.push({ field: 'summary', message: 'must be an object' });
    fields.push(...findingIssues(b['findings']));
    for (const k of Object.keys(b))
      if (!['node_id', 'job', 'started_at', 'finished_at', 'status', 'findings', 'summary'].includes(k))
        fields.push({ field: k, message: 'unknown field' });
    if (fields.length > 0) throw new JilError('REQUEST_VALIDATION_FAILED', 'invalid job report', { details: { fields } });
    const target = `node:${req.nodeId!}`;
    await record(
      ctx,
      { actor: `agent:${req.nodeId!}`, action: `agent.job.${b['job'] as string}`, target },
      b['status'] === 'failed' ? 'failed' : 'ok',
      {
        status: b['status'],
        started_at: b['started_at'],
        finished_at: b['finished_at'],
        findings: b['findings'],
        summary: b['summary'],
      },
    );
    return { ok: true };
  });
}
