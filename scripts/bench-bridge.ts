/**
 * `tsx --conditions=jil-source scripts/bench-bridge.ts [--deposits 60] [--rate 10]` — the bridge end to end on loopback
 * (issue 15): deposits per second from `deposit` transactions to ledger credits, and the deposit-to-credit latency.
 *
 * A private Hardhat 3 node (automine, 1 confirmation), the whole bridge node of `jil bridge demo` (startBridgeNode: 20
 * validators over HTTP each checking the receipt proof through its own RPC provider, the relayer, the ledger on PGlite
 * with the `deposit_credit` PSA from pre-clearance on the real lists). Deposits are sent at `--rate` per second from 10
 * accounts while the relayer polls back to back. Latency of one deposit: from its receipt (mined) to the relayer's
 * outcome `credited`. Throughput: credited deposits ÷ (last credit − first send). Prints a markdown section.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Contract, parseEther } from 'ethers';
import { startEvmNode } from '@jil/evm-node';
import { startBridgeNode } from '@jil/cli/testing';
import { dataPath } from '@jil/testkit';

const { values } = parseArgs({ options: { deposits: { type: 'string' }, rate: { type: 'string' } } });
const DEPOSITS = Math.max(1, Number(values.deposits ?? 60));
const RATE = Math.max(1, Number(values.rate ?? 10));
const progress = (s: string) => process.stderr.write(`[bench-bridge] ${s}\n`);
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? Number.NaN;
};

const evm = await startEvmNode();
const state = mkdtempSync(join(tmpdir(), 'jil-bench-bridge-'));
progress('starting the bridge node (pre-clearance on the real lists, 20 validators, ledger, relayer)');
const node = await startBridgeNode({ rpcUrl: evm.rpcUrl, dataDir: dataPath(), stateDir: state, confirmations: 1 });
try {
  const senders = await Promise.all(Array.from({ length: 10 }, (_, i) => node.provider.getSigner(i + 1)));
  const minedAt = new Map<string, number>();
  const creditedAt = new Map<string, number>();
  let stop = false;
  const relayLoop = (async () => {
    while (!stop || creditedAt.size < minedAt.size) {
      for (const o of await node.relayer.pollDeposits()) {
        if (o.state === 'credited' && !o.duplicate) creditedAt.set(o.claim.txHash, performance.now());
      }
      if (stop && creditedAt.size >= DEPOSITS) break;
    }
  })();
  const started = performance.now();
  progress(`sending ${DEPOSITS} deposits at ${RATE}/s`);
  const sends: Promise<void>[] = [];
  for (let i = 0; i < DEPOSITS; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sender = senders[i % senders.length]!;
    sends.push(
      (async () => {
        const tx = await (node.bridge.contract.connect(sender) as Contract).getFunction('deposit')(`bench-${i % 10}`, {
          value: parseEther('0.01'),
        });
        const receipt = await tx.wait();
        minedAt.set(receipt.hash, performance.now());
      })(),
    );
  }
  await Promise.all(sends);
  stop = true;
  await relayLoop;
  const finished = Math.max(...creditedAt.values());
  const latencies = [...minedAt].flatMap(([hash, t]) => (creditedAt.has(hash) ? [creditedAt.get(hash)! - t] : []));
  const perSecond = (creditedAt.size / (finished - started)) * 1000;
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench --only bridge\` ` +
      `(scripts/bench-bridge.ts --deposits ${DEPOSITS} --rate ${RATE}) on ${cpus().length} × ${cpu}, Node ${process.version}.
Everything on one machine: a Hardhat 3 node (automine, 1 confirmation), 20 validators over HTTP on loopback (each
fetches the block, its receipts and the deposit's receipt through its own RPC provider and checks the receipt proof),
the relayer, pre-clearance (one \`deposit_credit\` PSA per deposit, 14 validator signatures) and the ledger on PGlite.

| deposits sent | rate offered | credited | deposits per second, end to end | deposit → credit p50 | p99 |
|---|---|---|---|---|---|
| ${DEPOSITS} | ${RATE}/s | ${creditedAt.size} | ${perSecond.toFixed(1)} | ` +
      `${quantile(latencies, 0.5).toFixed(0)} ms | ${quantile(latencies, 0.99).toFixed(0)} ms |
`,
  );
} finally {
  await node.close();
  await evm.stop();
  rmSync(state, { recursive: true, force: true });
}
