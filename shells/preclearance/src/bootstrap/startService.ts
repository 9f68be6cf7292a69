import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import {
  createEndpointsStage,
  createKycStage,
  createPreclearanceEngine,
  createRiskStage,
  createSanctionsStage,
  verifyValidatorSet,
  type ListFreshnessOptions,
  type PreclearanceEngine,
  type ValidatorSuite,
} from '@jil/psa';
import { loadSnapshot, loadSnapshotFile, type IngestProgress } from '@jil/ingest';
import { openDatabase, type Db, type Metrics } from '@jil/server-kit';
import type { EventBus } from '@jil/core/events';
import { PgRiskHistoryStore } from '../storage/PgRiskHistoryStore.js';
import { ClearanceRepository } from '../storage/ClearanceRepository.js';
import { createServer } from '../server/createServer.js';
import type { LogService } from '../log/LogService.js';
import { ensureLocalState, type LocalState } from './localState.js';
import { createDistributedIssuer } from '../distributed/createDistributedIssuer.js';
import { createHttpValidatorTransport } from '../distributed/createHttpValidatorTransport.js';
import { embeddedIssuer, type PsaIssuer } from '../distributed/PsaIssuer.js';
import { EvidenceRepository } from '../storage/EvidenceRepository.js';
import { ensureAdminState } from './adminState.js';
import { SecretBox } from '../keys/SecretBox.js';
import { tracedStages } from '../tracing/tracedStages.js';
import type { KeyRateLimit } from '../keys/AccessKeyAdmin.js';
import type { EventMeshHealth } from '../server/routes/public.js';
import { meshMetricsSource } from '../server/preclearanceMetrics.js';
import { nodeLogService, prepareNodeDatabase, startNodeMesh, type NodeMesh } from './nodeSingletons.js';
import type { MutualTlsClientParameters } from '@jil/server-kit/tls';

/** Distributed mode: the validators are separate processes (shells/validator) the service fans each proposal out to. */
export interface DistributedValidatorsOptions {
  /** Validator id → base URL of its process (`startValidatorProcesses(…).endpoints`). */
  endpoints: Readonly<Record<string, string>>;
  /** The coordinator's 32-byte Ed25519 seed; its public key is pinned by every validator. Never logged. */
  coordinatorSecretKey: Uint8Array;
  /** Per-request deadline in ms (default 250). */
  deadlineMs?: number;
  /** First wave: validators asked first (default threshold + 2), or `'all'` (see `createDistributedIssuer`). */
  wave?: number | 'all';
  /** Mutual TLS to the validators (`https://` endpoints) with the coordinator's node certificate (docs/operations.md §Mutual TLS). */
  tls?: MutualTlsClientParameters;
}

