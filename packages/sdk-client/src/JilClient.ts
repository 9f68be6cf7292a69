import { base64Decode, isErrorCode, JilError, signRequest, type DsseEnvelope } from '@jil/core';
import type { PsaBody, PsaExpectation } from '@jil/psa';

/** Options of {@link JilClient}. */
export interface JilClientOptions {
  /** Service base URL, e.g. `http://127.0.0.1:8787`. */
  baseUrl: string;
  accessKeyId: string;
  /** HMAC secret: raw bytes or the base64 string from `credentials.json`. Never logged. */
  secret: Uint8Array | string;
  /** Per-request timeout in milliseconds (default 10 000). */
  timeoutMs?: number;
  /**
   * The `fetch` to use (default: the platform's `globalThis.fetch` — Node ≥ 20, browsers, Deno, Bun). On Node, pass
   * undici's `fetch` with a dispatcher for your own connection pool:
   * `fetch: (url, init) => undiciFetch(url, { ...init, dispatcher: pool })`.
   */
  fetch?: (input: URL, init: RequestInit) => Promise<Response>;
  /** Clock for request timestamps (default `new Date()`). */
  clock?: () => Date;
}

/** Response of {@link JilClient.validate}. */
export interface ValidateResponse {
  psa_id: string;
  verdict: PsaBody['verdict'];
  expires_at: string;
  envelope: DsseEnvelope;
  body: PsaBody;
  /**
   * Salts of the party-name commitments in the name hits (docs/psa-format.md §Party commitments), base64 of 32 bytes
   * per named party: keep them with the request to prove later what was screened; they are not in the PSA. Empty in a
   * replay (the salts are never stored).
   */
  party_salts: { sender?: string; receiver?: string };
  /** Index of the PSA's entry in the transparency log (`null` only on a service running without its log). */
  log_index?: number | null;
  /**
   * `true` when this `transit_id` already had a PSA for the same request: the service answered 200 with that stored
   * PSA instead of issuing another (docs/api.md §transit_id). Another request with a used `transit_id` is refused with
   * `REQUEST_TRANSIT_ID_REUSED`.
   */
  replayed?: true;
}

/** Response of {@link JilClient.verify}: valid, or the failed check and its code. */
export type VerifyResponse =
  | {
      valid: true;
      consumed: boolean;
      psa_id: string;
      verdict: PsaBody['verdict'];
      expires_at: string;
      signers: number;
      jurisdictions: string[];
    }
  | { valid: false; check: string; code: string; message: string; psa_id?: string };

/** Response of {@link JilClient.getPsa}. */
export interface StoredPsaResponse {
  psa_id: string;
  verdict: PsaBody['verdict'];
  expires_at: string;
  consumed_at: string | null;
  envelope: DsseEnvelope;
}

/**
 * HTTP client for the JIL pre-clearance API, on the platform's `fetch` (Node, browsers, Deno, Bun). Every request is
 * HMAC-signed (DESIGN.md §HMAC request auth, docs/api.md) with a fresh nonce. Errors are `JilError`s: the server's code (e.g.
 * `REQUEST_VALIDATION_FAILED` with `details.fields`, `details.status`), or `CLIENT_TIMEOUT`, `CLIENT_NETWORK`, `CLIENT_HTTP`.
 *
 * @example
 * import { JilClient } from '@jil/sdk/client';
 * const client = new JilClient({ baseUrl: 'http://127.0.0.1:8787', accessKeyId, secret });
 * const { verdict, envelope } = await client.validate(transfer);
 */
export class JilClient {
  readonly #o: JilClientOptions;
  readonly #secret: Uint8Array;

