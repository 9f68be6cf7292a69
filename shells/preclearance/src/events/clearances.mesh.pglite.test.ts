import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isJilError, utf8ToBytes, uuidv7 } from '@jil/core';
import { decodeEvent, encodeEvent, stateSyncTopic, type BusRecord, type EventEnvelope, type Subscription } from '@jil/core/events';
import { leafHash } from '@jil/core/tlog';
import { int8ToNumber, migrate, openPglite, type Db } from '@jil/server-kit';
import { migratePreclearance, PRECLEARANCE_MIGRATIONS_DIR } from '../storage/migratePreclearance.js';
import { LogService } from '../log/LogService.js';
import { ClearanceRepository, type NewClearance } from '../storage/ClearanceRepository.js';
import { LogRepository } from '../storage/LogRepository.js';
import { PsaRepository } from '../storage/PsaRepository.js';
import { EmbeddedEventBus } from './EmbeddedEventBus.js';
import { EventConsumer, type ConsumeOutcome } from './EventConsumer.js';
import { EventRelay } from './EventRelay.js';
import {
  EVENT_MESH_ACTOR,
  REPLICATED_TABLES,
  replicatedTableDigest,
  SANCTIONS_CLEARANCE_EVENTS_TABLE,
  SANCTIONS_CLEARANCES_TABLE,
} from './replicatedTables.js';
import { joinEventMesh } from './startEventMesh.js';

// Several mesh nodes in one process, each with its own PGlite database: a node's real relay publishes its outbox on
// an in-process bus, and the test hands the records to the other nodes' real consumers (EventConsumer.handle) in the
// order it chooses — no broker.

const count = async (db: Db, sql: string, params: unknown[] = []): Promise<number> =>
  int8ToNumber((await db.query<{ n: unknown }>(sql, params)).rows[0]?.n ?? 0);

const CLEARANCE_TABLES = ['sanctions_clearances', 'sanctions_clearance_events'] as const;

class Node {
  readonly clearances: ClearanceRepository;
  readonly consumer: EventConsumer;
  readonly #wire = new EmbeddedEventBus();
  readonly #relay: EventRelay;
  #tap: Subscription | undefined;
  #published: BusRecord[] = [];
  #taken = 0;
  #wake: () => void = () => undefined;
  #offset = 0;

  private constructor(
    readonly id: string,
    readonly db: Db,
  ) {
    this.clearances = new ClearanceRepository(db);
    this.consumer = new EventConsumer({ db, bus: new EmbeddedEventBus(), sourceId: id });
    this.#relay = new EventRelay({ db, bus: this.#wire, sourceId: id });
  }

