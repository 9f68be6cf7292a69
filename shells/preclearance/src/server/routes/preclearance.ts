import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { z } from 'zod';
import { base64Decode, JilError, sha256Hex, type FieldIssue } from '@jil/core';
import {
  normalizeChainId,
  parseTransferRequest,
  psaLogEntry,
  TX_PREIMAGE_HASH_ALGS,
  verifyPsa,
  zodFieldIssues,
  type PreclearanceEngine,
  type SignedValidatorSet,
} from '@jil/psa';
import { parseJsonBody, type Db } from '@jil/server-kit';
import { PgRiskHistoryStore } from '../../storage/PgRiskHistoryStore.js';
import { LogRepository } from '../../storage/LogRepository.js';
import { PsaRepository } from '../../storage/PsaRepository.js';
import { leafHash } from '@jil/core/tlog';
import type { LogService } from '../../log/LogService.js';
import type { PsaIssuer } from '../../distributed/PsaIssuer.js';
import { isTransitIdConflict, replayOrRefuse, requestSha256 } from './transitReplay.js';
import { inSpan, markError, preclearanceTracer } from '../../tracing/tracedStages.js';

/** Largest body of `POST /v1/preclearance/verify` (256 KiB): room for a hybrid PSA (≈ 68 KB) and its expectation. */
export const VERIFY_BODY_LIMIT_BYTES = 256 * 1024;

/** Body of `POST /v1/preclearance/verify`. */
export const VerifyRequestSchema = z.strictObject({
  /** The PSA as a DSSE envelope. */
  envelope: z.looseObject({}),
  /** What the PSA must attest; see `PsaExpectation`. */
  expect: z
    .strictObject({
      transfer: z.record(z.string(), z.string()).optional(),
      tx_preimage_hash: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
      tx_preimage_hash_alg: z.enum(TX_PREIMAGE_HASH_ALGS).optional(),
      domain: z
        .strictObject({
          purpose: z.enum(['transfer', 'deposit_credit']).optional(),
          chain_id: z.string().optional(),
          block_height: z.number().int().min(0).optional(),
        })
        .optional(),
    })
    .optional(),
  /** Mark the PSA consumed (single use): a second consume answers `PSA_CONSUMED`. */
  consume: z.boolean().optional(),
});

