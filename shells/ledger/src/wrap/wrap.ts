import type { ProtectedAsset } from '../assets/AssetRegistry.js';
import { JilError } from '@jil/core';
import { checkAmount, checkJilAccount } from '../checks/checks.js';
import { appendAudit } from '../journal/appendAudit.js';
import { feeAccount, userAccount, wrapAccount } from '../journal/accounts.js';
import type { LedgerContext } from '../LedgerContext.js';
import { wrapFee } from './wrapFee.js';

/** What {@link wrap} did. */
export interface WrapOutcome {
  entryId: string;
  /** The protected asset credited. */
  asset: ProtectedAsset;
  /** Credited to the user: amount − fee. */
  net: bigint;
  /** Credited to `fees:<asset>`. */
  fee: bigint;
}

/**
 * Wraps `amount` of a bridged asset into its protected form (shells/ledger/README.md §Wrapping): the user gives
 * `amount` of the bridged asset and gets amount − fee of the protected asset; `fees:<protected>` gets the fee
 * ({@link wrapFee}: 0.50 %, rounded down). One journal entry over two assets through `system:wrap:<protected>`.
 *
 * @param jilAccount - The JIL account (ledger account `user:<jilAccount>`).
 * @param bridgedAsset - `ETH` or `TUSDC`.
 * @throws JilError `INVALID_ARGUMENT` (amount 0, bad account), `LEDGER_ASSET_UNKNOWN` (not a bridged asset the
 *   ledger carries), `LEDGER_INSUFFICIENT_FUNDS` (nothing written), `STORAGE_ERROR`.
 */
export async function wrap(ctx: LedgerContext, jilAccount: string, bridgedAsset: string, amount: bigint): Promise<WrapOutcome> {
  const account = userAccount(checkJilAccount(jilAccount, 'account'));
  const value = checkAmount(amount);
  const family = ctx.assets.byAsset(bridgedAsset);
  if (family.bridged !== bridgedAsset) {
    throw new JilError('LEDGER_ASSET_UNKNOWN', 'only a bridged asset can be wrapped', { details: { asset: bridgedAsset } });
  }
  const fee = wrapFee(value);
  const net = value - fee;
  const contra = wrapAccount(family.protected);
  return ctx.writer.write(async (scope) => {
    const entry = await scope.post('wrap', `wrap:${account}`, [
      { account, asset: family.bridged, amount: -value },
      { account: contra, asset: family.bridged, amount: value },
      { account: contra, asset: family.protected, amount: -value },
      { account, asset: family.protected, amount: net },
      ...(fee === 0n ? [] : [{ account: feeAccount(family.protected), asset: family.protected, amount: fee }]),
    ]);
    await appendAudit(
      scope.tx,
      {
        action: 'wrap',
        actor: account,
        account,
        asset: family.bridged,
        amount: value,
        entryId: entry.entryId,
        details: { protected: family.protected, net: net.toString(), fee: fee.toString() },
      },
      scope.now,
    );
    return { entryId: entry.entryId, asset: family.protected, net, fee };
  });
}
