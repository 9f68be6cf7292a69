import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatUnits, JsonRpcSigner, parseEther, parseUnits, type Contract, type Signer } from 'ethers';
import { startEvmNode, type EvmNode } from '@jil/evm-node';
import { ZERO_ADDRESS } from '@jil/shell-ledger';
import { DATA_HELP, dataDir } from '../paths.js';
import { startBridgeNode, type BridgeNode } from './startBridgeNode.js';

/** An address on OFAC's Ethereum list (../shared/data ofac-eth-ultrasoundmoney: "POTEKHIN, Danil"). */
const SANCTIONED = '0x7F367cC41522cE07553e823bf3be79A889DEbe1B';

/**
 * `jil bridge demo [--rpc <url>] [--data-dir <dir>] [--keep]`: the bridge's token flow end to end on a real local EVM
 * (docs/bridge.md): deploy the contract, deposit ETH and a test ERC-20, show the validators' attestations and the
 * ledger's credits (and a deposit from a sanctioned address parked in quarantine with its PSA), wrap with the 0.50 %
 * fee, withdraw back to the EVM, and reconcile both sides.
 * @returns 0 when every step came out as expected and both sides reconcile; 1 otherwise; 2 without data.
 */
export async function runBridgeDemo(o: {
  rpc: string | undefined;
  dataDir: string | undefined;
  keep: boolean | undefined;
}): Promise<number> {
  const data = dataDir(o.dataDir);
  if (!data.exists) {
    console.error(`${DATA_HELP}\n(looked in ${data.dir})`);
    return 2;
  }
  const log = (line = '') => console.log(line);
  const problems: string[] = [];
  const expect = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
    return ok ? '✓' : '✗';
  };
  let evm: EvmNode | undefined;
  let node: BridgeNode | undefined;
  const stateDir = mkdtempSync(join(tmpdir(), 'jil-bridge-demo-'));
  try {
    log('JIL bridge demo — deposits locked on a local EVM, attested by the validator quorum, credited exactly once');
    if (o.rpc === undefined) {
      process.stderr.write('… starting a local Hardhat node (EDR)\n');
      evm = await startEvmNode();
    }
    const rpcUrl = o.rpc ?? evm!.rpcUrl;
    process.stderr.write('… starting pre-clearance, 20 validators, the ledger and the relayer\n');
    node = await startBridgeNode({ rpcUrl, dataDir: data.dir, stateDir });
    const n = node;
    const { provider, bridge, token, guardianSet, ledger, relayer } = n;
    log(`\n1. contract JilBridge at ${bridge.address} on chain ${n.domain.chainId} (${rpcUrl})`);
    log(
      `   guardian set v${guardianSet.version}: ${guardianSet.guardians.length} guardians, ` +
        `threshold ${guardianSet.threshold}; no owner, no upgrade`,
    );
    log(`   test token TUSDC at ${await token.getAddress()}`);

    // 2. deposits
    const alice = await provider.getSigner(1);
    const aliceAddress = await alice.getAddress();
    const viaAlice = bridge.contract.connect(alice) as Contract;
    await (await viaAlice.getFunction('deposit')('alice', { value: parseEther('2') })).wait();
    await (await (token.connect(alice) as Contract).getFunction('mint')(aliceAddress, parseUnits('1000', 6))).wait();
    await (await (token.connect(alice) as Contract).getFunction('approve')(bridge.address, parseUnits('500', 6))).wait();
    await (await viaAlice.getFunction('depositToken')(await token.getAddress(), parseUnits('500', 6), 'alice')).wait();
    // A deposit from an address on OFAC's list (Hardhat impersonation): locked on chain, never credited silently.
    await provider.send('hardhat_impersonateAccount', [SANCTIONED]);
    await provider.send('hardhat_setBalance', [SANCTIONED, '0x56BC75E2D63100000']);
    // An impersonated account is not in eth_accounts, so ethers' getSigner would refuse it: a JsonRpcSigner directly.
    const mallory = new JsonRpcSigner(provider, SANCTIONED);
    await (
      await (bridge.contract.connect(mallory as Signer) as Contract).getFunction('deposit')('mallory', { value: parseEther('1') })
    ).wait();
    log('\n2. deposits: alice 2 ETH and 500 TUSDC; 0x7F36…be1B (on OFAC’s list) 1 ETH to "mallory"');

    // 3. attestations and credits
    const outcomes = await relayer.pollDeposits();
    log('\n3. attestations and credits');
    log('   deposit                          asset  amount        signed  ledger');
    for (const d of outcomes) {
      const asset = d.claim.token === ZERO_ADDRESS ? 'ETH' : 'TUSDC';
      const signed = d.answers.filter((a) => a.kind === 'signature').length;
      log(
        `   ${d.claim.txHash.slice(0, 18)}…:${String(d.claim.logIndex).padEnd(4)} ${asset.padEnd(6)} ` +
          `${formatUnits(d.claim.amount, asset === 'ETH' ? 18 : 6).padEnd(13)} ${`${signed}/20`.padEnd(7)} ${d.state}`,
      );
    }
    const states = outcomes.map((d) => `${d.claim.jilAccount}:${d.state}`).sort();
    log(
      `   ${expect(
        JSON.stringify(states) === JSON.stringify(['alice:credited', 'alice:credited', 'mallory:quarantined']),
        'alice credited twice, mallory quarantined',
      )} alice credited twice, mallory quarantined`,
    );
    for (const q of await ledger.deposits({ state: 'quarantined' })) {
      log(
        `   quarantined: ${q.jilAccount} ${formatUnits(q.amount, 18)} ETH, PSA ${q.psaId} (verdict ${q.verdict}), kept with the deposit:`,
      );
      for (const reason of q.reasons) log(`     - ${reason}`);
    }
    const again = await relayer.pollDeposits();
    log(`   a second relayer pass credits nothing new: ${expect(again.length === 0, 'second pass empty')}`);

    // 4. wrap with the fee
    const wrapped = await ledger.wrap('alice', 'ETH', parseEther('1'));
    log(
      `\n4. wrap 1 ETH → ${formatUnits(wrapped.net, 18)} jETH, fee ${formatUnits(wrapped.fee, 18)} jETH (0.50 %) ` +
        `${expect(wrapped.fee === parseEther('0.005'), 'fee 0.005')}`,
    );
    const wrappedUsd = await ledger.wrap('alice', 'TUSDC', parseUnits('200', 6));
    log(`   wrap 200 TUSDC → ${formatUnits(wrappedUsd.net, 6)} jUSDC, fee ${formatUnits(wrappedUsd.fee, 6)} jUSDC`);

    // 5. withdraw back to the EVM
    const before = await provider.getBalance(aliceAddress);
    const w1 = await ledger.requestWithdrawal('alice', 'jETH', parseEther('0.5'), aliceAddress);
    const w2 = await ledger.requestWithdrawal('alice', 'TUSDC', parseUnits('100', 6), aliceAddress);
    const released = await relayer.releaseWithdrawals();
    log('\n5. withdrawals: burned on the ledger, released on the EVM with the guardians’ EIP-712 signatures');
    for (const r of released)
      log(
        `   ${r.withdrawalId.slice(0, 18)}… ${r.state}` +
          `${r.txHash ? ` in ${r.txHash.slice(0, 18)}… (${r.gasUsed} gas)` : ''}${r.error ? ` ${r.error.code}` : ''}`,
      );
    expect(released.length === 2 && released.every((r) => r.state === 'released'), 'both withdrawals released');
    const gained = (await provider.getBalance(aliceAddress)) - before;
    const aliceTusdc = (await token.getFunction('balanceOf')(aliceAddress)) as bigint;
    log(`   alice received ${formatUnits(gained, 18)} ETH ${expect(gained === parseEther('0.5'), 'alice got 0.5 ETH')}`);
    log(
      `   alice holds ${formatUnits(aliceTusdc, 6)} TUSDC on chain (1000 minted − 500 deposited + 100 released) ` +
        `${expect(aliceTusdc === parseUnits('600', 6), 'alice holds 600 TUSDC')}`,
    );
    const withdrawalStates = await Promise.all([w1, w2].map(async (w) => (await ledger.getWithdrawal(w.withdrawalId)).state));
    log(
      `   on the ledger: ${withdrawalStates.join(', ')} ${expect(
        withdrawalStates.every((s) => s === 'released'),
        'both marked released',
      )}`,
    );

    // 6. reconcile
    log('\n6. balances on both sides');
    const lockedEth = await provider.getBalance(bridge.address);
    const lockedUsd = (await token.getFunction('balanceOf')(bridge.address)) as bigint;
    for (const [asset, tokenAddress, locked, decimals] of [
      ['ETH', ZERO_ADDRESS, lockedEth, 18],
      ['TUSDC', await token.getAddress(), lockedUsd, 6],
    ] as const) {
      const r = await ledger.reconcile(n.domain.chainId, tokenAddress);
      const parked = (await ledger.deposits()).filter(
        (d) => d.token.toLowerCase() === tokenAddress.toLowerCase() && d.state !== 'credited',
      );
      const parkedSum = parked.reduce((s, d) => s + d.amount, 0n);
      const onLedger = r.bridgedSupply + r.protectedSupply + r.inFlight + parkedSum;
      const f = (x: bigint) => formatUnits(x, decimals);
      log(
        `   ${asset.padEnd(5)} locked in the contract ${f(locked)} = bridged ${f(r.bridgedSupply)} ` +
          `+ protected ${f(r.protectedSupply)} (fees ${f(r.fees)}) + in flight ${f(r.inFlight)} ` +
          `+ quarantined ${f(parkedSum)} ${expect(locked === onLedger, `${asset} reconciles`)}`,
      );
    }
    const decimalsOf = (asset: string) => (asset === 'ETH' || asset === 'jETH' ? 18 : 6);
    for (const b of await ledger.balances()) {
      if (b.balance !== 0n && !b.account.startsWith('system:'))
        log(`   ledger ${b.account.padEnd(14)} ${formatUnits(b.balance, decimalsOf(b.asset)).padStart(10)} ${b.asset}`);
    }
    if (problems.length > 0) {
      log(`\nFAILED: ${problems.join('; ')}`);
      return 1;
    }
    log('\nall steps as expected; both sides reconcile');
    return 0;
  } finally {
    await node?.close();
    await evm?.stop();
    if (!o.keep) rmSync(stateDir, { recursive: true, force: true });
    else log(`state kept in ${stateDir}`);
  }
}
