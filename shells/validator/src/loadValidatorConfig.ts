import { existsSync, statSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { hexToBytes, JilError } from '@jil/core';
import type { ListFreshnessOptions } from '@jil/psa';
import { checkNodeTlsConfig, type NodeTlsConfig } from '@jil/server-kit/tls';

/** One validator process's configuration (docs/validators.md §Configuration). Paths are absolute after loading. */
export interface ValidatorConfig {
  /** Its id in the validator set, e.g. `val-07`. */
  validatorId: string;
  /** Its jurisdiction when stated (checked against the set), e.g. `CH/FINMA`. */
  jurisdiction?: string;
  host: string;
  /** 0 = any free port (printed on start). */
  port: number;
  /** File holding its 32-byte Ed25519 seed, hex; mode 0600 (refused when group or others can read it). */
  keyFile: string;
  /** The snapshot written by `jil ingest --out` (its own copy of the datasets). */
  snapshotFile: string;
  /** The signed validator set it belongs to (pinned). */
  validatorSetFile: string;
  /** Pinned Ed25519 public keys of the coordinators allowed to call it. */
  coordinatorPublicKeys: Uint8Array[];
  /** Folder of its state: the signed-bodies journal. */
  stateDir: string;
  /** List-freshness policy (the coordinator's): `false` = not enforced; default enforced with the defaults. */
  listFreshness: ListFreshnessOptions | false;
  maxClockSkewMs?: number;
  maxTtlSeconds?: number;
  bodyLimitBytes?: number;
  /** Guard the Ethereum bridge too (docs/bridge.md §Validator API): absent = the bridge routes are not served. */
  bridge?: ValidatorBridgeConfig;
  /** Serve mutual TLS only, with HQ's node certificates and CRL (docs/operations.md §Mutual TLS); absent = plain HTTP. */
  tls?: NodeTlsConfig;
}

/** The chain a validator watches for the bridge, through its own RPC endpoint. */
export interface ValidatorBridgeConfig {
  /** Its own JSON-RPC endpoint (http or https); what it sees there is what it signs. */
  rpcUrl: string;
  /** EIP-155 chain id of the bridge contract's chain; the RPC must report the same. */
  chainId: bigint;
  /** The bridge contract's address. */
  contract: string;
  /** Blocks a deposit needs, its own included, before it attests it (default 12). */
  confirmations: number;
}

function fail(field: string, message: string): never {
  throw new JilError('CONFIG_INVALID', `validator config: ${field} ${message}`, { details: { field } });
}

const int = (v: unknown, field: string, min: number, max: number): number | undefined => {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) fail(field, `must be an integer ${min}–${max}`);
  return v as number;
};

/**
 * Check a raw configuration object (from a JSON file or from the environment); relative paths resolve against `base`.
 * @throws JilError `CONFIG_INVALID` naming the field (a key file readable by group or others included).
 */
export function checkValidatorConfig(raw: Record<string, unknown>, base: string): ValidatorConfig {
  const id = raw['validatorId'];
  if (typeof id !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(id)) fail('validatorId', 'must be 1–64 characters of [A-Za-z0-9._-]');
  const path = (field: string, mustExist: boolean): string => {
    const v = raw[field];
    if (typeof v !== 'string' || v.length === 0) fail(field, 'must be a path');
    const p = resolve(base, v);
    if (mustExist && !existsSync(p)) fail(field, `does not exist (${p})`);
    return p;
  };
  const keyFile = path('keyFile', true);
  if ((statSync(keyFile).mode & 0o077) !== 0) fail('keyFile', 'must not be readable by group or others (chmod 600)');
  const keys = raw['coordinatorPublicKeys'];
  if (!Array.isArray(keys) || keys.length === 0) fail('coordinatorPublicKeys', 'must list at least one hex Ed25519 public key');
  const coordinatorPublicKeys = keys.map((k, i) =>
    typeof k === 'string' && /^[0-9a-f]{64}$/.test(k)
      ? hexToBytes(k)
      : fail(`coordinatorPublicKeys.${i}`, 'must be 64 lower-case hex characters'),
  );
  const freshness = raw['listFreshness'] ?? true;
  if (freshness !== true && freshness !== false && (typeof freshness !== 'object' || freshness === null))
    fail('listFreshness', 'must be true, false or a policy object');
  const jurisdiction = raw['jurisdiction'];
  if (jurisdiction !== undefined && typeof jurisdiction !== 'string') fail('jurisdiction', 'must be a string');
  const host = raw['host'] ?? '127.0.0.1';
  if (typeof host !== 'string') fail('host', 'must be a string');
  const optional = {
    maxClockSkewMs: int(raw['maxClockSkewMs'], 'maxClockSkewMs', 0, 600_000),
    maxTtlSeconds: int(raw['maxTtlSeconds'], 'maxTtlSeconds', 1, 86_400),
    bodyLimitBytes: int(raw['bodyLimitBytes'], 'bodyLimitBytes', 1024, 64 * 1024 * 1024),
  };
  const bridge = raw['bridge'] === undefined ? undefined : checkBridgeConfig(raw['bridge']);
  const tls = raw['tls'] === undefined ? undefined : checkNodeTlsConfig(raw['tls'], base);
  return {
    ...(bridge === undefined ? {} : { bridge }),
    ...(tls === undefined ? {} : { tls }),
    validatorId: id,
    ...(jurisdiction === undefined ? {} : { jurisdiction }),
    host,
    port: int(raw['port'] ?? 0, 'port', 0, 65_535)!,
    keyFile,
    snapshotFile: path('snapshotFile', true),
    validatorSetFile: path('validatorSetFile', true),
    coordinatorPublicKeys,
    stateDir: path('stateDir', false),
    listFreshness: freshness === true ? {} : (freshness as ListFreshnessOptions | false),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

function checkBridgeConfig(raw: unknown): ValidatorBridgeConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('bridge', 'must be an object');
  const b = raw as Record<string, unknown>;
  const rpcUrl = b['rpcUrl'];
  if (typeof rpcUrl !== 'string' || !/^https?:\/\/[^\s]+$/.test(rpcUrl)) fail('bridge.rpcUrl', 'must be an http(s) URL');
  const chainId = b['chainId'];
  const chainText = typeof chainId === 'number' && Number.isSafeInteger(chainId) ? String(chainId) : chainId;
  if (typeof chainText !== 'string' || !/^[1-9][0-9]{0,18}$/.test(chainText)) fail('bridge.chainId', 'must be a positive integer');
  const contract = b['contract'];
  if (typeof contract !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(contract)) fail('bridge.contract', 'must be 0x and 40 hex characters');
  const confirmations = int(b['confirmations'] ?? 12, 'bridge.confirmations', 1, 10_000)!;
  const unknown = Object.keys(b).filter((k) => !['rpcUrl', 'chainId', 'contract', 'confirmations'].includes(k));
  if (unknown.length > 0) fail(`bridge.${unknown[0]}`, 'is not a known field');
  return { rpcUrl, chainId: BigInt(chainText), contract, confirmations };
}

/**
 * Read a validator config file (JSON; paths relative to the file).
 * @throws JilError `CONFIG_INVALID` naming the field, or when the file is not JSON.
 * @example
 * const config = loadValidatorConfig('.jil/distributed/val-01/config.json');
 */
export function loadValidatorConfig(file: string): ValidatorConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new JilError('CONFIG_INVALID', `validator config ${file} is not readable JSON`, { details: { field: '(file)' }, cause });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('(file)', 'must be a JSON object');
  return checkValidatorConfig(raw as Record<string, unknown>, dirname(resolve(file)));
}

