import { JilError } from '@jil/core';
import { Contract, ContractFactory, type ContractTransactionResponse, type Signer } from 'ethers';
import { bridgeError } from './bridgeError.js';
import { addressListIssues, invalidArgument } from './invalidArgument.js';
import { loadBridgeArtifacts } from './loadBridgeArtifacts.js';

/** Constructor arguments of `JilBridge` (docs/bridge.md §Contract). */
export interface DeployBridgeOptions {
  /** Guardian EVM addresses, strictly ascending as numbers (use {@link sortAddresses}), none zero. */
  guardians: readonly string[];
  /** Signatures needed by `release`, `rotateGuardians` and `setHalted`; 1 <= threshold <= guardians.length. */
  threshold: number;
  /** The guardian-set version (the validator set's version), >= 1. */
  version: number;
}

/** A deployed `JilBridge`. */
export interface DeployedBridge {
  /** An ethers contract bound to the deploying signer, with the full ABI (`contract.getFunction('release')`). */
  contract: Contract;
  /** The contract address, EIP-55 checksummed. */
  address: string;
  /** The creation transaction (mined: `deployBridge` waits for its receipt). */
  deployTx: ContractTransactionResponse;
}

/**
 * Deploy `JilBridge(guardians, threshold, version)` from `signer` and wait until it is mined.
 * @throws JilError `INVALID_ARGUMENT` when `signer` cannot send transactions or an option has the wrong type (every bad
 *   field listed); `BRIDGE_CONTRACT_REVERTED` when the constructor reverts (e.g. `InvalidGuardianSet`: the contract
 *   checks order, zero address and threshold bounds);
 *   `BRIDGE_RPC_FAILED` when the node cannot be reached or refuses the transaction.
 * @example
 * import { deployBridge } from '@jil/bridge';
 * const { address } = await deployBridge(wallet, { guardians, threshold: 14, version: 1 });
 */
export async function deployBridge(signer: Signer, options: DeployBridgeOptions): Promise<DeployedBridge> {
  checkDeployInputs(signer, options);
  const { JilBridge } = loadBridgeArtifacts();
  const factory = new ContractFactory(JilBridge.abi as never, JilBridge.bytecode, signer);
  try {
    const deployed = await factory.deploy([...options.guardians], options.threshold, options.version);
    await deployed.waitForDeployment();
    const deployTx = deployed.deploymentTransaction();
    if (deployTx === null) throw new JilError('INTERNAL', 'ethers returned no deployment transaction');
    const address = await deployed.getAddress();
    return { contract: new Contract(address, JilBridge.abi as never, signer), address, deployTx };
  } catch (e) {
    throw bridgeError(e);
  }
}

function checkDeployInputs(signer: unknown, options: unknown): void {
  const issues = [];
  if (typeof signer !== 'object' || signer === null || typeof (signer as Signer).sendTransaction !== 'function') {
    issues.push({ field: 'signer', message: 'must be an ethers Signer' });
  }
  if (typeof options !== 'object' || options === null) {
    issues.push({ field: 'options', message: 'must be { guardians, threshold, version }' });
  } else {
    const o = options as Record<string, unknown>;
    issues.push(...addressListIssues('guardians', o['guardians']));
    if (!isUint(o['threshold'], 0xffff)) issues.push({ field: 'threshold', message: 'must be an integer in 0..65535' });
    if (!isUint(o['version'], 0xffffffff)) issues.push({ field: 'version', message: 'must be an integer in 0..2^32-1' });
  }
  if (issues.length > 0) throw invalidArgument(issues);
}

function isUint(value: unknown, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

/**
 * `addresses` sorted ascending as 160-bit numbers (the order the contract requires for guardian sets).
 * @throws JilError `INVALID_ARGUMENT` when `addresses` is not an array of EVM addresses (every bad entry listed).
 */
export function sortAddresses(addresses: readonly string[]): string[] {
  const issues = addressListIssues('addresses', addresses);
  if (issues.length > 0) throw invalidArgument(issues);
  return [...addresses].sort((a, b) => {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
