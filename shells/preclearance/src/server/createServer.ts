import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { JilError, verifyRequest, type NonceStore } from '@jil/core';
import type { PreclearanceEngine, SignedValidatorSet } from '@jil/psa';
import {
  createMetrics,
  edgeServerOptions,
  installHttpMetrics,
  installJsonConventions,
  PgNonceStore,
  type Db,
  type Metrics,
} from '@jil/server-kit';
import { AccessKeyAdmin, type KeyRateLimit } from '../keys/AccessKeyAdmin.js';
import type { SecretBox } from '../keys/SecretBox.js';
import { TokenBucketLimiter } from '../keys/TokenBucketLimiter.js';
import { registerAdminRoutes } from './routes/admin.js';
import { PsaRepository } from '../storage/PsaRepository.js';
import { ClearanceRepository } from '../storage/ClearanceRepository.js';
import { registerClearanceRoutes } from './routes/clearances.js';
import { registerDatasetRoutes } from './routes/datasets.js';
import { registerPreclearanceRoutes } from './routes/preclearance.js';
import { registerPublicRoutes, type EventMeshHealth } from './routes/public.js';
import { registerLogRoutes } from './routes/log.js';
import type { LogService } from '../log/LogService.js';
import { embeddedIssuer, type PsaIssuer } from '../distributed/PsaIssuer.js';
import { EvidenceRepository } from '../storage/EvidenceRepository.js';
import { registerValidatorRoutes } from './routes/validators.js';
import { registerVerifyPageRoute } from './routes/verifyPage.js';
import { registerPreclearanceMetrics, type MeshMetricsSource } from './preclearanceMetrics.js';

/** Dependencies of {@link createServer}. */
export interface PreclearanceServerOptions {
  engine: PreclearanceEngine;
  /** The signed validator set served at `GET /v1/validator-set` (the one the engine signs under). */
  signedValidatorSet: SignedValidatorSet;
  db: Db;
  /** Clock for auth windows and PSA issue times (default `new Date()`). */
  clock?: () => Date;
  /** Largest accepted request body in bytes (default 65 536). */
  bodyLimitBytes?: number;
  /** Pino logger options or `false` (default: info level, auth headers redacted). */
  logger?: boolean | Record<string, unknown>;
  /** Nonce store for HMAC auth (default: PostgreSQL/PGlite `auth_nonces`). */
  nonceStore?: NonceStore;
  /** The transparency log, served publicly under `/log` and fed by every issued PSA (docs/transparency-log.md). */
  log?: LogService;
  /** Who signs PSAs (default: `engine.validate`, the embedded validators; distributed mode: `createDistributedIssuer`). */
  issuer?: PsaIssuer;
  /** Seals and opens access-key secrets at rest (the key-encryption key); without it only plaintext (pre-0005) keys authenticate. */
  secretBox?: SecretBox;
  /** Bearer token of the admin API under `/admin/v1`; the admin routes exist only when it and `secretBox` are given. */
  adminToken?: string;
  /** Default token bucket per access key (default 100/s, burst 200), or `false` for none; a key's own limit overrides it. */
  rateLimit?: KeyRateLimit | false;
  /** This node's event-mesh state for `/health` (`catching_up` until `caught_up`); absent when the node is not in a mesh. */
  eventMesh?: () => EventMeshHealth;
  /**
   * The registry served at `GET /metrics` (default: a fresh `createMetrics()`; docs/operations.md §Metrics), or `false`
   * for no recording and no `/metrics` route (the overhead benchmark's baseline, scripts/bench-metrics.ts).
   */
  metrics?: Metrics | false;
  /** The event-mesh gauges' source when this process runs the mesh (`meshMetricsSource`). */
  meshMetrics?: MeshMetricsSource;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Access key that signed the request (set by the HMAC auth hook). */
    accessKeyId?: string;
    /** Custodian bound to that access key. */
    custodianId?: string;
  }
}

const REDACT = ['req.headers["x-jil-signature"]', 'req.headers["x-jil-nonce"]', 'req.headers.authorization'];

