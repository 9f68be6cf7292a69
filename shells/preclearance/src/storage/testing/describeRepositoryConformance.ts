import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AccessKeyRepository } from '../AccessKeyRepository.js';
import { ClearanceRepository } from '../ClearanceRepository.js';
import { EvidenceRepository } from '../EvidenceRepository.js';
import { sqlstateOf } from '@jil/server-kit';
import { PgRiskHistoryStore } from '../PgRiskHistoryStore.js';
import { PsaRepository, type NewPsaRecord } from '../PsaRepository.js';
import { RequestLog } from '../RequestLog.js';
import { fieldsOf, rejectionOf, unique, type ConformanceContext } from '@jil/server-kit/testing';

const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

function newPsa(overrides: Partial<NewPsaRecord> = {}): NewPsaRecord {
  return {
    psa_id: randomUUID(),
    transit_id: `transit-${unique()}`,
    custodian_id: 'custodian-a',
    verdict: 'pass',
    issued_at: new Date(T0 + 123),
    expires_at: new Date(T0 + 60_123),
    envelope: {
      payloadType: 'application/vnd.jil.psa.v1+json',
      payload: 'eyJhIjoxfQ==',
      signatures: [{ keyid: 'k1', sig: 'c2ln' }],
    },
    body_sha256: 'ab'.repeat(32),
    ...overrides,
  };
}

