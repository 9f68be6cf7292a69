import { parseArgs } from 'node:util';
import { runBridgeDemo } from '../bridge/runBridgeDemo.js';

const USAGE = 'usage: jil bridge demo [--rpc <url>] [--data-dir <dir>] [--keep]';

/**
 * `jil bridge demo [--rpc <url>] [--data-dir <dir>] [--keep]`: the Ethereum bridge end to end (docs/bridge.md). Without
 * `--rpc` it starts a private Hardhat node on loopback and stops it at the end.
 */
export async function runBridge(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { rpc: { type: 'string' }, 'data-dir': { type: 'string' }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals[0] !== 'demo') {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  return runBridgeDemo({ rpc: values.rpc, dataDir: values['data-dir'], keep: values.keep });
}
