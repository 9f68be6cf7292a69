import { JilError } from '@jil/core';
import { type Dispatcher, request } from 'undici';

/**
 * A `fetchCrl` for {@link CrlRefresher}: `GET <hqUrl>/v1/fleet/ca` (HQ's public CA route) and its `crl_pem`. Over
 * mutual TLS pass the node's dispatcher (`createMutualTlsAgent`). The answer is untrusted: the refresher verifies it.
 *
 * @param hqUrl - HQ base URL (`https://hq:7400`).
 * @param dispatcher - optional undici dispatcher.
 * @returns a function resolving to the CRL PEM.
 * @throws JilError `CLIENT_HTTP` (from the returned function) for a non-200 answer or one without `crl_pem`.
 * @example
 * import { fetchHqCrl } from '@jil/server-kit/tls';
 * const pem = await fetchHqCrl('https://127.0.0.1:7400', agent)();
 */
export function fetchHqCrl(hqUrl: string, dispatcher?: Dispatcher): () => Promise<string> {
  const url = new URL('/v1/fleet/ca', hqUrl);
  return async () => {
    const res = await request(url, { method: 'GET', ...(dispatcher ? { dispatcher } : {}), headersTimeout: 10_000, bodyTimeout: 10_000 });
    const body = (await res.body.json().catch(() => undefined)) as { crl_pem?: unknown } | undefined;
    if (res.statusCode !== 200 || typeof body?.crl_pem !== 'string')
      throw new JilError('CLIENT_HTTP', `HQ answered ${res.statusCode} without a CRL`, { details: { status: res.statusCode } });
    return body.crl_pem;
  };
}
