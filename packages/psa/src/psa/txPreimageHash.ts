import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { JilError } from '@jil/core';
import { TX_PREIMAGE_HASH_ALGS, type TxPreimageHashAlg } from './PsaBody.js';

/**
 * The `tx_preimage_hash` of an unsigned transaction under `alg` (docs/psa-format.md §Transaction binding): the hash of
 * exactly the bytes given — no prefix, no length, no re-encoding — as 64 lower-case hex characters without `0x`.
 * `sha256` is SHA-256 (FIPS 180-4); `keccak256` is Keccak-256 with the original Keccak padding (as Ethereum, not
 * FIPS 202 SHA3-256), so for the EIP-1559 unsigned bytes `0x02 || rlp([...])` it is the transaction's signing hash.
 *
 * @param unsignedTx - The unsigned transaction bytes.
 * @param alg - `sha256` | `keccak256`.
 * @returns Lower-case hex of the 32-byte digest.
 * @throws JilError `INVALID_ARGUMENT` for a non-`Uint8Array` or an unknown `alg`.
 * @example
 * import { txPreimageHash } from '@jil/psa';
 * const tx_preimage_hash = txPreimageHash(unsignedRlp, 'keccak256'); // = Fireblocks rawTx[].payload
 */
export function txPreimageHash(unsignedTx: Uint8Array, alg: TxPreimageHashAlg): string {
  if (!(unsignedTx instanceof Uint8Array))
    throw new JilError('INVALID_ARGUMENT', 'unsignedTx must be a Uint8Array', { details: { field: 'unsignedTx' } });
  if (alg === 'sha256') return bytesToHex(sha256(unsignedTx));
  if (alg === 'keccak256') return bytesToHex(keccak_256(unsignedTx));
  throw new JilError('INVALID_ARGUMENT', `alg must be one of ${TX_PREIMAGE_HASH_ALGS.join(', ')}`, { details: { field: 'alg' } });
}