/**
 * The same configuration from environment variables (relative paths against the working directory):
 * `JIL_VALIDATOR_ID`, `JIL_VALIDATOR_JURISDICTION`, `JIL_VALIDATOR_HOST`, `JIL_VALIDATOR_PORT`, `JIL_VALIDATOR_KEY_FILE`,
 * `JIL_VALIDATOR_SNAPSHOT_FILE`, `JIL_VALIDATOR_SET_FILE`, `JIL_VALIDATOR_COORDINATOR_KEYS` (comma-separated hex),
 * `JIL_VALIDATOR_STATE_DIR`, `JIL_VALIDATOR_ALLOW_STALE_LISTS=1`, and for the bridge `JIL_VALIDATOR_BRIDGE_RPC_URL`,
 * `JIL_VALIDATOR_BRIDGE_CHAIN_ID`, `JIL_VALIDATOR_BRIDGE_CONTRACT`, `JIL_VALIDATOR_BRIDGE_CONFIRMATIONS`.
 * @throws JilError `CONFIG_INVALID` naming the field.
 */
export function validatorConfigFromEnv(env: Readonly<Record<string, string | undefined>>): ValidatorConfig {
  const port = env['JIL_VALIDATOR_PORT'];
  return checkValidatorConfig(
    {
      validatorId: env['JIL_VALIDATOR_ID'],
      ...(env['JIL_VALIDATOR_JURISDICTION'] ? { jurisdiction: env['JIL_VALIDATOR_JURISDICTION'] } : {}),
      ...(env['JIL_VALIDATOR_HOST'] ? { host: env['JIL_VALIDATOR_HOST'] } : {}),
      ...(port ? { port: Number(port) } : {}),
      keyFile: env['JIL_VALIDATOR_KEY_FILE'],
      snapshotFile: env['JIL_VALIDATOR_SNAPSHOT_FILE'],
      validatorSetFile: env['JIL_VALIDATOR_SET_FILE'],
      coordinatorPublicKeys: (env['JIL_VALIDATOR_COORDINATOR_KEYS'] ?? '').split(',').filter(Boolean),
      stateDir: env['JIL_VALIDATOR_STATE_DIR'],
      listFreshness: env['JIL_VALIDATOR_ALLOW_STALE_LISTS'] !== '1',
      ...(env['JIL_VALIDATOR_BRIDGE_RPC_URL']
        ? {
            bridge: {
              rpcUrl: env['JIL_VALIDATOR_BRIDGE_RPC_URL'],
              chainId: env['JIL_VALIDATOR_BRIDGE_CHAIN_ID'],
              contract: env['JIL_VALIDATOR_BRIDGE_CONTRACT'],
              ...(env['JIL_VALIDATOR_BRIDGE_CONFIRMATIONS'] ? { confirmations: Number(env['JIL_VALIDATOR_BRIDGE_CONFIRMATIONS']) } : {}),
            },
          }
        : {}),
    },
    process.cwd(),
  );
}
