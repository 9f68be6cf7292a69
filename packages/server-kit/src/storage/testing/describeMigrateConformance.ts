import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { int8ToNumber } from '../int8ToNumber.js';
import { loadMigrations } from '../loadMigrations.js';
import { migrate } from '../migrate.js';
import type { ConformanceContext } from './conformanceHelpers.js';
import { CONFORMANCE_MIGRATIONS_DIR } from './describeKitConformance.js';

const TABLES = ['auth_nonces', 'conformance_rows', 'schema_migrations'];
const VERSIONS = [1, 2];

/** Migration behaviour: idempotent, checksummed, one transaction per migration (on the kit's fixture folder). */
export function describeMigrateConformance(ctx: ConformanceContext): void {
  const dirs: string[] = [];
  /** A copy of the real migrations folder plus `extra` files. */
  const copyMigrations = async (extra: Record<string, string> = {}): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'jil-migrations-'));
    dirs.push(dir);
    await cp(CONFORMANCE_MIGRATIONS_DIR, dir, { recursive: true });
    for (const [name, sql] of Object.entries(extra)) await writeFile(join(dir, name), sql);
    return dir;
  };
  const appliedVersions = async (): Promise<number[]> =>
    (await ctx.db.query<{ version: unknown }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) =>
      int8ToNumber(r.version),
    );
  const tableExists = async (name: string): Promise<boolean> =>
    (
      await ctx.db.query<{ found: boolean }>(
        'SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1) AS found',
        [name],
      )
    ).rows[0]?.found === true;
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('creates every table in the current schema', async () => {
    const { rows } = await ctx.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER " +
        'BY table_name',
    );
    expect(rows.map((r) => r.table_name)).toEqual(TABLES);
  });

  it('is idempotent: a second run applies nothing', async () => {
    expect(await migrate(ctx.db, CONFORMANCE_MIGRATIONS_DIR)).toEqual({ applied: [], unknown: [] });
    expect(await appliedVersions()).toEqual(VERSIONS);
  });

  it('records version, name, file sha256 and applied_at', async () => {
    const [file] = await loadMigrations(CONFORMANCE_MIGRATIONS_DIR);
    const { rows } = await ctx.db.query<{ version: unknown; name: string; sha256: string; applied_at: unknown }>(
      'SELECT version, name, sha256, applied_at FROM schema_migrations ORDER BY version',
    );
    expect(rows).toHaveLength(VERSIONS.length);
    expect(int8ToNumber(rows[0]?.version)).toBe(1);
    expect(rows[0]).toMatchObject({ name: 'conformance', sha256: file?.sha256 });
    expect(rows[0]?.applied_at).toBeInstanceOf(Date);
  });

  it('refuses to run when an applied migration file changed, and changes nothing', async () => {
    const dir = await copyMigrations({ '0010_next.sql': 'CREATE TABLE must_not_exist (id int);' });
    const path = join(dir, '0001_conformance.sql');
    await writeFile(path, `${await readFile(path, 'utf8')}\n-- edited after release\n`);
    await expect(migrate(ctx.db, dir)).rejects.toMatchObject({
      code: 'STORAGE_ERROR',
      details: expect.objectContaining({ version: 1, name: 'conformance' }),
    });
    expect(await appliedVersions()).toEqual(VERSIONS);
    expect(await tableExists('must_not_exist')).toBe(false);
  });

  it('hashes CRLF and LF checkouts of a file alike', async () => {
    const dir = await copyMigrations();
    const path = join(dir, '0001_conformance.sql');
    await writeFile(path, (await readFile(path, 'utf8')).replace(/\n/g, '\r\n'));
    expect(await migrate(ctx.db, dir)).toEqual({ applied: [], unknown: [] });
  });

  it('a failing migration leaves no table and no schema_migrations row', async () => {
    const dir = await copyMigrations({ '0010_broken.sql': 'CREATE TABLE half_done (id int);\nSELECT 1 / 0;\n' });
    await expect(migrate(ctx.db, dir)).rejects.toMatchObject({
      code: 'STORAGE_ERROR',
      details: expect.objectContaining({ sqlstate: '22012' }),
    });
    expect(await tableExists('half_done')).toBe(false);
    expect(await appliedVersions()).toEqual(VERSIONS);
  });

  it('applies a new migration once even when started concurrently, then reports it as unknown to an older build', async () => {
    const dir = await copyMigrations({ '0010_probe.sql': 'CREATE TABLE conformance_probe (id int PRIMARY KEY);' });
    const results = await Promise.all([1, 2, 3].map(() => migrate(ctx.db, dir)));
    expect(results.flatMap((r) => r.applied)).toEqual(['0010_probe']);
    expect(await tableExists('conformance_probe')).toBe(true);
    expect(await migrate(ctx.db, CONFORMANCE_MIGRATIONS_DIR)).toEqual({ applied: [], unknown: [10] });
    await ctx.db.transaction(async (tx) => {
      await tx.exec('DROP TABLE conformance_probe');
      await tx.query('DELETE FROM schema_migrations WHERE version = $1', [10]);
    });
    expect(await appliedVersions()).toEqual(VERSIONS);
  });

  it('rejects badly named migration files', async () => {
    const dir = await copyMigrations({ '2_oops.sql': 'SELECT 1;' });
    await expect(migrate(ctx.db, dir)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
}
