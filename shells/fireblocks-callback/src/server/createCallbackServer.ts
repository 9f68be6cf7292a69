import Fastify, { type FastifyInstance } from 'fastify';
import { JilError, sha256Hex } from '@jil/core';
import { zodFieldIssues } from '@jil/psa';
import { JilClient } from '@jil/sdk/client';
import { createMetrics, installHttpMetrics, toErrorReply, type Db, type Metrics } from '@jil/server-kit';
import { CALLBACK_DEFAULTS, type CallbackConfig } from '../config/CallbackConfig.js';
import type { Decision } from '../decide/Decision.js';
import { decideTxSignRequest } from '../decide/decideTxSignRequest.js';
import { signCallbackResponse } from '../jwt/signCallbackResponse.js';
import { verifyCosignerJwt } from '../jwt/verifyCosignerJwt.js';
import { TxSignRequestClaimsSchema, type TxSignRequestClaims } from '../request/TxSignRequestClaims.js';
import { DecisionRepository } from '../storage/DecisionRepository.js';

/** Options of {@link createCallbackServer}. */
export interface CallbackServerOptions {
  config: CallbackConfig;
  /** A database migrated with `migrateCallback`. */
  db: Db;
  /** Fastify logger setting (default off). */
  logger?: boolean | Record<string, unknown>;
  /** The registry served at `GET /metrics` (default: a fresh `createMetrics()`; docs/operations.md §Metrics). */
  metrics?: Metrics;
}

/** Time kept after the pre-clearance call for signing and storing the answer, in ms. */
const ANSWER_MARGIN_MS = 300;
const BODY_LIMIT = 1024 * 1024;

/** The screened claims kept with a decision: no names (`dstName`), no `players`. */
const storedClaims = (c: TxSignRequestClaims): Record<string, unknown> => {
  const { txId, operation, asset, sourceType, sourceId, destType, destId, destAddress, destAddressType, amountStr } = c;
  return {
    ...Object.fromEntries(
      Object.entries({ txId, operation, asset, sourceType, sourceId, destType, destId, destAddress, destAddressType, amountStr }).filter(
        ([, v]) => v !== undefined,
      ),
    ),
    destinations: (c.destinations ?? []).map((d) => ({
      amountNativeStr: d.amountNativeStr,
      amountUSD: d.amountUSD,
      displayDstAddress: d.displayDstAddress,
    })),
    rawTx: (c.rawTx ?? []).map((r) => ({ rawTx: r.rawTx, payload: r.payload })),
  };
};

/**
 * The callback handler of the Fireblocks API Co-Signer (docs/integrations/fireblocks.md): `POST /v2/tx_sign_request`
 * takes the co-signer's RS256 JWT, refuses a bad one (401 `FIREBLOCKS_JWT_INVALID`) or a replay of a `requestId` /
 * `jti` (409 `FIREBLOCKS_REQUEST_REPLAYED`), decides ({@link decideTxSignRequest}) within the response deadline, stores
 * the decision with its PSA, and answers 200 with the RS256-signed `{ action, requestId, rejectionReason? }`.
 * `GET /health` answers `{ status: "ok" }`; `GET /metrics` (public, Prometheus text format) the request series.
 */
export function createCallbackServer(o: CallbackServerOptions): FastifyInstance {
  const { config } = o;
  const clock = config.clock ?? (() => new Date());
  const deadlineMs = config.responseDeadlineMs ?? CALLBACK_DEFAULTS.responseDeadlineMs;
  const repo = new DecisionRepository(o.db);
  const app = Fastify({ logger: o.logger ?? false, bodyLimit: BODY_LIMIT });
  installHttpMetrics(app, o.metrics ?? createMetrics());
  app.removeAllContentTypeParsers();
  // The body is a compact JWS whatever the content type says.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.setErrorHandler((error, _req, reply) => {
    const { status, error: e, headers } = toErrorReply(error);
    void reply.status(status).headers(headers).send({ error: e.toJSON() });
  });
  app.setNotFoundHandler((_req, reply) => void reply.status(404).send({ error: new JilError('NOT_FOUND', 'no such route').toJSON() }));

  app.get('/health', async () => ({ status: 'ok' }));

  app.post('/v2/tx_sign_request', async (req, reply) => {
    const arrived = Date.now();
    const token = typeof req.body === 'string' ? req.body : '';
    const raw = await verifyCosignerJwt(token, {
      publicKey: config.cosignerPublicKey,
      now: clock(),
      maxAgeSeconds: config.maxJwtAgeSeconds ?? CALLBACK_DEFAULTS.maxJwtAgeSeconds,
    });
    const parsed = TxSignRequestClaimsSchema.safeParse(raw);
    if (!parsed.success) {
      const fields = zodFieldIssues(parsed.error);
      throw new JilError('REQUEST_VALIDATION_FAILED', `invalid tx_sign_request claims: ${fields.map((f) => f.field).join(', ')}`, {
        details: { fields },
      });
    }
    const claims = parsed.data;
    const claimed = await repo.claim({
      request_id: claims.requestId,
      jti: claims.jti ?? null,
      tx_id: claims.txId ?? null,
      request_jwt_sha256: sha256Hex(token.trim()),
      request: storedClaims(claims),
      received_at: clock(),
    });
    if (!claimed)
      throw new JilError('FIREBLOCKS_REQUEST_REPLAYED', 'this requestId (or jti) was already received; it is answered once', {
        details: { requestId: claims.requestId },
      });

    const deadline = arrived + deadlineMs - ANSWER_MARGIN_MS;
    const jilDeadline = Math.min(deadline, Date.now() + (config.jilTimeoutMs ?? CALLBACK_DEFAULTS.jilTimeoutMs));
    const client = new JilClient({ ...config.jil, timeoutMs: Math.max(1, jilDeadline - Date.now()), clock });
    const outage = (): Decision => {
      const action = config.onOutage ?? CALLBACK_DEFAULTS.onOutage;
      const note = `JIL pre-clearance gave no answer within the response deadline; outage policy ${action}`;
      return { action, outcome: 'outage', note, ...(action === 'REJECT' ? { rejectionReason: note } : {}) };
    };
    let timer: NodeJS.Timeout | undefined;
    const decision = await Promise.race([
      decideTxSignRequest({ claims, config, client, jilDeadline }).catch((error: unknown): Decision => {
        req.log.error({ err: error }, 'decision failed');
        return {
          action: 'REJECT',
          outcome: 'outage',
          rejectionReason: 'internal error while deciding',
          note: 'internal error while deciding',
        };
      }),
      new Promise<Decision>((resolve) => {
        timer = setTimeout(() => resolve(outage()), Math.max(0, deadline - Date.now()));
      }),
    ]).finally(() => clearTimeout(timer));

    const response = await signCallbackResponse(
      {
        action: decision.action,
        requestId: claims.requestId,
        ...(decision.rejectionReason === undefined ? {} : { rejectionReason: decision.rejectionReason }),
      },
      config.callbackPrivateKey,
      clock(),
    );
    await repo.decide(claims.requestId, decision, response, clock());
    req.log.info(
      { requestId: claims.requestId, action: decision.action, outcome: decision.outcome, psa_id: decision.psa?.psa_id },
      'tx_sign_request decided',
    );
    return reply.status(200).type('application/jwt').send(response);
  });
  return app;
}
