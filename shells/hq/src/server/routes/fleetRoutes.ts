import type { FastifyInstance } from 'fastify';
import { JilError } from '@jil/core';
import { JURISDICTION, TRACKS, verifyAuditChain, type Track } from '@jil/fleet';
import { record } from '../../app/record.js';
import { stopNode } from '../../fleet/stopNode.js';
import { readBody } from '../../app/readBody.js';
import type { HqServices } from '../HqServices.js';

/** Node ids: identifiers without `:` (the access key is `node:<id>`). */
export const NODE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TRACK = new RegExp(`^(?:${TRACKS.join('|')})$`);

/**
 * Fleet routes (admin: enrol, upgrade, stop, revoke, jurisdictions, distribute, reader keys; reader: nodes, agents,
 * jobs, deployments, audit and its verification).
 */
export function registerFleetRoutes(app: FastifyInstance, s: HqServices): void {
  const { auth, nodes, distributor, ctx } = s;
  const releaseBody = (raw: unknown) => readBody(raw, { release_id: { type: 'string', pattern: UUID } });
  const zoneOf = (zone: string): string => {
    if (!JURISDICTION.test(zone))
      throw new JilError('REQUEST_VALIDATION_FAILED', 'zone must be CC or CC/REGULATOR (URL-encoded)', {
        details: { fields: [{ field: 'zone', message: 'invalid' }] },
      });
    return zone;
  };

  app.get('/v1/fleet/nodes', { preHandler: auth.reader }, async () => ({ nodes: await ctx.store.nodes.list() }));
  app.get('/v1/fleet/agents', { preHandler: auth.reader }, async () => ({
    agents: (await ctx.store.nodes.list())
      .filter((n) => n.agent_url !== null)
      .map((n) => ({
        node_id: n.node_id,
        agent_url: n.agent_url,
        status: n.status,
        registered_at: n.registered_at,
        certificate_serial: n.certificate_serial,
        certificate_not_after: n.certificate_not_after,
        last_heartbeat_at: n.last_heartbeat_at,
        running_digest: n.running_digest,
      })),
  }));
  app.get('/v1/fleet/distributions', { preHandler: auth.reader }, async () => ({ jobs: await ctx.store.jobs.list() }));
  app.get<{ Params: { jobId: string } }>('/v1/fleet/distribute/:jobId', { preHandler: auth.reader }, async (req) => {
    const job = UUID.test(req.params.jobId) ? await ctx.store.jobs.get(req.params.jobId) : undefined;
    if (job === undefined) throw new JilError('NOT_FOUND', 'no such job', { details: { job_id: req.params.jobId } });
    return job;
  });
  app.get('/v1/fleet/deployments', { preHandler: auth.reader }, async () => ({ deployments: await ctx.store.deployments.list() }));
  app.get<{ Querystring: { after?: string; limit?: string } }>('/v1/fleet/audit', { preHandler: auth.reader }, async (req) => {
    const after = Number(req.query.after ?? 0);
    const limit = Math.min(Number(req.query.limit ?? 100), 1000);
    if (!Number.isSafeInteger(after) || !Number.isSafeInteger(limit) || after < 0 || limit < 1)
      throw new JilError('REQUEST_VALIDATION_FAILED', 'after and limit must be integers', {
        details: { fields: [{ field: 'after', message: 'invalid' }] },
      });
    const newest = req.query.after === undefined;
    return { entries: await ctx.store.audit.list(newest ? { limit, newestFirst: true } : { afterSeq: after, limit }) };
  });
  app.get('/v1/fleet/audit/verify', { preHandler: auth.reader }, async () =>
    verifyAuditChain(await ctx.store.audit.list(), { publicKeys: ctx.trust.hq }),
  );

  app.post('/v1/fleet/nodes', { preHandler: auth.admin }, async (req, reply) => {
    const b = readBody(req.body, {
      node_id: { type: 'string', pattern: NODE_ID },
      jurisdiction: { type: 'string', pattern: JURISDICTION, rule: 'CC or CC/REGULATOR' },
      track: { type: 'string', pattern: TRACK },
    });
    return reply.status(201).send(await nodes.enroll(req.actor!, b.node_id, b.jurisdiction, b.track as Track));
  });
  app.post<{ Params: { id: string } }>('/v1/fleet/nodes/:id/upgrade', { preHandler: auth.admin }, async (req, reply) => {
    return reply.status(202).send(await distributor.distribute(req.actor!, releaseBody(req.body).release_id, { nodeIds: [req.params.id] }));
  });
  app.post<{ Params: { id: string } }>('/v1/fleet/nodes/:id/stop', { preHandler: auth.admin }, async (req, reply) => {
    readBody(req.body, {}, true);
    const node = await nodes.requireLive(req.params.id, 'node.stop');
    const answer = await stopNode(ctx, req.actor!, node);
    return reply.status(answer.status === 200 ? 200 : 502).send(
      answer.status === 200
        ? answer.body
        : {
            error: {
              code: 'CLIENT_HTTP',
              message: 'the agent did not stop the container',
              details: { status: answer.status, agent: answer.body?.error ?? null },
            },
          },
    );
  });
  app.delete<{ Params: { id: string } }>('/v1/fleet/nodes/:id', { preHandler: auth.admin }, async (req) =>
    nodes.revoke(req.actor!, req.params.id),
  );
  app.post<{ Params: { zone: string } }>('/v1/fleet/jurisdictions/:zone/upgrade', { preHandler: auth.admin }, async (req, reply) => {
    return reply
      .status(202)
      .send(await distributor.distribute(req.actor!, releaseBody(req.body).release_id, { jurisdiction: zoneOf(req.params.zone) }));
  });
  app.post<{ Params: { zone: string } }>('/v1/fleet/jurisdictions/:zone/config', { preHandler: auth.admin }, async (req) => {
    const zone = zoneOf(req.params.zone);
    const b = readBody(req.body, { config: { type: 'object' } });
    await ctx.store.jurisdictions.set(zone, JSON.stringify(b.config), ctx.clock());
    await record(ctx, { actor: req.actor!, action: 'jurisdiction.config', target: `jurisdiction:${zone}` }, 'ok', {
      keys: Object.keys(b.config).sort(),
    });
    return ctx.store.jurisdictions.get(zone);
  });
  app.post('/v1/fleet/distribute', { preHandler: auth.admin }, async (req, reply) => {
    const b = readBody(req.body, {
      release_id: { type: 'string', pattern: UUID },
      node_ids: { type: 'strings', pattern: NODE_ID, optional: true },
      jurisdiction: { type: 'string', pattern: JURISDICTION, optional: true },
    });
    return reply
      .status(202)
      .send(await distributor.distribute(req.actor!, b.release_id, { nodeIds: b.node_ids, jurisdiction: b.jurisdiction }));
  });
  app.post('/v1/fleet/access-keys', { preHandler: auth.admin }, async (req, reply) => {
    const b = readBody(req.body, { label: { type: 'string', pattern: /^[A-Za-z0-9 ._-]{1,64}$/ } });
    const id = `reader-${nodes.newId().slice(-12)}`;
    const secret = await ctx.store.accessKeys.create(id, 'reader', { label: b.label });
    await record(ctx, { actor: req.actor!, action: 'access_key.create', target: `key:${id}` }, 'ok', { role: 'reader', label: b.label });
    return reply.status(201).send({ access_key_id: id, secret_b64: Buffer.from(secret).toString('base64') });
  });
}
