import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bytesToHex, hexToBytes, JilError } from '@jil/core';
import { embeddedValidatorFromSeed, type ListFreshnessOptions } from '@jil/psa';

/** One validator's secret seed and id (e.g. an `EmbeddedValidator` of `.jil/validators.json`). */
export interface ValidatorSeed {
  id: string;
  jurisdiction: string;
  /** 32-byte Ed25519 seed, or the 64-byte composite key of a hybrid validator. Written to its key file (mode 0600) only; never printed. */
  secretKey: Uint8Array;
  /** Default `'ed25519'`. */
  suite?: 'ed25519' | 'hybrid';
}

/** Parameters of {@link writeValidatorConfigs}. */
export interface WriteValidatorConfigsParameters {
  /** Folder of the local topology, e.g. `.jil/distributed`: one sub-folder per validator. */
  dir: string;
  validators: readonly ValidatorSeed[];
  /** The signed validator set file every validator pins. */
  validatorSetFile: string;
  /** The snapshot file every validator loads. */
  snapshotFile: string;
  /** Another snapshot file for some validators (tests: a validator with other data), by id. */
  snapshotFiles?: Readonly<Record<string, string>>;
  /** The coordinator's Ed25519 public key (pinned by every validator). */
  coordinatorPublicKey: Uint8Array;
  listFreshness: ListFreshnessOptions | false;
  host?: string;
}

/** Where one validator's files are. */
export interface ValidatorFiles {
  validatorId: string;
  configFile: string;
  keyFile: string;
  stateDir: string;
}

/**
 * Write a local distributed topology: per validator `<dir>/<id>/key` (hex seed, mode 0600, written once and then
 * checked to match), `<dir>/<id>/config.json` (port 0, the pinned set, the snapshot, the coordinator key; rewritten on
 * every start) and `<dir>/<id>/` as its state folder (signed-bodies journal).
 *
 * @returns the files, in the order of `validators`.
 * @throws JilError `CONFIG_INVALID` when an existing key file holds another key than the validator's seed.
 * @example
 * const files = writeValidatorConfigs({
 *   dir: '.jil/distributed',
 *   validators: state.validators,
 *   validatorSetFile,
 *   snapshotFile,
 *   coordinatorPublicKey,
 *   listFreshness: {},
 * });
 */
export function writeValidatorConfigs(p: WriteValidatorConfigsParameters): ValidatorFiles[] {
  mkdirSync(p.dir, { recursive: true, mode: 0o700 });
  return p.validators.map((v) => {
    const stateDir = resolve(p.dir, v.id);
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    const keyFile = join(stateDir, 'key');
    if (existsSync(keyFile)) {
      const stored = readFileSync(keyFile, 'utf8').trim();
      const keyidOf = (key: Uint8Array) =>
        embeddedValidatorFromSeed(v.id, v.jurisdiction, key, { suite: key.length === 64 ? 'hybrid' : 'ed25519' }).keyid;
      if (!/^(?:[0-9a-f]{64}|[0-9a-f]{128})$/.test(stored) || keyidOf(hexToBytes(stored)) !== keyidOf(v.secretKey)) {
        throw new JilError('CONFIG_INVALID', `${keyFile} holds another key than validator ${v.id}`, { details: { field: 'keyFile' } });
      }
    } else {
      writeFileSync(keyFile, `${bytesToHex(v.secretKey)}\n`, { mode: 0o600 });
    }
    chmodSync(keyFile, 0o600);
    const config = {
      validatorId: v.id,
      jurisdiction: v.jurisdiction,
      host: p.host ?? '127.0.0.1',
      port: 0,
      keyFile,
      snapshotFile: resolve(p.snapshotFiles?.[v.id] ?? p.snapshotFile),
      validatorSetFile: resolve(p.validatorSetFile),
      coordinatorPublicKeys: [bytesToHex(p.coordinatorPublicKey)],
      stateDir,
      listFreshness: p.listFreshness === false ? false : Object.keys(p.listFreshness).length === 0 ? true : p.listFreshness,
    };
    const configFile = join(stateDir, 'config.json');
    writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    return { validatorId: v.id, configFile, keyFile, stateDir };
  });
}
