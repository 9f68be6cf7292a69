import { JilError, uuidv7 } from '@jil/core';
import type { Db } from '@jil/server-kit';
import { numericToBigInt } from '../checks/checks.js';
import type { EntryKind, LedgerEntry, Posting } from './LedgerEntry.js';

const isSystem = (account: string): boolean => account.startsWith('system:');

/** Adds the postings per (account, asset); refuses an entry that does not sum to zero per asset. */
function netPostings(postings: readonly Posting[]): Posting[] {
  const net = new Map<string, Posting>();
  const perAsset = new Map<string, bigint>();
  for (const p of postings) {
    const key = `${p.account}\u0000${p.asset}`;
    const prior = net.get(key);
    net.set(key, { account: p.account, asset: p.asset, amount: (prior?.amount ?? 0n) + p.amount });
    perAsset.set(p.asset, (perAsset.get(p.asset) ?? 0n) + p.amount);
  }
  for (const [asset, sum] of perAsset) {
    if (sum !== 0n) throw new JilError('INTERNAL', 'journal entry does not balance', { details: { asset } });
  }
  // Sorted by (account, asset): every transaction locks balance rows in the same order, so two never deadlock.
  const order = (a: Posting, b: Posting): number =>
    a.account < b.account ? -1 : a.account > b.account ? 1 : a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0;
  return [...net.values()].filter((p) => p.amount !== 0n).sort(order);
}

/**
 * Writes one journal entry inside the caller's transaction: `ledger_entries`, its `ledger_postings` and the
 * `ledger_balances` rows (locked in a fixed order). A debit that would take a user or fee account below zero throws
 * and the caller's transaction rolls back. The deferred trigger `ledger_postings_balanced` re-checks the sums at COMMIT.
 *
 * @throws JilError `LEDGER_INSUFFICIENT_FUNDS` (details: account, asset, balance, amount) when a non-system account
 *   is short; `INTERNAL` for an entry that does not balance.
 */
export async function postEntry(tx: Db, kind: EntryKind, reference: string, postings: readonly Posting[], now: Date): Promise<LedgerEntry> {
  const lines = netPostings(postings);
  const entryId = uuidv7(now);
  await tx.query('INSERT INTO ledger_entries (entry_id, kind, reference, created_at) VALUES ($1, $2, $3, $4)', [
    entryId,
    kind,
    reference,
    now,
  ]);
  for (const [seq, p] of lines.entries()) {
    await tx.query('INSERT INTO ledger_postings (entry_id, seq, account, asset, amount) VALUES ($1, $2, $3, $4, $5::numeric)', [
      entryId,
      seq,
      p.account,
      p.asset,
      p.amount.toString(),
    ]);
    const { rows } = await tx.query<{ balance: string }>(
      'INSERT INTO ledger_balances (account, asset, balance) VALUES ($1, $2, 0) ' +
        `ON CONFLICT (account, asset) DO UPDATE SET balance = ledger_balances.balance
       RETURNING balance::text AS balance`,
      [p.account, p.asset],
    );
    const balance = numericToBigInt(rows[0]?.balance);
    if (!isSystem(p.account) && balance + p.amount < 0n) {
      throw new JilError('LEDGER_INSUFFICIENT_FUNDS', 'the balance is below the amount', {
        details: { account: p.account, asset: p.asset, balance: balance.toString(), amount: (-p.amount).toString() },
      });
    }
    await tx.query('UPDATE ledger_balances SET balance = balance + $3::numeric WHERE account = $1 AND asset = $2', [
      p.account,
      p.asset,
      p.amount.toString(),
    ]);
  }
  const accounts = [...new Set(lines.map((p) => p.account).filter((a) => !isSystem(a)))].sort();
  return { entryId, kind, reference, postings: lines, accounts, createdAt: now };
}
