import { readFileSync } from 'node:fs';
import type { NodeTlsConfig } from './checkNodeTlsConfig.js';
import { CrlRefresher } from './CrlRefresher.js';
import { createMutualTlsServerOptions, type MutualTlsServerOptions } from './createMutualTlsServerOptions.js';
import { fetchHqCrl } from './fetchHqCrl.js';
import type { MutualTlsIdentity, MutualTlsLogger } from './MutualTlsIdentity.js';

/** A node's mutual TLS, started from its configuration. */
export interface NodeTls {
  /** Identity and CRL source, for clients (`createMutualTlsConnector`, `createMutualTlsFetch`). */
  identity: MutualTlsIdentity;
  /** Server options with the configured `allowedNodeIds`, for `listenMutualTls`. */
  server: MutualTlsServerOptions;
  crl: CrlRefresher;
  /** Stops the CRL refresher. */
  stop(): void;
}

/**
 * Reads the PEM files of a {@link NodeTlsConfig}, fetches HQ's CRL once (a node that cannot get a valid one refuses
 * every peer until it does: fail closed) and refreshes it every `crlRefreshSeconds`.
 *
 * @param config - from `checkNodeTlsConfig`.
 * @param log - where refusals and CRL problems are written.
 * @returns the {@link NodeTls}.
 * @throws JilError `CONFIG_INVALID` when a PEM file holds no PEM block; file-system errors when unreadable.
 * @see docs/operations.md §Mutual TLS
 * @example
 * import { checkNodeTlsConfig, listenMutualTls, startNodeTls } from '@jil/server-kit/tls';
 * const tls = await startNodeTls(checkNodeTlsConfig(raw.tls, base), app.log);
 * const listener = await listenMutualTls(app, tls.server, { host, port });
 */
export async function startNodeTls(config: NodeTlsConfig, log: MutualTlsLogger): Promise<NodeTls> {
  const pems = {
    caCertificatePem: readFileSync(config.caCertificateFile, 'utf8'),
    certificatePem: readFileSync(config.certificateFile, 'utf8'),
    privateKeyPem: readFileSync(config.privateKeyFile, 'utf8'),
  };
  const crl = new CrlRefresher({
    caCertificatePem: pems.caCertificatePem,
    fetchCrl: fetchHqCrl(config.hqUrl, pems),
    intervalMs: config.crlRefreshSeconds * 1000,
    log,
  });
  const identity: MutualTlsIdentity = { ...pems, crl, log };
  const server = createMutualTlsServerOptions({ ...identity, ...(config.allowedNodeIds ? { allowedNodeIds: config.allowedNodeIds } : {}) });
  await crl.start();
  return { identity, server, crl, stop: () => crl.stop() };
}