/** Options of {@link startService}. */
export interface StartServiceOptions {
  /** Validator suite made at first run (default `ed25519`); a state folder of another suite is refused (`CONFIG_INVALID`). */
  suite?: ValidatorSuite;
  /** State folder (default `.jil`): credentials, validator keys, validator set, PGlite data. */
  stateDir: string;
  /** Screening data folder (the layout of `../shared/data`). */
  dataDir: string;
  /** A snapshot written by `jil ingest` (`snapshot.json` + `snapshot.addresses.bin`): loaded instead of ingesting `dataDir`. */
  snapshotFile?: string;
  /** PostgreSQL URL; PGlite under `<stateDir>/pglite` when absent. */
  databaseUrl?: string;
  /** TCP port (default 8787; 0 picks a free one). */
  port?: number;
  /** Bind address (default 127.0.0.1). */
  host?: string;
  /** Fastify logger setting (default: info). */
  logger?: boolean | Record<string, unknown>;
  /**
   * List freshness (docs/screening.md §List freshness): the policy to enforce, or `false` to screen against stale
   * lists without flagging (demo only). Default: enforced with `DEFAULT_MAX_LIST_AGE_DAYS`.
   */
  listFreshness?: ListFreshnessOptions | false;
  /**
   * Log every PSA in the transparency log (default `true`). `false` exists to measure what logging costs; a service
   * without its log issues PSAs nobody can audit.
   */
  transparencyLog?: boolean;
  /** Progress of the long start-up steps. */
  onProgress?: (step: string, detail?: IngestProgress) => void;
  /** Distributed mode: sign through these validator processes instead of the embedded validators (default embedded). */
  validators?: DistributedValidatorsOptions;
  /** Default token bucket per access key (default 100/s, burst 200), or `false` for none (docs/api.md §Rate limits). */
  rateLimit?: KeyRateLimit | false;
  /** The `/metrics` registry (default a fresh one), or `false` for no recording and no route (see `createServer`). */
  metrics?: Metrics | false;
  /** Environment for the key-encryption key and admin token (default `process.env`; see `ensureAdminState`). */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Join the event mesh on this bus as `nodeId` (PostgreSQL: the outbox triggers and the inbox live there): the
   * node's relay and consumer run in this process, `/health` says `catching_up` until the consumer caught up.
   * {@link RunningService.close} closes the bus.
   */
  eventMesh?: { bus: EventBus; nodeId: string; onError?: (error: unknown) => void };
  /**
   * Run as one HTTP worker of a multi-worker node (`jil serve --workers N`, `node:cluster`): no migrations, no
   * transparency-log integrator (entries are sequenced in the issuing transactions; `onLogPending` tells the primary,
   * which integrates) and no event mesh (the primary runs it; `eventMesh` gives its state for `/health`). Every
   * response carries `x-jil-worker: <id>`.
   */
  worker?: { id: number; onLogPending: () => void; eventMesh?: () => EventMeshHealth };
}

/** A running pre-clearance service. */
export interface RunningService {
  app: FastifyInstance;
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  state: LocalState;
  engine: PreclearanceEngine;
  db: Db;
  /** The transparency log (served under `/log`); `undefined` only with `transparencyLog: false`. */
  log: LogService | undefined;
  /** Who signs PSAs: `embedded`, or `distributed` (its `flush` waits for the evidence of past rounds). */
  issuer: PsaIssuer;
  /** Where the key-encryption key and the admin token came from (`env …` or a file under the state folder); never the values. */
  admin: { kekSource: string; adminTokenSource: string };
  /** The node's event mesh (relay, consumer, caught-up state) when `eventMesh` was given. */
  mesh: NodeMesh | undefined;
  close(): Promise<void>;
}

/**
 * Start the pre-clearance service — embedded mode, or with `validators` distributed mode (the coordinator of
 * docs/validators.md; the validator processes run elsewhere): local state (first-run keys), snapshot ingest (or the snapshot
 * file `jil ingest` wrote), database (PGlite or PostgreSQL) with migrations, the engine (list freshness enforced
 * unless `listFreshness: false`) and the Fastify server.
 */
