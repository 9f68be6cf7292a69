import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Contract, JsonRpcSigner, parseEther } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEvmNode, type EvmNode } from '@jil/evm-node';
import { HAS_SHARED_DATA, dataPath } from '@jil/testkit';
import { startBridgeNode, type BridgeNode } from '@jil/cli/testing';

/**
 * A JSON-RPC proxy in front of `upstream` that lies about every block: it answers eth_getBlockByNumber and
 * eth_getBlockByHash with another `hash` (what a validator whose RPC is compromised would see).
 */
function lyingRpc(upstream: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString('utf8');
    });
    req.on('end', async () => {
      const reply = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
      const text = await reply.text();
      const lie = (one: { method?: string }, answer: { result?: { hash?: string } | null }) => {
        if ((one.method === 'eth_getBlockByNumber' || one.method === 'eth_getBlockByHash') && answer.result?.hash) {
          answer.result.hash = `0x${'ab'.repeat(32)}`;
        }
        return answer;
      };
      const request = JSON.parse(raw) as { method?: string } | { method?: string }[];
      const answer = JSON.parse(text) as { result?: { hash?: string } | null } | { result?: { hash?: string } | null }[];
      const body =
        Array.isArray(request) && Array.isArray(answer)
          ? answer.map((a, i) => lie(request[i]!, a))
          : lie(request as { method?: string }, answer as { result?: { hash?: string } | null });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      done({ url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`, server });
    }),
  );
}

// The bridge end to end on a private Hardhat node: 20 validators over HTTP, the relayer, the ledger with the
// deposit_credit gate on the real screening lists.
describe.skipIf(!HAS_SHARED_DATA)('the bridge node (Hardhat, 20 validators, relayer, ledger; needs ../shared/data)', () => {
  const state = mkdtempSync(join(tmpdir(), 'jil-bridge-'));
  let evm: EvmNode;
  let node: BridgeNode;
  let liar: { url: string; server: Server };

  beforeAll(async () => {
    evm = await startEvmNode();
    liar = await lyingRpc(evm.rpcUrl);
    node = await startBridgeNode({ rpcUrl: evm.rpcUrl, dataDir: dataPath(), stateDir: state, validatorRpcUrls: { 'val-01': liar.url } });
  }, 180_000);
  afterAll(async () => {
    await node?.close();
    liar?.server.close();
    await evm?.stop();
    rmSync(state, { recursive: true, force: true });
  });

  it('credits a deposit once although one validator has a lying RPC; that validator refuses with BRIDGE_BLOCK_MISMATCH', async () => {
    const alice = await node.provider.getSigner(1);
    await (await (node.bridge.contract.connect(alice) as Contract).getFunction('deposit')('alice', { value: parseEther('1') })).wait();
    const [outcome, ...others] = await node.relayer.pollDeposits();
    expect(others).toHaveLength(0);
    expect(outcome?.state).toBe('credited');
    const refusals = outcome!.answers.filter((a) => a.kind !== 'signature');
    expect(refusals).toEqual([expect.objectContaining({ validatorId: 'val-01', kind: 'refused', code: 'BRIDGE_BLOCK_MISMATCH' })]);
    expect(await node.ledger.balance('user:alice', 'ETH')).toBe(parseEther('1'));
  });

  it('credits once when the relayer hands the same deposits twice and in the wrong order', async () => {
    const bob = await node.provider.getSigner(2);
    const viaBob = node.bridge.contract.connect(bob) as Contract;
    await (await viaBob.getFunction('deposit')('bob', { value: parseEther('0.25') })).wait();
    await (await viaBob.getFunction('deposit')('bob', { value: parseEther('0.5') })).wait();
    const outcomes = await node.relayer.pollDeposits();
    expect(outcomes.map((o) => o.state)).toEqual(['credited', 'credited']);
    const stored = await node.ledger.deposits({ state: 'credited' });
    const bobs = stored.filter((d) => d.jilAccount === 'bob');
    // The same attested deposits again, last first: duplicates, nothing new.
    for (const d of [...outcomes].reverse()) {
      const signatures = d.answers.flatMap((a) => (a.kind === 'signature' ? [a.signature] : []));
      const again = await node.ledger.creditDeposit({ ...d.claim }, { signatures, guardianSetVersion: node.guardianSet.version });
      expect(again).toEqual(expect.objectContaining({ state: 'credited', duplicate: true }));
    }
    expect(bobs).toHaveLength(2);
    expect(await node.ledger.balance('user:bob', 'ETH')).toBe(parseEther('0.75'));
  });

  it('parks a deposit from an address on OFAC’s list in quarantine with its failing PSA, and credits nothing', async () => {
    const sanctioned = '0x7F367cC41522cE07553e823bf3be79A889DEbe1B';
    await node.provider.send('hardhat_impersonateAccount', [sanctioned]);
    await node.provider.send('hardhat_setBalance', [sanctioned, '0x56BC75E2D63100000']);
    // An impersonated account is not in eth_accounts, so ethers' getSigner would refuse it: a JsonRpcSigner directly.
    const mallory = new JsonRpcSigner(node.provider, sanctioned);
    await (await (node.bridge.contract.connect(mallory) as Contract).getFunction('deposit')('mallory', { value: parseEther('1') })).wait();
    const [outcome] = await node.relayer.pollDeposits();
    expect(outcome?.state).toBe('quarantined');
    const [parked] = await node.ledger.deposits({ state: 'quarantined' });
    expect(parked).toEqual(expect.objectContaining({ jilAccount: 'mallory', verdict: 'fail' }));
    expect(parked!.reasons.join(' ')).toMatch(/endpoints/);
    expect(await node.ledger.balance('user:mallory', 'ETH')).toBe(0n);
  });

  it('releases a burned withdrawal once; the same release again is refused by the contract (WithdrawalAlreadyReleased)', async () => {
    const alice = await node.provider.getSigner(1);
    const to = await alice.getAddress();
    const w = await node.ledger.requestWithdrawal('alice', 'ETH', parseEther('0.4'), to);
    const before = await node.provider.getBalance(to);
    const [released, ...rest] = await node.relayer.releaseWithdrawals();
    expect(rest).toHaveLength(0);
    expect(released).toEqual(expect.objectContaining({ withdrawalId: w.withdrawalId, state: 'released' }));
    expect((await node.provider.getBalance(to)) - before).toBe(parseEther('0.4'));
    expect(await node.relayer.releaseWithdrawals()).toEqual([]);
    // Replay the mined transaction's calldata: the contract refuses it by name.
    const tx = await node.provider.getTransaction(released!.txHash!);
    const replay = await node.deployer.sendTransaction({ to: tx!.to!, data: tx!.data }).then(
      (t) => t.wait(),
      (e: unknown) => e,
    );
    expect(String((replay as { message?: string }).message ?? replay)).toMatch(/WithdrawalAlreadyReleased|reverted/);
    expect((await node.ledger.getWithdrawal(w.withdrawalId)).state).toBe('released');
  });

  it('reconciles: ETH locked in the contract = bridged + protected + in flight + quarantined on the ledger', async () => {
    await node.ledger.wrap('alice', 'ETH', parseEther('0.2'));
    const locked = await node.provider.getBalance(node.bridge.address);
    const r = await node.ledger.reconcile(node.domain.chainId, '0x0000000000000000000000000000000000000000');
    const parked = (await node.ledger.deposits()).filter((d) => d.state !== 'credited').reduce((s, d) => s + d.amount, 0n);
    expect(r.fees).toBe(parseEther('0.001'));
    expect(locked).toBe(r.bridgedSupply + r.protectedSupply + r.inFlight + parked);
  });
});
