import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { JilError } from '@jil/core';
import { zodFieldIssues, type PreclearanceEngine } from '@jil/psa';
import type { ClearanceRepository } from '../../storage/ClearanceRepository.js';
import { parseJsonBody } from '@jil/server-kit';

const TEXT = z.string().min(1).max(256);
const RFC3339 = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, 'must be an RFC 3339 time');

/** Body of `POST /v1/screening/clearances`. */
export const NewClearanceSchema = z.strictObject({
  /** The custodian's id of the party (`sender.id` / `receiver.id` in transfers). */
  party_id: TEXT,
  /** Dataset of the entry, e.g. `ofac-sdn` (`NameHit.list`). */
  list: z.string().min(1).max(64),
  /** The entry's id (`NameHit.entry_id`). */
  entry_id: z.string().min(1).max(128),
  /** Who reviewed and cleared it. */
  cleared_by: TEXT,
  /** The evidence that the party is not the listed entity. */
  reason: z.string().min(1).max(2000),
  /** Bind the clearance to the party's screened name (it stops applying when the name changes). */
  party_name: z.string().min(1).max(512).optional(),
  /** When the clearance stops applying (RFC 3339, in the future). */
  expires_at: RFC3339.optional(),
});

/** Body of `POST /v1/screening/clearances/:id/revoke`. */
export const RevokeClearanceSchema = z.strictObject({ revoked_by: TEXT, reason: z.string().min(1).max(2000) });

const ListQuerySchema = z.strictObject({ party_id: TEXT.optional(), include_revoked: z.enum(['true', 'false']).optional() });

interface Deps {
  engine: PreclearanceEngine;
  clearances: ClearanceRepository;
  authenticate: (request: FastifyRequest) => Promise<void>;
  clock: () => Date;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = zodFieldIssues(parsed.error);
  throw new JilError('REQUEST_VALIDATION_FAILED', `invalid ${what}: ${fields.map((f) => f.field).join(', ')}`, { details: { fields } });
}

/**
 * Register the false-positive clearance routes (HMAC auth; each custodian sees only its own):
 * `POST /v1/screening/clearances` (record: the entry must exist in the loaded lists), `GET /v1/screening/clearances`
 * (`?party_id=…&include_revoked=true`), `GET /v1/screening/clearances/:id` (with its audit events) and
 * `POST /v1/screening/clearances/:id/revoke`. Every change is written with an audit event (who, which access key,
 * when, why) in the same transaction.
 *
 * @param app - the Fastify instance.
 * @param d - engine (for the loaded lists), repository, auth hook and clock.
 * @example
 * import { registerClearanceRoutes } from './routes/clearances.js';
 * registerClearanceRoutes(app, { engine, clearances: new ClearanceRepository(db), authenticate, clock });
 */
export function registerClearanceRoutes(app: FastifyInstance, d: Deps): void {
  const entries = new Set(d.engine.snapshot.sanctions.map((e) => `${e.list}\u0000${e.entry_id}`));
  const custodian = (req: FastifyRequest): string => req.custodianId ?? '';

  app.post('/v1/screening/clearances', { preHandler: d.authenticate }, async (req, reply) => {
    const body = parse(NewClearanceSchema, parseJsonBody(req.body), 'clearance');
    if (!entries.has(`${body.list}\u0000${body.entry_id}`)) {
      throw new JilError('REQUEST_VALIDATION_FAILED', 'invalid clearance: entry_id', {
        details: {
          fields: [
            { field: 'entry_id', message: `no entry ${body.entry_id} in list ${body.list} of the loaded snapshot`, issue: 'unknown_entry' },
          ],
        },
      });
    }
    const at = d.clock();
    const expires = body.expires_at === undefined ? undefined : new Date(body.expires_at);
    if (expires !== undefined && !(expires.getTime() > at.getTime())) {
      throw new JilError('REQUEST_VALIDATION_FAILED', 'invalid clearance: expires_at', {
        details: { fields: [{ field: 'expires_at', message: 'must be in the future', issue: 'range' }] },
      });
    }
    const clearance = await d.clearances.create({
      custodian_id: custodian(req),
      party_id: body.party_id,
      list: body.list,
      entry_id: body.entry_id,
      cleared_by: body.cleared_by,
      reason: body.reason,
      access_key_id: req.accessKeyId ?? 'unknown',
      at,
      ...(body.party_name === undefined ? {} : { party_name: body.party_name }),
      ...(expires === undefined ? {} : { expires_at: expires }),
    });
    req.log.info({ clearance_id: clearance.clearance_id, list: clearance.list, entry_id: clearance.entry_id }, 'clearance recorded');
    return reply.status(201).send({ clearance });
  });

  app.get('/v1/screening/clearances', { preHandler: d.authenticate }, async (req) => {
    const q = parse(ListQuerySchema, req.query, 'query');
    return {
      clearances: await d.clearances.list(custodian(req), {
        ...(q.party_id === undefined ? {} : { party_id: q.party_id }),
        include_revoked: q.include_revoked === 'true',
      }),
    };
  });

  app.get<{ Params: { id: string } }>('/v1/screening/clearances/:id', { preHandler: d.authenticate }, async (req) => {
    const found = await d.clearances.get(custodian(req), req.params.id);
    if (!found) throw new JilError('NOT_FOUND', 'no such clearance for this custodian', { details: { field: 'id' } });
    return found;
  });

  app.post<{ Params: { id: string } }>('/v1/screening/clearances/:id/revoke', { preHandler: d.authenticate }, async (req) => {
    const body = parse(RevokeClearanceSchema, parseJsonBody(req.body), 'revocation');
    const found = await d.clearances.get(custodian(req), req.params.id);
    if (!found) throw new JilError('NOT_FOUND', 'no such clearance for this custodian', { details: { field: 'id' } });
    const clearance = await d.clearances.revoke(custodian(req), req.params.id, {
      revoked_by: body.revoked_by,
      reason: body.reason,
      access_key_id: req.accessKeyId ?? 'unknown',
      at: d.clock(),
    });
    req.log.info({ clearance_id: clearance.clearance_id }, 'clearance revoked');
    return { clearance };
  });
}
