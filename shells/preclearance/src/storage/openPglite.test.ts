import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AccessKeyRepository } from './AccessKeyRepository.js';
import { migrate } from './migrate.js';
import { openDatabase } from './openDatabase.js';
import { openPglite } from './openPglite.js';

// Opens PGlite twice, one after the other (each start takes seconds): persistence needs a reopen.
describe('openPglite persisted in a directory', () => {
  let root: string | undefined;
  afterAll(async () => {
    if (root !== undefined) await rm(root, { recursive: true, force: true });
  });

  it('keeps data and migrations across a close and reopen (openDatabase picks PGlite without databaseUrl)', async () => {
    root = await mkdtemp(join(tmpdir(), 'jil-pglite-'));
    const dataDir = join(root, '.jil', 'pglite'); // nested folders are created
    const first = await openPglite(dataDir);
    expect(first.kind).toBe('pglite');
    expect((await migrate(first)).applied).toEqual([
      '0001_init',
      '0002_sanctions_clearances',
      '0003_transparency_log',
      '0004_validator_evidence',
      '0005_access_key_admin',
      '0006_transit_id_idempotency',
      '0007_event_mesh',
      '0008_event_source_positions',
      '0009_event_mesh_clearances',
    ]);
    await new AccessKeyRepository(first).create({ access_key_id: 'AK-persist', secret_b64: 'AAAA' });
    await first.close();
    await first.close(); // idempotent

    const second = await openDatabase({ databaseUrl: undefined, dataDir });
    try {
      expect(second.kind).toBe('pglite');
      expect(await migrate(second)).toEqual({ applied: [], unknown: [] });
      expect((await new AccessKeyRepository(second).get('AK-persist'))?.secret_b64).toBe('AAAA');
    } finally {
      await second.close();
    }
  });
});
