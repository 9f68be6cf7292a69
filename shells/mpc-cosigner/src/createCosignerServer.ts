import Fastify, { type FastifyInstance } from 'fastify';
import {
  bytesToHex,
  bytesToUtf8,
  HTTP_STATUS_BY_CODE,
  isJilError,
  JilError,
  MemoryNonceStore,
  parseJson,
  type NonceStore,
} from '@jil/core';
import { COSIGNER_AUTH_HEADERS, signCosignerResponse, verifyCosignerRequest, type Cosigner, type SignatureShare } from '@jil/mpc';
import { createMetrics, installHttpMetrics, type Metrics } from '@jil/server-kit';
import { codecs, int, str } from './wireJson.js';

/** Dependencies of {@link createCosignerServer}. */
export interface CosignerServerOptions {
  cosigner: Cosigner;
  /** This cosigner's Ed25519 identity secret key: signs every response. */
  identitySecretKey: Uint8Array;
  /** Pinned Ed25519 public key of the coordinator: the only caller accepted. */
  coordinatorPublicKey: Uint8Array;
  nonceStore?: NonceStore;
  clock?: () => Date;
  /** Fault injection for tests only (a cheating cosigner); never set in `main.ts`. */
  transformShare?: (share: SignatureShare) => SignatureShare;
  /** The registry served at `GET /metrics` (default: a fresh `createMetrics()`; docs/operations.md §Metrics). */
  metrics?: Metrics;
}

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
  }
}

/**
 * The cosigner's HTTP server (Fastify): maps each route to one {@link Cosigner} call and nothing else.
 * Every `POST` must carry the coordinator's Ed25519 request signature (`x-jil-frost-sender: coordinator`); every
 * response, errors included, carries this cosigner's signature bound to the request nonce, status and body.
 * Routes: `POST /v1/frost/commit`, `/v1/frost/sign`, `/v1/frost/dkg/round1|round2|round3`, `/v1/frost/refresh/round1|round2`; `GET
 * /v1/frost/health`, and `GET /metrics` (public, Prometheus text format: request series by route pattern). Errors are
 * `{ error: { code, message, details } }` with the status of `HTTP_STATUS_BY_CODE`. Bodies are never logged.
 */
export function createCosignerServer(o: CosignerServerOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 4 * 1024 * 1024 });
  const clock = o.clock ?? (() => new Date());
  const nonceStore = o.nonceStore ?? new MemoryNonceStore();
  const c = o.cosigner;
  const io = codecs(c.suite);

  installHttpMetrics(app, o.metrics ?? createMetrics());
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    try {
      req.rawBody = bytesToUtf8(body as Uint8Array);
      done(null, parseJson(req.rawBody));
    } catch (cause) {
      done(new JilError('REQUEST_MALFORMED_JSON', 'request body is not valid JSON', { details: { field: '(body)' }, cause }), undefined);
    }
  });

  app.addHook('preHandler', async (req) => {
    if (req.method !== 'POST') return;
    await verifyCosignerRequest(
      { method: req.method, path: req.url, body: req.rawBody ?? '', headers: req.headers },
      { trusted: { coordinator: o.coordinatorPublicKey }, nonceStore, now: clock() },
    );
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const body = typeof payload === 'string' ? payload : '';
    const nonce = req.headers[COSIGNER_AUTH_HEADERS.nonce];
    reply.header(
      COSIGNER_AUTH_HEADERS.signature,
      signCosignerResponse(typeof nonce === 'string' ? nonce : '', reply.statusCode, body, o.identitySecretKey),
    );
    return payload;
  });

  app.setErrorHandler((error, _req, reply) => {
    const e = isJilError(error) ? error : new JilError('INTERNAL', 'internal error');
    void reply.status(HTTP_STATUS_BY_CODE[e.code] ?? 500).send({ error: e.toJSON() });
  });
  app.setNotFoundHandler((_req, reply) => void reply.status(404).send({ error: new JilError('NOT_FOUND', 'no such route').toJSON() }));

  app.get('/v1/frost/health', async () => {
    const pub = c.publicKeyPackage;
    return {
      identifier: c.identifier,
      suite: c.suite,
      hasKey: pub !== undefined,
      ...(pub ? { groupPublicKey: bytesToHex(pub.commitments[0]!) } : {}),
    };
  });
  app.post('/v1/frost/commit', async (req) => ({
    commitments: io.enc.commitments(await c.commit({ sessionId: str(req.body, 'sessionId') })),
  }));
  app.post('/v1/frost/sign', async (req) => {
    const context = (req.body as Record<string, unknown>)['context'];
    const share = await c.sign({
      sessionId: str(req.body, 'sessionId'),
      signingPackage: io.signingPackage(req.body),
      ...(typeof context === 'object' && context !== null ? { context: context as Record<string, unknown> } : {}),
    });
    return { signatureShare: io.enc.signatureShare(o.transformShare ? o.transformShare(share) : share) };
  });
  app.post('/v1/frost/dkg/round1', async (req) => ({
    package: io.enc.round1(
      await c.dkgRound1({
        ceremonyId: str(req.body, 'ceremonyId'),
        minSigners: int(req.body, 'minSigners'),
        maxSigners: int(req.body, 'maxSigners'),
      }),
    ),
  }));
  app.post('/v1/frost/dkg/round2', async (req) => ({
    packages: (
      await c.dkgRound2({ ceremonyId: str(req.body, 'ceremonyId'), round1Packages: io.round1List(req.body, 'round1Packages') })
    ).map(io.enc.round2),
  }));
  app.post('/v1/frost/dkg/round3', async (req) => ({
    publicKeyPackage: io.enc.publicKeyPackage(
      await c.dkgRound3({
        ceremonyId: str(req.body, 'ceremonyId'),
        round1Packages: io.round1List(req.body, 'round1Packages'),
        round2Packages: io.round2List(req.body, 'round2Packages'),
      }),
    ),
  }));
  app.post('/v1/frost/refresh/round1', async (req) => ({
    packages: (await c.refreshRound1({ ceremonyId: str(req.body, 'ceremonyId') })).map(io.enc.refresh),
  }));
  app.post('/v1/frost/refresh/round2', async (req) => ({
    publicKeyPackage: io.enc.publicKeyPackage(
      await c.refreshRound2({ ceremonyId: str(req.body, 'ceremonyId'), packages: io.refreshList(req.body, 'packages') }),
    ),
  }));
  return app;
}
