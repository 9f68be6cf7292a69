import type { FastifyInstance } from 'fastify';
import type { PreclearanceEngine } from '@jil/psa';
import { openApiDocument } from '../openapi.js';

/** Register the unauthenticated routes: `GET /health`, `GET /openapi.json`. */
export function registerPublicRoutes(app: FastifyInstance, d: { engine: PreclearanceEngine; bodyLimit: number }): void {
  const doc = openApiDocument(d.bodyLimit);
  app.get('/health', async () => ({
    status: 'ok',
    snapshot_sha256: d.engine.snapshot.sha256,
    datasets: d.engine.snapshot.datasets.length,
    validator_set: { set_id: d.engine.validatorSet.set.set_id, version: d.engine.validatorSet.set.version },
  }));
  app.get('/openapi.json', async () => doc);
}
