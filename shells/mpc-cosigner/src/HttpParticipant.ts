import { isErrorCode, JilError } from '@jil/core';
import {
  COSIGNER_AUTH_HEADERS,
  signCosignerRequest,
  verifyCosignerResponse,
  type CiphersuiteId,
  type FrostParticipant,
  type Identifier,
} from '@jil/mpc';
import { codecs } from './wireJson.js';

/** Options of {@link HttpParticipant}. */
export interface HttpParticipantOptions {
  identifier: Identifier;
  suite?: CiphersuiteId;
  /** e.g. `http://127.0.0.1:7101`. */
  baseUrl: string;
  /** The cosigner's pinned Ed25519 identity public key: every response must be signed with it. */
  publicKey: Uint8Array;
  /** The coordinator's Ed25519 identity secret key: signs every request. */
  coordinatorSecretKey: Uint8Array;
  /**
   * The `fetch` to use (default the global one). For mutual TLS pass `createMutualTlsFetch` from `@jil/server-kit/tls`;
   * the request and response signatures stay (defence in depth).
   */
  fetch?: (input: string | URL, init?: RequestInit) => Promise<Response>;
}

/**
 * The coordinator's HTTP transport to one cosigner process ({@link FrostParticipant} over `createCosignerServer`).
 * Requests are signed with the coordinator's key; a response whose signature does not verify under the pinned
 * cosigner key is refused (`AUTH_BAD_SIGNATURE`), so both sides are authenticated. Error replies become `JilError`s
 * with the cosigner's code and details; network failures and deadline aborts stay plain errors (unresponsive).
 * @example
 * const p = new HttpParticipant({ identifier, baseUrl, publicKey, coordinatorSecretKey });
 * await coordinateSigning({ participants: [p, …], publicKeyPackage, message });
 */
export class HttpParticipant implements FrostParticipant {
  readonly identifier: Identifier;
  readonly #o: HttpParticipantOptions;
  readonly #io: ReturnType<typeof codecs>;

  constructor(o: HttpParticipantOptions) {
    this.identifier = o.identifier;
    this.#o = o;
    this.#io = codecs(o.suite ?? 'ed25519');
  }

  async #post(path: string, body: unknown, signal: AbortSignal): Promise<Record<string, unknown>> {
    const text = JSON.stringify(body);
    const headers = signCosignerRequest({
      method: 'POST',
      path,
      body: text,
      sender: 'coordinator',
      secretKey: this.#o.coordinatorSecretKey,
      now: new Date(),
    });
    const res = await (this.#o.fetch ?? fetch)(new URL(path, this.#o.baseUrl), {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: text,
      signal,
    });
    const reply = await res.text();
    if (
      !verifyCosignerResponse(
        headers[COSIGNER_AUTH_HEADERS.nonce]!,
        res.status,
        reply,
        res.headers.get(COSIGNER_AUTH_HEADERS.signature) ?? undefined,
        this.#o.publicKey,
      )
    ) {
      throw new JilError('AUTH_BAD_SIGNATURE', 'cosigner response is not signed by its pinned key', {
        details: { culprits: [this.identifier] },
      });
    }
    const json = JSON.parse(reply) as Record<string, unknown> & { error?: { code?: unknown; message?: unknown; details?: unknown } };
    if (!res.ok) {
      const e = json.error ?? {};
      throw new JilError(isErrorCode(e.code) ? e.code : 'INTERNAL', typeof e.message === 'string' ? e.message : `HTTP ${res.status}`, {
        details: typeof e.details === 'object' && e.details !== null ? (e.details as Record<string, unknown>) : {},
      });
    }
    return json;
  }

  async commit(r: { sessionId: string }, signal: AbortSignal) {
    return this.#io.commitments(String((await this.#post('/v1/frost/commit', r, signal))['commitments']));
  }

  async sign(r: Parameters<FrostParticipant['sign']>[0], signal: AbortSignal) {
    const body = {
      sessionId: r.sessionId,
      signingPackage: this.#io.enc.signingPackage(r.signingPackage),
      ...(r.context ? { context: r.context } : {}),
    };
    return this.#io.signatureShare(String((await this.#post('/v1/frost/sign', body, signal))['signatureShare']));
  }

  async dkgRound1(r: Parameters<FrostParticipant['dkgRound1']>[0], signal: AbortSignal) {
    return this.#io.round1(String((await this.#post('/v1/frost/dkg/round1', r, signal))['package']));
  }

  async dkgRound2(r: Parameters<FrostParticipant['dkgRound2']>[0], signal: AbortSignal) {
    const out = await this.#post(
      '/v1/frost/dkg/round2',
      { ceremonyId: r.ceremonyId, round1Packages: r.round1Packages.map(this.#io.enc.round1) },
      signal,
    );
    return (out['packages'] as string[]).map((p) => this.#io.round2(p));
  }

  async dkgRound3(r: Parameters<FrostParticipant['dkgRound3']>[0], signal: AbortSignal) {
    const body = {
      ceremonyId: r.ceremonyId,
      round1Packages: r.round1Packages.map(this.#io.enc.round1),
      round2Packages: r.round2Packages.map(this.#io.enc.round2),
    };
    return this.#io.publicKeyPackage(String((await this.#post('/v1/frost/dkg/round3', body, signal))['publicKeyPackage']));
  }

  async refreshRound1(r: { ceremonyId: string }, signal: AbortSignal) {
    return ((await this.#post('/v1/frost/refresh/round1', r, signal))['packages'] as string[]).map((p) => this.#io.refresh(p));
  }

  async refreshRound2(
    r: { ceremonyId: string; packages: Parameters<NonNullable<FrostParticipant['refreshRound2']>>[0]['packages'] },
    signal: AbortSignal,
  ) {
    const out = await this.#post(
      '/v1/frost/refresh/round2',
      { ceremonyId: r.ceremonyId, packages: r.packages.map(this.#io.enc.refresh) },
      signal,
    );
    return this.#io.publicKeyPackage(String(out['publicKeyPackage']));
  }
}
