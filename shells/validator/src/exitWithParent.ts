/**
 * Stop this process on SIGINT / SIGTERM, and — when started by `startValidatorProcesses` (which sets
 * `JIL_VALIDATOR_EXIT_WITH_PARENT=1` and keeps a pipe on stdin) — when its parent goes away, so a killed `jil serve`
 * leaves no validator behind.
 * @param close - stops the server; the process exits 0 after it.
 */
export function exitWithParent(close: () => Promise<void>): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (process.env['JIL_VALIDATOR_EXIT_WITH_PARENT'] === '1') {
    process.stdin.on('end', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
  }
}