  constructor(options: JilClientOptions) {
    if (typeof options?.baseUrl !== 'string' || !/^https?:\/\//.test(options.baseUrl))
      throw new JilError('INVALID_ARGUMENT', 'baseUrl must be an http(s) URL');
    if (typeof options.accessKeyId !== 'string' || options.accessKeyId.length === 0)
      throw new JilError('INVALID_ARGUMENT', 'accessKeyId is required');
    this.#secret = typeof options.secret === 'string' ? base64Decode(options.secret) : options.secret;
    if (!(this.#secret instanceof Uint8Array) || this.#secret.length < 16)
      throw new JilError('INVALID_ARGUMENT', 'secret must be at least 16 bytes');
    this.#o = options;
  }

  /** `POST /v1/preclearance/validate`: screen a transfer, get a signed PSA (any verdict). */
  validate(transfer: Record<string, unknown>): Promise<ValidateResponse> {
    return this.#call('POST', '/v1/preclearance/validate', transfer);
  }

  /** `POST /v1/preclearance/verify`: verify on the service; `consume` marks the PSA used (single use). */
  verify(envelope: DsseEnvelope, options: { expect?: PsaExpectation; consume?: boolean } = {}): Promise<VerifyResponse> {
    return this.#call('POST', '/v1/preclearance/verify', { envelope, ...options });
  }

  /** `GET /v1/preclearance/psa/:id`. */
  getPsa(psaId: string): Promise<StoredPsaResponse> {
    return this.#call('GET', `/v1/preclearance/psa/${encodeURIComponent(psaId)}`);
  }

  /**
   * `GET /v1/preclearance/psa/:id/proof`: the PSA's transparency-log inclusion proof, a c2sp.org/tlog-proof text
   * (`proof`) against the log's latest witnessed checkpoint. Check it offline with `verifyPsa(envelope, { …, log })`.
   * @throws JilError `NOT_FOUND` (404) for an unknown PSA, or one not yet in a checkpoint (`details.retry_after_ms`).
   */
  getLogProof(psaId: string): Promise<{ psa_id: string; index: number; tree_size: number; proof: string }> {
    return this.#call('GET', `/v1/preclearance/psa/${encodeURIComponent(psaId)}/proof`);
  }

  /** `GET /v1/validator-set`: the signed set the service signs under (pin it out of band, not from here). */
  getValidatorSet(): Promise<{ set_id: string; version: number; sha256: string; signed: DsseEnvelope }> {
    return this.#call('GET', '/v1/validator-set');
  }

  async #call<T>(method: 'GET' | 'POST', path: string, json?: unknown): Promise<T> {
    const body = json === undefined ? '' : JSON.stringify(json);
    const headers: Record<string, string> = {
      ...signRequest({
        method,
        url: path,
        body,
        accessKeyId: this.#o.accessKeyId,
        secret: this.#secret,
        now: (this.#o.clock ?? (() => new Date()))(),
      }),
      accept: 'application/json',
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    };
    const timeoutMs = this.#o.timeoutMs ?? 10_000;
    const doFetch = this.#o.fetch ?? ((input: URL, init: RequestInit) => globalThis.fetch(input, init));
    let res: Response;
    let text: string;
    try {
      res = await doFetch(new URL(path, this.#o.baseUrl), {
        method,
        headers,
        ...(json === undefined ? {} : { body }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (cause) {
      const name = (cause as { name?: string })?.name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new JilError('CLIENT_TIMEOUT', `${method} ${path} timed out after ${timeoutMs} ms`, { cause });
      throw new JilError('CLIENT_NETWORK', `${method} ${path} failed: ${(cause as Error)?.message ?? 'network error'}`, { cause });
    }
    const status = res.status;
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch (cause) {
      throw new JilError('CLIENT_HTTP', `${method} ${path}: HTTP ${status} with a non-JSON body`, { details: { status }, cause });
    }
    if (status >= 200 && status < 300) return payload as T;
    const err = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } })?.error;
    if (err && isErrorCode(err.code)) {
      throw new JilError(err.code, String(err.message ?? err.code), {
        details: { ...(typeof err.details === 'object' && err.details ? (err.details as Record<string, unknown>) : {}), status },
      });
    }
    throw new JilError('CLIENT_HTTP', `${method} ${path}: unexpected HTTP ${status}`, { details: { status } });
  }
}
