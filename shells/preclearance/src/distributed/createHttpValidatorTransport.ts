import { Pool } from 'undici';
import { context, propagation, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { createMutualTlsConnector, type MutualTlsClientParameters } from '@jil/server-kit/tls';
import { base64Decode, COMPOSITE_MLDSA65_ED25519, createSigner, PEER_AUTH_HEADERS, signPeerRequest, verifyPeerResponse } from '@jil/core';
import {
  SignProposalResponseSchema,
  VALIDATOR_PEER_PROTOCOL,
  VALIDATOR_SIGN_PATH,
  type PartySalts,
  type PsaBody,
  type RequestValidatorSignature,
  type TransferRequest,
  type Validator,
  type ValidatorReply,
} from '@jil/psa';
import { preclearanceTracer } from '../tracing/tracedStages.js';

/** Options of {@link createHttpValidatorTransport}. */
export interface HttpValidatorTransportOptions {
  /** Validator id → base URL, e.g. `{ 'val-01': 'http://127.0.0.1:7101' }`. */
  endpoints: Readonly<Record<string, string>>;
  /** The coordinator's 32-byte Ed25519 seed: signs every request (sender = its keyid). Never logged. */
  coordinatorSecretKey: Uint8Array;
  clock?: () => Date;
  /** Keep-alive connections per validator (default 8). */
  connectionsPerValidator?: number;
  /**
   * Mutual TLS to the validators (`https://` endpoints) with the coordinator's node certificate: each validator's
   * certificate is checked against the CA, its validity and the CRL (docs/operations.md §Mutual TLS). The peer request
   * and response signatures stay (defence in depth). Absent: plain HTTP.
   */
  tls?: MutualTlsClientParameters;
}

/** The transport: a {@link RequestValidatorSignature} per proposal, and `close()` for its keep-alive connections. */
export interface ValidatorTransport {
  (p: ProposalToSign): RequestValidatorSignature;
  /** Close every connection to the validators (pending requests fail). */
  close(): Promise<void>;
}

/** One proposal to send: the transfer, the body and the snapshot it was screened against. */
export interface ProposalToSign {
  request: TransferRequest;
  proposal: PsaBody;
  /** The salts of the party-name commitments (docs/psa-format.md §Party commitments), so validators reach the same ones. */
  partySalts: PartySalts;
  snapshotSha256: string;
}

/**
 * The Ed25519 key that authenticates a validator's HTTP answers (docs/validators.md §Authentication): its `ed25519`
 * key, or for a hybrid validator the Ed25519 component of its composite key (the last 32 bytes of the composite public
 * key). Peer response messages start with the response tag, composite messages with the composite prefix, so neither
 * signature can stand for the other.
 */
function responseKeyOf(validator: Validator): Uint8Array | undefined {
  const ed = validator.keys.find((k) => k.alg === 'ed25519');
  if (ed) return base64Decode(ed.public_key);
  const composite = validator.keys.find((k) => k.alg === 'mldsa65-ed25519');
  if (!composite) return undefined;
  const pk = base64Decode(composite.public_key);
  return pk.length === COMPOSITE_MLDSA65_ED25519.publicKeyBytes ? pk.subarray(pk.length - 32) : undefined;
}

/**
 * The coordinator's HTTP transport to its validators (docs/validators.md): for one proposal, a
 * `RequestValidatorSignature` that POSTs `{ request, proposal, party_salts, snapshot_sha256 }` to `<url>/v1/validator/sign`
 * with a peer request signature (`VALIDATOR_PEER_PROTOCOL`, sender = the coordinator key's keyid), honours the deadline
 * signal, and authenticates every answer with the validator's Ed25519 key from the pinned set (or the Ed25519 component
 * of its composite key): an unsigned or wrongly signed answer is `unauthenticated_response` (not attributable, so never
 * evidence). A `200 { keyid, sig }` answer's response signature is checked only when its DSSE signature does not verify
 * (`attributable`): a valid signature by the pinned key is proof enough. The request signature does not name the receiver, so one signature
 * (one nonce) per proposal serves every validator; each validator keeps its own nonce store. Connections are kept alive (undici `Pool` per
 * validator).
 *
 * @example
 * const transport = createHttpValidatorTransport({ endpoints, coordinatorSecretKey });
 * await collectQuorum({ validatorSet, payloadType: PSA_PAYLOAD_TYPE, body, requestSignature: transport({ request, proposal: body,
 *   partySalts, snapshotSha256 }) });
 * await transport.close();
 */
export function createHttpValidatorTransport(o: HttpValidatorTransportOptions): ValidatorTransport {
  const signer = createSigner(o.coordinatorSecretKey);
  const clock = o.clock ?? (() => new Date());
  const pools = new Map<string, Pool>();
  const connect = o.tls === undefined ? undefined : createMutualTlsConnector(o.tls);
  const responseKeys = new WeakMap<Validator, Uint8Array | undefined>();
  const poolFor = (base: string): Pool => {
    let pool = pools.get(base);
    if (pool === undefined) {
      pool = new Pool(base, { connections: o.connectionsPerValidator ?? 8, pipelining: 1, ...(connect ? { connect } : {}) });
      pools.set(base, pool);
    }
    return pool;
  };
  const transport = (p: ProposalToSign): RequestValidatorSignature => {
    const body = JSON.stringify({ request: p.request, proposal: p.proposal, party_salts: p.partySalts, snapshot_sha256: p.snapshotSha256 });
    const auth = signPeerRequest({
      protocol: VALIDATOR_PEER_PROTOCOL,
      method: 'POST',
      path: VALIDATOR_SIGN_PATH,
      body,
      sender: signer.keyid,
      secretKey: signer,
      now: clock(),
    });
    const nonce = auth[PEER_AUTH_HEADERS.nonce]!;
    const headers: Record<string, string> = { ...auth, 'content-type': 'application/json' };
    // One client span per validator request, child of the active `quorum` span; its W3C `traceparent` goes in a header
    // the peer request signature does not cover (it signs method, path, timestamp, nonce, sender and body), so the
    // validator's review span joins the coordinator's trace (docs/operations.md §Traces).
    return (validator: Validator, signal: AbortSignal): Promise<ValidatorReply> =>
      preclearanceTracer.startActiveSpan(
        'validator request',
        { kind: SpanKind.CLIENT, attributes: { 'jil.validator_id': validator.id } },
        async (span): Promise<ValidatorReply> => {
          try {
            const traced: Record<string, string> = { ...headers };
            propagation.inject(context.active(), traced);
            const reply = await ask(validator, signal, traced);
            span.setAttribute('jil.validator.reply', reply.kind);
            if (reply.kind === 'refused') span.setAttribute('jil.error.code', reply.code);
            return reply;
          } catch (error) {
            span.setAttribute('jil.validator.reply', signal.aborted ? 'aborted' : 'error');
            span.setStatus({ code: SpanStatusCode.ERROR });
            throw error;
          } finally {
            span.end();
          }
        },
      );
    async function ask(validator: Validator, signal: AbortSignal, headers: Record<string, string>): Promise<ValidatorReply> {
      const base = Object.hasOwn(o.endpoints, validator.id) ? o.endpoints[validator.id] : undefined;
      if (base === undefined) return { kind: 'unreachable', message: 'no endpoint configured for this validator' };
      let key = responseKeys.get(validator);
      if (key === undefined && !responseKeys.has(validator)) {
        key = responseKeyOf(validator); // decoded once per validator of the pinned set, not per request
        responseKeys.set(validator, key);
      }
      if (key === undefined)
        return { kind: 'unauthenticated_response', message: 'the validator has no Ed25519 key to authenticate its answers' };
      const url = new URL(VALIDATOR_SIGN_PATH, base);
      const res = await poolFor(url.origin).request({ method: 'POST', path: url.pathname, headers, body, signal });
      const text = await res.body.text();
      const responseSignature = res.headers[PEER_AUTH_HEADERS.signature];
      const authentic = () =>
        verifyPeerResponse(
          VALIDATOR_PEER_PROTOCOL,
          nonce,
          res.statusCode,
          text,
          typeof responseSignature === 'string' ? responseSignature : undefined,
          key,
        );
      const unauthenticated = {
        kind: 'unauthenticated_response',
        message: `HTTP ${res.statusCode} answer not signed by the validator's pinned key`,
      } as const;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return authentic() ? { kind: 'bad_response', message: `HTTP ${res.statusCode} answer is not JSON` } : unauthenticated;
      }
      if (res.statusCode === 200) {
        // A signature answer is authenticated by the DSSE signature itself (collectQuorum checks it against the pinned
        // key); the response signature is checked only when that fails, to attribute the answer (evidence) or not.
        const parsed = SignProposalResponseSchema.safeParse(json);
        if (parsed.success) return { kind: 'signature', keyid: parsed.data.keyid, sig: parsed.data.sig, attributable: authentic };
        return authentic() ? { kind: 'bad_response', message: 'HTTP 200 answer is not { keyid, sig }' } : unauthenticated;
      }
      if (!authentic()) return unauthenticated;
      const e = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
      if (typeof e?.code !== 'string') return { kind: 'bad_response', message: `HTTP ${res.statusCode} answer without an error code` };
      return {
        kind: 'refused',
        code: e.code.slice(0, 64),
        message: typeof e.message === 'string' ? e.message.slice(0, 500) : '',
        details: typeof e.details === 'object' && e.details !== null ? (e.details as Record<string, unknown>) : {},
      };
    }
  };
  return Object.assign(transport, {
    async close() {
      const all = [...pools.values()];
      pools.clear();
      await Promise.all(all.map((pool) => pool.destroy()));
    },
  });
}
