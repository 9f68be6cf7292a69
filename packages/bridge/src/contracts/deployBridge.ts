import { JilError } from '@jil/core';
import { Contract, ContractFactory, type ContractTransactionResponse, type Signer } from 'ethers';
import { bridgeError } from './bridgeError.js';
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
 * @throws JilError `BRIDGE_CONTRACT_REVERTED` when the constructor reverts (e.g. `InvalidGuardianSet`);
 *   `BRIDGE_RPC_FAILED` when the node cannot be reached or refuses the transaction.
 * @example
 * import { deployBridge } from '@jil/bridge';
 * const { address } = await deployBridge(wallet, { guardians, threshold: 14, version: 1 });
 */
export async function deployBridge(signer: Signer, options: DeployBridgeOptions): Promise<DeployedBridge> {
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

/** `addresses` sorted ascending as 160-bit numbers (the order the contract requires for guardian sets). */
export function sortAddresses(addresses: readonly string[]): string[] {
  return [...addresses].sort((a, b) => {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
