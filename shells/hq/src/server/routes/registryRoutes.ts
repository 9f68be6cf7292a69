import type { FastifyInstance } from 'fastify';
import { TRACKS, type Track } from '@jil/fleet';
import { readBody } from '../../app/readBody.js';
import type { HqServices } from '../HqServices.js';

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TRACK = new RegExp(`^(?:${TRACKS.join('|')})$`);

/**
 * Registry routes: `GET/POST /v1/registry/images`, `POST /v1/registry/images/:name/sign|verify|promote`,
 * `POST /v1/registry/release`, `GET /v1/registry/releases`.
 */
export function registerRegistryRoutes(app: FastifyInstance, s: HqServices): void {
  const { auth, registry, releases, ctx } = s;
  app.get('/v1/registry/images', { preHandler: auth.reader }, async () => ({ images: await ctx.store.images.list() }));
  app.get('/v1/registry/releases', { preHandler: auth.reader }, async () => ({ releases: await ctx.store.releases.list() }));

  app.post('/v1/registry/images', { preHandler: auth.admin }, async (req, reply) => {
    const b = readBody(req.body, {
      name: { type: 'string', pattern: NAME, rule: 'a lower-case image name' },
      reference: { type: 'string', rule: 'registry/path:tag' },
    });
    return reply.status(201).send(await registry.registerImage(req.actor!, b.name, b.reference));
  });

  app.post<{ Params: { name: string } }>('/v1/registry/images/:name/sign', { preHandler: auth.admin }, async (req) => {
    const b = readBody(req.body, { digest: { type: 'string', pattern: DIGEST, optional: true } }, true);
    return registry.signImage(req.actor!, req.params.name, b.digest);
  });

  app.post<{ Params: { name: string } }>('/v1/registry/images/:name/verify', { preHandler: auth.reader }, async (req) => {
    const b = readBody(req.body, { digest: { type: 'string', pattern: DIGEST, optional: true } }, true);
    return registry.verifyImage(req.actor!, req.params.name, b.digest);
  });

  app.post('/v1/registry/release', { preHandler: auth.admin }, async (req, reply) => {
    const b = readBody(req.body, {
      name: { type: 'string', pattern: NAME },
      track: { type: 'string', pattern: TRACK, rule: TRACKS.join(' | ') },
      digest: { type: 'string', pattern: DIGEST, optional: true },
      ttl_seconds: { type: 'integer', min: 60, max: 366 * 86_400, optional: true },
    });
    return reply.status(201).send(await releases.createRelease(req.actor!, b.name, b.track as Track, b.digest, b.ttl_seconds));
  });

  app.post<{ Params: { name: string } }>('/v1/registry/images/:name/promote', { preHandler: auth.admin }, async (req) => {
    const b = readBody(req.body, {
      release_id: { type: 'string', pattern: UUID },
      approver_id: { type: 'string', pattern: /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/ },
      signature: { type: 'object' },
    });
    const sig = b.signature as { keyid?: unknown; sig?: unknown };
    const signature = { keyid: typeof sig.keyid === 'string' ? sig.keyid : '', sig: typeof sig.sig === 'string' ? sig.sig : '' };
    return releases.promote(req.actor!, req.params.name, b.release_id, b.approver_id, signature);
  });
}
