/**
 * `@jil/cli/testing` — the commands and helpers that the end-to-end suites (tests/e2e) drive in-process rather than
 * through `jil` as a child process. The CLI is private; this entry exists so those suites import by package name.
 */
export { runDemo } from './commands/demo.js';
export { runLog, type LogCommandOptions } from './commands/log.js';
export { runVerify } from './commands/verify.js';
export { ensureSnapshotFile } from './distributed/ensureSnapshotFile.js';
export { startLocalValidators, type LocalValidators, type StartLocalValidatorsOptions } from './distributed/startLocalValidators.js';
export { runBridgeDemo } from './bridge/runBridgeDemo.js';
export { startBridgeNode, type BridgeNode, type BridgeNodeOptions } from './bridge/startBridgeNode.js';
