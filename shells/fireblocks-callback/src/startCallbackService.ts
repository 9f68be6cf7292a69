import type { FastifyInstance } from 'fastify';
import { openPglite, openPostgres, type Db } from '@jil/server-kit';
import type { CallbackConfig } from './config/CallbackConfig.js';
import { createCallbackServer } from './server/createCallbackServer.js';
import { migrateCallback } from './storage/migrateCallback.js';

/** Options of {@link startCallbackService}. */
export interface StartCallbackServiceOptions {
  config: CallbackConfig;
  /** PostgreSQL URL; PGlite under `dataDir` when absent or empty. */
  databaseUrl?: string | undefined;
  /** PGlite data directory (e.g. `.jil/fireblocks-callback/pglite`); in memory when absent (tests only). */
  dataDir?: string;
  /** TCP port (default 8790; 0 picks a free one). */
  port?: number;
  /** Bind address (default 127.0.0.1; terminate TLS in front of it). */
  host?: string;
  logger?: boolean | Record<string, unknown>;
}

/** A running callback handler. */
export interface RunningCallbackService {
  app: FastifyInstance;
  /** Base URL, e.g. `http://127.0.0.1:8790`. */
  url: string;
  db: Db;
  close(): Promise<void>;
}

/**
 * Open the database (PostgreSQL when `databaseUrl` is set, else PGlite), migrate it, and listen.
 * @example
 * import { startCallbackService, loadCallbackConfig } from '@jil/shell-fireblocks-callback';
 * const svc = await startCallbackService({ config: await loadCallbackConfig(process.env), dataDir: '.jil/fireblocks-callback/pglite' });
 */
export async function startCallbackService(o: StartCallbackServiceOptions): Promise<RunningCallbackService> {
  const db = o.databaseUrl ? await openPostgres(o.databaseUrl) : await openPglite(o.dataDir);
  try {
    await migrateCallback(db);
    const app = createCallbackServer({ config: o.config, db, ...(o.logger === undefined ? {} : { logger: o.logger }) });
    const url = await app.listen({ port: o.port ?? 8790, host: o.host ?? '127.0.0.1' });
    return {
      app,
      url,
      db,
      async close() {
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
