import { Pool } from 'undici';
import { createSigner, signPeerRequest } from '@jil/core';
import { VALIDATOR_PEER_PROTOCOL } from '@jil/psa';

/** A validator the relayer asks, by id and base URL (e.g. `http://127.0.0.1:7401`). */
export interface GuardianEndpoint {
  id: string;
  url: string;
}

/** One validator's answer: a signature, or a refusal with its code (never both). */
export type GuardianAnswer =
  | { kind: 'signature'; validatorId: string; address: string; signature: string }
  | { kind: 'refused'; validatorId: string; code: string; message: string }
  | { kind: 'unreachable'; validatorId: string; message: string };

/**
 * Ask every validator at once to sign a bridge message (`POST path` with the JSON `body`), with one peer request
 * signature (`VALIDATOR_PEER_PROTOCOL`, sender = the relayer key's keyid, which each validator pins). Answers are NOT
 * trusted here: a signature is only a candidate until `verifyDepositQuorum` / the contract recovers it to a guardian.
 * @returns one answer per endpoint, in the order of `endpoints`; never throws for a validator's failure.
 */
export async function requestGuardianSignatures(
  endpoints: readonly GuardianEndpoint[],
  path: string,
  body: unknown,
  peerSecretKey: Uint8Array,
  options: { timeoutMs?: number; pools?: Map<string, Pool>; now?: Date } = {},
): Promise<GuardianAnswer[]> {
  const signer = createSigner(peerSecretKey);
  const text = JSON.stringify(body);
  const auth = signPeerRequest({
    protocol: VALIDATOR_PEER_PROTOCOL,
    method: 'POST',
    path,
    body: text,
    sender: signer.keyid,
    secretKey: signer,
    now: options.now ?? new Date(),
  });
  const headers = { ...auth, 'content-type': 'application/json' };
  const pools = options.pools ?? new Map<string, Pool>();
  const ask = async (e: GuardianEndpoint): Promise<GuardianAnswer> => {
    try {
      const url = new URL(path, e.url);
      let pool = pools.get(url.origin);
      if (pool === undefined) {
        pool = new Pool(url.origin, { connections: 2 });
        pools.set(url.origin, pool);
      }
      const res = await pool.request({
        method: 'POST',
        path: url.pathname,
        headers,
        body: text,
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      const json = (await res.body.json().catch(() => undefined)) as Record<string, unknown> | undefined;
      if (res.statusCode === 200 && typeof json?.['signature'] === 'string' && typeof json['address'] === 'string') {
        return { kind: 'signature', validatorId: e.id, address: json['address'], signature: json['signature'] };
      }
      const error = json?.['error'] as { code?: unknown; message?: unknown } | undefined;
      return {
        kind: 'refused',
        validatorId: e.id,
        code: typeof error?.code === 'string' ? error.code.slice(0, 64) : `HTTP_${res.statusCode}`,
        message: typeof error?.message === 'string' ? error.message.slice(0, 300) : '',
      };
    } catch (cause) {
      return { kind: 'unreachable', validatorId: e.id, message: cause instanceof Error ? cause.message.slice(0, 200) : 'request failed' };
    }
  };
  const answers = await Promise.all(endpoints.map(ask));
  if (options.pools === undefined) await Promise.all([...pools.values()].map((p) => p.close()));
  return answers;
}
