import { isJilError, JilError } from '@jil/core';
import { checkText } from '../checks/checks.js';
import { appendAudit } from '../journal/appendAudit.js';
import { bridgeAccount, userAccount } from '../journal/accounts.js';
import type { WriteScope } from '../journal/LedgerWriter.js';
import type { LedgerContext } from '../LedgerContext.js';
import {
  type BridgeDeposit,
  checkAttestation,
  checkDeposit,
  type DepositAttestation,
  type DepositScreenResult,
  depositKeyText,
  differingField,
} from './BridgeDeposit.js';
import { type DepositState, findDeposit, type StoredDeposit } from './depositRows.js';

/** What {@link creditDeposit} did. */
export interface CreditOutcome {
  /** The deposit's state now (a duplicate reports the stored state, which a release may have moved to `credited`). */
  state: DepositState;
  /** True when the deposit was already known with identical terms: nothing was written this time. */
  duplicate: boolean;
  /** The crediting journal entry, when credited. */
  entryId?: string;
  /** The PSA the compliance gate issued for this deposit. */
  psaId: string;
}

const outcomeOf = (stored: StoredDeposit, duplicate: boolean): CreditOutcome => ({
  state: stored.state,
  duplicate,
  ...(stored.entryId === undefined ? {} : { entryId: stored.entryId }),
  psaId: stored.psaId,
});

/** The first outcome when the same deposit is known with identical terms; LEDGER_CONFLICT when terms differ. */
function repeatOutcome(stored: StoredDeposit, deposit: BridgeDeposit): CreditOutcome {
  const field = differingField(stored, deposit);
  if (field !== undefined) {
    throw new JilError('LEDGER_CONFLICT', 'this deposit is already known with other terms', {
      details: { key: depositKeyText(deposit), field },
    });
  }
  return outcomeOf(stored, true);
}

/** Posts the credit of a deposit: `user:<jilAccount>` +amount, the chain's issuance contra −amount. */
export function postDepositCredit(scope: WriteScope, deposit: BridgeDeposit, asset: string) {
  return scope.post('deposit_credit', `deposit:${depositKeyText(deposit)}`, [
    { account: userAccount(deposit.jilAccount), asset, amount: deposit.amount },
    { account: bridgeAccount(deposit.chainId, deposit.token), asset, amount: -deposit.amount },
  ]);
}

function checkScreen(value: unknown): DepositScreenResult {
  const r = value as DepositScreenResult | null;
  const ok = typeof r === 'object' && r !== null && ['pass', 'flag', 'fail'].includes(r.verdict) && Array.isArray(r.reasons);
  if (!ok) throw new JilError('INTERNAL', 'the compliance gate answered something that is not a screening result');
  return { verdict: r.verdict, psaId: checkText(r.psaId, 'psaId', 200), psa: r.psa ?? null, reasons: r.reasons.map(String) };
}

/**
 * Credits a bridge deposit once (shells/ledger/README.md §Deposits): idempotent by (chain id, tx hash, log index).
 * A repeat with identical terms returns the stored outcome with `duplicate: true` and writes nothing. Otherwise the
 * attestation is verified, then the compliance gate screens the deposit: `pass` credits the bridged asset,
 * `fail` quarantines it, `flag` holds it (or credits it under `flagPolicy: 'credit'`). One transaction writes the
 * deposit row, the journal entry when credited, and the audit row; concurrent calls for one key credit once.
 *
 * @throws JilError `INVALID_ARGUMENT` (bad field, amount 0), `LEDGER_ASSET_UNKNOWN` (token not carried),
 *   `LEDGER_CONFLICT` (same key, other terms), the verifier's `BRIDGE_*` (quorum not met: nothing written),
 *   `STORAGE_ERROR`.
 */
