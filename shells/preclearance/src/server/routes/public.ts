import type { FastifyInstance } from 'fastify';
import type { PreclearanceEngine } from '@jil/psa';
import { int8ToNumber, type Db } from '@jil/server-kit';
import { openApiDocument } from '../openapi.js';

/** This node's place in the event mesh, as `/health` reports it (docs/architecture.md §Event mesh). */
export interface EventMeshHealth {
  /** The node id (`source_id` of its events). */
  node_id: string;
  /** Whether the node's consumer has applied everything the topics held when it started (`EventConsumer.caughtUp`). */
  caught_up: boolean;
}

/**
 * Register the unauthenticated routes: `GET /health`, `GET /openapi.json`. With `eventMesh`, `/health` says
 * `catching_up` (still 200: the process is alive; readiness checks match `"status":"ok"`) until the node's consumer
 * caught up, and adds `event_mesh` with the outbox rows not yet published. `version` is the `JIL_VERSION` environment
 * variable when set (the images set it to the build's version).
 */
export function registerPublicRoutes(
  app: FastifyInstance,
  d: { engine: PreclearanceEngine; bodyLimit: number; db: Db; eventMesh?: (() => EventMeshHealth) | undefined },
): void {
  const doc = openApiDocument(d.bodyLimit);
  // The build's version, set by the image (images/Dockerfile: JIL_VERSION); an upgrade is seen in /health.
  const version = process.env['JIL_VERSION'];
  app.get('/health', async () => {
    const mesh = d.eventMesh?.();
    const base = {
      ...(version ? { version } : {}),
      snapshot_sha256: d.engine.snapshot.sha256,
      datasets: d.engine.snapshot.datasets.length,
      validator_set: { set_id: d.engine.validatorSet.set.set_id, version: d.engine.validatorSet.set.version },
    };
    if (mesh === undefined) return { status: 'ok', ...base };
    const { rows } = await d.db.query<{ n: unknown }>('SELECT count(*) AS n FROM event_outbox WHERE sent_at IS NULL');
    return {
      status: mesh.caught_up ? 'ok' : 'catching_up',
      ...base,
      event_mesh: { node_id: mesh.node_id, caught_up: mesh.caught_up, outbox_unsent: int8ToNumber(rows[0]?.n ?? 0) },
    };
  });
  app.get('/openapi.json', async () => doc);
}
