import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BRIDGE_CONTRACT_NAMES,
  type BridgeArtifacts,
  bridgePackageRoot,
  bridgeSources,
  compileBridgeContracts,
  solcVersion,
  sourcesFingerprint,
} from './compileBridgeContracts.js';

/** The file `artifacts/contracts.json` of @jil/bridge (git-ignored; written by `pnpm build` or on first use). */
export interface ArtifactsFile {
  /** sha256 (hex) of the sources, the OpenZeppelin version and the solc version ({@link sourcesFingerprint}). */
  sourcesSha256: string;
  /** solc-js package version the contracts were compiled with. */
  solcVersion: string;
  contracts: BridgeArtifacts;
}

let cached: BridgeArtifacts | undefined;

/**
 * ABI and bytecode of `JilBridge` and the test contracts (docs/bridge.md §Contract). Reads
 * `packages/bridge/artifacts/contracts.json` when its recorded source fingerprint and solc version match the current
 * sources and compiler; otherwise compiles ({@link compileBridgeContracts}, 10-30 s) and writes the file atomically
 * (write then rename, so parallel test processes never read half a file). Memoised per process.
 * @throws JilError `CONFIG_INVALID` when the sources do not compile.
 * @example
 * import { loadBridgeArtifacts } from '@jil/bridge';
 * const { JilBridge } = loadBridgeArtifacts(); // { abi, bytecode }
 */
export function loadBridgeArtifacts(): BridgeArtifacts {
  if (cached !== undefined) return cached;
  const root = bridgePackageRoot();
  const file = join(root, 'artifacts', 'contracts.json');
  const sources = bridgeSources(root);
  const compilerVersion = solcVersion();
  const fingerprint = sourcesFingerprint(sources, compilerVersion);
  const stored = readArtifactsFile(file);
  if (stored !== undefined && stored.solcVersion === compilerVersion && stored.sourcesSha256 === fingerprint) {
    cached = stored.contracts;
    return cached;
  }
  const contracts = compileBridgeContracts(sources);
  const out: ArtifactsFile = { sourcesSha256: fingerprint, solcVersion: compilerVersion, contracts };
  mkdirSync(join(root, 'artifacts'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(out)}\n`);
  renameSync(tmp, file);
  cached = contracts;
  return cached;
}

function readArtifactsFile(file: string): ArtifactsFile | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const f = parsed as Partial<ArtifactsFile>;
  if (typeof f.sourcesSha256 !== 'string' || typeof f.solcVersion !== 'string' || typeof f.contracts !== 'object') {
    return undefined;
  }
  for (const name of BRIDGE_CONTRACT_NAMES) {
    const c = f.contracts?.[name];
    if (c === undefined || !Array.isArray(c.abi) || typeof c.bytecode !== 'string') return undefined;
  }
  return f as ArtifactsFile;
}