export async function creditDeposit(
  ctx: LedgerContext,
  depositInput: BridgeDeposit,
  attestationInput: DepositAttestation,
): Promise<CreditOutcome> {
  const deposit = checkDeposit(depositInput);
  const attestation = checkAttestation(attestationInput);
  const family = ctx.assets.byToken(deposit.chainId, deposit.token);
  const known = await findDeposit(ctx.db, deposit);
  if (known !== undefined) return repeatOutcome(known, deposit);

  await ctx.verifier(deposit, attestation).catch((error: unknown) => {
    throw isJilError(error) ? error : new JilError('INTERNAL', 'the attestation verifier failed', { cause: error });
  });
  const asked = ctx.compliance.screenDeposit({
    chainId: deposit.chainId,
    txHash: deposit.txHash,
    logIndex: deposit.logIndex,
    depositor: deposit.depositor,
    token: deposit.token,
    amount: deposit.amount,
    jilAccount: deposit.jilAccount,
    asset: family.bridged,
  });
  const screen = checkScreen(
    await asked.catch((error: unknown) => {
      throw isJilError(error) ? error : new JilError('INTERNAL', 'the compliance gate failed', { cause: error });
    }),
  );
  const state: DepositState =
    screen.verdict === 'pass' || (screen.verdict === 'flag' && ctx.flagPolicy === 'credit')
      ? 'credited'
      : screen.verdict === 'fail'
        ? 'quarantined'
        : 'held';

  return ctx.writer.write(async (scope) => {
    const { tx, now } = scope;
    const inserted = await tx.query<{ tx_hash: string }>(
      'INSERT INTO ledger_deposits (chain_id, tx_hash, log_index, bridge, deposit_id, block_hash, block_number, token, ' +
        `amount, depositor, jil_account, asset,
         state, verdict, psa_id, psa, reasons, guardian_set_version, created_at)
       VALUES ($1::numeric, $2, $3, $4, $5, $19, $6::numeric, $7, $8::numeric, $9, $10, $11, $12, $13, $14, ` +
        `$15::text::jsonb, $16::text::jsonb, $17, $18)
       ON CONFLICT (chain_id, tx_hash, log_index) DO NOTHING RETURNING tx_hash`,
      [
        deposit.chainId.toString(),
        deposit.txHash,
        deposit.logIndex,
        deposit.bridge,
        deposit.depositId,
        deposit.blockNumber.toString(),
        deposit.token,
        deposit.amount.toString(),
        deposit.depositor,
        deposit.jilAccount,
        family.bridged,
        state === 'credited' ? 'held' : state, // moved to credited below, together with its entry
        screen.verdict,
        screen.psaId,
        JSON.stringify(screen.psa),
        JSON.stringify(screen.reasons),
        attestation.guardianSetVersion,
        now,
        deposit.blockHash,
      ],
    );
    if (inserted.rows.length === 0) {
      // Another call for the same key committed first (it held the key's index entry until then).
      const stored = await findDeposit(tx, deposit);
      if (stored === undefined) throw new JilError('INTERNAL', 'a deposit vanished while being credited');
      return repeatOutcome(stored, deposit);
    }
    const key = depositKeyText(deposit);
    const actor = `bridge:guardian-set:${attestation.guardianSetVersion}`;
    const common = {
      actor,
      account: userAccount(deposit.jilAccount),
      asset: family.bridged,
      amount: deposit.amount,
      depositKey: key,
      psaId: screen.psaId,
    };
    if (state !== 'credited') {
      await appendAudit(tx, { ...common, action: `deposit_${state}`, details: { verdict: screen.verdict, reasons: screen.reasons } }, now);
      return { state, duplicate: false, psaId: screen.psaId };
    }
    const entry = await postDepositCredit(scope, deposit, family.bridged);
    await tx.query(
      "UPDATE ledger_deposits SET state = 'credited', entry_id = $4, credited_at = $5 " +
        'WHERE chain_id = $1::numeric AND tx_hash = $2 AND log_index = $3',
      [deposit.chainId.toString(), deposit.txHash, deposit.logIndex, entry.entryId, now],
    );
    await appendAudit(
      tx,
      { ...common, action: 'deposit_credited', entryId: entry.entryId, details: { verdict: screen.verdict, flag_policy: ctx.flagPolicy } },
      now,
    );
    return { state: 'credited', duplicate: false, entryId: entry.entryId, psaId: screen.psaId };
  });
}
