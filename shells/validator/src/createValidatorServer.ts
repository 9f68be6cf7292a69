import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  base64Encode,
  bytesToUtf8,
  createSigner,
  HTTP_STATUS_BY_CODE,
  isJilError,
  JilError,
  MemoryNonceStore,
  pae,
  parseJson,
  PEER_AUTH_HEADERS,
  sha256Hex,
  signPeerResponse,
  verifyPeerRequest,
  type NonceStore,
} from '@jil/core';
import {
  embeddedValidatorFromSeed,
  PSA_PAYLOAD_TYPE,
  SignProposalRequestSchema,
  type ValidatorSuite,
  VALIDATOR_PEER_PROTOCOL,
  VALIDATOR_SIGN_PATH,
  zodFieldIssues,
  type ProposalReviewer,
} from '@jil/psa';
import { createMetrics, installHttpMetrics, type Metrics } from '@jil/server-kit';
import { registerBridgeRoutes, type ValidatorBridgeOptions } from './bridge/registerBridgeRoutes.js';
import type { SignedBodyJournal } from './SignedBodyJournal.js';

/** Fault injection for tests only (`__fixtures__/faultyValidator.ts`); never set by `main.ts`. */
export interface ValidatorFaults {
  /** Answer sign requests this many ms late. */
  delayMs?: number;
  /** Return a signature with one byte flipped. */
  corruptSignature?: boolean;
  /** Sign without consulting the journal (an equivocating validator). */
  ignoreJournal?: boolean;
}

/** Dependencies of {@link createValidatorServer}. */
export interface ValidatorServerOptions {
  validatorId: string;
  jurisdiction: string;
  /**
   * This validator's secret key in its suite: the 32-byte Ed25519 seed, or for `suite: 'hybrid'` the 64-byte composite
   * key `ML-DSA-65 seed ‖ Ed25519 seed`. It signs PSA bodies; responses are signed with the Ed25519 seed (for a hybrid
   * key, its Ed25519 component).
   */
  secretKey: Uint8Array;
  /** Default `'ed25519'`. */
  suite?: ValidatorSuite;
  /** `keyId` of its public key, as listed in the validator set. */
  keyid: string;
  reviewer: ProposalReviewer;
  journal: SignedBodyJournal;
  /** Pinned coordinator keys by sender name (their keyids). */
  coordinators: Readonly<Record<string, Uint8Array>>;
  /** Public facts served by `GET /health`. */
  health: Record<string, unknown>;
  /** Largest accepted body in bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  nonceStore?: NonceStore;
  clock?: () => Date;
  /** Pino options or `false` (default `false`: one process per validator, refusals go to stderr via `onRefusal`). */
  logger?: boolean | Record<string, unknown>;
  faults?: ValidatorFaults;
  /**
   * Guard the Ethereum bridge too (docs/bridge.md §Validator API): attest deposits seen through its own RPC and sign
   * releases of withdrawals the ledger burned. The same pinned senders (`coordinators`) may call these routes.
   */
  bridge?: Omit<ValidatorBridgeOptions, 'trusted' | 'nonceStore' | 'clock'>;
  /** The registry served at `GET /metrics` (default: a fresh `createMetrics()`; docs/operations.md §Metrics). */
  metrics?: Metrics;
}

/**
 * One validator's HTTP server (Fastify); docs/validators.md is the wire format. `POST /v1/validator/sign` must carry a
 * pinned coordinator's peer request signature (`VALIDATOR_PEER_PROTOCOL`, nonce and ±5 min window); its body is
 * `{ request, proposal, party_salts, snapshot_sha256 }`. The validator reviews the proposal (`createProposalReviewer`), refuses a
 * second body for a `transit_id` or `psa_id` it already signed (`VALIDATOR_EQUIVOCATION_REFUSED`, 409), journals the
 * body it signs before answering `200 { keyid, sig }` — its DSSE signature over `PAE(PSA_PAYLOAD_TYPE, JCS(proposal))`.
 * Every response, errors included, carries the validator's peer response signature. `GET /health` is public, and so
 * is `GET /metrics` (Prometheus text format: `http_requests_total` and `http_request_duration_seconds` by route pattern).
 * Errors are `{ error: { code, message, details } }` with the status of `HTTP_STATUS_BY_CODE`; bodies are never logged.
 */
