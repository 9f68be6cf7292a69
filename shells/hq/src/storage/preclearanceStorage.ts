/**
 * Transitional (issue 12): `Db` now comes from `@jil/server-kit`. This file goes as soon as `JobRepository.ts`, which is
 * being edited in parallel, imports the kit in a commit.
 */
export type { Db } from '@jil/server-kit';
