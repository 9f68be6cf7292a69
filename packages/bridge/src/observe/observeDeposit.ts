import { type FieldIssue, JilError } from '@jil/core';
import { getAddress, isAddress } from 'ethers';
import type { DepositAttestationMessage } from '../eip712/typedData.js';
import { getHeader, getReceipt, type JsonRpcSender, rpcCall } from '../proof/rpc.js';
import { provenReceipt } from '../proof/verifyReceiptProof.js';
import { type DepositClaim, depositClaimIssues } from './DepositClaim.js';
import { parseDepositLog } from './depositEvent.js';

/** What a validator observes with: ITS OWN RPC endpoint and its configuration. */
export interface ObserveConfig {
  /** The validator's own JSON-RPC client (an ethers `JsonRpcProvider`, built with `staticNetwork`). */
  provider: JsonRpcSender;
  /** The chain it bridges (EIP-155 chain id). */
  chainId: bigint;
  /** The bridge contract address it trusts. */
  bridge: string;
  /** Blocks needed, the deposit's own block included (1 = mined), >= 1. */
  confirmations: number;
}

function mismatch(field: string, message: string, extra: Record<string, unknown> = {}): JilError {
  return new JilError('BRIDGE_DEPOSIT_MISMATCH', `deposit refused: ${message}`, { details: { field, ...extra } });
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Check a relayer's deposit claim against the validator's OWN view of the chain and return the message to sign
 * (docs/bridge.md §Observation). In order:
 * (a) its RPC's chain id = `config.chainId` = `claim.chainId`, and `claim.bridge` = `config.bridge`;
 * (b) the header at `claim.blockNumber` from its RPC has hash `claim.blockHash` and hashes to it (its RLP), and the
 *     block has at least `config.confirmations` confirmations;
 * (c) the claim's receipt proof verifies against THAT header's `receiptsRoot` at `proof.txIndex`;
 * (d) its RPC's receipt of `claim.txHash` is in that block at that index, succeeded, holds the log `claim.logIndex`,
 *     and that log equals the proven receipt's log at the same position;
 * (e) the log is a `Deposit` of `config.bridge` whose fields equal the claim's.
 *
 * @param config {@link ObserveConfig}.
 * @param claim The relayer's {@link DepositClaim} (`decodeDepositClaim` for its JSON form).
 * @param guardianSetVersion The guardian-set version the attestation names (uint32).
 * @returns The {@link DepositAttestationMessage} to sign with `signDepositAttestation`, with values as the chain states them.
 * @throws JilError `INVALID_ARGUMENT` (details.fields) for a malformed claim or version; `CONFIG_INVALID` for a
 *   malformed config; `BRIDGE_RPC_FAILED` (details.method, details.check) when its RPC fails, is on another chain or
 *   contradicts itself; `BRIDGE_BLOCK_MISMATCH` (details.claimed, details.seen); `BRIDGE_NOT_CONFIRMED`
 *   (details.confirmations, details.required); `BRIDGE_PROOF_INVALID` (details.check); `BRIDGE_DEPOSIT_MISMATCH`
 *   (details.field).
 * @see docs/bridge.md §Observation; Yellow Paper §4.3.1
 * @example
 * import { observeDeposit, signDepositAttestation } from '@jil/bridge';
 * const msg = await observeDeposit({ provider, chainId: 1n, bridge, confirmations: 12 }, claim, set.version);
 * const signature = await signDepositAttestation(guardianWallet, { chainId: 1n, verifyingContract: bridge }, msg);
 */
export async function observeDeposit(
  config: ObserveConfig,
  claim: DepositClaim,
  guardianSetVersion: number,
): Promise<DepositAttestationMessage> {
  checkConfig(config);
  const fields = depositClaimIssues(claim);
  if (
    typeof guardianSetVersion !== 'number' ||
    !Number.isInteger(guardianSetVersion) ||
    guardianSetVersion < 0 ||
    guardianSetVersion > 0xffffffff
  ) {
    fields.push({ field: 'guardianSetVersion', message: 'must be an integer in [0, 2^32)' });
  }
  if (fields.length > 0) throw new JilError('INVALID_ARGUMENT', 'malformed deposit claim', { details: { fields } });
  const { provider } = config;
  const bridge = getAddress(config.bridge);

  // (a) chain and contract.
  const chainIdHex = await rpcCall(provider, 'eth_chainId', []);
  if (typeof chainIdHex !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(chainIdHex)) {
    throw new JilError('BRIDGE_RPC_FAILED', 'eth_chainId answered a malformed chain id', {
      details: { method: 'eth_chainId', check: 'chain_id' },
    });
  }
  if (BigInt(chainIdHex) !== config.chainId) {
    throw new JilError('BRIDGE_RPC_FAILED', "the validator's RPC is on another chain", {
      details: { method: 'eth_chainId', check: 'chain_id', expected: config.chainId.toString(), seen: BigInt(chainIdHex).toString() },
    });
  }
  if (claim.chainId !== config.chainId) throw mismatch('chainId', 'the claim names another chain');
  if (getAddress(claim.bridge) !== bridge) throw mismatch('bridge', 'the claim names another bridge contract');

  // (b) the block, as the validator's RPC sees it, and its confirmations.
  const latestHex = await rpcCall(provider, 'eth_blockNumber', []);
  if (typeof latestHex !== 'string' || !/^0x[0-9a-fA-F]{1,16}$/.test(latestHex)) {
    throw new JilError('BRIDGE_RPC_FAILED', 'eth_blockNumber answered a malformed number', {
      details: { method: 'eth_blockNumber', check: 'number' },
    });
  }
  const latest = BigInt(latestHex);
  const seenConfirmations = latest >= claim.blockNumber ? latest - claim.blockNumber + 1n : 0n;
  if (seenConfirmations === 0n) throw notConfirmed(0n, config.confirmations);
  const header = await getHeader(provider, claim.blockNumber, claim.blockHash);
  if (seenConfirmations < BigInt(config.confirmations)) throw notConfirmed(seenConfirmations, config.confirmations);

  // (c) the receipt proof against the validator's own header.
  const { proof } = claim;
  if (!same(proof.blockHash, header.hash) || proof.blockNumber !== header.number) {
    throw new JilError('BRIDGE_PROOF_INVALID', 'receipt proof refused: it names another block', { details: { check: 'block' } });
  }
  const proven = await provenReceipt(header.receiptsRoot, proof.txIndex, proof.nodes);
  if (!same(proven.leaf, proof.receipt)) {
    throw new JilError('BRIDGE_PROOF_INVALID', 'receipt proof refused: its receipt is not the proven leaf', {
      details: { check: 'receipt' },
    });
  }

  // (d) the validator's own receipt of the transaction, against the proven one.
  if (header.transactions[proof.txIndex] !== claim.txHash.toLowerCase())
    throw mismatch('txHash', 'the block holds another transaction at the proven index');
  const receipt = await getReceipt(provider, claim.txHash);
  if (receipt.blockHash !== header.hash || receipt.blockNumber !== header.number)
    throw mismatch('blockHash', 'the transaction is in another block');
  if (receipt.transactionIndex !== proof.txIndex) throw mismatch('proof.txIndex', 'the transaction is at another index');
  if (proven.receipt.status !== 1 || receipt.status === null || receipt.status === undefined || BigInt(receipt.status) !== 1n)
    throw mismatch('status', 'the transaction failed');
  const position = receipt.logs.findIndex((l) => l.logIndex === claim.logIndex);
  if (position < 0) throw mismatch('logIndex', 'the receipt holds no log at this index');
  const rpcLog = receipt.logs[position] as (typeof receipt.logs)[number];
  const provenLog = proven.receipt.logs[position];
  if (
    provenLog === undefined ||
    receipt.logs.length !== proven.receipt.logs.length ||
    provenLog.address !== rpcLog.address ||
    provenLog.data !== rpcLog.data ||
    provenLog.topics.length !== rpcLog.topics.length ||
    provenLog.topics.some((t, i) => t !== rpcLog.topics[i])
  ) {
    throw new JilError('BRIDGE_RPC_FAILED', "the RPC's receipt contradicts the block's receiptsRoot", {
      details: { method: 'eth_getTransactionReceipt', check: 'receipt_log' },
    });
  }

  // (e) a Deposit of the configured bridge, saying what the claim says.
  if (provenLog.address !== bridge) throw mismatch('bridge', 'the log was not emitted by the bridge contract');
  const event = parseDepositLog(provenLog);
  if (event === undefined) throw mismatch('event', 'the log is not a Deposit event');
  const wrong: string[] = [];
  if (!same(event.depositId, claim.depositId)) wrong.push('depositId');
  if (event.token !== getAddress(claim.token)) wrong.push('token');
  if (event.amount !== claim.amount) wrong.push('amount');
  if (event.depositor !== getAddress(claim.depositor)) wrong.push('depositor');
  if (event.jilAccount !== claim.jilAccount) wrong.push('jilAccount');
  const first = wrong[0];
  if (first !== undefined) throw mismatch(first, `the Deposit log says another ${wrong.join(', ')}`, { fields: wrong });

  return {
    depositId: event.depositId,
    txHash: claim.txHash.toLowerCase(),
    logIndex: claim.logIndex,
    blockHash: header.hash,
    blockNumber: header.number,
    token: event.token,
    amount: event.amount,
    depositor: event.depositor,
    jilAccount: event.jilAccount,
    guardianSetVersion,
  };
}

function notConfirmed(confirmations: bigint, required: number): JilError {
  return new JilError('BRIDGE_NOT_CONFIRMED', `the deposit has ${confirmations} of ${required} confirmations`, {
    details: { confirmations: Number(confirmations), required },
  });
}

function checkConfig(config: ObserveConfig): void {
  const issues: FieldIssue[] = [];
  if (typeof config !== 'object' || config === null) {
    throw new JilError('CONFIG_INVALID', 'observe config must be an object', {
      details: { fields: [{ field: 'config', message: 'must be an object' }] },
    });
  }
  if (typeof config.provider !== 'object' || config.provider === null || typeof config.provider.send !== 'function') {
    issues.push({ field: 'config.provider', message: 'must be a JSON-RPC client with send()' });
  }
  if (typeof config.chainId !== 'bigint' || config.chainId <= 0n)
    issues.push({ field: 'config.chainId', message: 'must be a positive bigint' });
  if (typeof config.bridge !== 'string' || !isAddress(config.bridge))
    issues.push({ field: 'config.bridge', message: 'must be an EVM address' });
  if (typeof config.confirmations !== 'number' || !Number.isSafeInteger(config.confirmations) || config.confirmations < 1) {
    issues.push({ field: 'config.confirmations', message: 'must be an integer >= 1' });
  }
  if (issues.length > 0) throw new JilError('CONFIG_INVALID', 'invalid observe config', { details: { fields: issues } });
}
