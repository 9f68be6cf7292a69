import { bytesToHex } from '@jil/core';
import type { LedgerAsset } from '../assets/AssetRegistry.js';
import { checkAddress, checkAmount, checkJilAccount } from '../checks/checks.js';
import { appendAudit } from '../journal/appendAudit.js';
import { bridgeAccount, userAccount, wrapAccount } from '../journal/accounts.js';
import type { Posting } from '../journal/LedgerEntry.js';
import type { LedgerContext } from '../LedgerContext.js';
import type { Withdrawal } from './withdrawalRows.js';

/**
 * Burns `amount` of a bridged or protected asset at once and records the withdrawal the contract will pay
 * (shells/ledger/README.md §Withdrawals). Bridged: user −amount, issuance contra +amount. Protected: user −amount of
 * the protected asset, which `system:wrap:<protected>` takes back (+amount) while handing the same amount of the
 * bridged asset to the issuance contra. No fee on withdrawal. The id is 0x + 32 random bytes.
 *
 * @param jilAccount - The JIL account (ledger account `user:<jilAccount>`).
 * @param recipient - EVM address the contract pays.
 * @throws JilError `INVALID_ARGUMENT` (amount 0, bad address), `LEDGER_ASSET_UNKNOWN`, `LEDGER_INSUFFICIENT_FUNDS`
 *   (nothing written), `STORAGE_ERROR`.
 */
export async function requestWithdrawal(
  ctx: LedgerContext,
  jilAccount: string,
  asset: string,
  amount: bigint,
  recipient: string,
): Promise<Withdrawal> {
  const name = checkJilAccount(jilAccount, 'account');
  const account = userAccount(name);
  const value = checkAmount(amount);
  const to = checkAddress(recipient, 'recipient');
  const family = ctx.assets.byAsset(asset);
  const issuance = bridgeAccount(family.chainId, family.token);
  const postings: Posting[] =
    asset === family.bridged
      ? [
          { account, asset: family.bridged, amount: -value },
          { account: issuance, asset: family.bridged, amount: value },
        ]
      : [
          { account, asset: family.protected, amount: -value },
          { account: wrapAccount(family.protected), asset: family.protected, amount: value },
          { account: wrapAccount(family.protected), asset: family.bridged, amount: -value },
          { account: issuance, asset: family.bridged, amount: value },
        ];
  const withdrawalId = `0x${bytesToHex(crypto.getRandomValues(new Uint8Array(32)))}`;
  return ctx.writer.write(async (scope) => {
    const { tx, now } = scope;
    const entry = await scope.post('withdrawal_burn', `withdrawal:${withdrawalId}`, postings);
    await tx.query(
      `INSERT INTO ledger_withdrawals (withdrawal_id, account, asset, chain_id, token, amount, recipient, state, entry_id, created_at)
       VALUES ($1, $2, $3, $4::numeric, $5, $6::numeric, $7, 'burned', $8, $9)`,
      [withdrawalId, name, asset, family.chainId.toString(), family.token, value.toString(), to, entry.entryId, now],
    );
    await appendAudit(
      tx,
      {
        action: 'withdrawal_burned',
        actor: account,
        account,
        asset,
        amount: value,
        entryId: entry.entryId,
        withdrawalId,
        details: { recipient: to },
      },
      now,
    );
    return {
      withdrawalId,
      account: name,
      asset: asset as LedgerAsset,
      chainId: family.chainId,
      token: family.token,
      amount: value,
      recipient: to,
      state: 'burned',
      entryId: entry.entryId,
      createdAt: now,
    };
  });
}
