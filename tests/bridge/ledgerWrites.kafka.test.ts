import { randomBytes } from 'node:crypto';
import { bytesToHex, JilError, uuidv7 } from '@jil/core';
import { type DeliveredRecord, decodeEvent, type EventEnvelope } from '@jil/core/events';
import { type Db, openPglite } from '@jil/server-kit';
import {
  AssetRegistry,
  type AttestationVerifier,
  type BridgeDeposit,
  type ComplianceGate,
  LEDGER_WRITES_TOPIC,
  Ledger,
  type LedgerEntry,
  LedgerEventRelay,
  type LedgerWritePayload,
  migrateLedger,
  ZERO_ADDRESS,
} from '@jil/shell-ledger';
import { KafkaEventBus } from '@jil/shell-preclearance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The ledger's writes on the REAL event mesh transport: a single-node Apache Kafka broker (`JIL_TEST_KAFKA`; .ci/run
 * starts one and exports it, locally `.ci/start-kafka.sh DIR` prints the export line). Credits, a wrap and withdrawals
 * committed on a ledger (PGlite) are published by `LedgerEventRelay` through `KafkaEventBus` and read back by a fresh
 * consumer group: every record on `jil.ledger.writes`, keyed by account, decodes with `decodeEvent`, each outbox row
 * arrives exactly once, and the records of one key arrive in commit order with increasing sequence numbers.
 */
const KAFKA = process.env['JIL_TEST_KAFKA'];
const CHAIN_ID = 31337n;
const TUSDC = '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512';
const RECIPIENT = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc';
const hex32 = (): string => `0x${bytesToHex(randomBytes(32))}`;
const suffix = (): string => bytesToHex(randomBytes(5));

/** Counts distinct signature strings against 14 (NOT a cryptographic check: the quorum is not what this test is about). */
const signatureCountVerifier: AttestationVerifier = async (_deposit, attestation) => {
  if (new Set(attestation.signatures).size < 14) throw new JilError('BRIDGE_QUORUM_NOT_MET', 'fewer than 14 distinct signatures');
};
const quorum = { signatures: Array.from({ length: 14 }, (_, i) => `sig-${i}`), guardianSetVersion: 1 };

/** Answers `pass` for every deposit with a fresh PSA id (the compliance gate is not what this test is about). */
const passingGate: ComplianceGate = {
  async screenDeposit() {
    const psaId = uuidv7(new Date());
    return { verdict: 'pass', psaId, psa: { psa_id: psaId, verdict: 'pass' }, reasons: [] };
  },
};

const deposit = (jilAccount: string, amount: bigint, token = ZERO_ADDRESS): BridgeDeposit => ({
  chainId: CHAIN_ID,
  bridge: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
  depositId: hex32(),
  txHash: hex32(),
  logIndex: 0,
  blockHash: hex32(),
  blockNumber: 7n,
  token,
  amount,
  depositor: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
  jilAccount,
});

/** Subscribes a fresh group and resolves with the first `n` records of `jil.ledger.writes`. */
async function consume(bus: KafkaEventBus, n: number): Promise<DeliveredRecord[]> {
  const records: DeliveredRecord[] = [];
  let done!: () => void;
  let failed!: (error: unknown) => void;
  const enough = new Promise<void>((resolve, reject) => {
    done = resolve;
    failed = reject;
  });
  const sub = await bus.subscribe({
    groupId: `ledger-writes-${suffix()}`,
    topics: [LEDGER_WRITES_TOPIC],
    handler: async (r) => {
      records.push(r);
      if (records.length === n) done();
    },
    onError: failed,
  });
  try {
    await enough;
  } finally {
    await sub.close();
  }
  return records;
}

