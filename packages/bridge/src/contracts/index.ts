export { bridgeError, bridgeInterfaceOf, decodeBridgeRevert } from './bridgeError.js';
export {
  BRIDGE_CONTRACT_NAMES,
  type BridgeArtifacts,
  bridgePackageRoot,
  bridgeSources,
  type ContractArtifact,
  compileBridgeContracts,
  solcVersion,
  sourcesFingerprint,
} from './compileBridgeContracts.js';
export { type DeployBridgeOptions, type DeployedBridge, deployBridge, sortAddresses } from './deployBridge.js';
export { type ArtifactsFile, loadBridgeArtifacts } from './loadBridgeArtifacts.js';
export {
  dedupeSignatures,
  haltDigest,
  orderSignatures,
  releaseDigest,
  rotationDigest,
  type SignerSignature,
} from './orderSignatures.js';
export { signHalt, signRelease, signRotation, type TypedDataSigner } from './signBridgeMessage.js';
