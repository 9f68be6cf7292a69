import { JilError } from '@jil/core';
import { checkRecord, checkText } from '../checks/checks.js';
import { appendAudit } from '../journal/appendAudit.js';
import { userAccount } from '../journal/accounts.js';
import type { LedgerContext } from '../LedgerContext.js';
import { checkDepositKey, type DepositKey, depositKeyText } from './BridgeDeposit.js';
import type { CreditOutcome } from './creditDeposit.js';
import { postDepositCredit } from './creditDeposit.js';
import { findDeposit } from './depositRows.js';

/** Who releases a parked deposit and why (both kept in the audit row). */
export interface ReleaseReview {
  /** The operator's name or id. */
  operator: string;
  /** Why the deposit may be credited after review. */
  reason: string;
}

/**
 * Credits a `quarantined` or `held` deposit after a human review (shells/ledger/README.md §Compliance gate): the only
 * way such a deposit is ever credited. Audited with the operator, the reason and the deposit's PSA id. Idempotent: a
 * deposit already credited returns its outcome with `duplicate: true` and nothing is written.
 *
 * @throws JilError `INVALID_ARGUMENT` (bad key, empty operator or reason), `NOT_FOUND` (no such deposit),
 *   `STORAGE_ERROR`.
 */
export async function releaseQuarantine(ctx: LedgerContext, keyInput: DepositKey, reviewInput: ReleaseReview): Promise<CreditOutcome> {
  const key = checkDepositKey(keyInput);
  const review = checkRecord(reviewInput, 'review');
  const operator = checkText(review['operator'], 'review.operator', 200);
  const reason = checkText(review['reason'], 'review.reason');
  return ctx.writer.write(async (scope) => {
    const { tx, now } = scope;
    const stored = await findDeposit(tx, key, true);
    if (stored === undefined) throw new JilError('NOT_FOUND', 'no deposit with this key', { details: { key: depositKeyText(key) } });
    if (stored.state === 'credited') {
      return {
        state: 'credited',
        duplicate: true,
        ...(stored.entryId === undefined ? {} : { entryId: stored.entryId }),
        psaId: stored.psaId,
      };
    }
    const entry = await postDepositCredit(scope, stored, stored.asset);
    await tx.query(
      "UPDATE ledger_deposits SET state = 'credited', entry_id = $4, credited_at = $5 " +
        'WHERE chain_id = $1::numeric AND tx_hash = $2 AND log_index = $3',
      [key.chainId.toString(), key.txHash, key.logIndex, entry.entryId, now],
    );
    await appendAudit(
      tx,
      {
        action: 'quarantine_released',
        actor: operator,
        account: userAccount(stored.jilAccount),
        asset: stored.asset,
        amount: stored.amount,
        entryId: entry.entryId,
        depositKey: depositKeyText(key),
        psaId: stored.psaId,
        details: { reason, previous_state: stored.state, verdict: stored.verdict },
      },
      now,
    );
    return { state: 'credited', duplicate: false, entryId: entry.entryId, psaId: stored.psaId };
  });
}
