import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '@jil/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utf8ToBytes, uuidv7 } from '@jil/core';
import { encodeEvent, stateSyncTopic, type EventEnvelope } from '@jil/core/events';
import { testTransfer } from '../server/testing/testServer.js';
import { ClearanceRepository } from '../storage/ClearanceRepository.js';
import { EventConsumer, type ConsumeOutcome } from './EventConsumer.js';
import { EventRelay } from './EventRelay.js';
import type { KafkaEventBus } from './KafkaEventBus.js';
import { replicatedTableDigest, REPLICATED_TABLES } from './replicatedTables.js';
import { count, hex, KAFKA, Progress, SKIP, startMesh, startNode, stopNode, WHY, type Node } from './testing/meshTestNodes.js';

// Real components only: a Kafka broker (JIL_TEST_KAFKA) and PostgreSQL (JIL_TEST_DATABASE_URL), one database per node
// on that server (testing/meshTestNodes.ts). .ci/run starts both (.ci/start-kafka.sh, .ci/start-postgres.sh).

describe.skipIf(SKIP)(`event mesh: three nodes on Kafka and PostgreSQL (${WHY})`, () => {
  const prefix = `mesh${hex(4)}.`;
  const nodes: Node[] = [];

  beforeAll(async () => {
    for (const id of ['node-a', 'node-b', 'node-c']) nodes.push(await startNode(`${id}-${hex(3)}`, prefix));
    for (const node of nodes) await startMesh(node);
  });

  afterAll(async () => {
    for (const node of nodes) await stopNode(node);
  });

  it('nodes issue PSAs concurrently; every replicated table converges to the same digest on all three', async () => {
    const perNode = 12;
    // Senders shared across nodes: one sender's history is written on all three.
    const answers = await Promise.all(
      nodes.flatMap((node, n) =>
        Array.from({ length: perNode }, (_, i) =>
          node.server.call(
            'POST',
            '/v1/preclearance/validate',
            JSON.stringify(testTransfer({ sender: { id: `s-${i % 4}` }, amount_usd: `${100 + n * perNode + i}.00` })),
          ),
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const total = nodes.length * perNode;
    // Each PSA is two events (psas, transfer_history) from one node, applied by the two others.
    // Every node sees all 2 × total events: its own (skipped) and the others' (applied).
    for (const node of nodes) await node.progress.until(async () => node.progress.outcomes.length === 2 * total);
    const digests = await Promise.all(
      nodes.map(async (node) => Promise.all(REPLICATED_TABLES.map((t) => replicatedTableDigest(node.server.db, t.table)))),
    );
    for (const [i, t] of REPLICATED_TABLES.entries()) {
      // One PSA and one history row per request; the test server runs no transparency log and grants no clearance here.
      expect(digests[0]![i]!.rows, t.table).toBe(['psas', 'transfer_history'].includes(t.table) ? total : 0);
      expect(
        digests.map((d) => d[i]!.sha256),
        t.table,
      ).toEqual(nodes.map(() => digests[0]![i]!.sha256));
    }
    for (const node of nodes) {
      const db = node.server.db;
      // The outbox holds only this node's changes (two per PSA it issued), all sent, in one sequence from 1.
      expect(await count(db, 'SELECT count(*) AS n FROM event_outbox')).toBe(2 * perNode);
      expect(await count(db, 'SELECT count(*) AS n FROM event_outbox WHERE sent_at IS NULL')).toBe(0);
      expect(await count(db, 'SELECT max(sequence) AS n FROM event_outbox WHERE source_id = $1', [node.id])).toBe(2 * perNode);
      expect(await count(db, 'SELECT count(*) AS n FROM event_dead_letters')).toBe(0);
      // Risk history is global: sender s-0 has its transfers from every node here.
      expect(await count(db, "SELECT count(*) AS n FROM transfer_history WHERE sender_id = 's-0'")).toBe(nodes.length * (perNode / 4));
      // Its own events came back on the topics and were skipped, not applied.
      expect(node.progress.outcomes.filter((o) => o.outcome === 'own')).toHaveLength(2 * perNode);
      expect(node.progress.outcomes.filter((o) => o.outcome === 'applied')).toHaveLength(2 * (total - perNode));
    }
  });

  it('risk history is global: a destination a sender paid on node A is not novel on node C', async () => {
    const [a, , c] = nodes as [Node, Node, Node];
    const signals = (answer: { json: any }): string[] =>
      (answer.json.body.findings as { stage: string; details: { signals: { signal: string }[] } }[])
        .find((f) => f.stage === 'risk')!
        .details.signals.map((x) => x.signal);
    const transfer = (): string =>
      JSON.stringify(testTransfer({ sender: { id: 'novelty-sender' }, destination_address: '0x52908400098527886e0f7030069857d2e4169ee7' }));
    const onA = await a.server.call('POST', '/v1/preclearance/validate', transfer());
    expect(onA.status).toBe(201);
    expect(signals(onA)).toContain('novel_destination');
    await c.progress.until(
      async () => (await count(c.server.db, "SELECT count(*) AS n FROM transfer_history WHERE sender_id = 'novelty-sender'")) === 1,
    );
    const onC = await c.server.call('POST', '/v1/preclearance/validate', transfer());
    expect(onC.status).toBe(201);
    expect(signals(onC)).not.toContain('novel_destination');
    // Let every node take in both PSAs before the next test counts its own events.
    const psas = await count(c.server.db, 'SELECT count(*) AS n FROM psas');
    for (const node of nodes) {
      await node.progress.until(
        async () =>
          (await count(node.server.db, "SELECT count(*) AS n FROM transfer_history WHERE sender_id = 'novelty-sender'")) === 2 &&
          (await count(node.server.db, 'SELECT count(*) AS n FROM psas')) === psas,
      );
    }
  });

  it('risk history is global: a sender’s velocity rises from transfers spread over the three nodes', async () => {
    const [a, b, c] = nodes as [Node, Node, Node];
    const sender = `velocity-${hex(3)}`;
    const risk = (answer: { json: any }) =>
      (answer.json.body.findings as { stage: string; details: { signals: { signal: string; value?: number }[] } }[]).find(
        (f) => f.stage === 'risk',
      )!.details.signals;
    const validate = (node: Node, i: number) =>
      node.server.call(
        'POST',
        '/v1/preclearance/validate',
        JSON.stringify(testTransfer({ sender: { id: sender }, amount_usd: `${200 + i}.00` })),
      );
    // One transfer on each node; C waits until it holds all three (two of them from A and B through the broker).
    for (const [i, node] of [a, b, c].entries()) expect((await validate(node, i)).status).toBe(201);
    await c.progress.until(
      async () => (await count(c.server.db, 'SELECT count(*) AS n FROM transfer_history WHERE sender_id = $1', [sender])) === 3,
    );
    // The fourth, on C: three transfers by this sender in the last 60 s, of which C issued one.
    const fourth = await validate(c, 3);
    expect(fourth.status).toBe(201);
    expect(risk(fourth).find((x) => x.signal === 'velocity_60s')?.value).toBe(3);
    for (const node of nodes)
      await node.progress.until(
        async () => (await count(node.server.db, 'SELECT count(*) AS n FROM transfer_history WHERE sender_id = $1', [sender])) === 4,
      );
  });

  it(
    'clearances granted concurrently for one party and entry on all three nodes, then revoked on another node, converge ' +
      '(revocation wins)',
    async () => {
      const party = `mesh-party-${hex(3)}`;
      const base = Date.parse('2026-12-01T10:00:00.000Z');
      const grant = (node: Node, n: number, partyId: string) =>
        new ClearanceRepository(node.server.db).create({
          custodian_id: 'cust-a',
          party_id: partyId,
          list: 'test-list',
          entry_id: 'T-1',
          cleared_by: `analyst@${node.id}`,
          reason: 'not the party',
          access_key_id: 'AKTEST0001',
          at: new Date(base + n * 1000),
        });
      // Each node grants the same entry for the shared party with its relay stopped (so none knows the others' grant
      // yet: they are concurrent), and one of its own.
      for (const node of nodes) await node.mesh!.relay.stop();
      const shared = await Promise.all(nodes.map((node, n) => grant(node, n, party)));
      const own = await Promise.all(nodes.map((node, n) => grant(node, n, `${party}-own-${n}`)));
      for (const node of nodes) node.mesh!.relay.start();
      const clearancesOf = async (node: Node) =>
        (
          await node.server.db.query<{ clearance_id: string; revoked_by: string | null }>(
            "SELECT clearance_id::text AS clearance_id, revoked_by FROM sanctions_clearances WHERE party_id LIKE $1 || '%' ORDER BY " +
              'clearance_id',
            [party],
          )
        ).rows;
      for (const node of nodes) await node.progress.until(async () => (await clearancesOf(node)).length === 6);
      for (const node of nodes) {
        const rows = await clearancesOf(node);
        // The first grant (node A's, earliest cleared_at) stays in force; the two others are revoked by the mesh.
        expect(
          rows
            .filter((r) => r.revoked_by === null)
            .map((r) => r.clearance_id)
            .sort(),
          node.id,
        ).toEqual([shared[0]!.clearance_id, ...own.map((c) => c.clearance_id)].sort());
        expect(
          rows
            .filter((r) => r.revoked_by === 'event-mesh')
            .map((r) => r.clearance_id)
            .sort(),
          node.id,
        ).toEqual([shared[1]!.clearance_id, shared[2]!.clearance_id].sort());
      }
      // Node B revokes the winner while node C revokes its own clearance: both revocations reach every node.
      await Promise.all([
        new ClearanceRepository(nodes[1]!.server.db).revoke('cust-a', shared[0]!.clearance_id, {
          revoked_by: 'lead@b',
          reason: 'match confirmed',
          access_key_id: 'AKTEST0001',
          at: new Date(base + 10_000),
        }),
        new ClearanceRepository(nodes[2]!.server.db).revoke('cust-a', own[2]!.clearance_id, {
          revoked_by: 'lead@c',
          reason: 'account closed',
          access_key_id: 'AKTEST0001',
          at: new Date(base + 10_000),
        }),
      ]);
      for (const node of nodes)
        await node.progress.until(async () => (await clearancesOf(node)).filter((r) => r.revoked_by === null).length === 2);
      // Every audit event reached every node: 6 created, 2 revoked by people, and 3 derived by each node itself, one per
      // (lost grant, earlier concurrent grant) pair: (B's, A's), (C's, A's), (C's, B's).
      for (const node of nodes) {
        await node.progress.until(
          async () =>
            (await count(
              node.server.db,
              'SELECT count(*) AS n FROM sanctions_clearance_events e JOIN sanctions_clearances c USING (clearance_id) WHERE ' +
                'c.party_id LIKE $1',
              [`${party}%`],
            )) === 11,
        );
      }
      for (const table of ['sanctions_clearances', 'sanctions_clearance_events']) {
        const all = await Promise.all(nodes.map((n) => replicatedTableDigest(n.server.db, table)));
        expect(
          all.map((d) => d.sha256),
          table,
        ).toEqual(all.map(() => all[0]!.sha256));
      }
      for (const node of nodes) expect(await count(node.server.db, 'SELECT count(*) AS n FROM event_dead_letters')).toBe(0);
    },
  );

  it('a poison event is parked with its reason and the partition keeps moving', async () => {
    const [a, b] = nodes as [Node, Node];
    const inboxBefore = await count(b.server.db, 'SELECT count(*) AS n FROM event_inbox');
    const topic = stateSyncTopic('transfer_history');
    const key = `poison-${hex(3)}`; // one key: one partition, so the good event is behind the bad ones
    const event = (payload: Record<string, unknown>, sequence: number): EventEnvelope => ({
      event_id: uuidv7(new Date()),
      source_id: 'rogue-node',
      topic,
      timestamp: new Date().toISOString(),
      sequence,
      payload,
    });
    const good = {
      entry_id: crypto.randomUUID(),
      sender_id: key,
      destination: '0xabc',
      amount_usd_cents: '100',
      at_ms: String(Date.now()),
    };
    const badPayload = event({ ...good, entry_id: 'not-a-uuid', amount_usd_cents: -1 }, 1);
    await a.bus.publish([
      { topic, key, value: utf8ToBytes('{"not":"an event"') },
      { topic, key, value: encodeEvent(badPayload) },
      { topic, key, value: encodeEvent(event(good, 3)) },
    ]);
    await b.progress.until(async () => (await count(b.server.db, 'SELECT count(*) AS n FROM event_inbox')) === inboxBefore + 1);
    const { rows } = await b.server.db.query<{
      reason_code: string;
      reason: { details: { fields?: { field: string }[] } };
      event_id: string | null;
      raw_size: number;
    }>('SELECT reason_code, reason, event_id, raw_size FROM event_dead_letters WHERE event_key = $1 ORDER BY record_offset', [key]);
    expect(rows.map((r) => r.reason_code)).toEqual(['EVENT_INVALID', 'EVENT_INVALID']);
    expect(rows[0]!.reason.details.fields?.map((f) => f.field)).toEqual(['(event)']);
    expect(rows[1]!.reason.details.fields?.map((f) => f.field).sort()).toEqual(['payload.amount_usd_cents', 'payload.entry_id']);
    expect(rows[1]!.event_id).toBe(badPayload.event_id);
    // The good event behind them was applied, and the bad ones left nothing behind.
    expect(await count(b.server.db, 'SELECT count(*) AS n FROM transfer_history WHERE sender_id = $1', [key])).toBe(1);
  });

  it('a consumer killed between applying and committing its offset applies nothing twice after the restart', async () => {
    const [a, b] = nodes as [Node, Node];
    await b.mesh!.consumer.stop();
    const group = `jil-node-${b.id}`;
    const before = await count(b.server.db, 'SELECT count(*) AS n FROM event_inbox');
    // Node A issues one PSA while B's consumer is down: two events for B.
    expect(
      (await a.server.call('POST', '/v1/preclearance/validate', JSON.stringify(testTransfer({ sender: { id: 'crash-sender' } })))).status,
    ).toBe(201);

    // B's consumer applies the first batch, then dies before the offset commit (the outcome hook throws).
    let died!: (e: unknown) => void;
    const dead = new Promise<unknown>((resolve) => (died = resolve));
    let firstApplied: { key: string; topic: string } | undefined;
    const crashing = new EventConsumer({
      db: b.server.db,
      bus: b.bus,
      sourceId: b.id,
      groupId: group,
      onOutcome: (outcome, record) => {
        if (outcome === 'applied') {
          firstApplied = { key: record.key, topic: record.topic };
          throw new Error('killed after the apply transaction, before the offset commit');
        }
      },
      onError: died,
    });
    await crashing.start();
    expect(String(await dead)).toContain('killed after the apply transaction');
    await crashing.stop();
    // The crashed consumer applied the first event's batch (one or both of the PSA's two events, as the broker handed
    // them out) in one transaction, and committed no offset.
    const crashed = (await count(b.server.db, 'SELECT count(*) AS n FROM event_inbox')) - before;
    expect([1, 2]).toContain(crashed);

    // Restarted: the records whose offsets were not committed come again and are absorbed by the inbox.
    const progress = new Progress();
    const restarted = new EventConsumer({
      db: b.server.db,
      bus: b.bus,
      sourceId: b.id,
      groupId: group,
      onOutcome: (o, r) => progress.record(o, r.key, r.topic),
    });
    await restarted.start();
    await progress.until(async () => progress.outcomes.length === 2);
    await restarted.stop();
    expect(progress.outcomes.find((o) => o.key === firstApplied!.key && o.topic === firstApplied!.topic)?.outcome).toBe('duplicate');
    expect(progress.outcomes.map((o) => o.outcome).sort()).toEqual([
      ...Array(2 - crashed).fill('applied'),
      ...Array(crashed).fill('duplicate'),
    ]);
    expect(await count(b.server.db, 'SELECT count(*) AS n FROM event_inbox')).toBe(before + 2);
    expect(await count(b.server.db, "SELECT count(*) AS n FROM transfer_history WHERE sender_id = 'crash-sender'")).toBe(1);
    // And the three databases still agree.
    for (const t of REPLICATED_TABLES) {
      const all = await Promise.all(nodes.map((n) => replicatedTableDigest(n.server.db, t.table)));
      expect(
        all.map((d) => d.sha256),
        t.table,
      ).toEqual(all.map(() => all[0]!.sha256));
    }
  });

  it(
    'a consumer process killed (SIGKILL) between its apply ' + 'transaction and the offset commit, restarted, applies nothing twice',
    async () => {
      const [, b, c] = nodes as [Node, Node, Node];
      await b.mesh!.consumer.stop();
      const group = `jil-node-${b.id}`;
      const before = await count(b.server.db, 'SELECT count(*) AS n FROM event_inbox');
      expect(
        (await c.server.call('POST', '/v1/preclearance/validate', JSON.stringify(testTransfer({ sender: { id: 'kill-sender' } })))).status,
      ).toBe(201);

      const script = fileURLToPath(new URL('./testing/consumerProcess.ts', import.meta.url));
      const child = spawn(process.execPath, ['--conditions=jil-source', '--import', 'tsx', script, b.url, KAFKA!, prefix, b.id, group], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      let first: { outcome: ConsumeOutcome; key: string; topic: string } | undefined;
      let crashed = 0;
      try {
        for await (const line of createInterface({ input: child.stdout })) {
          const o = JSON.parse(line) as { outcome: ConsumeOutcome; key: string; topic: string };
          if (o.outcome === 'applied') {
            first = o;
            break;
          }
        }
        // The child now holds between the committed apply transaction and the offset commit.
        // Its batch (one or both of the PSA's two events) is committed in the database, no offset is.
        crashed = (await count(b.server.db, 'SELECT count(*) AS n FROM event_inbox')) - before;
        expect([1, 2]).toContain(crashed);
        child.kill('SIGKILL');
        expect(await exited).toBe('SIGKILL');
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }

      const progress = new Progress();
      const restarted = new EventConsumer({
        db: b.server.db,
        bus: b.bus,
        sourceId: b.id,
        groupId: group,
        onOutcome: (o, r) => progress.record(o, r.key, r.topic),
      });
      await restarted.start();
      await progress.until(async () => progress.outcomes.length === 2);
      await restarted.stop();
      expect(progress.outcomes.find((o) => o.key === first!.key && o.topic === first!.topic)?.outcome).toBe('duplicate');
      expect(progress.outcomes.map((o) => o.outcome).sort()).toEqual([
        ...Array(2 - crashed).fill('applied'),
        ...Array(crashed).fill('duplicate'),
      ]);
      expect(await count(b.server.db, 'SELECT count(*) AS n FROM event_inbox')).toBe(before + 2);
      expect(await count(b.server.db, "SELECT count(*) AS n FROM transfer_history WHERE sender_id = 'kill-sender'")).toBe(1);
    },
  );

  it('a relay killed between publishing and marking sent publishes again; the receivers absorb the duplicates', async () => {
    const [a, , c] = nodes as [Node, Node, Node];
    await a.mesh!.relay.stop();
    expect(
      (await a.server.call('POST', '/v1/preclearance/validate', JSON.stringify(testTransfer({ sender: { id: 'relay-crash-sender' } }))))
        .status,
    ).toBe(201);
    // One round whose process dies right after the broker acknowledged the batch, before the outbox rows are marked.
    const dying = new EventRelay({
      db: a.server.db,
      sourceId: a.id,
      bus: Object.assign(Object.create(a.bus) as KafkaEventBus, {
        publish: async (records: Parameters<KafkaEventBus['publish']>[0]) => {
          await a.bus.publish(records);
          throw new Error('relay killed after publishing');
        },
      }),
    });
    const seen = c.progress.outcomes.length; // before the first publish: C may apply it at once
    // Only JilError escapes the relay: the bus's own error is the cause of an INTERNAL one.
    await expect(dying.runOnce()).rejects.toMatchObject({ code: 'INTERNAL', cause: { message: 'relay killed after publishing' } });
    expect(await count(a.server.db, 'SELECT count(*) AS n FROM event_outbox WHERE sent_at IS NULL')).toBe(2);
    a.mesh!.relay.start(); // the restarted relay publishes the same two events again
    await c.progress.until(async () => c.progress.outcomes.length === seen + 4);
    expect(
      c.progress.outcomes
        .slice(seen)
        .map((o) => o.outcome)
        .sort(),
    ).toEqual(['applied', 'applied', 'duplicate', 'duplicate']);
    expect(await count(c.server.db, "SELECT count(*) AS n FROM transfer_history WHERE sender_id = 'relay-crash-sender'")).toBe(1);
    await a.mesh!.relay.stop(); // finishes the round that republished (and marks it sent)
    expect(await count(a.server.db, 'SELECT count(*) AS n FROM event_outbox WHERE sent_at IS NULL')).toBe(0);
    a.mesh!.relay.start();
  });

  it('a node that joins late replays the retained topics from the beginning and converges', async () => {
    const [a, , c] = nodes as [Node, Node, Node];
    const late = await startNode(`node-d-${hex(3)}`, prefix);
    try {
      await startMesh(late);
      // It has caught up when it holds what node A holds (A and C consumed everything so far).
      const target = await Promise.all(REPLICATED_TABLES.map((t) => replicatedTableDigest(a.server.db, t.table)));
      await late.progress.until(async () => {
        const mine = await Promise.all(REPLICATED_TABLES.map((t) => replicatedTableDigest(late.server.db, t.table)));
        return mine.every((d, i) => d.rows === target[i]!.rows);
      });
      for (const [i, t] of REPLICATED_TABLES.entries()) {
        const digests = await Promise.all([a, c, late].map((n) => replicatedTableDigest(n.server.db, t.table)));
        expect(
          digests.map((d) => d.sha256),
          t.table,
        ).toEqual([target[i]!.sha256, target[i]!.sha256, target[i]!.sha256]);
      }
      // The poison events from before it joined are parked here too, with the same reasons.
      const parked = await late.server.db.query<{ reason_code: string }>(
        "SELECT reason_code FROM event_dead_letters WHERE event_key LIKE 'poison-%' ORDER BY record_offset",
      );
      expect(parked.rows.map((r) => r.reason_code)).toEqual(['EVENT_INVALID', 'EVENT_INVALID']);
    } finally {
      await stopNode(late);
    }
  });
});
