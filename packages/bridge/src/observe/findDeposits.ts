import { JilError } from '@jil/core';
import { getAddress, isAddress } from 'ethers';
import { buildReceiptProof } from '../proof/buildReceiptProof.js';
import { type JsonRpcSender, rpcCall } from '../proof/rpc.js';
import type { DepositClaim, UnprovenDepositClaim } from './DepositClaim.js';
import { DEPOSIT_TOPIC, parseDepositLog } from './depositEvent.js';

const quantity = (v: unknown): v is string => typeof v === 'string' && /^0x[0-9a-fA-F]{1,16}$/.test(v);
const hash = (v: unknown): v is string => typeof v === 'string' && /^0x[0-9a-fA-F]{64}$/.test(v);

/**
 * The `Deposit` events the bridge contract emitted in blocks `fromBlock..toBlock` (inclusive), as claims without
 * proofs, in log order. Removed (reorganised) logs are skipped.
 *
 * @param provider JSON-RPC client (an ethers `JsonRpcProvider`).
 * @param bridge The bridge contract address.
 * @param fromBlock First block (inclusive), >= 0 (bigint or safe integer).
 * @param toBlock Last block (inclusive), >= fromBlock.
 * @throws JilError `INVALID_ARGUMENT` for a bad address or range; `BRIDGE_RPC_FAILED` when `eth_chainId` or
 *   `eth_getLogs` fails or answers a malformed log.
 * @see docs/bridge.md §Observation
 * @example
 * import { findDeposits, withProof } from '@jil/bridge';
 * const claims = await Promise.all((await findDeposits(provider, bridge, 0n, 100n)).map((c) => withProof(provider, c)));
 */
export async function findDeposits(
  provider: JsonRpcSender,
  bridge: string,
  fromBlock: bigint | number,
  toBlock: bigint | number,
): Promise<UnprovenDepositClaim[]> {
  if (typeof bridge !== 'string' || !isAddress(bridge)) {
    throw new JilError('INVALID_ARGUMENT', 'bridge must be an EVM address', { details: { field: 'bridge' } });
  }
  const from = blockNumber(fromBlock);
  const to = blockNumber(toBlock);
  if (from === undefined || to === undefined || to < from) {
    throw new JilError('INVALID_ARGUMENT', 'fromBlock..toBlock must be a range of block numbers', { details: { field: 'fromBlock' } });
  }
  const chainIdHex = await rpcCall(provider, 'eth_chainId', []);
  if (!quantity(chainIdHex)) throw bad('eth_chainId', 'chain_id');
  const address = getAddress(bridge);
  const logs = await rpcCall(provider, 'eth_getLogs', [
    { address, fromBlock: `0x${from.toString(16)}`, toBlock: `0x${to.toString(16)}`, topics: [DEPOSIT_TOPIC] },
  ]);
  if (!Array.isArray(logs)) throw bad('eth_getLogs', 'logs');
  const claims: UnprovenDepositClaim[] = [];
  for (const log of logs as Record<string, unknown>[]) {
    if (typeof log !== 'object' || log === null) throw bad('eth_getLogs', 'log');
    if (log['removed'] === true) continue;
    const { transactionHash, blockHash, blockNumber, logIndex, topics, data } = log;
    if (!hash(transactionHash) || !hash(blockHash) || !quantity(blockNumber) || !quantity(logIndex)) throw bad('eth_getLogs', 'log');
    if (!Array.isArray(topics) || typeof data !== 'string' || typeof log['address'] !== 'string' || !isAddress(log['address'])) {
      throw bad('eth_getLogs', 'log');
    }
    if (getAddress(log['address']) !== address) throw bad('eth_getLogs', 'log.address');
    const fields = parseDepositLog({ topics: topics as string[], data });
    if (fields === undefined || BigInt(logIndex) > 0xffffffffn) throw bad('eth_getLogs', 'log');
    claims.push({
      chainId: BigInt(chainIdHex),
      bridge: address,
      depositId: fields.depositId,
      txHash: transactionHash.toLowerCase(),
      logIndex: Number(BigInt(logIndex)),
      blockHash: blockHash.toLowerCase(),
      blockNumber: BigInt(blockNumber),
      token: fields.token,
      amount: fields.amount,
      depositor: fields.depositor,
      jilAccount: fields.jilAccount,
    });
  }
  return claims;
}

/**
 * Attach the receipt inclusion proof of the claim's transaction (`buildReceiptProof`).
 * @throws JilError `INVALID_ARGUMENT` for a claim without txHash/blockHash; `BRIDGE_BLOCK_MISMATCH` when the
 *   transaction is now in another block (a reorganisation since `findDeposits`); `BRIDGE_RPC_FAILED` as
 *   `buildReceiptProof`.
 * @see docs/bridge.md §Observation
 * @example
 * import { findDeposits, withProof } from '@jil/bridge';
 * const [first] = await findDeposits(provider, bridge, from, to);
 * const claim = await withProof(provider, first);
 */
export async function withProof(provider: JsonRpcSender, claim: UnprovenDepositClaim): Promise<DepositClaim> {
  if (typeof claim !== 'object' || claim === null || !hash(claim.blockHash) || !hash(claim.txHash)) {
    throw new JilError('INVALID_ARGUMENT', 'claim must carry its txHash and blockHash', { details: { field: 'claim' } });
  }
  const proof = await buildReceiptProof(provider, claim.txHash);
  if (proof.blockHash !== claim.blockHash.toLowerCase()) {
    throw new JilError('BRIDGE_BLOCK_MISMATCH', 'the deposit transaction is now in another block', {
      details: { claimed: claim.blockHash.toLowerCase(), seen: proof.blockHash },
    });
  }
  return { ...claim, proof };
}

function bad(method: string, check: string): JilError {
  return new JilError('BRIDGE_RPC_FAILED', `${method} answered something that is not the requested object (${check})`, {
    details: { method, check },
  });
}

function blockNumber(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value >= 0n && value < 1n << 64n ? value : undefined;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : undefined;
  return undefined;
}
