import type { FastifyInstance } from 'fastify';
import { JilError, uuidv7 } from '@jil/core';
import { record } from '../../app/record.js';
import { readBody } from '../../app/readBody.js';
import type { HqServices } from '../HqServices.js';

/** Alert routes: `GET /v1/alerts`, `GET /v1/alerts/webhooks/deliveries` (reader); `POST /v1/alerts/webhooks` (admin). */
export function registerAlertRoutes(app: FastifyInstance, s: HqServices): void {
  const { auth, ctx } = s;
  app.get('/v1/alerts', { preHandler: auth.reader }, async () => ({ alerts: await ctx.store.alerts.list() }));
  app.get('/v1/alerts/webhooks', { preHandler: auth.reader }, async () => ({
    webhooks: await ctx.store.webhooks.list(),
    deliveries: await ctx.store.webhooks.deliveries(),
  }));
  app.post('/v1/alerts/webhooks', { preHandler: auth.admin }, async (req, reply) => {
    const b = readBody(req.body, { url: { type: 'string', pattern: /^https?:\/\/\S+$/, rule: 'an http(s) URL' } });
    let url: URL;
    try {
      url = new URL(b.url);
    } catch (cause) {
      throw new JilError('REQUEST_VALIDATION_FAILED', 'url is not a URL', {
        details: { fields: [{ field: 'url', message: 'invalid' }] },
        cause,
      });
    }
    const id = uuidv7(ctx.clock());
    const secret = await ctx.store.webhooks.create(id, url.toString(), ctx.clock());
    await record(ctx, { actor: req.actor!, action: 'webhook.create', target: `webhook:${id}` }, 'ok', { host: url.host });
    return reply.status(201).send({ webhook_id: id, url: url.toString(), secret_b64: Buffer.from(secret).toString('base64') });
  });
}
