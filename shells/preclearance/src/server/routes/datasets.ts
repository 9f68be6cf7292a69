import type { FastifyInstance, FastifyRequest } from 'fastify';
import { datasetFreshness, type PreclearanceEngine } from '@jil/psa';

interface Deps {
  engine: PreclearanceEngine;
  authenticate: (request: FastifyRequest) => Promise<void>;
  clock: () => Date;
}

/**
 * Register `GET /v1/datasets` (HMAC auth): what the service screens against — per dataset its name, title, source,
 * source date, row count, SHA-256, age in days at the request time, maximum age and whether it is stale — plus the
 * snapshot hash and whether list freshness is enforced (stale lists flag every screening when it is).
 *
 * @param app - the Fastify instance.
 * @param d - the engine, the auth hook and the clock.
 * @example
 * import { registerDatasetRoutes } from './routes/datasets.js';
 * registerDatasetRoutes(app, { engine, authenticate, clock });
 */
export function registerDatasetRoutes(app: FastifyInstance, d: Deps): void {
  app.get('/v1/datasets', { preHandler: d.authenticate }, async () => {
    const { snapshot, listFreshness } = d.engine;
    const now = d.clock();
    const freshness = datasetFreshness(snapshot.datasets, now, listFreshness ?? {});
    return {
      snapshot_sha256: snapshot.sha256,
      as_of: now.toISOString(),
      freshness_enforced: listFreshness !== undefined,
      datasets: snapshot.datasets.map((m, i) => {
        const f = freshness[i]!;
        return {
          name: m.name,
          title: m.title,
          source: m.source,
          source_date: m.source_date,
          rows: m.rows,
          sha256: m.sha256,
          age_days: f.age_days,
          max_age_days: f.max_age_days,
          stale: f.stale,
          ...(f.stage === undefined ? {} : { stage: f.stage }),
        };
      }),
    };
  });
}
