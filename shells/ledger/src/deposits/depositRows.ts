import type { Db } from '@jil/server-kit';
import type { BridgedAsset } from '../assets/AssetRegistry.js';
import { numericToBigInt } from '../checks/checks.js';
import type { BridgeDeposit, DepositKey } from './BridgeDeposit.js';

/** Where a deposit stands: credited, or parked until an operator releases it. */
export type DepositState = 'credited' | 'quarantined' | 'held';

/** A deposit as the ledger stores it (`ledger_deposits`). */
export interface StoredDeposit extends BridgeDeposit {
  asset: BridgedAsset;
  state: DepositState;
  verdict: 'pass' | 'flag' | 'fail';
  psaId: string;
  /** The signed PSA envelope the compliance gate returned. */
  psa: unknown;
  reasons: string[];
  guardianSetVersion: number;
  /** The crediting journal entry, once credited. */
  entryId?: string;
  createdAt: Date;
  creditedAt?: Date;
}

interface DepositRow {
  chain_id: string;
  tx_hash: string;
  log_index: number;
  bridge: string;
  deposit_id: string;
  block_hash: string | null;
  block_number: string;
  token: string;
  amount: string;
  depositor: string;
  jil_account: string;
  asset: BridgedAsset;
  state: DepositState;
  verdict: 'pass' | 'flag' | 'fail';
  psa_id: string;
  psa: unknown;
  reasons: string[];
  guardian_set_version: number;
  entry_id: string | null;
  created_at: Date | string;
  credited_at: Date | string | null;
}

/** The SELECT list of a deposit row, NUMERIC columns as text. */
export const DEPOSIT_COLUMNS =
  'chain_id::text AS chain_id, tx_hash, log_index, bridge, deposit_id, ' +
  `block_hash, block_number::text AS block_number, token,
  amount::text AS amount, depositor, jil_account, asset, state, verdict, psa_id, psa, reasons, ` +
  `guardian_set_version, entry_id::text AS entry_id,
  created_at, credited_at`;

/** A `ledger_deposits` row as a {@link StoredDeposit}. */
export function toStoredDeposit(row: DepositRow): StoredDeposit {
  return {
    chainId: numericToBigInt(row.chain_id),
    bridge: row.bridge,
    depositId: row.deposit_id,
    txHash: row.tx_hash,
    logIndex: Number(row.log_index),
    blockHash: row.block_hash ?? '',
    blockNumber: numericToBigInt(row.block_number),
    token: row.token,
    amount: numericToBigInt(row.amount),
    depositor: row.depositor,
    jilAccount: row.jil_account,
    asset: row.asset,
    state: row.state,
    verdict: row.verdict,
    psaId: row.psa_id,
    psa: row.psa,
    reasons: row.reasons,
    guardianSetVersion: Number(row.guardian_set_version),
    ...(row.entry_id === null ? {} : { entryId: row.entry_id }),
    createdAt: new Date(row.created_at),
    ...(row.credited_at === null ? {} : { creditedAt: new Date(row.credited_at) }),
  };
}

/** Reads one deposit by key (optionally locking it), or undefined. */
export async function findDeposit(db: Db, key: DepositKey, forUpdate = false): Promise<StoredDeposit | undefined> {
  const { rows } = await db.query<DepositRow>(
    `SELECT ${DEPOSIT_COLUMNS} FROM ledger_deposits ` +
      `WHERE chain_id = $1::numeric AND tx_hash = $2 AND log_index = $3${forUpdate ? ' FOR UPDATE' : ''}`,
    [key.chainId.toString(), key.txHash.toLowerCase(), key.logIndex],
  );
  return rows[0] === undefined ? undefined : toStoredDeposit(rows[0]);
}

/** Reads the deposits, oldest first, optionally of one state. */
export async function listDeposits(db: Db, state?: DepositState): Promise<StoredDeposit[]> {
  const { rows } =
    state === undefined
      ? await db.query<DepositRow>(`SELECT ${DEPOSIT_COLUMNS} FROM ledger_deposits ORDER BY created_at, chain_id, tx_hash, log_index`)
      : await db.query<DepositRow>(
          `SELECT ${DEPOSIT_COLUMNS} FROM ledger_deposits WHERE state = $1 ORDER BY created_at, chain_id, tx_hash, log_index`,
          [state],
        );
  return rows.map(toStoredDeposit);
}
