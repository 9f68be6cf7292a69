import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '@jil/server-kit';
import type { Decision } from '../../decide/Decision.js';
import { DecisionRepository, type NewRequestRecord } from '../DecisionRepository.js';
import { migrateCallback } from '../migrateCallback.js';

/** How a test file opens and disposes of the database under test. */
export interface DecisionStorageBackend {
  open(): Promise<Db>;
  dispose(db: Db): Promise<void>;
}

const at = new Date('2026-12-01T12:00:00.000Z');
const request = (id: string, jti: string | null = null): NewRequestRecord => ({
  request_id: id,
  jti,
  tx_id: `tx-${id}`,
  request_jwt_sha256: 'ab'.repeat(32),
  request: { operation: 'TRANSFER', asset: 'ETH', amountStr: '1.5', rawTx: [{ rawTx: '02f0', payload: 'cd'.repeat(32) }] },
  received_at: at,
});
const envelope = { payloadType: 'application/vnd.jil.psa.v1+json', payload: 'eyJhIjoxfQ==', signatures: [{ keyid: 'k', sig: 's' }] };
const approve: Decision = {
  action: 'APPROVE',
  outcome: 'pass',
  note: 'pass',
  txPreimageHash: 'cd'.repeat(32),
  psa: { psa_id: '01a2-…', verdict: 'pass', envelope },
};

/** The callback's storage suite (fireblocks_decisions), run unchanged on PGlite and on PostgreSQL. */
export function describeDecisionStorage(backend: DecisionStorageBackend): void {
  let db: Db;
  let repo: DecisionRepository;
  beforeAll(async () => {
    db = await backend.open();
    expect(await migrateCallback(db)).toEqual({ applied: ['0001_init'], unknown: [] });
    expect(await migrateCallback(db)).toEqual({ applied: [], unknown: [] });
    repo = new DecisionRepository(db);
  });
  afterAll(async () => {
    if (db !== undefined) await backend.dispose(db);
  });

  it('claims a requestId once; a second claim by requestId or by jti is a replay; requests without jti do not collide', async () => {
    expect(await repo.claim(request('r1', 'j1'))).toBe(true);
    expect(await repo.claim(request('r1', 'j-other'))).toBe(false);
    expect(await repo.claim(request('r2', 'j1'))).toBe(false);
    expect(await repo.claim(request('r3'))).toBe(true);
    expect(await repo.claim(request('r4'))).toBe(true);
  });

  it('of concurrent claims of one requestId exactly one wins', async () => {
    const wins = await Promise.all(Array.from({ length: 6 }, () => repo.claim(request('race'))));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('keeps the decision with its PSA envelope and answer; decides a request once only', async () => {
    expect(await repo.get('r3')).toMatchObject({ action: null, decided_at: null, psa_envelope: null, request: request('r3').request });
    await repo.decide('r3', approve, 'h.p.s', new Date(at.getTime() + 15));
    const row = await repo.get('r3');
    expect(row).toMatchObject({
      action: 'APPROVE',
      outcome: 'pass',
      psa_id: '01a2-…',
      verdict: 'pass',
      psa_envelope: envelope,
      response_jwt: 'h.p.s',
      tx_preimage_hash: 'cd'.repeat(32),
      rejection_reason: null,
    });
    expect(row!.decided_at!.getTime() - row!.received_at.getTime()).toBe(15);
    await expect(repo.decide('r3', approve, 'again', at)).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(repo.decide('never-claimed', approve, 'x', at)).rejects.toMatchObject({ code: 'INTERNAL' });
    await repo.decide('r4', { action: 'REJECT', outcome: 'outage', rejectionReason: 'JIL down', note: 'JIL down' }, 'h.p.s2', at);
    expect(await repo.get('r4')).toMatchObject({
      action: 'REJECT',
      outcome: 'outage',
      rejection_reason: 'JIL down',
      psa_envelope: null,
      psa_id: null,
    });
    expect(await repo.get('unknown')).toBeUndefined();
  });
}
