import { sha256Hex } from '@jil/core';
import type { TxSignRequestClaims } from '../request/TxSignRequestClaims.js';
import type { CheckedTransfer } from './checkRawTx.js';

/** An id for JIL's 1–128 printable-ASCII fields: as is when it fits, else `prefix` + SHA-256 of it. */
const asId = (prefix: string, value: string): string => {
  const id = `${prefix}${value}`;
  return /^[\x21-\x7e]{1,128}$/.test(id) ? id : `${prefix}sha256-${sha256Hex(value)}`;
};

/**
 * The JIL `validate` request for a checked co-signer request: bound to the signing hash
 * (`tx_preimage_hash` = payload, `tx_preimage_hash_alg` = `keccak256`); `transit_id` from the co-signer's `requestId`,
 * the sender is the vault account, the receiver the Fireblocks destination (`destType:destId`, or the address for a
 * one-time address). Party names are not sent: the co-signer request has none for the parties.
 */
export function toTransferRequest(c: TxSignRequestClaims, t: CheckedTransfer, custodianId: string): Record<string, unknown> {
  const destId = c.destId === undefined || c.destId === '' ? t.to : String(c.destId);
  return {
    transit_id: asId('fireblocks-', c.requestId),
    chain_id: t.chainId,
    asset: t.asset,
    amount: t.amount,
    amount_usd: t.amountUsd,
    source_address: t.sourceAddress,
    destination_address: t.to,
    sender: { id: asId('fireblocks-vault-', t.sourceId) },
    receiver: { id: asId(`fireblocks-${(c.destType ?? 'dest').toLowerCase()}-`, destId) },
    custodian_id: custodianId,
    tx_preimage_hash: t.signingHash,
    tx_preimage_hash_alg: 'keccak256',
    purpose: 'transfer',
  };
}
