import { join } from 'node:path';
import type { EventBus } from '@jil/core/events';
import type { ValidatorSuite } from '@jil/psa';
import { openDatabase, type Db } from '@jil/server-kit';
import { migratePreclearance } from '../storage/migratePreclearance.js';
import { AccessKeyRepository } from '../storage/AccessKeyRepository.js';
import { AccessKeyAdmin } from '../keys/AccessKeyAdmin.js';
import { SecretBox } from '../keys/SecretBox.js';
import { LogService } from '../log/LogService.js';
import { startEventMesh, type RunningEventMesh } from '../events/startEventMesh.js';
import type { EventMeshHealth } from '../server/routes/public.js';
import { ensureLocalState, type LocalState } from './localState.js';
import { ensureAdminState } from './adminState.js';

/** This node's part of the event mesh, as the service runs it: the relay and consumer, and whether it caught up. */
export interface NodeMesh {
  readonly nodeId: string;
  readonly running: RunningEventMesh;
  /** What `/health` reports. */
  status(): EventMeshHealth;
  /** Resolves once the consumer caught up (`EventConsumer.caughtUp`, asked again after a broker failure). */
  readonly caughtUp: Promise<void>;
  /** Stops the consumer and the relay, then closes the bus. */
  stop(): Promise<void>;
}

/** Options of {@link startNodeMesh}. */
export interface NodeMeshOptions {
  db: Db;
  /** The transport (`KafkaEventBus` with clientId = node id); {@link NodeMesh.stop} closes it. */
  bus: EventBus;
  /** The node id: `source_id` of its events, consumer group `jil-node-<id>`. */
  nodeId: string;
  onError?: (error: unknown) => void;
  /** Pause before asking the broker again where the topics end, after it failed (default 1000 ms). */
  retryMs?: number;
}

/**
 * Joins the mesh and starts this node's relay and consumer (`startEventMesh`), then waits in the background for the
 * consumer to catch up with what the topics held at start: until then {@link NodeMesh.status} says `caught_up: false`
 * (`/health` → `catching_up`). Run once per node.
 */
export async function startNodeMesh(o: NodeMeshOptions): Promise<NodeMesh> {
  let running: RunningEventMesh;
  try {
    running = await startEventMesh({ db: o.db, bus: o.bus, sourceId: o.nodeId, ...(o.onError ? { onError: o.onError } : {}) });
  } catch (error) {
    await o.bus.close().catch(() => undefined);
    throw error;
  }
  let caught = false;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const caughtUp = (async () => {
    while (!stopped) {
      try {
        await running.consumer.caughtUp();
        caught = true;
        return;
      } catch (error) {
        o.onError?.(error);
        await new Promise<void>((resolve) => (retry = setTimeout(resolve, o.retryMs ?? 1000)));
      }
    }
  })();
  return {
    nodeId: o.nodeId,
    running,
    status: () => ({ node_id: o.nodeId, caught_up: caught }),
    caughtUp,
    async stop() {
      stopped = true;
      if (retry !== undefined) clearTimeout(retry);
      await running.stop();
      await o.bus.close();
    },
  };
}

/**
 * What a node does to its database once before serving: migrations, the local demo access key, sealing plaintext
 * access-key secrets. One process per node runs it (`startService`, or the primary of `jil serve --workers`).
 */
export async function prepareNodeDatabase(db: Db, state: LocalState, secretBox: SecretBox): Promise<void> {
  await migratePreclearance(db);
  const keys = new AccessKeyRepository(db);
  if (!(await keys.get(state.credentials.access_key_id))) {
    await keys.create({
      access_key_id: state.credentials.access_key_id,
      secret_b64: state.credentials.secret,
      label: state.credentials.custodian_id,
    });
  }
  // Access-key secrets at rest: every plaintext one (the demo key above, keys stored before migration 0005) is sealed.
  await new AccessKeyAdmin(db, secretBox).sealPlaintextSecrets('startup');
}

/** The transparency log of the node's state (its key and witnesses): constructed in every process, started in one. */
export function nodeLogService(db: Db, state: LocalState, onNotify?: () => void): LogService {
  // cosignature/v1 is Ed25519: hybrid validators do not witness.
  return new LogService({
    db,
    origin: state.logKey.origin,
    seed: state.logKey.seed,
    witnesses: state.validators.filter((v) => v.suite !== 'hybrid'),
    ...(onNotify ? { onNotify } : {}),
  });
}

/** Options of {@link startNodePrimary}. */
export interface NodePrimaryOptions {
  stateDir: string;
  /** PostgreSQL: the workers of a node share it (PGlite is single-process). */
  databaseUrl: string;
  suite?: ValidatorSuite;
  /** `false`: no transparency log (benchmarks only, as in `startService`). */
  transparencyLog?: boolean;
  /** Join the event mesh on this bus as `nodeId`. */
  eventMesh?: { bus: EventBus; nodeId: string; onError?: (error: unknown) => void };
  onWitnessRefusal?: (witness: string, code: string, reason: string) => void;
  env?: Readonly<Record<string, string | undefined>>;
}

/** The single-per-node part of a `jil serve --workers N` node, in its primary process. */
export interface RunningNodePrimary {
  state: LocalState;
  admin: { kekSource: string; adminTokenSource: string };
  db: Db;
  /** The node's one log integrator (started); `undefined` with `transparencyLog: false`. */
  log: LogService | undefined;
  mesh: NodeMesh | undefined;
  close(): Promise<void>;
}

/**
 * The primary process of a multi-worker node: makes the local state on first run (before any worker reads it), runs
 * the migrations, the transparency-log integrator and the event mesh (relay + consumer) — everything that must run
 * once per node — and no HTTP server: the workers (`startService` with `worker`) serve.
 */
export async function startNodePrimary(o: NodePrimaryOptions): Promise<RunningNodePrimary> {
  const adminState = ensureAdminState(o.stateDir, o.env ?? process.env);
  const state = ensureLocalState(o.stateDir, new Date(), o.suite === undefined ? {} : { suite: o.suite });
  const db = await openDatabase({ databaseUrl: o.databaseUrl, dataDir: join(o.stateDir, 'pglite') });
  let log: LogService | undefined;
  try {
    await prepareNodeDatabase(db, state, new SecretBox(adminState.kek));
    log = o.transparencyLog === false ? undefined : nodeLogService(db, state);
    if (log && o.onWitnessRefusal) log.onWitnessRefusal(o.onWitnessRefusal);
    await log?.start();
    const mesh = o.eventMesh
      ? await startNodeMesh({
          db,
          bus: o.eventMesh.bus,
          nodeId: o.eventMesh.nodeId,
          ...(o.eventMesh.onError ? { onError: o.eventMesh.onError } : {}),
        })
      : undefined;
    return {
      state,
      admin: { kekSource: adminState.kekSource, adminTokenSource: adminState.adminTokenSource },
      db,
      log,
      mesh,
      async close() {
        await mesh?.stop();
        await log?.close();
        await db.close();
      },
    };
  } catch (error) {
    await log?.close();
    await db.close();
    throw error;
  }
}
