import { isJilError } from '@jil/core';
import { decodeEvent, type EventEnvelope } from '@jil/core/events';
import { type Db, openPglite } from '@jil/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../journal/LedgerEntry.js';
import { Ledger } from '../Ledger.js';
import { migrateLedger } from '../migrateLedger.js';
import { InjectedCrash, failingDb } from '../testing/failingDb.js';
import { addressGate, expectConservation, makeDeposit, quorum, signatureCountVerifier, testAssets } from '../testing/ledgerFixtures.js';
import { RecordingEventBus } from '../testing/RecordingEventBus.js';
import { LedgerEventRelay } from './LedgerEventRelay.js';
import type { LedgerWritePayload } from './ledgerWriteEvent.js';

const RECIPIENT = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc';

interface OutboxRow {
  event_id: string;
  event_key: string;
  entry_id: string;
  payload: LedgerWritePayload;
  sequence: string | null;
  sent_at: unknown;
}

const outbox = async (db: Db): Promise<OutboxRow[]> =>
  (
    await db.query<OutboxRow>(
      `SELECT event_id::text AS event_id, event_key, entry_id::text AS entry_id, payload, sequence::text AS sequence, sent_at
       FROM ledger_outbox ORDER BY id`,
    )
  ).rows;

const entryCount = async (db: Db): Promise<number> =>
  Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entries')).rows[0]?.n);

/** The payload the outbox must hold for `entry` seen from `account`. */
const expectedPayload = (entry: LedgerEntry, account: string): LedgerWritePayload => ({
  account,
  entry_id: entry.entryId,
  kind: entry.kind,
  reference: entry.reference,
  created_at: entry.createdAt.toISOString(),
  postings: entry.postings.map((p) => ({ account: p.account, asset: p.asset, amount: p.amount.toString() })),
});

/** Decodes every recorded record (each must be a valid canonical event) with its key. */
const decoded = (bus: RecordingEventBus): { key: string; event: EventEnvelope; bytes: Uint8Array }[] =>
  bus.records.map((r) => ({ key: r.key, event: decodeEvent(r.value), bytes: r.value }));

