/**
 * `tsx --conditions=jil-source scripts/bench-bridge-gas.ts [--runs 3]` — gas of the JIL bridge contract (issue 15) on a
 * private Hardhat 3 node (EDR, its default hardfork), printed as a markdown table.
 *
 * Rows (gas used by the whole transaction, i.e. including the 21 000 base and the calldata):
 * - `deposit` (ETH): the first deposit (depositCount 0 → 1, a zero-to-non-zero storage write) and the following ones.
 * - `depositToken` (TestToken, 6 decimals): the first (the bridge's token balance 0 → non-zero) and the following ones;
 *   approve and mint are not counted.
 * - `release` of ETH with 14 signatures of the 20 guardians (threshold 14) to a recipient that already holds ETH, and
 *   to a fresh address (+25 000 for the new account); `release` of the ERC-20 with 14 signatures.
 * - `release` (ETH) with 14, 15, …, 20 signatures and a least-squares line through them: the marginal gas per extra
 *   signature (calldata + ecrecover + the guardian lookup) and the intercept.
 * Each figure is the median of --runs transactions. Gas depends on the contract and the EVM rules, not on the machine.
 */
import { parseArgs } from 'node:util';
import { deployBridge, loadBridgeArtifacts, type ReleaseMessage, signRelease } from '@jil/bridge';
import { startEvmNode } from '@jil/evm-node';
import { Contract, ContractFactory, hexlify, JsonRpcProvider, randomBytes, Wallet, ZeroAddress } from 'ethers';

const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const RUNS = Math.max(1, Number(values.runs ?? 3));
const GUARDIANS = 20;
const THRESHOLD = 14;
const progress = (s: string) => process.stderr.write(`[bench-bridge-gas] ${s}\n`);
const median = (xs: bigint[]): bigint => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[Math.floor(xs.length / 2)] ?? 0n;

const node = await startEvmNode();
const provider = new JsonRpcProvider(node.rpcUrl, undefined, { cacheTimeout: -1, pollingInterval: 50 });
try {
  const deployer = await provider.getSigner(0);
  const wallets = Array.from({ length: GUARDIANS }, () => new Wallet(hexlify(randomBytes(32))));
  wallets.sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
  progress('deploying');
  const {
    contract: bridge,
    address,
    deployTx,
  } = await deployBridge(deployer, {
    guardians: wallets.map((w) => w.address),
    threshold: THRESHOLD,
    version: 1,
  });
  const deployGas = (await deployTx.wait())?.gasUsed ?? 0n;
  const domain = { chainId: node.chainId, verifyingContract: address };
  const gasOf = async (tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>): Promise<bigint> =>
    (await (await tx).wait())?.gasUsed ?? 0n;

  progress('deposits');
  const firstDeposit = await gasOf(bridge.getFunction('deposit')('jil:alice', { value: 10n ** 18n }));
  const deposits: bigint[] = [];
  for (let i = 0; i < RUNS; i++) deposits.push(await gasOf(bridge.getFunction('deposit')('jil:alice', { value: 10n ** 18n })));

  const { TestToken } = loadBridgeArtifacts();
  const deployed = await new ContractFactory(TestToken.abi as never, TestToken.bytecode, deployer).deploy();
  await deployed.waitForDeployment();
  const tokenAddress = await deployed.getAddress();
  const token = new Contract(tokenAddress, TestToken.abi as never, deployer);
  await (await token.getFunction('mint')(await deployer.getAddress(), 10n ** 15n)).wait();
  await (await token.getFunction('approve')(address, 10n ** 15n)).wait();
  const firstTokenDeposit = await gasOf(bridge.getFunction('depositToken')(tokenAddress, 1_000_000n, 'jil:bob'));
  const tokenDeposits: bigint[] = [];
  for (let i = 0; i < RUNS; i++) {
    tokenDeposits.push(await gasOf(bridge.getFunction('depositToken')(tokenAddress, 1_000_000n, 'jil:bob')));
  }

  const recipient = new Wallet(hexlify(randomBytes(32))).address;
  await (await deployer.sendTransaction({ to: recipient, value: 1n })).wait();
  const release = async (signers: number, options: { token?: string; to?: string } = {}): Promise<bigint> => {
    const block = await provider.getBlock('latest');
    const m: ReleaseMessage = {
      withdrawalId: hexlify(randomBytes(32)),
      token: options.token ?? ZeroAddress,
      recipient: options.to ?? recipient,
      amount: 1000n,
      expiry: BigInt(block?.timestamp ?? 0) + 3600n,
      guardianSetVersion: 1,
    };
    const sigs = await Promise.all(wallets.slice(0, signers).map((w) => signRelease(w, domain, m)));
    return gasOf(bridge.getFunction('release')(m.withdrawalId, m.token, m.recipient, m.amount, m.expiry, sigs));
  };
  progress('releases');
  const bySigners: [number, bigint][] = [];
  for (let n = THRESHOLD; n <= GUARDIANS; n++) {
    const runs: bigint[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await release(n));
    bySigners.push([n, median(runs)]);
  }
  const fresh: bigint[] = [];
  const tokenReleases: bigint[] = [];
  for (let i = 0; i < RUNS; i++) {
    fresh.push(await release(THRESHOLD, { to: new Wallet(hexlify(randomBytes(32))).address }));
    tokenReleases.push(await release(THRESHOLD, { token: tokenAddress }));
  }

  // Least squares: gas = a + b · signatures.
  const xs = bySigners.map(([n]) => n);
  const ys = bySigners.map(([, g]) => Number(g));
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  const slope = xs.reduce((s, x, i) => s + (x - mx) * ((ys[i] ?? 0) - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const intercept = my - slope * mx;
  const residual = Math.max(...xs.map((x, i) => Math.abs((ys[i] ?? 0) - (intercept + slope * x))));

  const fmt = (g: bigint | number) => Math.round(Number(g)).toLocaleString('en-US');
  const lines = [
    `Gas of \`JilBridge\` (solc 0.8.30, optimizer 200 runs; Hardhat 3 / EDR node; 20 guardians, threshold 14; median of ${RUNS}):`,
    '',
    '| Operation | Gas used (whole transaction) |',
    '|---|---:|',
    `| deploy (20 guardians) | ${fmt(deployGas)} |`,
    `| \`deposit\` ETH, first ever | ${fmt(firstDeposit)} |`,
    `| \`deposit\` ETH | ${fmt(median(deposits))} |`,
    `| \`depositToken\` ERC-20, first of that token | ${fmt(firstTokenDeposit)} |`,
    `| \`depositToken\` ERC-20 | ${fmt(median(tokenDeposits))} |`,
    ...bySigners.map(([n, g]) => `| \`release\` ETH, ${n} signatures | ${fmt(g)} |`),
    `| \`release\` ETH, 14 signatures, to a fresh address | ${fmt(median(fresh))} |`,
    `| \`release\` ERC-20, 14 signatures | ${fmt(median(tokenReleases))} |`,
    `| marginal gas per extra signature (least squares over 14..20) | ${fmt(slope)} |`,
    `| intercept of that line (release with 0 signatures, extrapolated) | ${fmt(intercept)} |`,
    '',
    `Largest residual of the linear fit: ${fmt(residual)} gas.`,
  ];
  console.log(lines.join('\n'));
} finally {
  provider.destroy();
  await node.stop();
}
