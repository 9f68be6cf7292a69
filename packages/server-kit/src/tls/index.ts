/**
 * @jil/server-kit/tls — mutual TLS between fleet nodes with HQ's node certificates (docs/operations.md §Mutual TLS):
 * server options and listener, the undici client connector, and the CRL refresher. Certificate policy (chain, validity,
 * CRL) is `@jil/fleet`'s `verifyNodeCertificate` / `verifyCrl`.
 */
export type { CrlSource, MutualTlsIdentity, MutualTlsLogger } from './MutualTlsIdentity.js';
export type { PeerVerdict } from './checkPeerSocket.js';
export {
  createMutualTlsServerOptions,
  type MutualTlsServerOptions,
  type MutualTlsServerParameters,
} from './createMutualTlsServerOptions.js';
export { listenMutualTls, type MutualTlsListener } from './listenMutualTls.js';
export { installMutualTlsCheck } from './installMutualTlsCheck.js';
export { createMutualTlsAgent, createMutualTlsConnector, type MutualTlsClientParameters } from './createMutualTlsConnector.js';
export { createMutualTlsFetch, type MutualTlsFetch } from './createMutualTlsFetch.js';
export { CrlRefresher, type CrlRefresherOptions } from './CrlRefresher.js';
export { fetchHqCrl } from './fetchHqCrl.js';
export { checkNodeTlsConfig, type NodeTlsConfig } from './checkNodeTlsConfig.js';
export { startNodeTls, type NodeTls } from './startNodeTls.js';
