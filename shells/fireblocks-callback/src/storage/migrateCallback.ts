import { fileURLToPath } from 'node:url';
import { migrate, type Db, type MigrateResult } from '@jil/server-kit';

/** `shells/fireblocks-callback/migrations/`, resolved from this file. */
export const CALLBACK_MIGRATIONS_DIR: string = fileURLToPath(new URL('../../migrations/', import.meta.url));

/**
 * Bring the callback's schema up to date with its numbered migrations (`migrate` of `@jil/server-kit`: one transaction per
 * file, checksums, advisory lock). Use a database (or schema) of its own: the migration numbers are the callback's.
 * @throws JilError `STORAGE_ERROR` when an applied file changed or a migration fails.
 */
export function migrateCallback(db: Db): Promise<MigrateResult> {
  return migrate(db, CALLBACK_MIGRATIONS_DIR);
}
