import { JilError } from '@jil/core';
import { checkHash32, checkRecord } from '../checks/checks.js';
import { appendAudit } from '../journal/appendAudit.js';
import type { LedgerContext } from '../LedgerContext.js';
import { findWithdrawal, type Withdrawal } from './withdrawalRows.js';

/**
 * Marks a burned withdrawal `released` once the contract paid it (shells/ledger/README.md §Withdrawals). Idempotent:
 * marking it again with the same transaction hash returns it unchanged and writes nothing. Audited.
 *
 * @param withdrawalId - 0x + 64 hex digits.
 * @param release - `{ txHash }` of the EVM release transaction.
 * @throws JilError `BRIDGE_WITHDRAWAL_UNKNOWN` (no such withdrawal), `LEDGER_CONFLICT` (already released by another
 *   transaction), `INVALID_ARGUMENT`, `STORAGE_ERROR`.
 */
export async function markReleased(ctx: LedgerContext, withdrawalId: string, release: { txHash: string }): Promise<Withdrawal> {
  const id = checkHash32(withdrawalId, 'withdrawalId');
  const txHash = checkHash32(checkRecord(release, 'release')['txHash'], 'release.txHash');
  return ctx.writer.write(async ({ tx, now }) => {
    const found = await findWithdrawal(tx, id, true);
    if (found === undefined)
      throw new JilError('BRIDGE_WITHDRAWAL_UNKNOWN', 'the ledger holds no such withdrawal', { details: { withdrawal_id: id } });
    if (found.state === 'released') {
      if (found.releaseTxHash === txHash) return found;
      throw new JilError('LEDGER_CONFLICT', 'this withdrawal was released by another transaction', {
        details: { key: id, field: 'txHash' },
      });
    }
    await tx.query(`UPDATE ledger_withdrawals SET state = 'released', release_tx_hash = $2, released_at = $3 WHERE withdrawal_id = $1`, [
      id,
      txHash,
      now,
    ]);
    await appendAudit(
      tx,
      {
        action: 'withdrawal_released',
        actor: 'bridge:relayer',
        account: `user:${found.account}`,
        asset: found.asset,
        amount: found.amount,
        withdrawalId: id,
        details: { tx_hash: txHash },
      },
      now,
    );
    return { ...found, state: 'released', releaseTxHash: txHash, releasedAt: now };
  });
}
