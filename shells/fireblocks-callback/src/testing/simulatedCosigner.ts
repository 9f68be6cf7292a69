/**
 * A simulated Fireblocks API Co-Signer, written from ../shared/integrations/fireblocks-callback.md only: it builds a
 * real unsigned EIP-1559 transaction (ethers), puts it in `rawTx[]` with its signing hash as `payload`, signs the
 * request claims as a compact RS256 JWS with its private key, POSTs it to `<callback>/v2/tx_sign_request`, and verifies
 * the answer — a compact RS256 JWS by the callback's key with `{ action, requestId, rejectionReason? }` — giving up at
 * its deadline. Test and example helper: `@jil/shell-fireblocks-callback/testing`.
 */
import { randomUUID } from 'node:crypto';
import { Transaction } from 'ethers';
import { exportSPKI, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

/** An RSA key pair for RS256, with the public key as PEM (what the other side configures). */
export interface RsaKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicPem: string;
}

/** A fresh 2048-bit RSA key pair for RS256. */
export async function rsaKeys(): Promise<RsaKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  return { privateKey, publicKey, publicPem: await exportSPKI(publicKey) };
}

/** The transfer the simulated co-signer is asked to sign. */
export interface SimulatedTransfer {
  /** `destAddress` of the request. */
  destAddress: string;
  /** The transaction's `to` (default `destAddress`): set it to another address to tamper. */
  txTo?: string;
  /** `amountStr`, decimal ETH. */
  amountStr: string;
  /** The transaction's value in wei (default: `amountStr` in wei). */
  valueWei?: bigint;
  amountUSD: number;
  chainId?: number;
  nonce?: number;
  sourceId?: string;
  /** Overrides of the claims (applied last). */
  claims?: Record<string, unknown>;
}

const toWei = (eth: string): bigint => {
  const [w = '0', f = ''] = eth.split('.');
  return BigInt(w) * 10n ** 18n + BigInt(f.padEnd(18, '0').slice(0, 18) || '0');
};

/** What the callback answered. */
export interface CosignerOutcome {
  status: number;
  /** Milliseconds from sending to the complete answer. */
  elapsedMs: number;
  /** The verified response claims (status 200), or `undefined`. */
  response?: JWTPayload & { action?: string; requestId?: string; rejectionReason?: string };
  /** The raw body (the JWS, or the JSON error). */
  body: string;
  /** `true` when the deadline passed before an answer. */
  timedOut: boolean;
}

/** The simulated API Co-Signer. */
export class SimulatedCosigner {
  constructor(private readonly o: { callbackUrl: string; keys: RsaKeys; callbackPublicKey: CryptoKey; deadlineMs: number }) {}

  /** The `tx_sign_request` claims for a transfer: a real unsigned EIP-1559 transaction and its keccak-256 payload. */
  request(t: SimulatedTransfer): Record<string, unknown> {
    const tx = Transaction.from({
      type: 2,
      chainId: t.chainId ?? 1,
      nonce: t.nonce ?? 0,
      maxPriorityFeePerGas: 1_000_000_000n,
      maxFeePerGas: 40_000_000_000n,
      gasLimit: 21_000n,
      to: t.txTo ?? t.destAddress,
      value: t.valueWei ?? toWei(t.amountStr),
      data: '0x',
      accessList: [],
    });
    return {
      txId: randomUUID(),
      requestId: randomUUID(),
      operation: 'TRANSFER',
      asset: 'ETH',
      sourceType: 'VAULT',
      sourceId: t.sourceId ?? '0',
      destType: 'ONE_TIME',
      destId: '',
      destAddress: t.destAddress,
      destAddressType: 'ONE_TIME',
      amount: Number(t.amountStr),
      amountStr: t.amountStr,
      destinations: [
        {
          amountNative: Number(t.amountStr),
          amountNativeStr: t.amountStr,
          amountUSD: t.amountUSD,
          dstAddress: t.destAddress,
          dstAddressType: 'ONE_TIME',
          dstId: '',
          dstType: 'ONE_TIME',
          displayDstAddress: t.destAddress,
          dstName: 'N/A',
        },
      ],
      rawTx: [{ keyDerivationPath: [44, 60, 0, 0, 0], rawTx: tx.unsignedSerialized.slice(2), payload: tx.unsignedHash.slice(2) }],
      players: ['11111111-2222-3333-4444-555555555555'],
      ...t.claims,
    };
  }

  /** Sign claims as the co-signer does (RS256), with `iat` (seconds) now unless given, under `key` (default its own). */
  sign(claims: Record<string, unknown>, opts: { key?: CryptoKey; iat?: number } = {}): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuedAt(opts.iat ?? Math.floor(Date.now() / 1000))
      .sign(opts.key ?? this.o.keys.privateKey);
  }

  /** POST a signed body to the callback; verify an answer with the callback's public key; give up at the deadline. */
  async send(body: string): Promise<CosignerOutcome> {
    const started = performance.now();
    let res: Response;
    try {
      res = await fetch(new URL('/v2/tx_sign_request', this.o.callbackUrl), {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body,
        signal: AbortSignal.timeout(this.o.deadlineMs),
      });
    } catch {
      return { status: 0, elapsedMs: performance.now() - started, body: '', timedOut: true };
    }
    const text = await res.text();
    const elapsedMs = performance.now() - started;
    if (res.status !== 200) return { status: res.status, elapsedMs, body: text, timedOut: false };
    const { payload } = await jwtVerify(text, this.o.callbackPublicKey, { algorithms: ['RS256'] });
    return { status: 200, elapsedMs, body: text, response: payload as NonNullable<CosignerOutcome['response']>, timedOut: false };
  }
}