interface Deps {
  engine: PreclearanceEngine;
  /** Signs the PSA: embedded validators or the distributed quorum. */
  issuer: PsaIssuer;
  signedValidatorSet: SignedValidatorSet;
  db: Db;
  psas: PsaRepository;
  authenticate: (request: FastifyRequest) => Promise<void>;
  clock: () => Date;
  /** Called after a PSA and its log entry committed, so the log integrates it soon (see LogService). */
  onLogged?: () => void;
  /** The transparency log, for inclusion proofs. */
  log?: LogService;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Register the HMAC-authenticated `/v1` routes. */
export function registerPreclearanceRoutes(app: FastifyInstance, d: Deps): void {
  // One trace per validate (docs/operations.md §Traces): the request's span, and as its children `auth`, the stages,
  // `quorum` (distributed mode) and `storage`. Attributes: verdict, psa_id, statuses and codes — never names or addresses.
  const spans = new WeakMap<FastifyRequest, Span>();
  const spanContext = (req: FastifyRequest) => {
    const span = spans.get(req);
    return span ? trace.setSpan(ROOT_CONTEXT, span) : context.active();
  };
  const endSpan = async (req: FastifyRequest, statusCode: number | undefined) => {
    const span = spans.get(req);
    if (!span) return;
    spans.delete(req);
    if (statusCode !== undefined) span.setAttribute('http.response.status_code', statusCode);
    if (statusCode === undefined || statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  app.post(
    '/v1/preclearance/validate',
    {
      onRequest: async (req) => {
        spans.set(
          req,
          preclearanceTracer.startSpan(
            'POST /v1/preclearance/validate',
            { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'POST', 'http.route': '/v1/preclearance/validate' } },
            ROOT_CONTEXT,
          ),
        );
      },
      preHandler: (req) => inSpan('auth', {}, () => d.authenticate(req), spanContext(req)),
      onError: async (req, _reply, error) => {
        const span = spans.get(req);
        if (span) markError(span, error);
      },
      onResponse: (req, reply) => endSpan(req, reply.statusCode),
      onRequestAbort: (req) => endSpan(req, undefined),
    },
    (req, reply) => context.with(spanContext(req), () => validate(req, reply)),
  );
  const validate = async (req: FastifyRequest, reply: FastifyReply) => {
    const span = trace.getActiveSpan();
    const request = parseTransferRequest(parseJsonBody(req.body));
    if (request.custodian_id !== req.custodianId) {
      throw new JilError('AUTH_FORBIDDEN', 'custodian_id does not belong to this access key', { details: { field: 'custodian_id' } });
    }
    // One PSA per (custodian, transit_id): the same request replays it, another is refused (transitReplay.ts).
    const hash = requestSha256(request);
    const prior = await d.psas.findByTransit(request.custodian_id, request.transit_id);
    if (prior) {
      span?.setAttributes({ 'jil.replay': true, 'jil.psa_id': prior.record.psa_id });
      return replayOrRefuse(reply, prior, hash, d.db);
    }
    const now = d.clock();
    const { envelope, body, partySalts } = await d.issuer.issue(request, now, { custodianId: request.custodian_id, log: req.log });
    span?.setAttributes({ 'jil.psa_id': body.psa_id, 'jil.verdict': body.verdict, 'jil.signatures': envelope.signatures.length });
    let logIndex: number | null;
    try {
      logIndex = await inSpan('storage', { 'jil.psa_id': body.psa_id }, () =>
        d.db.transaction(async (tx) => {
          await new PsaRepository(tx).insert({
            psa_id: body.psa_id,
            transit_id: body.transit_id,
            custodian_id: request.custodian_id,
            verdict: body.verdict,
            issued_at: new Date(body.issued_at),
            expires_at: new Date(body.expires_at),
            envelope: envelope as unknown as Record<string, unknown>,
            body_sha256: sha256Hex(base64Decode(envelope.payload)),
            request_sha256: hash,
          });
          await new PgRiskHistoryStore(tx).append(d.engine.historyRecord(request, now));
          // The transparency log's entry (psaLogEntry: the envelope's RFC 8785 bytes, or its digest form when those
          // exceed 65,535 bytes), sequenced in the PSA's own transaction.
          if (!d.log) return null;
          const entry = psaLogEntry(envelope);
          return new LogRepository(tx).sequence(body.psa_id, entry, leafHash(entry));
        }),
      );
    } catch (error) {
      // A concurrent request with this transit_id committed first: answer as if it had been first in line.
      const winner = isTransitIdConflict(error) ? await d.psas.findByTransit(request.custodian_id, request.transit_id) : null;
      if (winner) return replayOrRefuse(reply, winner, hash, d.db);
      throw error;
    }
    d.onLogged?.();
    req.log.info({ psa_id: body.psa_id, verdict: body.verdict, log_index: logIndex }, 'psa issued');
    // party_salts: the salts of the party-name commitments, for the custodian only (never stored, never in the PSA).
    return reply.status(201).send({
      psa_id: body.psa_id,
      verdict: body.verdict,
      expires_at: body.expires_at,
      log_index: logIndex,
      envelope,
      body,
      party_salts: partySalts,
    });
  };

  // A PSA signed by 14 hybrid validators (composite ML-DSA-65 + Ed25519) is ≈ 68 KB: this route takes bodies up to
  // VERIFY_BODY_LIMIT_BYTES whatever the service-wide limit.
  app.post('/v1/preclearance/verify', { preHandler: d.authenticate, bodyLimit: VERIFY_BODY_LIMIT_BYTES }, async (req) => {
    const parsed = VerifyRequestSchema.safeParse(parseJsonBody(req.body));
    if (!parsed.success) {
      const fields: FieldIssue[] = zodFieldIssues(parsed.error);
      throw new JilError('REQUEST_VALIDATION_FAILED', `invalid verify request: ${fields.map((f) => f.field).join(', ')}`, {
        details: { fields },
      });
    }
    const { envelope, consume } = parsed.data;
    // The PSA carries the canonical chain id; an expectation in another accepted spelling means the same chain.
    const chainId = parsed.data.expect?.domain?.chain_id;
    const expect =
      chainId === undefined || parsed.data.expect?.domain === undefined
        ? parsed.data.expect
        : { ...parsed.data.expect, domain: { ...parsed.data.expect.domain, chain_id: normalizeChainId(chainId) ?? chainId } };
    const result = verifyPsa(envelope, {
      validatorSet: d.engine.validatorSet,
      now: d.clock(),
      ...(expect ? { expect: expect as NonNullable<Parameters<typeof verifyPsa>[1]['expect']> } : {}),
    });
    if (!result.valid) {
      return {
        valid: false,
        check: result.check,
        code: result.code,
        message: result.message,
        ...(result.body ? { psa_id: result.body.psa_id } : {}),
      };
    }
    const summary = {
      psa_id: result.body.psa_id,
      verdict: result.body.verdict,
      expires_at: result.body.expires_at,
      signers: result.signers.length,
      jurisdictions: result.jurisdictions,
    };
    if (consume) {
      const outcome = await d.psas.consume(result.body.psa_id, req.accessKeyId ?? 'unknown', d.clock());
      if (outcome === 'already_consumed')
        return {
          valid: false,
          check: 'single_use',
          code: 'PSA_CONSUMED',
          message: 'this PSA was already consumed',
          psa_id: result.body.psa_id,
        };
      if (outcome === 'not_found')
        return {
          valid: false,
          check: 'single_use',
          code: 'NOT_FOUND',
          message: 'this PSA was not issued by this service',
          psa_id: result.body.psa_id,
        };
      return { valid: true, consumed: true, ...summary };
    }
    return { valid: true, consumed: false, ...summary };
  });

  app.get<{ Params: { id: string } }>('/v1/preclearance/psa/:id', { preHandler: d.authenticate }, async (req) => {
    if (!UUID.test(req.params.id))
      throw new JilError('REQUEST_VALIDATION_FAILED', 'id must be a UUID', {
        details: { fields: [{ field: 'id', message: 'must be a UUID' }] },
      });
    const record = await d.psas.get(req.params.id);
    if (!record || record.custodian_id !== req.custodianId)
      throw new JilError('NOT_FOUND', `no PSA ${req.params.id}`, { details: { field: 'id' } });
    return {
      psa_id: record.psa_id,
      verdict: record.verdict,
      expires_at: record.expires_at.toISOString(),
      consumed_at: record.consumed_at?.toISOString() ?? null,
      envelope: record.envelope,
    };
  });

  app.get<{ Params: { id: string } }>('/v1/preclearance/psa/:id/proof', { preHandler: d.authenticate }, async (req) => {
    if (!UUID.test(req.params.id))
      throw new JilError('REQUEST_VALIDATION_FAILED', 'id must be a UUID', {
        details: { fields: [{ field: 'id', message: 'must be a UUID' }] },
      });
    const record = await d.psas.get(req.params.id);
    if (!record || record.custodian_id !== req.custodianId)
      throw new JilError('NOT_FOUND', `no PSA ${req.params.id}`, { details: { field: 'id' } });
    const proof = d.log ? await d.log.proof(record.psa_id) : null;
    if (proof === null)
      throw new JilError('NOT_FOUND', `PSA ${req.params.id} is not in a checkpoint yet; retry within a second`, {
        details: { field: 'id', retry_after_ms: 500 },
      });
    return { psa_id: record.psa_id, index: proof.index, tree_size: proof.treeSize, proof: proof.text };
  });

  app.get('/v1/validator-set', { preHandler: d.authenticate }, async () => ({
    set_id: d.engine.validatorSet.set.set_id,
    version: d.engine.validatorSet.set.version,
    sha256: d.engine.validatorSet.sha256,
    signed: d.signedValidatorSet,
  }));
}
