/** shells/mpc-cosigner — a FROST cosigner process (Fastify) and the coordinator's HTTP transport to it. */
export { createCosignerServer, type CosignerServerOptions } from './createCosignerServer.js';
export { HttpParticipant, type HttpParticipantOptions } from './HttpParticipant.js';
export { loadCosignerConfig, type CosignerConfig } from './loadCosignerConfig.js';
export { runCosigner, type RunCosignerHooks } from './runCosigner.js';
export { startCosignerProcesses, type CosignerProcesses, type StartCosignerProcessesOptions } from './startCosignerProcesses.js';
