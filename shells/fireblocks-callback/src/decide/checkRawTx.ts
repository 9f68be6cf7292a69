import { getAddress } from 'ethers';
import { CALLBACK_DEFAULTS, type AssetConfig } from '../config/CallbackConfig.js';
import { decodeEip1559UnsignedTx } from '../evm/decodeEip1559UnsignedTx.js';
import { parseNativeAmount } from '../evm/nativeAmount.js';
import type { TxSignRequestClaims } from '../request/TxSignRequestClaims.js';

/** The transfer the co-signer is about to sign, checked against its own request. */
export interface CheckedTransfer {
  asset: string;
  /** CAIP-2 chain id (`eip155:<chainId>`). */
  chainId: string;
  /** EIP-55 destination (the transaction's `to`, equal to `destAddress`). */
  to: string;
  /** The request's `amountStr`, equal to the transaction's value. */
  amount: string;
  /** US dollars with 2 decimals, from `destinations[0].amountUSD`. */
  amountUsd: string;
  sourceId: string;
  sourceAddress: string;
  /** keccak256 of the unsigned transaction = `rawTx[0].payload` (hex, lower case, no `0x`). */
  signingHash: string;
}

/** Outcome of {@link checkRawTx}. */
export type CheckRawTxResult =
  | { ok: true; transfer: CheckedTransfer }
  | { ok: false; outcome: 'unsupported' | 'tx_mismatch'; reason: string };

const addressOrUndefined = (a: string | undefined): string | undefined => {
  try {
    return a === undefined ? undefined : getAddress(a.toLowerCase());
  } catch {
    return undefined;
  }
};

/**
 * Check that the unsigned transaction is what the request says (the facts' example: `to` and `value` match the
 * destination, and the payload is the transaction's signing hash): one `rawTx` entry, an unsigned EIP-1559 native
 * transfer (empty data) on the asset's configured chain, `to` = `destAddress` (= `destinations[0].displayDstAddress`
 * when given), value = `amountStr` (= `destinations[0].amountNativeStr` when given), `payload` = keccak256 of the
 * unsigned bytes. Pure; decides before JIL is asked, so a tampered transaction never gets a PSA.
 */
export function checkRawTx(
  c: TxSignRequestClaims,
  o: { assets?: Readonly<Record<string, AssetConfig>>; sourceAddresses: Readonly<Record<string, string>> },
): CheckRawTxResult {
  const no = (outcome: 'unsupported' | 'tx_mismatch', reason: string): CheckRawTxResult => ({ ok: false, outcome, reason });
  if (c.operation !== 'TRANSFER') return no('unsupported', `operation ${c.operation ?? '(none)'} is not screened; only TRANSFER`);
  const asset = c.asset === undefined ? undefined : (o.assets ?? CALLBACK_DEFAULTS.assets)[c.asset];
  if (c.asset === undefined || asset === undefined)
    return no('unsupported', `asset ${c.asset ?? '(none)'} is not configured for JIL screening`);
  const sourceId = c.sourceId === undefined ? undefined : String(c.sourceId);
  const sourceAddress = sourceId === undefined ? undefined : o.sourceAddresses[sourceId];
  if (sourceId === undefined || sourceAddress === undefined)
    return no('unsupported', `no source address configured for sourceId ${sourceId ?? '(none)'}`);
  if (c.rawTx?.length !== 1 || c.rawTx[0] === undefined)
    return no('unsupported', `expected exactly one rawTx entry, got ${c.rawTx?.length ?? 0}`);
  const decoded = decodeEip1559UnsignedTx(c.rawTx[0].rawTx);
  if (!decoded.ok) return no('tx_mismatch', decoded.reason);
  const tx = decoded.tx;
  const payload = c.rawTx[0].payload.replace(/^0x/, '').toLowerCase();
  if (payload !== tx.signingHash) return no('tx_mismatch', 'rawTx payload is not the keccak256 signing hash of rawTx');
  if (tx.chainId !== BigInt(asset.chainId))
    return no('tx_mismatch', `rawTx chain id ${tx.chainId} is not ${asset.chainId} (asset ${c.asset})`);
  if (tx.data !== '0x') return no('unsupported', 'rawTx carries call data; only native transfers are screened');
  const dest = addressOrUndefined(c.destAddress);
  if (dest === undefined) return no('tx_mismatch', 'destAddress is missing or not an EVM address');
  if (tx.to !== dest) return no('tx_mismatch', `rawTx to ${tx.to ?? '(contract creation)'} differs from destAddress ${dest}`);
  const d0 = c.destinations?.[0];
  if ((c.destinations?.length ?? 0) > 1) return no('unsupported', 'more than one destination');
  if (d0?.displayDstAddress !== undefined && addressOrUndefined(d0.displayDstAddress) !== dest)
    return no('tx_mismatch', 'destinations[0].displayDstAddress differs from destAddress');
  const amount = parseNativeAmount(c.amountStr, asset.decimals);
  if (amount === undefined || c.amountStr === undefined)
    return no('tx_mismatch', 'amountStr is missing or not a decimal amount of the asset');
  if (amount !== tx.value) return no('tx_mismatch', `rawTx value ${tx.value} wei differs from amountStr ${c.amountStr}`);
  if (d0?.amountNativeStr !== undefined && parseNativeAmount(d0.amountNativeStr, asset.decimals) !== amount)
    return no('tx_mismatch', 'destinations[0].amountNativeStr differs from amountStr');
  const usd = d0?.amountUSD;
  if (usd === undefined || !Number.isFinite(usd) || usd < 0 || usd >= 1e16)
    return no('unsupported', 'destinations[0].amountUSD is missing or out of range');
  return {
    ok: true,
    transfer: {
      asset: c.asset,
      chainId: `eip155:${asset.chainId}`,
      to: dest,
      amount: c.amountStr,
      amountUsd: usd.toFixed(2),
      sourceId,
      sourceAddress,
      signingHash: tx.signingHash,
    },
  };
}
