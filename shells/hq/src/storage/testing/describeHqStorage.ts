import { createSigner } from '@jil/core';
import { verifyAuditChain } from '@jil/fleet';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHqStore, type HqStore } from '../HqStore.js';
import { migrateHq } from '../hqMigrations.js';
import type { Db } from '@jil/server-kit';

/** How a test file opens and disposes of the database under test. */
export interface HqStorageBackend {
  open(): Promise<Db>;
  dispose(db: Db): Promise<void>;
}

const signer = createSigner(new Uint8Array(32).fill(9));
const at = new Date('2025-06-01T12:00:00.000Z');
const DIGEST = `sha256:${'ab'.repeat(32)}`;

/** HQ's storage suite, run unchanged on PGlite and on PostgreSQL. */
export function describeHqStorage(backend: HqStorageBackend): void {
  let db: Db;
  let store: HqStore;
  beforeAll(async () => {
    db = await backend.open();
    expect(await migrateHq(db)).toEqual({ applied: ['0001_init'], unknown: [] });
    store = createHqStore(db, signer);
  });
  afterAll(async () => {
    if (db !== undefined) await backend.dispose(db);
  });

  it('migrations are idempotent', async () => {
    expect(await migrateHq(db)).toEqual({ applied: [], unknown: [] });
  });

  it('audit: concurrent appends form one valid signed chain; UPDATE and DELETE are refused', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        store.audit.append({
          at: at.toISOString(),
          actor: 'admin',
          action: 'test.append',
          target: `n:${i}`,
          outcome: 'ok',
          details: { i, amount: '1.50', nested: { ok: true } },
        }),
      ),
    );
    const rows = await store.audit.list();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(verifyAuditChain(rows, { publicKeys: new Map([[signer.keyid, signer.publicKey]]) })).toMatchObject({ valid: true, length: 12 });
    await expect(db.query("UPDATE audit_log SET outcome = 'refused' WHERE seq = 2")).rejects.toMatchObject({
      code: 'STORAGE_ERROR',
      details: { sqlstate: 'P0001' },
    });
    await expect(db.query('DELETE FROM audit_log WHERE seq = 12')).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
    expect((await store.audit.list({ newestFirst: true, limit: 2 })).map((r) => r.seq)).toEqual([12, 11]);
  });

  it('images: the same digest keeps its row; signatures and signed digests', async () => {
    const base = {
      name: 'validator',
      repository: '127.0.0.1:5000/jil/validator',
      digest: DIGEST,
      media_type: 'application/vnd.oci.image.manifest.v1+json',
      size: 500,
      registered_at: at.toISOString(),
    };
    const first = await store.images.upsert({ ...base, image_id: '01970b3a-5c00-7000-8000-0000000000a1', tag: '1' });
    const again = await store.images.upsert({ ...base, image_id: '01970b3a-5c00-7000-8000-0000000000a2', tag: '1-again' });
    expect(again).toMatchObject({ image_id: first.image_id, tag: '1-again' });
    await store.images.setSignature(first.image_id, '{"payloadType":"x","payload":"","signatures":[]}', at);
    expect(await store.images.signedDigests()).toEqual(new Set([DIGEST]));
  });

  it('releases: versions per track; jobs never overwrite a final target status', async () => {
    expect(await store.releases.nextVersion('mainnet')).toBe(1);
    const image = (await store.images.find('validator'))!;
    await store.releases.insert(
      {
        release_id: '01970b3a-5c00-7000-8000-0000000000b1',
        image_id: image.image_id,
        track: 'mainnet',
        version: 1,
        digest: DIGEST,
        envelope: { payloadType: 'x', payload: '', signatures: [] },
        approvers: [],
        status: 'pending',
        issued_at: at.toISOString(),
        expires_at: at.toISOString(),
      },
      '{}',
    );
    expect(await store.releases.nextVersion('mainnet')).toBe(2);
    expect(await store.releases.nextVersion('testnet')).toBe(1);
    await store.nodes.insert('n1', 'CH/FINMA', 'mainnet', at);
    await store.jobs.create(
      '01970b3a-5c00-7000-8000-0000000000c1',
      '01970b3a-5c00-7000-8000-0000000000b1',
      'admin',
      'nodes:n1',
      ['n1'],
      at,
    );
    await store.jobs.setTarget('01970b3a-5c00-7000-8000-0000000000c1', 'n1', 'verified', at);
    await store.jobs.setTarget('01970b3a-5c00-7000-8000-0000000000c1', 'n1', 'deployed', at);
    expect((await store.jobs.get('01970b3a-5c00-7000-8000-0000000000c1'))?.targets).toMatchObject([{ node_id: 'n1', status: 'verified' }]);
  });

  it('nonces: PgNonceStore refuses a live replay', async () => {
    expect(await store.nonces.checkAndStore('node:n1', 'nonce-aaaaaaaaaaaaaaaa', 2_000, 1_000)).toBe(true);
    expect(await store.nonces.checkAndStore('node:n1', 'nonce-aaaaaaaaaaaaaaaa', 2_000, 1_500)).toBe(false);
  });
}
