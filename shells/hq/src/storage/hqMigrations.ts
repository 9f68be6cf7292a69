import { fileURLToPath } from 'node:url';
import { migrate, type Db, type MigrateResult } from '@jil/server-kit';

/** `shells/hq/migrations/`, resolved from this file. */
export const HQ_MIGRATIONS_DIR: string = fileURLToPath(new URL('../../migrations/', import.meta.url));

/**
 * Brings HQ's schema up to date with its numbered migrations (`migrate` of `@jil/server-kit`: one transaction per file,
 * checksums, advisory lock).
 * @throws JilError `STORAGE_ERROR` when an applied file changed or a migration fails.
 * @example
 * import { migrateHq } from '@jil/shell-hq';
 * await migrateHq(db);
 */
export function migrateHq(db: Db): Promise<MigrateResult> {
  return migrate(db, HQ_MIGRATIONS_DIR);
}
