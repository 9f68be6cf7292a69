import { fetch as undiciFetch } from 'undici';
import { createMutualTlsAgent, type MutualTlsClientParameters } from './createMutualTlsConnector.js';

/** A WHATWG `fetch` over mutual TLS, with `close()` for its connections. */
export interface MutualTlsFetch {
  (input: string | URL, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/**
 * `fetch` (undici's) whose every connection is a mutual TLS connection of {@link createMutualTlsAgent}: for clients
 * written against `fetch` (the agent's `HqClient`, the coordinator's `HttpParticipant`), passed as their `fetch` option.
 *
 * @param p - see {@link MutualTlsClientParameters}.
 * @returns the {@link MutualTlsFetch}.
 * @throws JilError `CONFIG_INVALID` (details.field) when a PEM is missing.
 * @see docs/operations.md §Mutual TLS
 * @example
 * import { createMutualTlsFetch } from '@jil/server-kit/tls';
 * const hq = new HqClient({ baseUrl, nodeId, nodeSecret, clock, fetch: createMutualTlsFetch({ ...identity, crl }) });
 */
export function createMutualTlsFetch(p: MutualTlsClientParameters): MutualTlsFetch {
  const dispatcher = createMutualTlsAgent(p);
  const f = (input: string | URL, init?: RequestInit): Promise<Response> =>
    undiciFetch(input, { ...(init as object), dispatcher }) as unknown as Promise<Response>;
  return Object.assign(f, { close: () => dispatcher.close() });
}