  static async open(id: string, logOrigin?: string): Promise<Node> {
    const db = await openPglite();
    await migratePreclearance(db);
    await joinEventMesh(db, id);
    if (logOrigin !== undefined) await new LogRepository(db).recordOrigin(logOrigin);
    const node = new Node(id, db);
    node.#tap = await node.#wire.subscribe({
      groupId: 'tap',
      topics: REPLICATED_TABLES.map((t) => t.topic),
      handler: async (record) => {
        node.#published.push({ topic: record.topic, key: record.key, value: record.value });
        node.#wake();
      },
    });
    return node;
  }

  /** Runs the relay once and returns the records it published since the last call. */
  async publish(): Promise<BusRecord[]> {
    const n = await this.#relay.runOnce();
    while (this.#published.length < this.#taken + n) await new Promise<void>((resolve) => (this.#wake = resolve));
    const out = this.#published.slice(this.#taken, this.#taken + n);
    this.#taken += n;
    return out;
  }

  /** Hands records to this node's consumer, in order. */
  async receive(records: readonly BusRecord[]): Promise<ConsumeOutcome[]> {
    const outcomes: ConsumeOutcome[] = [];
    for (const r of records) outcomes.push(await this.consumer.handle({ ...r, partition: 0, offset: String(this.#offset++) }));
    return outcomes;
  }

  async digests(tables: readonly string[] = CLEARANCE_TABLES): Promise<Record<string, { rows: number; sha256: string }>> {
    const out: Record<string, { rows: number; sha256: string }> = {};
    for (const t of tables) out[t] = await replicatedTableDigest(this.db, t);
    return out;
  }

  async close(): Promise<void> {
    await this.#tap?.close();
    await this.#wire.close();
    await this.db.close();
  }
}

const grant = (over: Partial<NewClearance> & { at: Date }): NewClearance => ({
  custodian_id: 'cust-a',
  party_id: 'acct-7',
  list: 'ofac-sdn',
  entry_id: '12345',
  cleared_by: 'analyst@cust-a',
  reason: 'date of birth and passport differ',
  access_key_id: 'AK1',
  ...over,
});

type Row = { clearance_id: string; revoked_at: Date | null; revoked_by: string | null; revoke_reason: string | null };
const rowsOf = async (db: Db, party: string): Promise<Row[]> =>
  (
    await db.query<Row>(
      'SELECT clearance_id::text AS clearance_id, revoked_at, revoked_by, revoke_reason FROM sanctions_clearances WHERE party_id ' +
        '= $1 ORDER BY clearance_id',
      [party],
    )
  ).rows;

const topicOf = (records: readonly BusRecord[], table: string): BusRecord[] => records.filter((r) => r.topic === stateSyncTopic(table));

describe('event mesh: clearances and their audit events between PGlite nodes', () => {
  let a: Node;
  let b: Node;
  let c: Node;
  beforeAll(async () => {
    [a, b, c] = await Promise.all([Node.open('node-a'), Node.open('node-b'), Node.open('node-c')]);
  });
  afterAll(async () => {
    await Promise.all([a, b, c].map((n) => n.close()));
  });

  it(
    'a grant on A reaches B (clearance and created event); a revocation on B reaches A; a stale grant state arriving after the ' +
      'revocation keeps it revoked',
    async () => {
      const granted = await a.clearances.create(grant({ party_id: 'p-1', at: new Date('2026-12-01T10:00:00.000Z') }));
      const grantRecords = await a.publish();
      expect(grantRecords.map((r) => r.topic).sort()).toEqual([
        stateSyncTopic('sanctions_clearance_events'),
        stateSyncTopic('sanctions_clearances'),
      ]);
      // Keyed by the party and entry, not the clearance id: one entry's grant, revocation and re-grant stay in order.
      expect(topicOf(grantRecords, 'sanctions_clearances')[0]!.key).toBe(
        JSON.stringify(['cust-a', 'p-1', 'ofac-sdn', '12345']).replaceAll(',', ', '),
      );
      expect(await b.receive(grantRecords)).toEqual(['applied', 'applied']);
      const onB = await b.clearances.get('cust-a', granted.clearance_id);
      expect(onB?.clearance).toEqual(granted);
      expect(onB?.events.map((e) => e.action)).toEqual(['created']);
      expect(await b.digests()).toEqual(await a.digests());
      // What B applied is not published again.
      expect(await count(b.db, 'SELECT count(*) AS n FROM event_outbox')).toBe(0);

      const revoked = await b.clearances.revoke('cust-a', granted.clearance_id, {
        revoked_by: 'lead@cust-a',
        reason: 'new evidence',
        access_key_id: 'AK2',
        at: new Date('2026-12-01T11:00:00.000Z'),
      });
      const revokeRecords = await b.publish();
      expect(revokeRecords).toHaveLength(2);
      expect(await a.receive(revokeRecords)).toEqual(['applied', 'applied']);
      expect((await a.clearances.get('cust-a', granted.clearance_id))?.clearance).toEqual(revoked);
      expect(await a.digests()).toEqual(await b.digests());

      // C gets the revocation first, then A's original "granted" state: still revoked, with B's values.
      expect(await c.receive([...revokeRecords, ...grantRecords])).toEqual(['applied', 'applied', 'applied', 'applied']);
      expect((await c.clearances.get('cust-a', granted.clearance_id))?.clearance).toEqual(revoked);
      expect(await c.clearances.activeFor('cust-a', ['p-1'], new Date('2026-12-02T00:00:00.000Z'))).toEqual([]);
      expect(await c.digests()).toEqual(await a.digests());
    },
  );

  it(
    'two nodes grant the same party and entry concurrently: both keep the earlier grant in force and revoke the other with the ' +
      'same derived values and audit event',
    async () => {
      const first = await a.clearances.create(grant({ party_id: 'p-2', at: new Date('2026-12-01T10:00:00.000Z') }));
      const second = await b.clearances.create(
        grant({ party_id: 'p-2', cleared_by: 'other@cust-a', at: new Date('2026-12-01T10:00:05.000Z') }),
      );
      const fromA = await a.publish();
      const fromB = await b.publish();
      expect(await a.receive(fromB)).toEqual(['applied', 'applied']);
      expect(await b.receive(fromA)).toEqual(['applied', 'applied']);
      await c.receive([...fromB, ...fromA]);
      for (const node of [a, b, c]) {
        expect(await count(node.db, 'SELECT count(*) AS n FROM event_dead_letters')).toBe(0);
        const rows = await rowsOf(node.db, 'p-2');
        const loser = rows.find((r) => r.clearance_id === second.clearance_id)!;
        expect(rows.find((r) => r.clearance_id === first.clearance_id)?.revoked_at, node.id).toBeNull();
        expect(loser.revoked_by, node.id).toBe(EVENT_MESH_ACTOR);
        expect(loser.revoked_at?.toISOString(), node.id).toBe(second.cleared_at); // derived from the rows, not the clock
        expect(loser.revoke_reason, node.id).toContain(first.clearance_id);
        const events = await node.clearances.get('cust-a', second.clearance_id);
        expect(
          events?.events.map((e) => [e.action, e.actor]),
          node.id,
        ).toEqual([
          ['created', 'other@cust-a'],
          ['revoked', EVENT_MESH_ACTOR],
        ]);
      }
      const digests = await Promise.all([a, b, c].map((n) => n.digests()));
      expect(digests[1]).toEqual(digests[0]);
      expect(digests[2]).toEqual(digests[0]);
      // The winner is in force everywhere: a new grant for the entry is refused until it is revoked.
      const refused = await b.clearances
        .create(grant({ party_id: 'p-2', at: new Date('2026-12-01T12:00:00.000Z') }))
        .catch((e: unknown) => e);
      expect(isJilError(refused, 'CLEARANCE_CONFLICT')).toBe(true);
    },
  );

  it(
    'a revocation on B racing a grant elsewhere ends revoked everywhere; a re-grant after the revocation supersedes it and stays ' +
      'in force',
    async () => {
      const x = await a.clearances.create(grant({ party_id: 'p-3', at: new Date('2026-12-01T10:00:00.000Z') }));
      const xRecords = await a.publish();
      await b.receive(xRecords);
      await b.clearances.revoke('cust-a', x.clearance_id, {
        revoked_by: 'lead@cust-a',
        reason: 'match confirmed',
        access_key_id: 'AK2',
        at: new Date('2026-12-01T10:01:00.000Z'),
      });
      const bRevoke = await b.publish();
      // C, not knowing X yet, grants the same entry: concurrent with X, which was granted first.
      const y = await c.clearances.create(grant({ party_id: 'p-3', at: new Date('2026-12-01T10:00:30.000Z') }));
      const yRecords = await c.publish();
      await a.receive([...yRecords, ...bRevoke]);
      await b.receive(yRecords);
      await c.receive([...bRevoke, ...xRecords]);
      for (const node of [a, b, c]) {
        const rows = await rowsOf(node.db, 'p-3');
        expect(rows.map((r) => r.revoked_by).sort(), node.id).toEqual([EVENT_MESH_ACTOR, 'lead@cust-a']);
        expect(rows.find((r) => r.clearance_id === y.clearance_id)?.revoke_reason, node.id).toContain(x.clearance_id);
      }
      const digests = await Promise.all([a, b, c].map((n) => n.digests()));
      expect(digests[1]).toEqual(digests[0]);
      expect(digests[2]).toEqual(digests[0]);

      // B grants the entry again (both earlier ones are revoked there): the new one knows them and stays in force.
      // even with an earlier clock
      const z = await b.clearances.create(grant({ party_id: 'p-3', at: new Date('2026-12-01T09:00:00.000Z') }));
      expect([
        ...(
          await b.db.query<{ s: string[] }>(
            'SELECT ARRAY(SELECT s::text FROM unnest(supersedes) s ORDER BY s) AS s FROM sanctions_clearances WHERE clearance_id = $1',
            [z.clearance_id],
          )
        ).rows[0]!.s,
      ]).toEqual([x.clearance_id, y.clearance_id].sort());
      const zRecords = await b.publish();
      await a.receive(zRecords);
      await c.receive(zRecords);
      for (const node of [a, b, c])
        expect(
          (await node.clearances.activeFor('cust-a', ['p-3'], new Date('2026-12-02T00:00:00.000Z'))).map((r) => r.clearance_id),
          node.id,
        ).toEqual([z.clearance_id]);
    },
  );

  it(
    'a remote clearance state whose grant columns differ from the ' + 'copy here, or one revoked as the mesh, is parked with its reason',
    async () => {
      const x = await a.clearances.create(grant({ party_id: 'p-4', at: new Date('2026-12-01T10:00:00.000Z') }));
      const records = topicOf(await a.publish(), 'sanctions_clearances');
      await b.receive(records);
      const original = decodeEvent(records[0]!.value);
      const forge = (payload: Record<string, unknown>, sequence: number): BusRecord => {
        const event: EventEnvelope = { ...original, event_id: uuidv7(new Date()), source_id: 'node-rogue', sequence, payload };
        return { topic: records[0]!.topic, key: records[0]!.key, value: encodeEvent(event) };
      };
      expect(
        await b.receive([
          forge({ ...original.payload, reason: 'rewritten' }, 1),
          forge({ ...original.payload, revoked_at: '2026-12-01T10:00:00.000Z', revoked_by: EVENT_MESH_ACTOR, revoke_reason: 'x' }, 2),
        ]),
      ).toEqual(['parked', 'parked']);
      const { rows } = await b.db.query<{ reason_code: string; reason: { details: { sqlstate?: string; fields?: { field: string }[] } } }>(
        "SELECT reason_code, reason FROM event_dead_letters WHERE source_id = 'node-rogue' ORDER BY id",
      );
      expect(rows.map((r) => r.reason_code)).toEqual(['EVENT_APPLY_FAILED', 'EVENT_INVALID']);
      expect(rows[0]!.reason.details.sqlstate).toBe('23000');
      expect(rows[1]!.reason.details.fields?.map((f) => f.field)).toEqual(['payload.revoked_by']);
      expect((await b.clearances.get('cust-a', x.clearance_id))?.clearance).toEqual(x);
    },
  );
});

// ---- The property: any arrival order of a set of clearance states gives the same rows. ----

interface GrantSpec {
  id: string;
  identity: number;
  clearedAtS: number;
  supersedes: number[];
}
interface StateSpec {
  grant: number;
  /** null: the "granted" state; else an explicit revocation. */
  revocation: { atS: number; by: string; reason: string | null } | null;
}

const PROPERTY_RUNS = 40;

describe('event mesh: clearance conflict rule (property)', () => {
  let p: Node;
  let q: Node;
  beforeAll(async () => {
    [p, q] = await Promise.all([Node.open('prop-p'), Node.open('prop-q')]);
  });
  afterAll(async () => {
    await Promise.all([p, q].map((n) => n.close()));
  });

  it(
    `any permutation of a set of grant and revoke states applied to two fresh nodes gives equal digests, at most one clearance ` +
      `in force per entry, every explicit revocation kept (${PROPERTY_RUNS} runs)`,
    async () => {
      let run = 0;
      const scenario = fc
        .array(
          fc.record({
            identity: fc.integer({ min: 0, max: 1 }),
            clearedAtS: fc.integer({ min: 0, max: 5 }),
            pick: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
          }),
          { minLength: 1, maxLength: 6 },
        )
        .chain((grants) => {
          const specs: GrantSpec[] = grants.map((g, i) => ({
            id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
            identity: g.identity,
            clearedAtS: g.clearedAtS,
            // A grant may know earlier grants of its entry (any subset: the rule must converge whatever they say).
            supersedes: grants.flatMap((h, j) => (j < i && h.identity === g.identity && g.pick[j] === true ? [j] : [])),
          }));
          const state = fc.record({
            grant: fc.integer({ min: 0, max: specs.length - 1 }),
            revocation: fc.option(
              fc.record({
                atS: fc.integer({ min: 0, max: 9 }),
                by: fc.constantFrom('lead@c', 'ops@c'),
                reason: fc.option(fc.constantFrom('match', 'expired'), { nil: null }),
              }),
              { nil: null },
            ),
          });
          const granted: StateSpec[] = specs.map((_, i) => ({ grant: i, revocation: null }));
          return fc.tuple(fc.constant(specs), fc.array(state, { maxLength: 6 })).chain(([s, extra]) => {
            const events = [...granted, ...extra];
            return fc.tuple(
              fc.constant(s),
              fc.constant(events),
              fc.shuffledSubarray(
                events.map((_, i) => i),
                { minLength: events.length, maxLength: events.length },
              ),
              fc.shuffledSubarray(
                events.map((_, i) => i),
                { minLength: events.length, maxLength: events.length },
              ),
            );
          });
        });
      await fc.assert(
        fc.asyncProperty(scenario, async ([specs, states, orderP, orderQ]) => {
          run += 1;
          const custodian = `cust-prop-${run}`;
          const iso = (s: number): string => new Date(Date.UTC(2026, 11, 1, 10, 0, s)).toISOString();
          const idOf = (spec: GrantSpec): string => spec.id.replace('0190a000', `0190a${String(run).padStart(3, '0')}`);
          const records = states.map((st, i): BusRecord => {
            const g = specs[st.grant]!;
            const payload = {
              clearance_id: idOf(g),
              custodian_id: custodian,
              party_id: 'party',
              list: 'ofac-sdn',
              entry_id: `e-${g.identity}`,
              party_name: null,
              cleared_by: 'analyst@c',
              reason: 'differs',
              access_key_id: 'AK1',
              cleared_at: iso(g.clearedAtS),
              expires_at: null,
              revoked_at: st.revocation === null ? null : iso(g.clearedAtS + st.revocation.atS),
              revoked_by: st.revocation?.by ?? null,
              revoke_reason: st.revocation === null ? null : st.revocation.reason,
              supersedes: g.supersedes.map((j) => idOf(specs[j]!)).sort(),
            };
            const topic = stateSyncTopic('sanctions_clearances');
            // Each state from a source of its own: any order is a legal arrival order.
            return {
              topic,
              key: custodian,
              value: encodeEvent({
                event_id: uuidv7(new Date()),
                source_id: `src-${run}-${i}`,
                topic,
                timestamp: new Date().toISOString(),
                sequence: 1,
                payload,
              }),
            };
          });
          const outP = await p.receive(orderP.map((i) => records[i]!));
          const outQ = await q.receive(orderQ.map((i) => records[i]!));
          // This run's rows only (earlier runs' rows are compared once at the end), so a counterexample shrinks cleanly.
          const ids = new Set(specs.map(idOf));
          const rowsOfRun = async (node: Node): Promise<string> =>
            JSON.stringify([
              (await SANCTIONS_CLEARANCES_TABLE.digestRows(node.db)).filter(
                (r) => (r as { custodian_id: string }).custodian_id === custodian,
              ),
              (await SANCTIONS_CLEARANCE_EVENTS_TABLE.digestRows(node.db)).filter((r) =>
                ids.has((r as { clearance_id: string }).clearance_id),
              ),
            ]);
          const [runP, runQ] = [await rowsOfRun(p), await rowsOfRun(q)];
          const inForce = await count(
            p.db,
            'SELECT count(*) AS n FROM sanctions_clearances WHERE custodian_id = $1 AND revoked_at IS NULL GROUP BY entry_id ORDER ' +
              'BY 1 DESC LIMIT 1',
            [custodian],
          );
          const explicit = new Set(states.filter((s) => s.revocation !== null).map((s) => idOf(specs[s.grant]!)));
          const keptRevoked = await count(
            p.db,
            'SELECT count(*) AS n FROM sanctions_clearances WHERE clearance_id = ANY($1::uuid[]) AND revoked_at IS NOT NULL AND ' +
              "revoked_by <> 'event-mesh'",
            [[...explicit]],
          );
          return (
            outP.every((o) => o === 'applied') &&
            outQ.every((o) => o === 'applied') &&
            runP === runQ &&
            inForce <= 1 &&
            keptRevoked === explicit.size
          );
        }),
        { numRuns: PROPERTY_RUNS },
      );
      // And the whole tables, every run's rows: the replicated-table digests are equal.
      expect(await q.digests()).toEqual(await p.digests());
    },
  );
});

describe('event mesh: transparency-log entries between PGlite nodes', () => {
  let a: Node;
  let b: Node;
  beforeAll(async () => {
    [a, b] = await Promise.all([Node.open('log-a', 'jil.test/log/a'), Node.open('log-b', 'jil.test/log/b')]);
  });
  afterAll(async () => {
    await Promise.all([a, b].map((n) => n.close()));
  });

  /** What the validate route writes for one PSA: the PSA and its log entry, one transaction. */
  const issue = (node: Node): Promise<number> =>
    node.db.transaction(async (tx) => {
      const psaId = uuidv7(new Date());
      await new PsaRepository(tx).insert({
        psa_id: psaId,
        transit_id: `t-${psaId}`,
        custodian_id: 'cust-a',
        verdict: 'pass',
        issued_at: new Date(),
        expires_at: new Date(Date.now() + 60_000),
        envelope: { payloadType: 'application/vnd.jil.psa.v1+json', payload: 'e30=', signatures: [] },
        body_sha256: 'a'.repeat(64),
      });
      const entry = utf8ToBytes(JSON.stringify({ psa_id: psaId }));
      return new LogRepository(tx).sequence(psaId, entry, leafHash(entry));
    });

  it("A's entries reach B's remote table with A's origin and never B's own log; the digest of both nodes' logs is equal", async () => {
    await issue(a);
    await issue(a);
    await issue(b);
    const fromA = await a.publish();
    const fromB = await b.publish();
    expect(topicOf(fromA, 'tlog_entries').map((r) => r.key)).toEqual(['jil.test/log/a', 'jil.test/log/a']);
    expect(await b.receive(fromA)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(await a.receive(fromB)).toEqual(['applied', 'applied']);
    expect(
      (await b.db.query<{ origin: string; idx: unknown }>('SELECT origin, idx FROM tlog_remote_entries ORDER BY idx')).rows.map((r) => [
        r.origin,
        int8ToNumber(r.idx),
      ]),
    ).toEqual([
      ['jil.test/log/a', 0],
      ['jil.test/log/a', 1],
    ]);
    // B's own log holds B's one entry only: indexes, tiles and checkpoints stay its own.
    expect(await count(b.db, 'SELECT count(*) AS n FROM tlog_entries')).toBe(1);
    expect(await count(b.db, 'SELECT next_index AS n FROM tlog_sequence')).toBe(1);
    expect(await count(a.db, 'SELECT count(*) AS n FROM tlog_entries')).toBe(2);
    const [da, db] = await Promise.all([a.digests(['tlog_entries', 'psas']), b.digests(['tlog_entries', 'psas'])]);
    expect(da['tlog_entries']!.rows).toBe(3);
    expect(db).toEqual(da);
  });

  it(
    'a tampered leaf hash, an entry claiming the receiver’s own origin and a second entry at a held index are parked with their ' +
      'reasons',
    async () => {
      await issue(a);
      const record = topicOf(await a.publish(), 'tlog_entries')[0]!;
      const original = decodeEvent(record.value);
      let sequence = 0;
      const forge = (payload: Record<string, unknown>): BusRecord => ({
        topic: record.topic,
        key: record.key,
        value: encodeEvent({ ...original, event_id: uuidv7(new Date()), source_id: 'log-rogue', sequence: ++sequence, payload }),
      });
      const otherEntry = '{"psa_id":"forged"}';
      const hashOf = (text: string): string => Array.from(leafHash(utf8ToBytes(text)), (x) => x.toString(16).padStart(2, '0')).join('');
      expect(
        await b.receive([
          forge({ ...original.payload, leaf_hash: 'f'.repeat(64) }),
          forge({ ...original.payload, origin: 'jil.test/log/b' }),
          record,
          forge({ ...original.payload, entry: otherEntry, leaf_hash: hashOf(otherEntry) }),
        ]),
      ).toEqual(['parked', 'parked', 'applied', 'parked']);
      const { rows } = await b.db.query<{
        reason_code: string;
        reason: { details: { sqlstate?: string; fields?: { field: string; issue: string }[] } };
      }>("SELECT reason_code, reason FROM event_dead_letters WHERE source_id = 'log-rogue' ORDER BY id");
      expect(rows.map((r) => r.reason_code)).toEqual(['EVENT_INVALID', 'EVENT_APPLY_FAILED', 'EVENT_APPLY_FAILED']);
      expect(rows[0]!.reason.details.fields).toEqual([expect.objectContaining({ field: 'payload.leaf_hash', issue: 'mismatch' })]);
      expect(rows.slice(1).map((r) => r.reason.details.sqlstate)).toEqual(['23000', '23000']);
      expect(await count(b.db, "SELECT count(*) AS n FROM tlog_remote_entries WHERE origin = 'jil.test/log/a'")).toBe(3);
      expect(await count(b.db, "SELECT count(*) AS n FROM tlog_remote_entries WHERE origin = 'jil.test/log/b'")).toBe(0);
    },
  );
});

describe('migration 0009 and the log origin', () => {
  it(
    'fills supersedes of clearances stored before it: the one in ' + 'force supersedes every other, a revoked one the earlier ones',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'jil-0008-'));
      const db = await openPglite();
      try {
        await cp(PRECLEARANCE_MIGRATIONS_DIR, dir, { recursive: true });
        await rm(join(dir, '0009_event_mesh_clearances.sql'));
        await migrate(db, dir);
        const repo = new ClearanceRepository(db);
        const first = await repo.create(grant({ party_id: 'p-old', at: new Date('2026-11-01T10:00:00.000Z') }));
        await repo.revoke('cust-a', first.clearance_id, {
          revoked_by: 'lead',
          reason: 'r',
          access_key_id: 'AK1',
          at: new Date('2026-11-02T10:00:00.000Z'),
        });
        const second = await repo.create(grant({ party_id: 'p-old', at: new Date('2026-11-03T10:00:00.000Z') }));
        await repo.revoke('cust-a', second.clearance_id, {
          revoked_by: 'lead',
          reason: 'r',
          access_key_id: 'AK1',
          at: new Date('2026-11-04T10:00:00.000Z'),
        });
        // The one in force, cleared (by its clock) before the others: it still supersedes both.
        const third = await repo.create(grant({ party_id: 'p-old', at: new Date('2026-10-01T10:00:00.000Z') }));
        expect((await migratePreclearance(db)).applied).toEqual(['0009_event_mesh_clearances']);
        const { rows } = await db.query<{ clearance_id: string; s: string[] }>(
          'SELECT clearance_id::text AS clearance_id, ARRAY(SELECT x::text FROM unnest(supersedes) x ORDER BY x) AS s FROM ' +
            'sanctions_clearances',
        );
        const of = new Map(rows.map((r) => [r.clearance_id, [...r.s]]));
        expect(of.get(first.clearance_id)).toEqual([]);
        expect(of.get(second.clearance_id)).toEqual([first.clearance_id]);
        expect(of.get(third.clearance_id)).toEqual([first.clearance_id, second.clearance_id].sort());
      } finally {
        await db.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  it('LogService.start records its origin (tlog_origin), which the outbox trigger sends with each entry', async () => {
    const db = await openPglite();
    try {
      await migratePreclearance(db);
      const log = new LogService({ db, origin: 'jil.test/log/service', seed: new Uint8Array(32).fill(7), witnesses: [] });
      await log.start();
      await log.close();
      expect((await db.query<{ origin: string }>('SELECT origin FROM tlog_origin')).rows).toEqual([{ origin: 'jil.test/log/service' }]);
    } finally {
      await db.close();
    }
  });
});
