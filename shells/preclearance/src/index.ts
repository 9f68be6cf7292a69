/** The pre-clearance shell: Fastify server, storage, local state. */
export { createServer, type PreclearanceServerOptions } from './server/createServer.js';
export { openApiDocument } from './server/openapi.js';
export { ensureLocalState, type LocalCredentials, type LocalState } from './bootstrap/localState.js';
export { startService, type RunningService, type StartServiceOptions } from './bootstrap/startService.js';