/**
 * The pre-clearance HTTP server (Fastify). Routes: `POST /v1/preclearance/validate`,
 * `POST /v1/preclearance/verify`, `GET /v1/preclearance/psa/:id`, `GET /v1/validator-set`, `GET /v1/datasets`, the false-positive clearance
 * routes under `/v1/screening/clearances`, `GET /v1/validators/evidence` (HMAC auth, DESIGN.md §HMAC request auth), `GET /health`, `GET
 * /openapi.json`, and the public transparency log under `/log` when `log` is given. Every error is `{ error: { code, message, details } }`
 * with the status of `HTTP_STATUS_BY_CODE`. With `adminToken` and `secretBox` also the admin API under `/admin/v1` (access keys: create,
 * list, rotate, revoke, audit). Every HMAC-authenticated request takes a token from its access key's bucket (`429 REQUEST_RATE_LIMITED`
 * with `Retry-After` when empty). `GET /metrics` (public like `/health`, Prometheus text format) serves the request
 * series of `installHttpMetrics` and the pre-clearance series of `registerPreclearanceMetrics`.
 */
export function createServer(options: PreclearanceServerOptions): FastifyInstance {
  const clock = options.clock ?? (() => new Date());
  const bodyLimit = options.bodyLimitBytes ?? 65_536;
  const app = Fastify({
    ...edgeServerOptions(),
    bodyLimit,
    logger:
      options.logger === false ? false : { level: 'info', ...(typeof options.logger === 'object' ? options.logger : {}), redact: REDACT },
  });
  const accessKeys = new AccessKeyAdmin(options.db, options.secretBox, clock);
  const limiter = options.rateLimit === false ? undefined : new TokenBucketLimiter(options.rateLimit);
  const nonceStore = options.nonceStore ?? new PgNonceStore(options.db);
  const psas = new PsaRepository(options.db);

  installJsonConventions(app);
  const metrics = options.metrics === false ? undefined : (options.metrics ?? createMetrics());
  if (metrics) installHttpMetrics(app, metrics);
  const instrumented = metrics
    ? registerPreclearanceMetrics(metrics, { engine: options.engine, clock, ...(options.meshMetrics ? { mesh: options.meshMetrics } : {}) })
    : { instrument: (issuer: PsaIssuer) => issuer };

  const authenticate = async (request: FastifyRequest): Promise<void> => {
    const raw = request.body instanceof Buffer ? new Uint8Array(request.body) : new Uint8Array();
    let custodian: string | undefined;
    let ownLimit: KeyRateLimit | null = null;
    const { accessKeyId } = await verifyRequest(
      { method: request.method, url: request.url, headers: request.headers as Record<string, string | string[] | undefined>, body: raw },
      {
        now: clock(),
        nonceStore,
        // Unknown, revoked and past-overlap keys are all `AUTH_UNKNOWN_KEY`; nothing is cached, so a revocation holds at once.
        lookupSecret: async (id) => {
          const key = await accessKeys.lookup(id);
          if (!key) return undefined;
          custodian = key.custodianId;
          ownLimit = key.rateLimit;
          return key.secret;
        },
      },
    );
    request.accessKeyId = accessKeyId;
    request.custodianId = custodian ?? accessKeyId;
    if (limiter) {
      const taken = limiter.take(accessKeyId, ownLimit, clock().getTime());
      if (!taken.ok) {
        const limit = ownLimit ?? limiter.defaultLimit;
        throw new JilError('REQUEST_RATE_LIMITED', 'rate limit of this access key exceeded', {
          details: { limit: limit.burst, refill_per_second: limit.per_second, retry_after_ms: taken.retryAfterMs },
        });
      }
    }
  };

  registerPublicRoutes(app, { engine: options.engine, bodyLimit, db: options.db, eventMesh: options.eventMesh });
  registerVerifyPageRoute(app);
  const log = options.log;
  registerPreclearanceRoutes(app, {
    engine: options.engine,
    issuer: instrumented.instrument(options.issuer ?? embeddedIssuer(options.engine)),
    signedValidatorSet: options.signedValidatorSet,
    db: options.db,
    psas,
    authenticate,
    clock,
    ...(log ? { onLogged: () => log.notify(), log } : {}),
  });
  if (log) registerLogRoutes(app, log);
  registerDatasetRoutes(app, { engine: options.engine, authenticate, clock });
  registerClearanceRoutes(app, { engine: options.engine, clearances: new ClearanceRepository(options.db), authenticate, clock });
  registerValidatorRoutes(app, { evidence: new EvidenceRepository(options.db), authenticate });
  if (options.adminToken !== undefined && options.secretBox !== undefined)
    registerAdminRoutes(app, { adminToken: options.adminToken, keys: accessKeys });
  return app;
}
