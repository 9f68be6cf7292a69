import { JilError } from '@jil/core';
import { Agent, request } from 'undici';

/**
 * A `fetchCrl` for {@link CrlRefresher}: `GET <hqUrl>/v1/fleet/ca` (HQ's public CA route) and its `crl_pem`. When HQ
 * serves mutual TLS pass the node's `tls` identity: the connection then presents the node certificate and trusts only
 * the CA, without a CRL check of its own (the CRL is what is being fetched, and it is CA-signed: the refresher
 * verifies it, so the transport needs no more trust than that).
 *
 * @param hqUrl - HQ base URL (`https://hq:7400`).
 * @param tls - optional node identity: CA, certificate and key (PEM).
 * @returns a function resolving to the CRL PEM (untrusted until `verifyCrl`).
 * @throws JilError `CLIENT_HTTP` (from the returned function) for a non-200 answer or one without `crl_pem`.
 * @example
 * import { fetchHqCrl } from '@jil/server-kit/tls';
 * const pem = await fetchHqCrl('https://127.0.0.1:7400', { caCertificatePem, certificatePem, privateKeyPem })();
 */
export function fetchHqCrl(
  hqUrl: string,
  tls?: { caCertificatePem: string; certificatePem: string; privateKeyPem: string },
): () => Promise<string> {
  const url = new URL('/v1/fleet/ca', hqUrl);
  const dispatcher =
    tls === undefined
      ? undefined
      : new Agent({
          connect: {
            ca: tls.caCertificatePem,
            cert: tls.certificatePem,
            key: tls.privateKeyPem,
            rejectUnauthorized: true,
            minVersion: 'TLSv1.3',
          },
          pipelining: 0, // one request, then the connection closes: nothing is reused across refreshes
        });
  return async () => {
    const res = await request(url, { method: 'GET', ...(dispatcher ? { dispatcher } : {}), headersTimeout: 10_000, bodyTimeout: 10_000 });
    const body = (await res.body.json().catch(() => undefined)) as { crl_pem?: unknown } | undefined;
    if (res.statusCode !== 200 || typeof body?.crl_pem !== 'string')
      throw new JilError('CLIENT_HTTP', `HQ answered ${res.statusCode} without a CRL`, { details: { status: res.statusCode } });
    return body.crl_pem;
  };
}
