import type { Db } from '@jil/server-kit';
import type { LedgerAsset } from '../assets/AssetRegistry.js';
import { numericToBigInt } from '../checks/checks.js';

/** A withdrawal is `burned` on the ledger at request time and `released` once the contract paid it. */
export type WithdrawalState = 'burned' | 'released';

/** A withdrawal as stored (`ledger_withdrawals`): the terms validators check before signing a release. */
export interface Withdrawal {
  /** 0x + 32 random bytes (lower-case hex): the contract's withdrawal id. */
  withdrawalId: string;
  /** The JIL account that withdrew (without the `user:` prefix). */
  account: string;
  /** The asset burned (bridged or protected). */
  asset: LedgerAsset;
  chainId: bigint;
  /** The token the contract pays (zero address for ETH). */
  token: string;
  /** Smallest unit; the contract pays exactly this. */
  amount: bigint;
  /** The EVM address paid, lower case. */
  recipient: string;
  state: WithdrawalState;
  /** The burning journal entry. */
  entryId: string;
  /** The release transaction on the EVM, once released. */
  releaseTxHash?: string;
  createdAt: Date;
  releasedAt?: Date;
}

interface WithdrawalRow {
  withdrawal_id: string;
  account: string;
  asset: LedgerAsset;
  chain_id: string;
  token: string;
  amount: string;
  recipient: string;
  state: WithdrawalState;
  entry_id: string;
  release_tx_hash: string | null;
  created_at: Date | string;
  released_at: Date | string | null;
}

const COLUMNS = `withdrawal_id, account, asset, chain_id::text AS chain_id, token, amount::text AS amount, recipient, state,
  entry_id::text AS entry_id, release_tx_hash, created_at, released_at`;

const toWithdrawal = (row: WithdrawalRow): Withdrawal => ({
  withdrawalId: row.withdrawal_id,
  account: row.account,
  asset: row.asset,
  chainId: numericToBigInt(row.chain_id),
  token: row.token,
  amount: numericToBigInt(row.amount),
  recipient: row.recipient,
  state: row.state,
  entryId: row.entry_id,
  ...(row.release_tx_hash === null ? {} : { releaseTxHash: row.release_tx_hash }),
  createdAt: new Date(row.created_at),
  ...(row.released_at === null ? {} : { releasedAt: new Date(row.released_at) }),
});

/** Reads one withdrawal (optionally locking it), or undefined. */
export async function findWithdrawal(db: Db, withdrawalId: string, forUpdate = false): Promise<Withdrawal | undefined> {
  const { rows } = await db.query<WithdrawalRow>(
    `SELECT ${COLUMNS} FROM ledger_withdrawals WHERE withdrawal_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [withdrawalId],
  );
  return rows[0] === undefined ? undefined : toWithdrawal(rows[0]);
}

/** Reads the withdrawals, oldest first, optionally of one state (`burned` is what the relayer still has to release). */
export async function listWithdrawals(db: Db, state?: WithdrawalState): Promise<Withdrawal[]> {
  const order = 'ORDER BY created_at, withdrawal_id';
  const { rows } =
    state === undefined
      ? await db.query<WithdrawalRow>(`SELECT ${COLUMNS} FROM ledger_withdrawals ${order}`)
      : await db.query<WithdrawalRow>(`SELECT ${COLUMNS} FROM ledger_withdrawals WHERE state = $1 ${order}`, [state]);
  return rows.map(toWithdrawal);
}
