// Test helpers of the bridge contract tests (not exported by the package): a private Hardhat node, 20 guardian
// wallets (random keys made at run time), the bridge deployed with threshold 14, and quorum signing.
import { type EvmNode, startEvmNode } from '@jil/evm-node';
import { isJilError, type JilError } from '@jil/core';
import { Contract, ContractFactory, hexlify, JsonRpcProvider, type JsonRpcSigner, randomBytes, Wallet } from 'ethers';
import type { BridgeDomain, ReleaseMessage } from '../../eip712/typedData.js';
import { bridgeError } from '../bridgeError.js';
import type { BridgeArtifacts } from '../compileBridgeContracts.js';
import { deployBridge, sortAddresses } from '../deployBridge.js';
import { loadBridgeArtifacts } from '../loadBridgeArtifacts.js';
import { signRelease } from '../signBridgeMessage.js';

export const GUARDIAN_COUNT = 20;
export const THRESHOLD = 14;

/** `n` guardian wallets with fresh random keys, sorted by address ascending. */
export function guardianWallets(n: number = GUARDIAN_COUNT): Wallet[] {
  const wallets = Array.from({ length: n }, () => new Wallet(hexlify(randomBytes(32))));
  const order = sortAddresses(wallets.map((w) => w.address));
  return order.map((a) => wallets.find((w) => w.address === a) as Wallet);
}

export interface BridgeFixture {
  node: EvmNode;
  provider: JsonRpcProvider;
  /** Hardhat account 0: deploys and pays gas. */
  deployer: JsonRpcSigner;
  guardians: Wallet[];
  bridge: Contract;
  address: string;
  domain: BridgeDomain;
  stop(): Promise<void>;
}

/** Start a private node and deploy a 14-of-20 bridge at guardian-set version 1. */
export async function startBridgeFixture(): Promise<BridgeFixture> {
  const node = await startEvmNode();
  try {
    const provider = new JsonRpcProvider(node.rpcUrl, undefined, { cacheTimeout: -1, pollingInterval: 50 });
    const deployer = await provider.getSigner(0);
    const guardians = guardianWallets();
    const { contract, address } = await deployBridge(deployer, {
      guardians: guardians.map((g) => g.address),
      threshold: THRESHOLD,
      version: 1,
    });
    const domain: BridgeDomain = { chainId: node.chainId, verifyingContract: address };
    return {
      node,
      provider,
      deployer,
      guardians,
      bridge: contract,
      address,
      domain,
      stop: async () => {
        provider.destroy();
        await node.stop();
      },
    };
  } catch (e) {
    await node.stop();
    throw e;
  }
}

/** Deploy one of the test contracts (TestToken, FeeOnTransferToken, ReentrantToken, ReentrantReceiver). */
export async function deployTestContract(signer: JsonRpcSigner, name: Exclude<keyof BridgeArtifacts, 'JilBridge'>): Promise<Contract> {
  const artifact = loadBridgeArtifacts()[name];
  const deployed = await new ContractFactory(artifact.abi as never, artifact.bytecode, signer).deploy();
  await deployed.waitForDeployment();
  return new Contract(await deployed.getAddress(), artifact.abi as never, signer);
}

/** Signatures of `signers` over `message`, in the order given (not sorted). */
export function signAll(signers: readonly Wallet[], domain: BridgeDomain, message: ReleaseMessage): Promise<string[]> {
  return Promise.all(signers.map((w) => signRelease(w, domain, message)));
}

/** The latest block's timestamp (unix seconds). */
export async function latestTimestamp(provider: JsonRpcProvider): Promise<bigint> {
  const block = await provider.getBlock('latest');
  if (block === null) throw new Error('no latest block');
  return BigInt(block.timestamp);
}

/** A fresh random 32-byte withdrawal id. */
export function randomId(): string {
  return hexlify(randomBytes(32));
}

/** Await `call`, which must revert; return its decoded {@link bridgeError} (`details.error` is the custom error name). */
export async function revertOf(call: Promise<unknown>): Promise<JilError> {
  try {
    await call;
  } catch (e) {
    const err = bridgeError(e);
    if (!isJilError(err, 'BRIDGE_CONTRACT_REVERTED')) throw e;
    return err;
  }
  throw new Error('expected a revert, the call succeeded');
}