describe('ledger outbox and LedgerEventRelay (PGlite in memory)', () => {
  let db: Db;
  let ledger: Ledger;
  const written: LedgerEntry[] = [];
  const make = (over: Partial<ConstructorParameters<typeof Ledger>[0]> = {}): Ledger =>
    new Ledger({ db, assets: testAssets(), verifier: signatureCountVerifier, compliance: addressGate(), ...over });

  beforeAll(async () => {
    db = await openPglite();
    await migrateLedger(db);
    ledger = make({ onEntry: (e) => void written.push(e) });
  });
  afterAll(async () => {
    await expectConservation(db, ledger);
    await db.close();
  });

  it('writes one row per (entry, non-system account) with the committed entry as payload, in the same transaction', async () => {
    await ledger.creditDeposit(makeDeposit('alice', 100_000n), quorum());
    await ledger.wrap('alice', 'ETH', 10_000n);
    await ledger.requestWithdrawal('alice', 'jETH', 9_950n, RECIPIENT);
    await ledger.requestWithdrawal('alice', 'ETH', 1n, RECIPIENT);
    const rows = await outbox(db);
    const expected = written.flatMap((e) => e.accounts.map((a) => ({ entry: e, account: a })));
    expect(written.map((e) => e.accounts)).toEqual([['user:alice'], ['fees:jETH', 'user:alice'], ['user:alice'], ['user:alice']]);
    expect(rows.map((r) => [r.entry_id, r.event_key])).toEqual(expected.map((x) => [x.entry.entryId, x.account]));
    for (const [i, row] of rows.entries()) {
      const x = expected[i]!;
      expect(row.payload).toEqual(expectedPayload(x.entry, x.account));
      expect(row.sequence).toBeNull();
      expect(row.sent_at).toBeNull();
    }
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(rows.length);
    // The wrap's payload: amounts as signed decimal strings, postings summing to zero per asset.
    const wrapRow = rows.find((r) => r.payload.kind === 'wrap')!;
    expect(wrapRow.payload.postings).toContainEqual({ account: 'fees:jETH', asset: 'jETH', amount: '50' });
    expect(wrapRow.payload.postings).toContainEqual({ account: 'user:alice', asset: 'ETH', amount: '-10000' });
  });

  it('a rolled-back write leaves no outbox row: a crash before every statement of a wrap, then the wrap commits', async () => {
    let committed = false;
    for (let ok = 0; !committed; ok++) {
      const before = await outbox(db);
      const entriesBefore = await entryCount(db);
      const dying = make({ db: failingDb(db, ok), onEntry: (e) => void written.push(e) });
      try {
        await dying.wrap('alice', 'ETH', 2_000n);
        committed = true;
      } catch (error) {
        expect(error instanceof InjectedCrash || (isJilError(error) && error.cause instanceof InjectedCrash)).toBe(true);
      }
      const after = await outbox(db);
      if (committed) {
        const entry = written.at(-1)!;
        expect(after.slice(before.length).map((r) => [r.entry_id, r.event_key])).toEqual([
          [entry.entryId, 'fees:jETH'],
          [entry.entryId, 'user:alice'],
        ]);
      } else {
        expect(after).toEqual(before);
        expect(await entryCount(db)).toBe(entriesBefore);
      }
    }
    // A write refused inside postEntry (insufficient funds) leaves none either.
    const before = await outbox(db);
    await expect(ledger.wrap('bob', 'ETH', 1n)).rejects.toMatchObject({ code: 'LEDGER_INSUFFICIENT_FUNDS' });
    expect(await outbox(db)).toEqual(before);
    // Every entry has exactly its non-system accounts in the outbox, and nothing else is there.
    const { rows: mismatch } = await db.query(
      `SELECT entry_id, account FROM (SELECT DISTINCT entry_id, account FROM ledger_postings WHERE account NOT LIKE 'system:%') p
         FULL JOIN (SELECT entry_id, event_key AS account FROM ledger_outbox) o USING (entry_id, account)
       WHERE p.entry_id IS NULL OR o.entry_id IS NULL`,
    );
    expect(mismatch).toEqual([]);
  });

  it('outbox: false writes no row; a recorded event cannot be changed or deleted', async () => {
    const before = await outbox(db);
    await make({ outbox: false }).creditDeposit(makeDeposit('carol', 500n), quorum());
    expect(await outbox(db)).toEqual(before);
    expect(() => make({ outbox: 'yes' as unknown as boolean })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    const id = before[0]!.event_id;
    await expect(db.query("UPDATE ledger_outbox SET payload = '{}'::jsonb WHERE event_id = $1", [id])).rejects.toThrow();
    await expect(db.query("UPDATE ledger_outbox SET event_key = 'user:mallory' WHERE event_id = $1", [id])).rejects.toThrow();
    await expect(db.query('DELETE FROM ledger_outbox WHERE event_id = $1', [id])).rejects.toThrow();
    expect(await outbox(db)).toEqual(before);
  });

  it('the relay publishes every entry exactly once, keyed by account, in sequence order from 1', async () => {
    const bus = new RecordingEventBus();
    const relay = new LedgerEventRelay({ db, bus, sourceId: 'ledger-1', batchSize: 3 });
    let rounds = 0;
    while ((await relay.runOnce()) > 0) rounds++;
    const rows = await outbox(db);
    expect(rounds).toBe(Math.ceil(rows.length / 3));
    expect(await relay.runOnce()).toBe(0);
    expect(bus.ensured).toEqual(['jil.ledger.writes']);
    const got = decoded(bus);
    expect(got.map((g) => g.event.event_id)).toEqual(rows.map((r) => r.event_id));
    expect(got.map((g) => g.event.sequence)).toEqual(rows.map((_, i) => i + 1));
    for (const [i, g] of got.entries()) {
      const row = rows[i]!;
      expect(g.key).toBe(row.event_key);
      expect(bus.records[i]!.topic).toBe('jil.ledger.writes');
      expect(g.event).toMatchObject({ source_id: 'ledger-1', topic: 'jil.ledger.writes', payload: row.payload });
      expect(g.event.timestamp).toBe(row.payload.created_at);
      expect(row.sent_at).not.toBeNull();
      expect(row.sequence).toBe(String(i + 1));
    }
    // Each committed entry reached each of its accounts exactly once.
    const perEntryAccount = got.map((g) => `${(g.event.payload as unknown as LedgerWritePayload).entry_id}/${g.key}`);
    expect(new Set(perEntryAccount).size).toBe(perEntryAccount.length);
    expect(perEntryAccount.sort()).toEqual(written.flatMap((e) => e.accounts.map((a) => `${e.entryId}/${a}`)).sort());
  });

  it('a crash between publish and mark-sent publishes the same events again (same event_id, sequence and bytes)', async () => {
    const firstUnsent = (await outbox(db)).length;
    await ledger.creditDeposit(makeDeposit('dave', 3_000n), quorum());
    await ledger.wrap('dave', 'ETH', 3_000n);
    await ledger.requestWithdrawal('dave', 'jETH', 100n, RECIPIENT);
    const bus = new RecordingEventBus();
    // The same database, except that marking sent dies (the process crashed right after the broker acknowledged).
    const crashing: Db = {
      ...db,
      kind: db.kind,
      query: (sql, params) =>
        sql.includes('SET sent_at') ? Promise.reject(new InjectedCrash('crash before mark-sent')) : db.query(sql, params),
      exec: (sql) => db.exec(sql),
      transaction: (fn) => db.transaction(fn),
      close: () => db.close(),
    };
    await expect(new LedgerEventRelay({ db: crashing, bus, sourceId: 'ledger-1' }).runOnce()).rejects.toBeInstanceOf(InjectedCrash);
    const firstTry = decoded(bus);
    expect(firstTry).toHaveLength(4);
    expect((await outbox(db)).slice(firstUnsent).map((r) => r.sent_at)).toEqual([null, null, null, null]);
    // The restarted relay publishes them again, then they are sent.
    const relay = new LedgerEventRelay({ db, bus, sourceId: 'ledger-1' });
    expect(await relay.runOnce()).toBe(4);
    expect(await relay.runOnce()).toBe(0);
    const again = decoded(bus).slice(4);
    expect(again.map((g) => g.event.event_id)).toEqual(firstTry.map((g) => g.event.event_id));
    expect(again.map((g) => g.bytes)).toEqual(firstTry.map((g) => g.bytes));
    expect(again.map((g) => g.event.sequence)).toEqual([1, 2, 3, 4].map((k) => firstUnsent + k));
    const rows = (await outbox(db)).slice(firstUnsent);
    expect(rows.map((r) => r.event_id)).toEqual(firstTry.map((g) => g.event.event_id));
    expect(rows.every((r) => r.sent_at !== null)).toBe(true);
    // Deduplicated on event_id, every row of the outbox was delivered exactly once.
    expect(new Set(decoded(bus).map((g) => g.event.event_id)).size).toBe(4);
  });

  it('start/stop: a started relay, woken by onEntry, publishes what is written; stop ends it', async () => {
    const bus = new RecordingEventBus();
    const errors: unknown[] = [];
    const relay = new LedgerEventRelay({ db, bus, sourceId: 'ledger-1', idleMs: 60_000, onError: (e) => errors.push(e) });
    const woken = make({ onEntry: () => relay.notify() });
    relay.start();
    const before = (await outbox(db)).length;
    await woken.creditDeposit(makeDeposit('erin', 700n), quorum());
    await bus.published(1);
    await woken.wrap('erin', 'ETH', 700n);
    await bus.published(3);
    await relay.stop();
    await relay.stop();
    const rows = (await outbox(db)).slice(before);
    expect(decoded(bus).map((g) => [g.event.event_id, g.key])).toEqual(rows.map((r) => [r.event_id, r.event_key]));
    expect(rows.every((r) => r.sent_at !== null)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('refuses a bad source id or batch size, and needs a database and a bus', () => {
    const bus = new RecordingEventBus();
    expect(() => new LedgerEventRelay({ db, bus, sourceId: '' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => new LedgerEventRelay({ db, bus, sourceId: 'n', batchSize: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => new LedgerEventRelay({ db, bus: {} as RecordingEventBus, sourceId: 'n' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});