describe.skipIf(KAFKA === undefined)('ledger writes on jil.ledger.writes through a real Kafka broker', () => {
  let db: Db;
  let bus: KafkaEventBus;
  let ledger: Ledger;
  const written: LedgerEntry[] = [];

  beforeAll(async () => {
    db = await openPglite();
    await migrateLedger(db);
    // A topic prefix of its own: the shared broker's other tests never see these records, nor this test theirs.
    bus = new KafkaEventBus({ brokers: [KAFKA ?? ''], clientId: `ledger-writes-${suffix()}`, topicPrefix: `t${suffix()}.` });
    const assets = new AssetRegistry([
      { chainId: CHAIN_ID, token: ZERO_ADDRESS, bridged: 'ETH', protected: 'jETH', decimals: 18 },
      { chainId: CHAIN_ID, token: TUSDC, bridged: 'TUSDC', protected: 'jUSDC', decimals: 6 },
    ]);
    ledger = new Ledger({ db, assets, verifier: signatureCountVerifier, compliance: passingGate, onEntry: (e) => void written.push(e) });
  });
  afterAll(async () => {
    await bus?.close();
    await db?.close();
  });

  it('credits, a wrap and withdrawals arrive keyed by account, decoded, once each, in order per key', async () => {
    await ledger.creditDeposit(deposit('alice', 1_000_000n), quorum);
    await ledger.creditDeposit(deposit('bob', 250_000n, TUSDC), quorum);
    await ledger.wrap('alice', 'ETH', 400_000n);
    await ledger.creditDeposit(deposit('alice', 5n), quorum);
    await ledger.requestWithdrawal('alice', 'jETH', 100_000n, RECIPIENT);
    await ledger.wrap('bob', 'TUSDC', 10_000n);
    await ledger.requestWithdrawal('bob', 'TUSDC', 240_000n, RECIPIENT);

    // A relay that dies between the broker's acknowledgement and mark-sent, then the restarted one.
    const crashing: Db = {
      kind: db.kind,
      query: (sql, params) => (sql.includes('SET sent_at') ? Promise.reject(new Error('crash before mark-sent')) : db.query(sql, params)),
      exec: (sql) => db.exec(sql),
      transaction: (fn) => db.transaction(fn),
      close: () => db.close(),
    };
    const expected = written.flatMap((e) => e.accounts.map((account) => ({ entry: e, account })));
    expect(expected).toHaveLength(9); // 7 entries; each wrap also touches its fee account
    await expect(new LedgerEventRelay({ db: crashing, bus, sourceId: 'ledger-1', batchSize: 4 }).runOnce()).rejects.toThrow();
    const relay = new LedgerEventRelay({ db, bus, sourceId: 'ledger-1', batchSize: 4 });
    let published = 0;
    for (let n = await relay.runOnce(); n > 0; n = await relay.runOnce()) published += n;
    expect(published).toBe(expected.length);

    const records = await consume(bus, expected.length + 4); // the 4 of the crashed round come twice
    const events = records.map((r) => ({ record: r, event: decodeEvent(r.value) as EventEnvelope & { payload: LedgerWritePayload } }));
    for (const { record, event } of events) {
      expect(record.topic).toBe(LEDGER_WRITES_TOPIC);
      expect(event).toMatchObject({ topic: LEDGER_WRITES_TOPIC, source_id: 'ledger-1' });
      expect(record.key).toBe(event.payload.account);
    }
    // Duplicates (the crashed round) carry the same event_id and the same bytes; deduplicated, each row came once.
    const byId = new Map<string, Uint8Array>();
    for (const { record, event } of events) {
      const seen = byId.get(event.event_id);
      if (seen !== undefined) expect(Buffer.from(record.value).equals(Buffer.from(seen))).toBe(true);
      byId.set(event.event_id, record.value);
    }
    expect(byId.size).toBe(expected.length);
    const unique = [...new Map(events.map((x) => [x.event.event_id, x.event])).values()];
    expect(unique.map((e) => `${e.payload.entry_id}/${e.payload.account}`).sort()).toEqual(
      expected.map((x) => `${x.entry.entryId}/${x.account}`).sort(),
    );
    expect(unique.map((e) => e.sequence).sort((a, b) => a - b)).toEqual(expected.map((_, i) => i + 1));

    // Per key: the order of delivery is the order of the ledger's commits, sequences increase.
    for (const account of ['user:alice', 'user:bob', 'fees:jETH', 'fees:jUSDC']) {
      const mine = events.filter((x) => x.record.key === account).map((x) => x.event);
      const firstSeen = mine.filter((e, i) => mine.findIndex((o) => o.event_id === e.event_id) === i);
      expect(firstSeen.map((e) => e.payload.entry_id)).toEqual(expected.filter((x) => x.account === account).map((x) => x.entry.entryId));
      const seqs = firstSeen.map((e) => e.sequence);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    const alice = unique.filter((e) => e.payload.account === 'user:alice').sort((a, b) => a.sequence - b.sequence);
    expect(alice.map((e) => e.payload.kind)).toEqual(['deposit_credit', 'wrap', 'deposit_credit', 'withdrawal_burn']);
    // The wrap as alice's record carries every posting, amounts as decimal strings (0.50 % fee: 2000 of 400000).
    expect(alice[1]?.payload.postings).toEqual(
      expect.arrayContaining([
        { account: 'user:alice', asset: 'ETH', amount: '-400000' },
        { account: 'user:alice', asset: 'jETH', amount: '398000' },
        { account: 'fees:jETH', asset: 'jETH', amount: '2000' },
      ]),
    );
  });
});
