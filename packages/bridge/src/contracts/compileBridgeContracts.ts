import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JilError } from '@jil/core';
import { invalidArgument } from './invalidArgument.js';

/** ABI and creation bytecode of one compiled contract. */
export interface ContractArtifact {
  /** The contract's JSON ABI (solc `abi`), usable by `new ethers.Interface(abi)`. */
  abi: readonly Record<string, unknown>[];
  /** Creation bytecode, 0x-prefixed hex. */
  bytecode: string;
}

/** The contracts of `packages/bridge/contracts/` (the bridge and its test-only contracts), by contract name. */
export interface BridgeArtifacts {
  JilBridge: ContractArtifact;
  TestToken: ContractArtifact;
  FeeOnTransferToken: ContractArtifact;
  ReentrantToken: ContractArtifact;
  ReentrantReceiver: ContractArtifact;
}

/** The names of {@link BridgeArtifacts}. */
export const BRIDGE_CONTRACT_NAMES = [
  'JilBridge',
  'TestToken',
  'FeeOnTransferToken',
  'ReentrantToken',
  'ReentrantReceiver',
] as const satisfies readonly (keyof BridgeArtifacts)[];

interface Solc {
  compile(input: string, callbacks: { import: (path: string) => { contents: string } | { error: string } }): string;
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage?: string; message: string }[];
  contracts?: Record<string, Record<string, { abi: Record<string, unknown>[]; evm: { bytecode: { object: string } } }>>;
}

const require = createRequire(import.meta.url);

/** The package root of @jil/bridge: the nearest folder above this module holding `contracts/JilBridge.sol`. */
export function bridgePackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      readFileSync(join(dir, 'contracts', 'JilBridge.sol'));
      return dir;
    } catch {
      dir = resolve(dir, '..');
    }
  }
  throw new JilError('CONFIG_INVALID', 'cannot find contracts/JilBridge.sol above @jil/bridge');
}

/**
 * Every `.sol` file under `<root>/contracts/`, keyed by its source unit name (`contracts/…`, `/`-separated), sorted.
 * @throws JilError `INVALID_ARGUMENT` when `root` is not a string; `CONFIG_INVALID` when the folder cannot be read.
 */
export function bridgeSources(root: string = bridgePackageRoot()): Record<string, string> {
  if (typeof root !== 'string') throw invalidArgument([{ field: 'root', message: 'must be a folder path' }]);
  try {
    return readSources(root);
  } catch (e) {
    throw new JilError('CONFIG_INVALID', `cannot read the Solidity sources under ${root}/contracts`, { cause: e });
  }
}

function readSources(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.sol')) out[relative(root, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(join(root, 'contracts'));
  return out;
}

/** The version of the bundled solc-js (its package.json `version`, e.g. `0.8.30`), read without loading the compiler. */
export function solcVersion(): string {
  return packageVersion(require.resolve('solc/package.json'));
}

/**
 * sha256 (hex) over the bridge's Solidity sources, the OpenZeppelin version and the solc version: the cache key of
 * `artifacts/contracts.json`.
 * @throws JilError `INVALID_ARGUMENT` when `sources` is not an object of strings or `compilerVersion` not a string.
 */
export function sourcesFingerprint(sources: Record<string, string>, compilerVersion: string): string {
  checkSources(sources);
  if (typeof compilerVersion !== 'string') throw invalidArgument([{ field: 'compilerVersion', message: 'must be a string' }]);
  const hash = createHash('sha256');
  hash.update(`solc ${compilerVersion}\n`);
  hash.update(`@openzeppelin/contracts ${packageVersion(require.resolve('@openzeppelin/contracts/package.json'))}\n`);
  for (const [name, text] of Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : 1))) {
    hash.update(`${name}\n${text.length}\n${text}`);
  }
  return hash.digest('hex');
}

/**
 * Compile `packages/bridge/contracts/**.sol` with solc-js (standard JSON, optimizer on with 200 runs, the compiler's
 * default EVM version), resolving `@openzeppelin/...` imports from node_modules. Takes 10-30 s; callers normally use
 * {@link loadBridgeArtifacts}, which caches the result.
 * @throws JilError `INVALID_ARGUMENT` when `sources` is not an object of strings; `CONFIG_INVALID` with the compiler's
 *   messages when compilation fails or a contract is missing.
 */
export function compileBridgeContracts(sources: Record<string, string> = bridgeSources()): BridgeArtifacts {
  checkSources(sources);
  const solc = loadSolc();
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([name, content]) => [name, { content }])),
    settings: {
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  let output: SolcOutput;
  try {
    output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport })) as SolcOutput;
  } catch (e) {
    throw new JilError('CONFIG_INVALID', 'solc failed to run', { cause: e });
  }
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    const messages = errors.map((e) => e.formattedMessage ?? e.message);
    throw new JilError('CONFIG_INVALID', `solc failed to compile the bridge contracts:\n${messages.join('\n')}`, {
      details: { messages },
    });
  }
  const byName = new Map<string, ContractArtifact>();
  for (const unit of Object.values(output.contracts ?? {})) {
    for (const [name, c] of Object.entries(unit)) byName.set(name, { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` });
  }
  const artifacts: Partial<Record<keyof BridgeArtifacts, ContractArtifact>> = {};
  for (const name of BRIDGE_CONTRACT_NAMES) {
    const found = byName.get(name);
    if (found === undefined) throw new JilError('CONFIG_INVALID', `solc produced no contract ${name}`);
    artifacts[name] = found;
  }
  return artifacts as BridgeArtifacts;
}

function checkSources(sources: unknown): asserts sources is Record<string, string> {
  if (typeof sources !== 'object' || sources === null || Array.isArray(sources)) {
    throw invalidArgument([{ field: 'sources', message: 'must be an object of source unit name to Solidity text' }]);
  }
  const bad = Object.entries(sources).filter(([, text]) => typeof text !== 'string');
  if (bad.length > 0) throw invalidArgument(bad.map(([name]) => ({ field: `sources.${name}`, message: 'must be a string' })));
}

function findImport(path: string): { contents: string } | { error: string } {
  try {
    return { contents: readFileSync(require.resolve(path), 'utf8') };
  } catch {
    return { error: `import not found: ${path}` };
  }
}

/** `version` of the package.json at `path` (literal `require.resolve` calls above, so knip sees the dependencies). */
function packageVersion(path: string): string {
  const pkg = JSON.parse(readFileSync(path, 'utf8')) as { version: string };
  return pkg.version;
}

let solcInstance: Solc | undefined;
function loadSolc(): Solc {
  solcInstance ??= require('solc') as Solc;
  return solcInstance;
}
