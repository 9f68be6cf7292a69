import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';
import { openDatabase } from './openDatabase.js';
import { openPglite } from './openPglite.js';
import { CONFORMANCE_MIGRATIONS, CONFORMANCE_MIGRATIONS_DIR } from './testing/describeKitConformance.js';

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
    expect((await migrate(first, CONFORMANCE_MIGRATIONS_DIR)).applied).toEqual(CONFORMANCE_MIGRATIONS);
    await first.query('INSERT INTO conformance_rows (sender_id, destination, amount_usd_cents, at_ms) VALUES ($1, $2, $3, $4)', [
      'persist',
      'd',
      '7',
      1,
    ]);
    await first.close();
    await first.close(); // idempotent

    const second = await openDatabase({ databaseUrl: undefined, dataDir });
    try {
      expect(second.kind).toBe('pglite');
      expect(await migrate(second, CONFORMANCE_MIGRATIONS_DIR)).toEqual({ applied: [], unknown: [] });
      const { rows } = await second.query<{ destination: string }>('SELECT destination FROM conformance_rows WHERE sender_id = $1', [
        'persist',
      ]);
      expect(rows).toEqual([{ destination: 'd' }]);
    } finally {
      await second.close();
    }
  });
});
