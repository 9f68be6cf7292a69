import { createSigner, JilError } from '@jil/core';
import type { AlertThresholds, CertificateAuthority, TrustKeyring, WebhookRetryPolicy } from '@jil/fleet';
import { AlertLoop } from '../alerts/AlertLoop.js';
import { WebhookDispatcher } from '../alerts/WebhookDispatcher.js';
import type { HqContext, HqSettings } from '../app/HqContext.js';
import { Distributor } from '../fleet/Distributor.js';
import { NodeService } from '../fleet/NodeService.js';
import { ReportService } from '../fleet/ReportService.js';
import { defaultRegistryScheme } from '../registry/fetchManifest.js';
import { RegistryService } from '../registry/RegistryService.js';
import { ReleaseService } from '../registry/ReleaseService.js';
import { createAuth } from '../server/auth.js';
import { createHqServer } from '../server/createHqServer.js';
import type { HqServices } from '../server/HqServices.js';
import { createHqStore, type HqStore } from '../storage/HqStore.js';
import { migrateHq } from '../storage/hqMigrations.js';
import type { Db } from '@jil/server-kit';
import { createMutualTlsFetch, createMutualTlsServerOptions, listenMutualTls } from '@jil/server-kit/tls';

/** Options of {@link startHq}. */
export interface StartHqOptions {
  /** An open database (PGlite or PostgreSQL); migrated here. */
  db: Db;
  /** HQ's Ed25519 seed (32 bytes); its public key must be one of the trust policy's HQ keys. */
  signingSeed: Uint8Array;
  /** The pinned fleet trust policy. */
  trust: TrustKeyring;
  /** The node CA. */
  ca: CertificateAuthority;
  /** Admin credential, at least 32 characters. */
  adminToken: string;
  host?: string;
  /** Port (default 0: any free port). */
  port?: number;
  clock?: () => Date;
  settings?: Partial<HqSettings>;
  /** Alert loop interval, ms (default 60 000); `0` disables the timer (call `services.alerts.tick()`). */
  alertIntervalMs?: number;
  alertThresholds?: Partial<AlertThresholds>;
  webhookRetry?: Partial<WebhookRetryPolicy>;
  /** Webhook queue poll interval, ms (default 1 000); `0` disables the timer. */
  webhookTickMs?: number;
  logger?: boolean | Record<string, unknown>;
  /**
   * Serve mutual TLS only (docs/operations.md §Mutual TLS): HQ's own certificate and key (PEM, issued by `ca`, naming
   * the host HQ is reached at). Every client must present a node certificate of `ca`; HQ checks it against its own
   * CRL on every request, so a node revoked here is refused at once; HQ calls agents (`https://` agent URLs) with the
   * same certificate and checks theirs the same way. Absent: plain HTTP (the embedded quick start).
   */
  tls?: { certificatePem: string; privateKeyPem: string };
}

/** A running HQ. */
export interface RunningHq {
  url: string;
  services: HqServices;
  store: HqStore;
  /** Stops the loops, waits for running distributions, closes the server (not the database). */
  close(): Promise<void>;
}

/**
 * Starts HQ: migrates the database, builds the services, listens, and starts the alert loop and the webhook queue.
 * @throws JilError `CONFIG_INVALID` when HQ's key is not in the trust policy or the admin token is short.
 * @example
 * import { startHq } from '@jil/shell-hq';
 * const hq = await startHq({ db, signingSeed, trust, ca, adminToken, port: 7400 });
 */
export async function startHq(options: StartHqOptions): Promise<RunningHq> {
  const signer = createSigner(options.signingSeed);
  if (!options.trust.hq.has(signer.keyid))
    throw new JilError('CONFIG_INVALID', "HQ's signing key is not an HQ key of the trust policy", { details: { keyid: signer.keyid } });
  await migrateHq(options.db);
  const store = createHqStore(options.db, signer);
  const settings: HqSettings = {
    releaseTtlMs: 7 * 86_400_000,
    commandTtlMs: 300_000,
    agentTimeoutMs: 120_000,
    distributionConcurrency: 8,
    certificateValidityDays: 90,
    certificateRenewBeforeMs: 30 * 86_400_000,
    registryScheme: defaultRegistryScheme,
    ...options.settings,
  };
  const logOptions = options.logger === false ? false : { level: 'info', ...(typeof options.logger === 'object' ? options.logger : {}) };
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined } as HqContext['log'];
  const ctx: HqContext = { store, signer, trust: options.trust, ca: options.ca, clock: options.clock ?? (() => new Date()), settings, log };
  const nodes = new NodeService(ctx);
  const releases = new ReleaseService(ctx);
  const services: HqServices = {
    ctx,
    auth: createAuth(ctx, nodes, options.adminToken),
    registry: new RegistryService(ctx),
    releases,
    nodes,
    reports: new ReportService(ctx),
    distributor: new Distributor(ctx, releases),
    alerts: new AlertLoop(ctx, options.alertThresholds),
    webhooks: new WebhookDispatcher(ctx, options.webhookRetry),
  };
  const app = createHqServer(services, { logger: logOptions });
  ctx.log = app.log;
  const host = options.host ?? '127.0.0.1';
  let url: string;
  let closeServer: () => Promise<void>;
  if (options.tls === undefined) {
    await app.listen({ host, port: options.port ?? 0 });
    const address = app.server.address();
    url = `http://${host}:${typeof address === 'object' && address !== null ? address.port : 0}`;
    closeServer = () => app.close();
  } else {
    const tls = createMutualTlsServerOptions({
      caCertificatePem: options.ca.certificatePem,
      certificatePem: options.tls.certificatePem,
      privateKeyPem: options.tls.privateKeyPem,
      crl: { current: () => nodes.crl() }, // HQ's own CRL, current at every request
      clock: ctx.clock,
      log: app.log,
    });
    const listener = await listenMutualTls(app, tls, { host, port: options.port ?? 0 });
    // HQ → agents (commands) over mutual TLS too: HQ's certificate, agents' certificates checked against HQ's CRL
    const agentFetch = createMutualTlsFetch({
      caCertificatePem: options.ca.certificatePem,
      certificatePem: options.tls.certificatePem,
      privateKeyPem: options.tls.privateKeyPem,
      crl: { current: () => nodes.crl() },
      clock: ctx.clock,
      log: app.log,
      keepAlive: false, // each command on a new connection, checked against HQ's CRL of that moment
    });
    ctx.agentFetch = agentFetch;
    url = listener.url;
    closeServer = async () => {
      await listener.close();
      await agentFetch.close();
    };
  }
  if ((options.alertIntervalMs ?? 60_000) > 0) services.alerts.start(options.alertIntervalMs ?? 60_000);
  if ((options.webhookTickMs ?? 1_000) > 0) services.webhooks.start(options.webhookTickMs ?? 1_000);
  return {
    url,
    services,
    store,
    async close() {
      services.alerts.stop();
      services.webhooks.stop();
      await services.distributor.settled();
      await closeServer();
    },
  };
}
