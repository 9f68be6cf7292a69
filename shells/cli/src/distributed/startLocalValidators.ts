import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToHex, generateKeyPair, getPublicKey, hexToBytes, JilError } from '@jil/core';
import type { ListFreshnessOptions } from '@jil/psa';
import type { LocalState } from '@jil/shell-preclearance';
import { startValidatorProcesses, writeValidatorConfigs, type ValidatorFiles, type ValidatorProcesses } from '@jil/shell-validator';

/** Options of {@link startLocalValidators}. */
export interface StartLocalValidatorsOptions {
  /** The embedded-mode state (`ensureLocalState`): its validator seeds and signed validator set are reused. */
  state: LocalState;
  /** The snapshot every validator loads (the coordinator's). */
  snapshotFile: string;
  listFreshness: ListFreshnessOptions | false;
  /** Tests: another snapshot for some validators, by id. */
  snapshotFiles?: Readonly<Record<string, string>>;
  /** Tests: another entry script and environment for some validators, by id. */
  entries?: Readonly<Record<string, { entry: string; env?: Record<string, string> }>>;
}

/** The running local validators and the coordinator key they pin. */
export interface LocalValidators {
  processes: ValidatorProcesses;
  /** The coordinator's Ed25519 seed (`<state>/distributed/coordinator.key`, 0600). Never print it. */
  coordinatorSecretKey: Uint8Array;
  files: ValidatorFiles[];
  dir: string;
}

/**
 * `jil serve --validators distributed`, the validator half: under `<state>/distributed/` the coordinator key (created at
 * first run, mode 0600) and per validator its key file (from `.jil/validators.json`, mode 0600), config and state
 * folder; then one OS process per validator (`startValidatorProcesses`), each loading the snapshot file, and waits until
 * all answer `/health`.
 *
 * @throws JilError `CONFIG_INVALID` for a corrupt coordinator key file; `INTERNAL` when a validator does not start.
 */
export async function startLocalValidators(o: StartLocalValidatorsOptions): Promise<LocalValidators> {
  const dir = join(o.state.dir, 'distributed');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyFile = join(dir, 'coordinator.key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, `${bytesToHex(generateKeyPair().secretKey)}\n`, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  const hex = readFileSync(keyFile, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new JilError('CONFIG_INVALID', `${keyFile} must hold a 32-byte Ed25519 seed as hex`, { details: { field: 'coordinator.key' } });
  const coordinatorSecretKey = hexToBytes(hex);
  const files = writeValidatorConfigs({
    dir,
    validators: o.state.validators,
    validatorSetFile: o.state.validatorSetPath,
    snapshotFile: o.snapshotFile,
    ...(o.snapshotFiles ? { snapshotFiles: o.snapshotFiles } : {}),
    coordinatorPublicKey: getPublicKey(coordinatorSecretKey),
    listFreshness: o.listFreshness,
  });
  const processes = await startValidatorProcesses(
    files.map((f) => {
      const special = o.entries?.[f.validatorId];
      return {
        validatorId: f.validatorId,
        configFile: f.configFile,
        ...(special ? { entry: special.entry, ...(special.env ? { env: special.env } : {}) } : {}),
      };
    }),
  );
  return { processes, coordinatorSecretKey, files, dir };
}
