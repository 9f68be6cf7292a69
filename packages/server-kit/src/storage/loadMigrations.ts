import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JilError } from '@jil/core';

/** One numbered migration file, e.g. `0001_init.sql`. */
export interface Migration {
  /** The number in the file name (`1` for `0001_init.sql`). */
  version: number;
  /** The name after the number (`init`). */
  name: string;
  /** The SQL script, run as-is on both engines. */
  sql: string;
  /** Hex SHA-256 of the file with CRLF line ends normalized to LF. */
  sha256: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * Reads the numbered migrations of `dir`, sorted by version. Every `.sql` file must be named
 * `NNNN_lower_snake.sql` with a unique number; other files are ignored.
 *
 * @param dir - Folder of migration files.
 * @throws JilError `CONFIG_INVALID` for a badly named `.sql` file or a repeated version;
 *   `STORAGE_ERROR` when the folder cannot be read.
 */
export async function loadMigrations(dir: string): Promise<Migration[]> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch (error) {
    throw new JilError('STORAGE_ERROR', 'cannot read the migrations folder', { details: { dir }, cause: error });
  }
  const migrations: Migration[] = [];
  for (const file of files.filter((f) => f.endsWith('.sql')).sort()) {
    const match = FILE_NAME.exec(file);
    if (match === null || match[1] === undefined || match[2] === undefined) {
      throw new JilError('CONFIG_INVALID', 'migration file names must look like 0001_name.sql', {
        details: { file },
      });
    }
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) {
      throw new JilError('CONFIG_INVALID', 'two migration files share a version', { details: { file, version } });
    }
    const text = (await readFile(join(dir, file), 'utf8')).replace(/\r\n/g, '\n');
    const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
    migrations.push({ version, name: match[2], sql: text, sha256 });
  }
  return migrations;
}
