import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations } from './loadMigrations.js';
import { CONFORMANCE_MIGRATIONS_DIR } from './testing/describeKitConformance.js';

describe('loadMigrations', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const folder = async (files: Record<string, string>): Promise<string> => {
    dir = await mkdtemp(join(tmpdir(), 'jil-load-migrations-'));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    return dir;
  };

  it('reads a folder of migrations, starting at 0001, hashed as SHA-256 of the file', async () => {
    const migrations = await loadMigrations(CONFORMANCE_MIGRATIONS_DIR);
    expect(migrations[0]).toMatchObject({ version: 1, name: 'conformance' });
    const text = await readFile(join(CONFORMANCE_MIGRATIONS_DIR, '0001_conformance.sql'), 'utf8');
    expect(migrations[0]?.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('sorts by version, ignores non-SQL files and normalizes CRLF before hashing', async () => {
    const migrations = await loadMigrations(
      await folder({ '0002_b.sql': 'SELECT 2;\r\n', '0001_a.sql': 'SELECT 1;\n', 'README.md': '# notes' }),
    );
    expect(migrations.map((m) => [m.version, m.name, m.sql])).toEqual([
      [1, 'a', 'SELECT 1;\n'],
      [2, 'b', 'SELECT 2;\n'],
    ]);
    expect(migrations[1]?.sha256).toBe(createHash('sha256').update('SELECT 2;\n').digest('hex'));
  });

  it.each([['1_short.sql'], ['0001-dash.sql'], ['0001_Upper.sql'], ['0001_.sql']])('rejects the file name %s', async (name) => {
    await expect(loadMigrations(await folder({ [name]: 'SELECT 1;' }))).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('rejects two files with one version, and a missing folder', async () => {
    await expect(loadMigrations(await folder({ '0001_a.sql': '', '0001_b.sql': '' }))).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
    await expect(loadMigrations(join(tmpdir(), 'jil-no-such-dir-xyz'))).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
  });
});