/** Repository behaviour both engines must share. */
export function describeRepositoryConformance(ctx: ConformanceContext): void {
  describe('PsaRepository', () => {
    it('inserts and gets a PSA with dates, envelope and hash intact', async () => {
      const repo = new PsaRepository(ctx.db);
      const record = newPsa({ verdict: 'flag' });
      await repo.insert(record);
      const stored = await repo.get(record.psa_id);
      expect(stored).toMatchObject({ ...record, consumed_at: null, consumed_by: null });
      expect(stored?.issued_at.getTime()).toBe(T0 + 123);
      expect(stored?.created_at).toBeInstanceOf(Date);
    });

    it('returns null for an unknown id or a string that is not a UUID', async () => {
      const repo = new PsaRepository(ctx.db);
      expect(await repo.get(randomUUID())).toBeNull();
      expect(await repo.get('not-a-uuid')).toBeNull();
      await expect(repo.get(null as unknown as string)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    });

    it('refuses a second PSA with the same id (STORAGE_ERROR 23505)', async () => {
      const repo = new PsaRepository(ctx.db);
      const record = newPsa();
      await repo.insert(record);
      const error = await repo.insert({ ...record, transit_id: 'other' }).catch((e: unknown) => e);
      expect(sqlstateOf(error)).toBe('23505');
    });

    it('consumes once: consumed, then already_consumed; unknown ids are not_found', async () => {
      const repo = new PsaRepository(ctx.db);
      const record = newPsa();
      await repo.insert(record);
      const now = new Date(T0 + 5000);
      expect(await repo.consume(record.psa_id, 'exchange-1', now)).toBe('consumed');
      expect(await repo.consume(record.psa_id, 'exchange-2', new Date(T0 + 6000))).toBe('already_consumed');
      expect(await repo.get(record.psa_id)).toMatchObject({ consumed_at: now, consumed_by: 'exchange-1' });
      expect(await repo.consume(randomUUID(), 'exchange-1', now)).toBe('not_found');
      expect(await repo.consume('nope', 'exchange-1', now)).toBe('not_found');
    });

    it('of 10 concurrent consumers exactly one wins', async () => {
      const repo = new PsaRepository(ctx.db);
      const record = newPsa();
      await repo.insert(record);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => repo.consume(record.psa_id, `exchange-${i}`, new Date(T0 + i))),
      );
      expect(results.filter((r) => r === 'consumed')).toHaveLength(1);
      expect(results.filter((r) => r === 'already_consumed')).toHaveLength(9);
    });

    it('lists the PSAs of a transit id, oldest first', async () => {
      const repo = new PsaRepository(ctx.db);
      const transit_id = `transit-${unique()}`;
      const later = newPsa({ transit_id, issued_at: new Date(T0 + 2000) });
      const earlier = newPsa({ transit_id, issued_at: new Date(T0 + 1000) });
      await repo.insert(later);
      await repo.insert(earlier);
      expect((await repo.listByTransitId(transit_id)).map((r) => r.psa_id)).toEqual([earlier.psa_id, later.psa_id]);
    });

    it('rejects a bad record listing every bad field and writes nothing', async () => {
      const repo = new PsaRepository(ctx.db);
      const bad = {
        ...newPsa(),
        psa_id: 'x',
        verdict: 'maybe',
        issued_at: new Date(Number.NaN),
        body_sha256: 'AB',
      } as unknown as NewPsaRecord;
      const error = await rejectionOf(repo.insert(bad));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(fieldsOf(error)).toEqual(['psa_id', 'verdict', 'issued_at', 'body_sha256']);
      expect(await repo.listByTransitId(bad.transit_id)).toEqual([]);
    });
  });

  describe('PgRiskHistoryStore', () => {
    it('answers recentBySender, countSince and hasSentTo per sender', async () => {
      const store = new PgRiskHistoryStore(ctx.db);
      const s = `sender-${unique()}`;
      await store.append({ sender_id: s, destination: 'A', amount_usd_cents: 100n, at_ms: T0 + 1000 });
      await store.append({ sender_id: s, destination: 'B', amount_usd_cents: 200n, at_ms: T0 + 3000 });
      await store.append({ sender_id: s, destination: 'C', amount_usd_cents: 300n, at_ms: T0 + 2000 });
      await store.append({ sender_id: `${s}-other`, destination: 'Z', amount_usd_cents: 1n, at_ms: T0 + 9000 });
      const recent = await store.recentBySender(s, 2);
      expect(recent).toEqual([
        { sender_id: s, destination: 'B', amount_usd_cents: 200n, at_ms: T0 + 3000 },
        { sender_id: s, destination: 'C', amount_usd_cents: 300n, at_ms: T0 + 2000 },
      ]);
      expect(await store.recentBySender(s, 0)).toEqual([]);
      expect(await store.recentBySender(`${s}-nobody`, 10)).toEqual([]);
      expect(await store.countSince(s, T0 + 2000)).toBe(2);
      expect(await store.countSince(s, 0)).toBe(3);
      expect(await store.hasSentTo(s, 'A')).toBe(true);
      expect(await store.hasSentTo(s, 'Z')).toBe(false);
    });

    it('puts the later append first among equal times (like the memory store)', async () => {
      const store = new PgRiskHistoryStore(ctx.db);
      const s = `sender-${unique()}`;
      await store.append({ sender_id: s, destination: 'first', amount_usd_cents: 1n, at_ms: T0 });
      await store.append({ sender_id: s, destination: 'second', amount_usd_cents: 1n, at_ms: T0 });
      expect((await store.recentBySender(s, 5)).map((r) => r.destination)).toEqual(['second', 'first']);
    });

    it('round-trips amounts up to 2^63 - 1 as bigint and epoch ms as number', async () => {
      const store = new PgRiskHistoryStore(ctx.db);
      const s = `sender-${unique()}`;
      const max = 2n ** 63n - 1n;
      await store.append({ sender_id: s, destination: 'D', amount_usd_cents: max, at_ms: 8_640_000_000_000_000 });
      const [row] = await store.recentBySender(s, 1);
      expect(row?.amount_usd_cents).toBe(max);
      expect(row?.at_ms).toBe(8_640_000_000_000_000);
      expect(typeof row?.at_ms).toBe('number');
    });

    it('appendMany writes all or nothing', async () => {
      const store = new PgRiskHistoryStore(ctx.db);
      const s = `sender-${unique()}`;
      const good = { sender_id: s, destination: 'D', amount_usd_cents: 5n, at_ms: T0 };
      await expect(store.appendMany([good, { ...good, amount_usd_cents: -1n }])).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        details: { fields: [expect.objectContaining({ field: '[1].amount_usd_cents' })] },
      });
      expect(await store.countSince(s, 0)).toBe(0);
      await store.appendMany([good, { ...good, destination: 'E' }]);
      expect(await store.countSince(s, 0)).toBe(2);
    });

    it('rejects wrong argument types', async () => {
      const store = new PgRiskHistoryStore(ctx.db);
      await expect(store.recentBySender('s', -1)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(store.countSince('s', 1.5)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(store.hasSentTo(1 as unknown as string, 'd')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      const bad = { sender_id: 's', destination: 'd', amount_usd_cents: 5, at_ms: T0 } as unknown as Parameters<
        PgRiskHistoryStore['append']
      >[0];
      await expect(store.append(bad)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(store.append(null as unknown as typeof bad)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    });
  });

  describe('AccessKeyRepository', () => {
    it('creates, gets, lists without secrets, and revokes once', async () => {
      const repo = new AccessKeyRepository(ctx.db);
      const id = `AK-${unique()}`;
      const created = await repo.create({
        access_key_id: id,
        secret_b64: 'c2VjcmV0LXNlY3JldA==',
        label: 'custodian A',
        created_at: new Date(T0),
      });
      expect(created).toEqual({
        access_key_id: id,
        secret_b64: 'c2VjcmV0LXNlY3JldA==',
        label: 'custodian A',
        created_at: new Date(T0),
        revoked_at: null,
      });
      expect(await repo.get(id)).toEqual(created);
      expect(await repo.get(`${id}-missing`)).toBeNull();
      expect(await repo.get('')).toBeNull();
      expect(await repo.get('x'.repeat(129))).toBeNull();
      await expect(repo.get(42 as unknown as string)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      const listed = (await repo.list()).find((k) => k.access_key_id === id);
      expect(listed).toEqual({ access_key_id: id, label: 'custodian A', created_at: new Date(T0), revoked_at: null });
      expect(JSON.stringify(await repo.list())).not.toContain('c2VjcmV0');
      expect(await repo.revoke(id, new Date(T0 + 1))).toBe(true);
      expect(await repo.revoke(id, new Date(T0 + 2))).toBe(false);
      expect((await repo.get(id))?.revoked_at).toEqual(new Date(T0 + 1));
    });

    it('defaults label and created_at, and refuses a duplicate id', async () => {
      const repo = new AccessKeyRepository(ctx.db);
      const id = `AK-${unique()}`;
      const created = await repo.create({ access_key_id: id, secret_b64: 'AAAA' });
      expect(created.label).toBe('');
      expect(created.created_at).toBeInstanceOf(Date);
      await expect(repo.create({ access_key_id: id, secret_b64: 'BBBB' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect((await repo.get(id))?.secret_b64).toBe('AAAA');
      await expect(repo.create({ access_key_id: '', secret_b64: 'not base64!' })).rejects.toMatchObject({
        details: { fields: [expect.objectContaining({ field: 'access_key_id' }), expect.objectContaining({ field: 'secret_b64' })] },
      });
    });
  });

  describe('RequestLog', () => {
    it('appends entries and returns the latest first', async () => {
      const log = new RequestLog(ctx.db);
      const route = `POST /v1/preclearance/validate#${unique()}`;
      await log.append({ at: new Date(T0), access_key_id: 'AK1', route, status: 200, error_code: null });
      await log.append({ at: new Date(T0 + 1), access_key_id: null, route, status: 401, error_code: 'AUTH_BAD_SIGNATURE' });
      const [last, previous] = await log.recent(2);
      expect(last).toMatchObject({ at: new Date(T0 + 1), access_key_id: null, route, status: 401, error_code: 'AUTH_BAD_SIGNATURE' });
      expect(previous).toMatchObject({ at: new Date(T0), access_key_id: 'AK1', route, status: 200, error_code: null });
      expect(typeof last?.id).toBe('number');
      expect(last!.id).toBeGreaterThan(previous!.id);
      await expect(
        log.append({ at: new Date(T0), access_key_id: null, route, status: 42, error_code: 'lower case' }),
      ).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    });
  });

  describe('ClearanceRepository', () => {
    const input = (custodian: string, party: string) => ({
      custodian_id: custodian,
      party_id: party,
      list: 'ofac-sdn',
      entry_id: '1001',
      cleared_by: 'analyst@c',
      reason: 'DOB differs',
      access_key_id: 'AK1',
      at: new Date(T0),
    });

    it('records a clearance with a created event, lists it, serves it as in force, and refuses a second one', async () => {
      const repo = new ClearanceRepository(ctx.db);
      const custodian = `cust-${unique()}`;
      const created = await repo.create({ ...input(custodian, 'p1'), party_name: 'Ivan Petrov', expires_at: new Date(T0 + 86_400_000) });
      expect(created).toMatchObject({
        custodian_id: custodian,
        party_id: 'p1',
        party_name: 'Ivan Petrov',
        cleared_at: new Date(T0).toISOString(),
        expires_at: new Date(T0 + 86_400_000).toISOString(),
        revoked_at: null,
      });
      expect((await repo.get(custodian, created.clearance_id))?.events).toEqual([
        { action: 'created', actor: 'analyst@c', access_key_id: 'AK1', reason: 'DOB differs', at: new Date(T0).toISOString() },
      ]);
      expect((await repo.list(custodian)).map((c) => c.clearance_id)).toEqual([created.clearance_id]);
      expect((await repo.activeFor(custodian, ['p1', 'p2'], new Date(T0 + 1))).map((c) => c.clearance_id)).toEqual([created.clearance_id]);
      expect(await repo.activeFor(custodian, ['p1'], new Date(T0 + 86_400_000))).toEqual([]); // expired
      expect(await repo.activeFor(`${custodian}-other`, ['p1'], new Date(T0 + 1))).toEqual([]);
      expect(await repo.get(`${custodian}-other`, created.clearance_id)).toBeNull();
      expect((await rejectionOf(repo.create(input(custodian, 'p1')))).code).toBe('CLEARANCE_CONFLICT');
    });

    it('revokes once with a revoked event; revoked clearances no longer apply and a new one may be recorded', async () => {
      const repo = new ClearanceRepository(ctx.db);
      const custodian = `cust-${unique()}`;
      const { clearance_id } = await repo.create(input(custodian, 'p1'));
      const by = { revoked_by: 'supervisor@c', reason: 'new adverse media', access_key_id: 'AK2', at: new Date(T0 + 5000) };
      const revoked = await repo.revoke(custodian, clearance_id, by);
      expect(revoked).toMatchObject({
        revoked_at: new Date(T0 + 5000).toISOString(),
        revoked_by: 'supervisor@c',
        revoke_reason: 'new adverse media',
      });
      expect((await repo.get(custodian, clearance_id))?.events.map((e) => [e.action, e.actor, e.access_key_id])).toEqual([
        ['created', 'analyst@c', 'AK1'],
        ['revoked', 'supervisor@c', 'AK2'],
      ]);
      expect(await repo.activeFor(custodian, ['p1'], new Date(T0 + 6000))).toEqual([]);
      expect((await rejectionOf(repo.revoke(custodian, clearance_id, by))).code).toBe('CLEARANCE_CONFLICT');
      expect((await rejectionOf(repo.revoke(custodian, randomUUID(), by))).code).toBe('NOT_FOUND');
      expect(await repo.list(custodian)).toEqual([]);
      expect(await repo.list(custodian, { include_revoked: true, party_id: 'p1' })).toHaveLength(1);
      await repo.create(input(custodian, 'p1'));
      expect(await repo.list(custodian)).toHaveLength(1);
    });

    it('rejects bad arguments listing every field', async () => {
      const error = await rejectionOf(new ClearanceRepository(ctx.db).create({ ...input('', ''), reason: '', at: new Date(Number.NaN) }));
      expect(fieldsOf(error)).toEqual(['custodian_id', 'party_id', 'reason', 'at']);
    });
  });

  describe('EvidenceRepository', () => {
    it('stores each kind, serves a custodian only its own, newest first, filtered by kind and validator', async () => {
      const repo = new EvidenceRepository(ctx.db);
      const custodian = `cust-${unique()}`;
      const at = new Date(T0);
      const bad = await repo.insert({
        kind: 'bad_signature',
        validator_id: 'val-01',
        keyid: 'ab'.repeat(32),
        custodian_id: custodian,
        transit_id: 't-1',
        psa_id: randomUUID(),
        code: 'PSA_BAD_SIGNATURE',
        message: 'does not verify',
        payload_b64: 'eyJhIjoxfQ==',
        sig: 'c2ln',
        observed_at: at,
      });
      await repo.insert({
        kind: 'equivocation',
        validator_id: 'val-02',
        custodian_id: custodian,
        transit_id: 't-1',
        payload_b64: 'QQ==',
        sig: 'czE=',
        other_payload_b64: 'Qg==',
        other_sig: 'czI=',
        details: { psa_ids: ['a', 'b'] },
        observed_at: at,
      });
      await repo.insert({
        kind: 'refusal',
        validator_id: 'val-01',
        custodian_id: custodian,
        transit_id: 't-2',
        code: 'VALIDATOR_FINDINGS_DIFFER',
        details: { stage: 'endpoints' },
        observed_at: at,
      });
      await repo.insert({
        kind: 'refusal',
        validator_id: 'val-01',
        custodian_id: `${custodian}-other`,
        transit_id: 't-3',
        observed_at: at,
      });
      const all = await repo.list(custodian);
      expect(all.map((e) => e.kind)).toEqual(['refusal', 'equivocation', 'bad_signature']);
      expect(all[0]).toMatchObject({
        validator_id: 'val-01',
        code: 'VALIDATOR_FINDINGS_DIFFER',
        details: { stage: 'endpoints' },
        observed_at: at.toISOString(),
        message: '',
      });
      expect(all[1]).toMatchObject({ payload_b64: 'QQ==', other_payload_b64: 'Qg==', other_sig: 'czI=', details: { psa_ids: ['a', 'b'] } });
      expect(all[2]).toMatchObject({ id: bad, keyid: 'ab'.repeat(32), sig: 'c2ln' });
      expect((await repo.list(custodian, { kind: 'equivocation' })).map((e) => e.validator_id)).toEqual(['val-02']);
      expect((await repo.list(custodian, { validator_id: 'val-01', limit: 1 })).map((e) => e.kind)).toEqual(['refusal']);
    });

    it('rejects bad arguments listing every field; equivocation needs both signed bodies', async () => {
      const repo = new EvidenceRepository(ctx.db);
      const error = await rejectionOf(
        repo.insert({
          kind: 'nope' as never,
          validator_id: '',
          custodian_id: 'c',
          transit_id: 't',
          psa_id: 'x',
          observed_at: new Date(Number.NaN),
        }),
      );
      expect(fieldsOf(error)).toEqual(['kind', 'validator_id', 'psa_id', 'observed_at']);
      const half = await rejectionOf(
        repo.insert({
          kind: 'equivocation',
          validator_id: 'v',
          custodian_id: 'c',
          transit_id: 't',
          payload_b64: 'QQ==',
          sig: 's',
          observed_at: new Date(),
        }),
      );
      expect(fieldsOf(half)).toEqual(['other_payload_b64']);
      expect(fieldsOf(await rejectionOf(repo.list('c', { limit: 501 })))).toEqual(['limit']);
    });
  });
}