export async function startService(o: StartServiceOptions): Promise<RunningService> {
  const progress = o.onProgress ?? (() => undefined);
  progress('state');
  const adminState = ensureAdminState(o.stateDir, o.env ?? process.env);
  const secretBox = new SecretBox(adminState.kek);
  const state = ensureLocalState(o.stateDir, new Date(), o.suite === undefined ? {} : { suite: o.suite });
  const validatorSet = verifyValidatorSet(state.signedValidatorSet, { now: new Date() });
  progress('ingest');
  const snapshot =
    o.snapshotFile !== undefined
      ? await loadSnapshotFile(o.snapshotFile)
      : await loadSnapshot(o.dataDir, { onProgress: (e) => progress('ingest', e) });
  progress('database');
  const db = await openDatabase({ ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}), dataDir: join(o.stateDir, 'pglite') });
  let log: LogService | undefined;
  let mesh: NodeMesh | undefined;
  try {
    // A worker's primary prepared the database before forking it.
    if (o.worker === undefined) await prepareNodeDatabase(db, state, secretBox);
    const freshness = o.listFreshness === false ? undefined : (o.listFreshness ?? {});
    const engine = createPreclearanceEngine({
      snapshot,
      validatorSet,
      validators: state.validators,
      riskHistory: new PgRiskHistoryStore(db),
      clearances: new ClearanceRepository(db),
      // The engine's own stages, each in a span (a no-op without an OpenTelemetry SDK; docs/operations.md §Traces).
      stages: tracedStages({
        endpoints: createEndpointsStage(),
        kyc: createKycStage(),
        sanctions: createSanctionsStage(snapshot),
        risk: createRiskStage(),
      }),
      ...(freshness === undefined ? {} : { listFreshness: freshness }),
    });
    log = o.transparencyLog === false ? undefined : nodeLogService(db, state, o.worker?.onLogPending);
    // One integrator per node: here, or in the primary process of a multi-worker node.
    if (o.worker === undefined) await log?.start();
    if (o.eventMesh && o.worker === undefined)
      mesh = await startNodeMesh({
        db,
        bus: o.eventMesh.bus,
        nodeId: o.eventMesh.nodeId,
        ...(o.eventMesh.onError ? { onError: o.eventMesh.onError } : {}),
      });
    const meshHealth = o.worker ? o.worker.eventMesh : mesh?.status;
    const transport = o.validators
      ? createHttpValidatorTransport({
          endpoints: o.validators.endpoints,
          coordinatorSecretKey: o.validators.coordinatorSecretKey,
          ...(o.validators.tls === undefined ? {} : { tls: o.validators.tls }),
        })
      : undefined;
    const issuer =
      o.validators && transport
        ? createDistributedIssuer({
            engine,
            transport,
            evidence: new EvidenceRepository(db),
            ...(o.validators.deadlineMs === undefined ? {} : { deadlineMs: o.validators.deadlineMs }),
            ...(o.validators.wave === undefined ? {} : { wave: o.validators.wave }),
          })
        : embeddedIssuer(engine);
    const app = createServer({
      engine,
      signedValidatorSet: state.signedValidatorSet,
      db,
      issuer,
      secretBox,
      adminToken: adminState.adminToken,
      ...(o.rateLimit === undefined ? {} : { rateLimit: o.rateLimit }),
      ...(o.metrics === undefined ? {} : { metrics: o.metrics }),
      ...(log ? { log } : {}),
      ...(o.logger === undefined ? {} : { logger: o.logger }),
      ...(meshHealth ? { eventMesh: meshHealth } : {}),
      ...(mesh && o.eventMesh ? { meshMetrics: meshMetricsSource(db, o.eventMesh.bus, mesh.nodeId, mesh.running.consumer.topics) } : {}),
    });
    if (o.worker) {
      const worker = String(o.worker.id);
      app.addHook('onSend', async (_request, reply) => {
        reply.header('x-jil-worker', worker);
      });
    }
    log?.onWitnessRefusal((witness, code, reason) => app.log.warn({ witness, code, reason }, 'witness refused a checkpoint'));
    progress('listen');
    const url = await app.listen({ port: o.port ?? 8787, host: o.host ?? '127.0.0.1' });
    return {
      app,
      url,
      state,
      engine,
      db,
      log,
      issuer,
      admin: { kekSource: adminState.kekSource, adminTokenSource: adminState.adminTokenSource },
      mesh,
      async close() {
        await app.close();
        await issuer.flush();
        await transport?.close();
        await mesh?.stop();
        await log?.close();
        await db.close();
      },
    };
  } catch (error) {
    if (mesh) await mesh.stop().catch(() => undefined);
    else await o.eventMesh?.bus.close().catch(() => undefined);
    await log?.close();
    await db.close();
    throw error;
  }
}
