import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { JilError } from '@jil/core';
import { zodFieldIssues } from '@jil/psa';
import { MAX_OVERLAP_SECONDS, type AccessKeyAdmin } from '../../keys/AccessKeyAdmin.js';
import { parseJsonBody } from '@jil/server-kit';

const ACTOR = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x20-\x7e]+$/, 'must be printable ASCII');
/** An access key id as the admin routes accept it. */
export const ACCESS_KEY_ID_PATTERN = '^[A-Za-z0-9._:-]{1,128}$';
/** A custodian id: 1–128 printable ASCII characters without spaces. */
export const CUSTODIAN_ID_PATTERN = '^[\\x21-\\x7e]{1,128}$';

const RateLimitSchema = z.strictObject({
  /** Sustained requests per second (token refill rate). */
  per_second: z.number().gt(0).max(100_000),
  /** Largest burst (bucket size). */
  burst: z.number().int().min(1).max(1_000_000),
});

/** Body of `POST /admin/v1/access-keys`. */
export const CreateAccessKeySchema = z.strictObject({
  custodian_id: z.string().regex(new RegExp(CUSTODIAN_ID_PATTERN), 'must be 1–128 printable ASCII characters without spaces'),
  label: z.string().max(256).optional(),
  rate_limit: RateLimitSchema.optional(),
  /** Who asks (recorded in the audit table as `admin-api:<actor>`). */
  actor: ACTOR.optional(),
});

/** Body of `POST /admin/v1/access-keys/{id}/rotate`. */
export const RotateAccessKeySchema = z.strictObject({
  /** How long the old key stays valid, in seconds (default 86 400; 0 ends it now). */
  overlap_seconds: z.number().int().min(0).max(MAX_OVERLAP_SECONDS).optional(),
  actor: ACTOR.optional(),
});

/** Body of `POST /admin/v1/access-keys/{id}/revoke`. */
export const RevokeAccessKeySchema = z.strictObject({ reason: z.string().max(2000).optional(), actor: ACTOR.optional() });

const ListQuery = z.strictObject({ custodian_id: z.string().regex(new RegExp(CUSTODIAN_ID_PATTERN)).optional() });
const EventsQuery = z.strictObject({
  access_key_id: z.string().regex(new RegExp(ACCESS_KEY_ID_PATTERN)).optional(),
  limit: z
    .string()
    .regex(/^[1-9][0-9]{0,2}$/, 'must be an integer 1–999')
    .optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = zodFieldIssues(parsed.error);
  throw new JilError('REQUEST_VALIDATION_FAILED', `invalid ${what}: ${fields.map((f) => f.field).join(', ')}`, { details: { fields } });
}

/** A JSON body, or `{}` when the request has none (rotate and revoke need no fields). */
const optionalBody = (body: unknown): unknown =>
  body === undefined || body === null || (body instanceof Uint8Array && body.length === 0) ? {} : parseJsonBody(body);

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Register the admin API (docs/api.md §Access keys): `POST /admin/v1/access-keys`, `GET /admin/v1/access-keys`
 * (`?custodian_id=`), `GET /admin/v1/access-keys/{id}` (with its audit events), `POST …/{id}/rotate`,
 * `POST …/{id}/revoke`, `GET /admin/v1/access-key-events` (`?access_key_id=&limit=`). Every route needs
 * `Authorization: Bearer <admin token>` (compared in constant time over SHA-256 digests; `401 AUTH_ADMIN_TOKEN_INVALID`
 * otherwise). HMAC access keys never open these routes, and the admin token never opens `/v1`.
 *
 * @param app - the Fastify instance.
 * @param d - the admin token and the key service.
 * @example
 * registerAdminRoutes(app, { adminToken, keys: new AccessKeyAdmin(db, new SecretBox(kek)) });
 */
export function registerAdminRoutes(app: FastifyInstance, d: { adminToken: string; keys: AccessKeyAdmin }): void {
  const expected = digest(d.adminToken);
  const admin = async (req: FastifyRequest): Promise<void> => {
    const header = req.headers.authorization;
    const token = typeof header === 'string' && /^Bearer [\x21-\x7e]+$/.test(header) ? header.slice(7) : '';
    if (!timingSafeEqual(digest(token), expected) || token === '') {
      throw new JilError('AUTH_ADMIN_TOKEN_INVALID', 'admin routes need Authorization: Bearer <admin token>', {
        details: { header: 'Authorization' },
      });
    }
  };
  const actor = (given: string | undefined) => `admin-api${given === undefined ? '' : `:${given}`}`;

  app.post('/admin/v1/access-keys', { preHandler: admin }, async (req, reply) => {
    const body = parse(CreateAccessKeySchema, parseJsonBody(req.body), 'access key');
    const issued = await d.keys.create({
      custodian_id: body.custodian_id,
      label: body.label,
      rate_limit: body.rate_limit ?? null,
      actor: actor(body.actor),
    });
    req.log.info({ access_key_id: issued.access_key.access_key_id, custodian_id: body.custodian_id }, 'access key created');
    return reply.status(201).header('cache-control', 'no-store').send(issued);
  });

  app.get('/admin/v1/access-keys', { preHandler: admin }, async (req) => {
    const q = parse(ListQuery, req.query, 'query');
    return { access_keys: await d.keys.list({ custodian_id: q.custodian_id }) };
  });

  app.get<{ Params: { id: string } }>('/admin/v1/access-keys/:id', { preHandler: admin }, async (req) => {
    const key = await d.keys.get(req.params.id);
    if (!key) throw new JilError('NOT_FOUND', 'no such access key', { details: { field: 'id' } });
    return { access_key: key, events: await d.keys.events({ access_key_id: key.access_key_id }) };
  });

  app.post<{ Params: { id: string } }>('/admin/v1/access-keys/:id/rotate', { preHandler: admin }, async (req, reply) => {
    const body = parse(RotateAccessKeySchema, optionalBody(req.body), 'rotation');
    const rotated = await d.keys.rotate(req.params.id, { overlap_seconds: body.overlap_seconds, actor: actor(body.actor) });
    req.log.info({ access_key_id: rotated.access_key.access_key_id, previous: rotated.previous.access_key_id }, 'access key rotated');
    return reply.status(201).header('cache-control', 'no-store').send(rotated);
  });

  app.post<{ Params: { id: string } }>('/admin/v1/access-keys/:id/revoke', { preHandler: admin }, async (req) => {
    const body = parse(RevokeAccessKeySchema, optionalBody(req.body), 'revocation');
    const key = await d.keys.revoke(req.params.id, { actor: actor(body.actor), reason: body.reason });
    req.log.info({ access_key_id: key.access_key_id }, 'access key revoked');
    return { access_key: key };
  });

  app.get('/admin/v1/access-key-events', { preHandler: admin }, async (req) => {
    const q = parse(EventsQuery, req.query, 'query');
    return { events: await d.keys.events({ access_key_id: q.access_key_id, limit: q.limit === undefined ? 100 : Number(q.limit) }) };
  });
}
