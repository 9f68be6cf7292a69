import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Hardhat's own CLI script (its package.json `bin`), run by this Node: the .bin shim is a shell script.
const HARDHAT_BIN = resolve(HERE, 'node_modules/hardhat/dist/src/cli.js');

/** A running local EVM node (Hardhat 3 / EDR) on loopback. */
export interface EvmNode {
  /** JSON-RPC URL, `http://127.0.0.1:<port>`. */
  rpcUrl: string;
  /** EIP-155 chain id (31337). */
  chainId: bigint;
  /** Stop the node (SIGTERM to its process group, then SIGKILL after 5 s). Idempotent. */
  stop(): Promise<void>;
}

/** Options of {@link startEvmNode}. */
export interface StartEvmNodeOptions {
  /** TCP port on 127.0.0.1; default: a free port chosen by the OS. */
  port?: number;
  /** Give up after this many ms (default 60 000). */
  timeoutMs?: number;
}

/**
 * Start a private Hardhat 3 node (EDR engine, chain id 31337, 20 funded accounts of Hardhat's well-known test mnemonic,
 * automining) on 127.0.0.1, as a child process in its own process group, and wait until it answers `eth_chainId`.
 * Runs on the Node that runs the caller (Hardhat 3 needs Node ≥ 22). For the demo, benchmarks and tests that rewind
 * the chain (`evm_snapshot`/`evm_revert`), which must not share a node with other tests.
 * @throws Error when Hardhat exits or does not answer within `timeoutMs`; its output is in the message.
 */
export async function startEvmNode(options: StartEvmNodeOptions = {}): Promise<EvmNode> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [HARDHAT_BIN, 'node', '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd: HERE,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    if (output.length < 20_000) output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const rpcUrl = `http://127.0.0.1:${port}`;
  const node: EvmNode = { rpcUrl, chainId: 31337n, stop: () => stopChild(child) };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`hardhat node exited:\n${output}`);
    const chainId = await rpcChainId(rpcUrl);
    if (chainId !== undefined) return { ...node, chainId };
    await new Promise((r) => setTimeout(r, 250));
  }
  await node.stop();
  throw new Error(`hardhat node did not answer on ${rpcUrl} within the timeout:\n${output}`);
}

async function rpcChainId(url: string): Promise<bigint | undefined> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    });
    const body = (await res.json()) as { result?: string };
    return typeof body.result === 'string' ? BigInt(body.result) : undefined;
  } catch {
    return undefined;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((done) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      done();
    }
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/**
 * The JSON-RPC URL of the shared test node: `JIL_TEST_EVM_RPC` (started by `.ci/start-evm.sh` in `.ci/run`), else
 * `undefined`. Tests that only deploy, deposit and mine may share it; tests that rewind the chain start their own
 * with {@link startEvmNode}.
 */
export function sharedEvmRpc(): string | undefined {
  return process.env['JIL_TEST_EVM_RPC'] || undefined;
}
