import type { CryptoKey, KeyObject } from 'jose';

/** What the callback answers when JIL cannot give a definite `pass` or `fail` (docs/integrations/fireblocks.md). */
export type PolicyAction = 'APPROVE' | 'REJECT';

/** An asset the callback screens: its EIP-155 chain and decimals. Only native EVM transfers today. */
export interface AssetConfig {
  /** EIP-155 chain id the unsigned transaction must carry (`1` for Ethereum mainnet). */
  chainId: number;
  /** Fraction digits of `amountStr` (18 for ETH). */
  decimals: number;
}

/** Configuration of the callback handler; `loadCallbackConfig` reads it from the environment. */
export interface CallbackConfig {
  /** The API Co-Signer's RSA public key: request JWTs must verify under it (RS256). */
  cosignerPublicKey: CryptoKey | KeyObject;
  /** The callback's own RSA private key: response JWTs are signed with it (RS256). */
  callbackPrivateKey: CryptoKey | KeyObject;
  /** Pre-clearance service and the custodian's access key. */
  jil: { baseUrl: string; accessKeyId: string; secret: string; custodianId: string };
  /** The pinned validator set (signed document), and the versions published since, oldest first. */
  validatorSet: unknown;
  validatorSetChain?: readonly unknown[];
  /** Fireblocks `sourceId` (vault account id) → the vault's on-chain address for that asset's chain. */
  sourceAddresses: Readonly<Record<string, string>>;
  /** Fireblocks asset id → chain and decimals (default `{ ETH: { chainId: 1, decimals: 18 } }`). */
  assets?: Readonly<Record<string, AssetConfig>>;
  /** Answer to a `flag` PSA (default `REJECT`). */
  onFlag?: PolicyAction;
  /** Answer when JIL is unreachable, times out, or answers 5xx / 429 (default `REJECT`). */
  onOutage?: PolicyAction;
  /** The whole answer must leave within this many ms of the request's arrival (default 10 000). */
  responseDeadlineMs?: number;
  /** Timeout of the pre-clearance call (default 5 000; never beyond the response deadline). */
  jilTimeoutMs?: number;
  /** Largest accepted age of the request JWT's `iat`, in seconds (default 300). */
  maxJwtAgeSeconds?: number;
  /** Clock (default `new Date()`). */
  clock?: () => Date;
}

/** Defaults of {@link CallbackConfig}. */
export const CALLBACK_DEFAULTS = Object.freeze({
  assets: Object.freeze({ ETH: Object.freeze({ chainId: 1, decimals: 18 }) }) as Readonly<Record<string, AssetConfig>>,
  onFlag: 'REJECT' as PolicyAction,
  onOutage: 'REJECT' as PolicyAction,
  responseDeadlineMs: 10_000,
  jilTimeoutMs: 5_000,
  maxJwtAgeSeconds: 300,
});
