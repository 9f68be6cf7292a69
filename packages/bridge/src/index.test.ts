import { readFileSync } from 'node:fs';
import { sourceExportNames } from '@jil/testkit';
import { describe, expect, it } from 'vitest';
import * as bridge from './index.js';

// The public surface is locked: a change here is a deliberate API change (add a changeset).
describe('@jil/bridge public surface', () => {
  it('exports exactly these values: artifacts and deployment, EIP-712 signing, guardian keys, receipt proofs, observation, quorum', () => {
    expect(Object.keys(bridge).sort()).toEqual([
      'BRIDGE_CONTRACT_NAMES',
      'BRIDGE_DOMAIN_NAME',
      'BRIDGE_DOMAIN_VERSION',
      'BRIDGE_TYPES',
      'DEPOSIT_EVENT_ABI',
      'DEPOSIT_TOPIC',
      'GUARDIAN_KEY_INFO',
      'bridgeError',
      'bridgeInterfaceOf',
      'bridgePackageRoot',
      'bridgeSources',
      'buildReceiptProof',
      'compileBridgeContracts',
      'decodeBridgeRevert',
      'decodeDepositClaim',
      'dedupeSignatures',
      'deployBridge',
      'depositAttestationMessage',
      'encodeDepositClaim',
      'encodeReceipt',
      'findDeposits',
      'guardianKeyFromSeed',
      'guardianSetOf',
      'haltDigest',
      'loadBridgeArtifacts',
      'observeDeposit',
      'orderSignatures',
      'releaseDigest',
      'rotationDigest',
      'signDepositAttestation',
      'signHalt',
      'signRelease',
      'signRotation',
      'solcVersion',
      'sortAddresses',
      'sourcesFingerprint',
      'typedDataDomain',
      'verifyDepositQuorum',
      'verifyReceiptProof',
      'withProof',
    ]);
  });

  it('the source index declares the same values (no runtime-only re-export)', () => {
    expect(sourceExportNames(new URL('./index.ts', import.meta.url)).values).toEqual(Object.keys(bridge).sort());
  });

  it('exports exactly these types', () => {
    expect(sourceExportNames(new URL('./index.ts', import.meta.url)).types).toEqual([
      'ArtifactsFile',
      'BridgeArtifacts',
      'BridgeDomain',
      'ContractArtifact',
      'DecodedReceipt',
      'DeployBridgeOptions',
      'DeployedBridge',
      'DepositAttestationMessage',
      'DepositClaim',
      'DepositClaimJson',
      'GuardedValidatorSet',
      'GuardianKey',
      'GuardianSet',
      'JsonRpcSender',
      'ObserveConfig',
      'ReceiptProof',
      'ReleaseMessage',
      'RotateGuardiansMessage',
      'RpcLog',
      'RpcQuantity',
      'RpcReceipt',
      'SetHaltedMessage',
      'SignatureRefusal',
      'SignerSignature',
      'TypedDataSigner',
      'UnprovenDepositClaim',
    ]);
  });

  it('every exported function, constant and type has TSDoc at its declaration', () => {
    // The entry point and the folders' index files only re-export; the files they name declare.
    const reexported = (index: URL) =>
      [...readFileSync(index, 'utf8').matchAll(/from '(\.\/[^']+)\.js'/g)].map((m) => new URL(`${m[1]}.ts`, index));
    const files = reexported(new URL('./index.ts', import.meta.url)).flatMap((f) =>
      f.pathname.endsWith('/index.ts') ? reexported(f) : [f],
    );
    expect(files.length).toBeGreaterThan(15);
    const undocumented: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /(?:^|\n)((?:\/\*\*[\s\S]*?\*\/\s*)?)export (?:async )?(?:function|const|interface|type|class) (\w+)/g,
      )) {
        if (m[1] === '') undocumented.push(`${file.pathname.split('/src/')[1]}: ${m[2]}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
