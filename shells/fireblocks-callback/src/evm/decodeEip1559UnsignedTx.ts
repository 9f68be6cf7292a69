import { Transaction } from 'ethers';

/** The fields of an unsigned EIP-1559 transaction the callback checks. */
export interface DecodedEip1559Tx {
  /** EIP-155 chain id. */
  chainId: bigint;
  nonce: number;
  /** Recipient, EIP-55 checksummed; `null` for a contract creation. */
  to: string | null;
  /** Value in wei. */
  value: bigint;
  /** Call data, `0x`-prefixed hex (`0x` for a plain transfer). */
  data: string;
  /** The signing hash: Keccak-256 of the unsigned bytes, 64 lower-case hex characters without `0x`. */
  signingHash: string;
}

/** Outcome of {@link decodeEip1559UnsignedTx}: the fields, or why the bytes are not an unsigned EIP-1559 transaction. */
export type DecodeEip1559Result = { ok: true; tx: DecodedEip1559Tx } | { ok: false; reason: string };

const HEX = /^(0x)?([0-9a-fA-F]{2})+$/;

/**
 * Decode an unsigned EIP-1559 transaction (`0x02 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit,
 * to, value, data, accessList])`, EIP-2718 / EIP-1559) with ethers. Refuses anything else — another type, a signed
 * transaction, bytes that do not re-encode to exactly the input (non-canonical RLP, trailing bytes) — so the signing
 * hash returned is the hash of exactly the bytes received.
 *
 * @param rawTx - Hex, with or without `0x` (Fireblocks `rawTx[].rawTx`).
 * @returns `{ ok: true, tx }` or `{ ok: false, reason }`; never throws.
 * @example
 * import { decodeEip1559UnsignedTx } from '@jil/shell-fireblocks-callback';
 * const r = decodeEip1559UnsignedTx('02f0…');
 * if (r.ok) console.log(r.tx.to, r.tx.value, r.tx.signingHash);
 */
export function decodeEip1559UnsignedTx(rawTx: unknown): DecodeEip1559Result {
  if (typeof rawTx !== 'string' || !HEX.test(rawTx)) return { ok: false, reason: 'rawTx is not hex' };
  const hex = `0x${rawTx.replace(/^0x/, '').toLowerCase()}`;
  if (!hex.startsWith('0x02')) return { ok: false, reason: 'rawTx is not an EIP-1559 (type 2) transaction' };
  let tx: Transaction;
  let reencoded: string;
  try {
    tx = Transaction.from(hex);
    if (tx.type !== 2) return { ok: false, reason: 'rawTx is not an EIP-1559 (type 2) transaction' };
    if (tx.signature !== null) return { ok: false, reason: 'rawTx is already signed' };
    reencoded = tx.unsignedSerialized.toLowerCase();
  } catch {
    return { ok: false, reason: 'rawTx does not decode as an EIP-1559 transaction' };
  }
  if (reencoded !== hex) return { ok: false, reason: 'rawTx is not the canonical encoding of its fields' };
  return {
    ok: true,
    tx: {
      chainId: tx.chainId,
      nonce: tx.nonce,
      to: tx.to,
      value: tx.value,
      data: tx.data,
      signingHash: tx.unsignedHash.slice(2).toLowerCase(),
    },
  };
}