export function createValidatorServer(o: ValidatorServerOptions): FastifyInstance {
  const app = Fastify({ logger: o.logger ?? false, bodyLimit: o.bodyLimitBytes ?? 1024 * 1024 });
  const clock = o.clock ?? (() => new Date());
  const nonceStore = o.nonceStore ?? new MemoryNonceStore();
  // Keys are prepared once (KeyObjects), not per request.
  const me = embeddedValidatorFromSeed(o.validatorId, o.jurisdiction, o.secretKey, { suite: o.suite ?? 'ed25519' });
  if (me.keyid !== o.keyid) throw new JilError('CONFIG_INVALID', 'keyid is not the keyid of secretKey', { details: { field: 'keyid' } });
  const responseSigner = createSigner(o.suite === 'hybrid' ? o.secretKey.subarray(32) : o.secretKey);

  app.removeAllContentTypeParsers();
  // The body stays raw bytes: the request signature covers them; the route parses them strictly after authentication.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  installHttpMetrics(app, o.metrics ?? createMetrics());

  app.addHook('onSend', async (req, reply, payload) => {
    const body = typeof payload === 'string' ? payload : '';
    const nonce = req.headers[PEER_AUTH_HEADERS.nonce];
    const requestNonce = typeof nonce === 'string' && nonce.length <= 64 && !/[\r\n]/.test(nonce) ? nonce : '';
    reply.header(
      PEER_AUTH_HEADERS.signature,
      signPeerResponse(VALIDATOR_PEER_PROTOCOL, requestNonce, reply.statusCode, body, responseSigner),
    );
    return payload;
  });

  app.setErrorHandler((error, req, reply) => {
    const e = toJilError(error);
    if (e.code.startsWith('VALIDATOR_') || e.code.startsWith('AUTH_'))
      req.log.warn({ code: e.code, stage: e.details['stage'], field: e.details['field'] ?? e.details['header'] }, 'refused');
    void reply.status(HTTP_STATUS_BY_CODE[e.code] ?? 500).send({ error: e.toJSON() });
  });
  app.setNotFoundHandler(
    (req, reply) =>
      void reply.status(404).send({ error: new JilError('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`).toJSON() }),
  );

  app.get('/health', async () => ({
    status: 'ok',
    validator_id: o.validatorId,
    jurisdiction: o.jurisdiction,
    keyid: o.keyid,
    signed: o.journal.size,
    ...o.health,
  }));

  // The review span (docs/operations.md §Traces): a child of the coordinator's `validator request` span when the request
  // carries a W3C `traceparent` (a header outside the peer request signature), else the root of its own trace.
  const tracer = trace.getTracer('@jil/shell-validator');
  app.post(VALIDATOR_SIGN_PATH, (req) =>
    tracer.startActiveSpan(
      'validator review',
      { kind: SpanKind.SERVER, attributes: { 'jil.validator_id': o.validatorId } },
      propagation.extract(ROOT_CONTEXT, req.headers),
      async (span) => {
        try {
          const answer = await sign(req);
          span.setAttributes({ 'jil.validator.outcome': 'signed', 'jil.psa_id': answer.psa_id });
          return { keyid: answer.keyid, sig: answer.sig };
        } catch (error) {
          const code = isJilError(error) ? error.code : 'INTERNAL';
          span.setAttributes({ 'jil.validator.outcome': 'refused', 'jil.error.code': code });
          span.setStatus({ code: SpanStatusCode.ERROR, message: code });
          throw error;
        } finally {
          span.end();
        }
      },
    ),
  );
  async function sign(req: FastifyRequest): Promise<{ keyid: string; sig: string; psa_id: string }> {
    const raw = req.body instanceof Uint8Array ? req.body : new Uint8Array();
    await verifyPeerRequest(
      { method: req.method, path: req.url, body: raw, headers: req.headers },
      { protocol: VALIDATOR_PEER_PROTOCOL, trusted: o.coordinators, nonceStore, now: clock() },
    );
    if (o.faults?.delayMs) await new Promise((r) => setTimeout(r, o.faults!.delayMs));
    let value: unknown;
    try {
      value = parseJson(bytesToUtf8(raw));
    } catch (cause) {
      throw new JilError('REQUEST_MALFORMED_JSON', 'request body is not valid JSON', { details: { field: '(body)' }, cause });
    }
    const parsed = SignProposalRequestSchema.safeParse(value);
    if (!parsed.success) {
      const fields = zodFieldIssues(parsed.error);
      throw new JilError('REQUEST_VALIDATION_FAILED', `invalid sign request: ${fields.map((f) => f.field).join(', ')}`, {
        details: { fields },
      });
    }
    const review = await o.reviewer.review({
      request: parsed.data.request,
      proposal: parsed.data.proposal,
      snapshotSha256: parsed.data.snapshot_sha256,
      partySalts: parsed.data.party_salts,
      now: clock(),
    });
    if (!review.ok) throw new JilError(review.code, review.message, { details: review.details });
    // From here to the answer nothing awaits: check, journal and sign are one step for this process.
    const payloadSha256 = sha256Hex(review.payloadBytes);
    const { transit_id, psa_id } = review.body;
    const seen = o.journal.check(transit_id, psa_id, payloadSha256);
    if (seen.kind === 'conflict' && !o.faults?.ignoreJournal) {
      throw new JilError('VALIDATOR_EQUIVOCATION_REFUSED', `this validator already signed another body for this ${seen.field}`, {
        details: { field: seen.field, transit_id },
      });
    }
    if (seen.kind !== 'same') o.journal.record({ transit_id, psa_id, payload_sha256: payloadSha256, signed_at: clock().toISOString() });
    const sig = me.sign(pae(PSA_PAYLOAD_TYPE, review.payloadBytes));
    if (o.faults?.corruptSignature) sig[10] = sig[10]! ^ 0xff;
    return { keyid: o.keyid, sig: base64Encode(sig), psa_id };
  }
  if (o.bridge) registerBridgeRoutes(app, o.validatorId, { ...o.bridge, trusted: o.coordinators, nonceStore, clock });
  return app;
}

const FASTIFY_CODES: Record<string, JilError['code']> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST_MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST_MALFORMED_JSON',
};

function toJilError(error: unknown): JilError {
  if (isJilError(error)) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const mapped = FASTIFY_CODES[code];
  if (mapped)
    return new JilError(mapped, mapped === 'REQUEST_TOO_LARGE' ? 'request body exceeds the size limit' : 'request body is not accepted', {
      details: { field: '(body)' },
    });
  const status =
    typeof error === 'object' && error !== null && 'statusCode' in error ? Number((error as { statusCode: unknown }).statusCode) : 500;
  return status >= 400 && status < 500
    ? new JilError('REQUEST_VALIDATION_FAILED', 'request rejected', { details: { field: '(request)' } })
    : new JilError('INTERNAL', 'internal error');
}
