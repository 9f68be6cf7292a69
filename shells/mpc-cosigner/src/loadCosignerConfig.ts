import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { hexToBytes, JilError } from '@jil/core';
import { isIdentifier, type CiphersuiteId, type Identifier } from '@jil/mpc';
import { checkNodeTlsConfig, type NodeTlsConfig } from '@jil/server-kit/tls';

/** The cosigner's configuration file (JSON). Paths are relative to the file. Secrets are files or env, never inline. */
export interface CosignerConfig {
  suite: CiphersuiteId;
  identifier: Identifier;
  host: string;
  /** 0 = any free port (printed on start). */
  port: number;
  /** File holding this cosigner's Ed25519 identity secret key, hex. */
  identitySecretKeyFile: string;
  /** Encrypted key package (`encryptKeyPackage`); created by a DKG when missing. */
  keyFile: string;
  /** scrypt log2 N for a key file written after a DKG (default 17). */
  scryptLogN: number;
  /** Coordinator's Ed25519 public key, hex. */
  coordinatorPublicKey: Uint8Array;
  /** Identity public keys of all participants, hex. */
  roster: Record<Identifier, Uint8Array>;
  /** Tier 1: a signed validator set file; when present every share needs a passing PSA bound to the message. */
  tier1ValidatorSetFile?: string;
  /** Mutual TLS with HQ's node certificates (docs/operations.md §Mutual TLS); absent: plain HTTP. */
  tls?: NodeTlsConfig;
}

function fail(field: string, message: string): never {
  throw new JilError('CONFIG_INVALID', `cosigner config: ${field} ${message}`, { details: { field } });
}

/**
 * Read and check a cosigner config file.
 * @throws JilError `CONFIG_INVALID` naming the field.
 */
export function loadCosignerConfig(path: string): CosignerConfig {
  const base = dirname(resolve(path));
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const suite = (raw['suite'] ?? 'ed25519') as CiphersuiteId;
  if (suite !== 'ed25519' && suite !== 'ristretto255') fail('suite', 'must be ed25519 or ristretto255');
  const identifier = raw['identifier'];
  if (!isIdentifier(identifier)) fail('identifier', 'must be a 64-hex identifier');
  const hex32 = (v: unknown, field: string) =>
    typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? hexToBytes(v) : fail(field, 'must be 64 hex characters');
  const rosterRaw = raw['roster'];
  if (typeof rosterRaw !== 'object' || rosterRaw === null) fail('roster', 'must be an object');
  const roster: Record<Identifier, Uint8Array> = {};
  for (const [id, pk] of Object.entries(rosterRaw)) {
    if (!isIdentifier(id)) fail('roster', 'has an invalid identifier');
    roster[id] = hex32(pk, `roster.${id}`);
  }
  if (roster[identifier] === undefined) fail('roster', 'must include this cosigner');
  const file = (field: string, mustExist: boolean) => {
    const v = raw[field];
    if (typeof v !== 'string' || v.length === 0) fail(field, 'must be a path');
    const p = resolve(base, v);
    if (mustExist && !existsSync(p)) fail(field, 'does not exist');
    return p;
  };
  const port = raw['port'] ?? 0;
  if (!Number.isInteger(port) || (port as number) < 0 || (port as number) > 65_535) fail('port', 'must be 0–65535');
  return {
    suite,
    identifier,
    host: typeof raw['host'] === 'string' ? raw['host'] : '127.0.0.1',
    port: port as number,
    identitySecretKeyFile: file('identitySecretKeyFile', true),
    keyFile: file('keyFile', false),
    scryptLogN: typeof raw['scryptLogN'] === 'number' ? raw['scryptLogN'] : 17,
    coordinatorPublicKey: hex32(raw['coordinatorPublicKey'], 'coordinatorPublicKey'),
    roster,
    ...(raw['tier1ValidatorSetFile'] === undefined ? {} : { tier1ValidatorSetFile: file('tier1ValidatorSetFile', true) }),
    ...(raw['tls'] === undefined ? {} : { tls: checkNodeTlsConfig(raw['tls'], base) }),
  };
}
