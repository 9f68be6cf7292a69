import type { Db } from '@jil/server-kit';
import type { BridgedToken } from '../assets/AssetRegistry.js';
import { numericToBigInt } from '../checks/checks.js';
import { bridgeAccount, feeAccount } from '../journal/accounts.js';

/**
 * One asset family's supply figures (smallest unit). Identity (shells/ledger/README.md §Conservation):
 * `credited − released = bridgedSupply + protectedSupply + inFlight`, i.e. what the contract still holds for deposits
 * the ledger credited equals what the ledger's users and fee account hold plus what is burned but not yet paid.
 */
export interface Reconciliation {
  /** Sum of the amounts of `credited` deposits of this token (quarantined and held ones excluded). */
  credited: bigint;
  /** Sum of the bridged asset over user accounts. */
  bridgedSupply: bigint;
  /** Sum of the protected asset over user accounts and the fee account (fees included). */
  protectedSupply: bigint;
  /** The fee account's balance of the protected asset (part of `protectedSupply`). */
  fees: bigint;
  /** Sum of burned withdrawals not yet released. */
  inFlight: bigint;
  /** Sum of released withdrawals. */
  released: bigint;
  /** −balance of `system:bridge:<chainId>:<token>`: issued on the ledger and not burned (= credited − inFlight − released). */
  issued: bigint;
}

const sumOf = async (db: Db, sql: string, params: readonly unknown[]): Promise<bigint> => {
  const { rows } = await db.query<{ total: string }>(sql, params);
  return numericToBigInt(rows[0]?.total ?? '0');
};

/** Reads the supply figures of one family in one snapshot (the caller runs it in a transaction). */
export async function reconcileFamily(db: Db, family: BridgedToken): Promise<Reconciliation> {
  const chain = family.chainId.toString();
  const deposits =
    'SELECT coalesce(sum(amount), 0)::text AS total FROM ledger_deposits ' +
    "WHERE chain_id = $1::numeric AND token = $2 AND state = 'credited'";
  const withdrawals =
    'SELECT coalesce(sum(amount), 0)::text AS total FROM ledger_withdrawals WHERE chain_id = $1::numeric AND token = $2 AND state = $3';
  const supply = "SELECT coalesce(sum(balance), 0)::text AS total FROM ledger_balances WHERE asset = $1 AND account NOT LIKE 'system:%'";
  const balance = 'SELECT coalesce(sum(balance), 0)::text AS total FROM ledger_balances WHERE asset = $1 AND account = $2';
  return {
    credited: await sumOf(db, deposits, [chain, family.token]),
    bridgedSupply: await sumOf(db, supply, [family.bridged]),
    protectedSupply: await sumOf(db, supply, [family.protected]),
    fees: await sumOf(db, balance, [family.protected, feeAccount(family.protected)]),
    inFlight: await sumOf(db, withdrawals, [chain, family.token, 'burned']),
    released: await sumOf(db, withdrawals, [chain, family.token, 'released']),
    issued: -(await sumOf(db, balance, [family.bridged, bridgeAccount(family.chainId, family.token)])),
  };
}
