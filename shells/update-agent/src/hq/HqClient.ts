import { base64Encode, isErrorCode, JilError, signRequest, utf8ToBytes } from '@jil/core';

/** Options of {@link HqClient}. */
export interface HqClientOptions {
  /** HQ base URL, e.g. `http://127.0.0.1:7400`. */
  baseUrl: string;
  nodeId: string;
  /** The node's shared secret (HMAC request auth as access key `node:<nodeId>`). */
  nodeSecret: Uint8Array;
  clock: () => Date;
  /** Per-request deadline, ms (default 10 000). */
  timeoutMs?: number;
  /**
   * The `fetch` to use (default the global one). For mutual TLS with HQ pass `createMutualTlsFetch` from
   * `@jil/server-kit/tls` (the node certificate is then presented in the handshake as well as in the header).
   */
  fetch?: (input: string | URL, init?: RequestInit) => Promise<Response>;
}

/** The certificate header nodes send once registered (base64 of the PEM). */
export const NODE_CERTIFICATE_HEADER = 'X-JIL-Node-Certificate';

/**
 * The agent's client for HQ: every request is HMAC-signed (`signRequest`, access key `node:<nodeId>`) and, once the
 * node holds a certificate, carries it in {@link NODE_CERTIFICATE_HEADER} so HQ can check it against its CA and CRL.
 * @example
 * import { HqClient } from '@jil/shell-update-agent';
 * const hq = new HqClient({ baseUrl, nodeId, nodeSecret, clock: () => new Date() });
 * await hq.post(`/v1/heartbeats`, { node_id: nodeId });
 */
export class HqClient {
  readonly #o: HqClientOptions;
  /** PEM of the node certificate to present, set after registration. */
  certificatePem: string | undefined;

  constructor(options: HqClientOptions) {
    this.#o = options;
  }

  /** The access key id this node signs with. */
  get accessKeyId(): string {
    return `node:${this.#o.nodeId}`;
  }

  /**
   * POSTs `body` as JSON and returns the parsed answer.
   * @throws JilError with HQ's error code when HQ answers an error (`details.status`), `CLIENT_NETWORK` or
   *   `CLIENT_TIMEOUT` when it cannot be reached.
   */
  async post<T>(path: string, body: unknown): Promise<T> {
    const text = JSON.stringify(body);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...signRequest({
        method: 'POST',
        url: path,
        body: text,
        accessKeyId: this.accessKeyId,
        secret: this.#o.nodeSecret,
        now: this.#o.clock(),
      }),
    };
    if (this.certificatePem !== undefined) headers[NODE_CERTIFICATE_HEADER] = base64Encode(utf8ToBytes(this.certificatePem));
    let response: Response;
    try {
      response = await (this.#o.fetch ?? fetch)(new URL(path, this.#o.baseUrl), {
        method: 'POST',
        body: text,
        headers,
        signal: AbortSignal.timeout(this.#o.timeoutMs ?? 10_000),
      });
    } catch (error) {
      const timeout = (error as { name?: unknown }).name === 'TimeoutError';
      throw new JilError(timeout ? 'CLIENT_TIMEOUT' : 'CLIENT_NETWORK', timeout ? 'HQ did not answer in time' : 'HQ is unreachable', {
        details: { path },
        cause: error,
      });
    }
    const answer = (await response.json().catch(() => undefined)) as
      | { error?: { code?: unknown; message?: unknown; details?: unknown } }
      | undefined;
    if (!response.ok) {
      const code = isErrorCode(answer?.error?.code) ? answer.error.code : 'CLIENT_HTTP';
      throw new JilError(code, typeof answer?.error?.message === 'string' ? answer.error.message : `HQ answered ${response.status}`, {
        details: { status: response.status, path },
      });
    }
    return answer as T;
  }
}
