import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { JilError } from '@jil/core';
import { zodFieldIssues } from '@jil/psa';
import { EVIDENCE_KINDS, type EvidenceRepository } from '../../storage/EvidenceRepository.js';

const QuerySchema = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS).optional(),
  validator_id: z.string().min(1).max(64).optional(),
  limit: z
    .string()
    .regex(/^[1-9][0-9]{0,2}$/, 'must be an integer 1–500')
    .optional(),
});

/**
 * Register `GET /v1/validators/evidence` (HMAC auth): the evidence the coordinator stored against validators in
 * distributed mode — `bad_signature`, `wrong_key`, `equivocation` (both signed bodies) and `refusal` — for the caller's
 * custodian, newest first; `?kind=…&validator_id=…&limit=…` (limit 1–500, default 100). Empty in embedded mode.
 *
 * @param app - the Fastify instance.
 * @param d - the evidence repository and the auth hook.
 * @example
 * registerValidatorRoutes(app, { evidence: new EvidenceRepository(db), authenticate });
 */
export function registerValidatorRoutes(
  app: FastifyInstance,
  d: { evidence: EvidenceRepository; authenticate: (request: FastifyRequest) => Promise<void> },
): void {
  app.get('/v1/validators/evidence', { preHandler: d.authenticate }, async (req) => {
    const q = QuerySchema.safeParse(req.query);
    if (!q.success) {
      const fields = zodFieldIssues(q.error);
      throw new JilError('REQUEST_VALIDATION_FAILED', `invalid query: ${fields.map((f) => f.field).join(', ')}`, { details: { fields } });
    }
    const limit = q.data.limit === undefined ? 100 : Number(q.data.limit);
    if (limit > 500)
      throw new JilError('REQUEST_VALIDATION_FAILED', 'invalid query: limit', {
        details: { fields: [{ field: 'limit', message: 'must be an integer 1–500', issue: 'range' }] },
      });
    const evidence = await d.evidence.list(req.custodianId ?? '', {
      ...(q.data.kind ? { kind: q.data.kind } : {}),
      ...(q.data.validator_id ? { validator_id: q.data.validator_id } : {}),
      limit,
    });
    return { evidence };
  });
}
