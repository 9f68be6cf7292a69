import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { JsonRpcProvider } from 'ethers';
import { guardianKeyFromSeed } from '@jil/bridge';
import { hexToBytes, JilError, keyId } from '@jil/core';
import { createProposalReviewer, createSanctionsStage, embeddedValidatorFromSeed, verifyValidatorSet } from '@jil/psa';
import { loadSnapshotFile } from '@jil/ingest';
import { listenMutualTls, startNodeTls } from '@jil/server-kit/tls';
import { createValidatorServer, type ValidatorFaults } from './createValidatorServer.js';
import type { ValidatorConfig } from './loadValidatorConfig.js';
import { SignedBodyJournal } from './SignedBodyJournal.js';
import { warmUp } from './warmUp.js';

/** A running validator. */
export interface RunningValidator {
  app: FastifyInstance;
  port: number;
  journal: SignedBodyJournal;
  close(): Promise<void>;
}

/**
 * Start one validator from its configuration: read its seed (never printed), verify the pinned validator set and find
 * itself in it (active, with this key), load its own snapshot file, build the reviewer (sanctions index: about a
 * second), review one synthetic proposal (`warmUp`), open the signed-bodies journal under `stateDir`, listen (mutual TLS
 * only when the config has `tls`: docs/operations.md §Mutual TLS; refusals are logged on stderr), and print
 * one JSON line `{"event":"listening","port":…,"validator_id":…,"keyid":…,"snapshot_sha256":…,"warm_up_ms":…}` on stdout.
 *
 * @param config - see {@link ValidatorConfig}.
 * @param faults - test-only fault injection (`__fixtures__/faultyValidator.ts`).
 * @throws JilError `CONFIG_INVALID` when the key is not this validator's active key in the set; the loaders' codes.
 */
export async function runValidator(config: ValidatorConfig, faults?: ValidatorFaults): Promise<RunningValidator> {
  const seedHex = readFileSync(config.keyFile, 'utf8').trim();
  // 64 hex = an Ed25519 seed; 128 hex = a hybrid composite key (ML-DSA-65 seed ‖ Ed25519 seed)
  if (!/^(?:[0-9a-f]{64}|[0-9a-f]{128})$/.test(seedHex)) {
    throw new JilError(
      'CONFIG_INVALID',
      'validator key file must hold a 32-byte Ed25519 seed (64 hex characters) or a 64-byte hybrid key (128 hex characters)',
      { details: { field: 'keyFile' } },
    );
  }
  const secretKey = hexToBytes(seedHex);
  const suite = secretKey.length === 64 ? 'hybrid' : 'ed25519';
  const signer = embeddedValidatorFromSeed(config.validatorId, '', secretKey, { suite });
  const validatorSet = verifyValidatorSet(JSON.parse(readFileSync(config.validatorSetFile, 'utf8')), { now: new Date() });
  const me = validatorSet.set.validators.find((v) => v.id === config.validatorId);
  if (me?.status !== 'active' || !me.keys.some((k) => k.keyid === signer.keyid)) {
    throw new JilError('CONFIG_INVALID', `validator ${config.validatorId} is not active in set ${validatorSet.set.set_id} with this key`, {
      details: { field: 'keyFile' },
    });
  }
  if (config.jurisdiction !== undefined && config.jurisdiction !== me.jurisdiction) {
    throw new JilError('CONFIG_INVALID', `jurisdiction ${config.jurisdiction} differs from the set's ${me.jurisdiction}`, {
      details: { field: 'jurisdiction' },
    });
  }
  const bridge =
    config.bridge === undefined ? undefined : bridgeOptions(config.bridge, secretKey, me.guardian?.address, validatorSet.set.version);
  const snapshot = await loadSnapshotFile(config.snapshotFile);
  const sanctions = createSanctionsStage(snapshot);
  const reviewer = createProposalReviewer({
    snapshot,
    validatorSet,
    validatorId: config.validatorId,
    stages: { sanctions },
    ...(config.listFreshness === false ? {} : { listFreshness: config.listFreshness }),
    ...(config.maxClockSkewMs === undefined ? {} : { maxClockSkewMs: config.maxClockSkewMs }),
    ...(config.maxTtlSeconds === undefined ? {} : { maxTtlSeconds: config.maxTtlSeconds }),
  });
  const warm = await warmUp({
    reviewer,
    snapshot,
    validatorSet,
    sanctions,
    listFreshness: config.listFreshness,
    sign: (m) => signer.sign(m),
  });
  const journal = new SignedBodyJournal(join(config.stateDir, 'signed-bodies.jsonl'));
  const app = createValidatorServer({
    validatorId: config.validatorId,
    jurisdiction: me.jurisdiction,
    secretKey,
    suite,
    keyid: signer.keyid,
    reviewer,
    journal,
    coordinators: Object.fromEntries(config.coordinatorPublicKeys.map((k) => [keyId(k), k])),
    health: {
      snapshot_sha256: snapshot.sha256,
      validator_set: { set_id: validatorSet.set.set_id, version: validatorSet.set.version, sha256: validatorSet.sha256 },
    },
    ...(config.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: config.bodyLimitBytes }),
    ...(faults ? { faults } : {}),
    ...(bridge === undefined ? {} : { bridge }),
  });
  let port: number;
  let closeServer: () => Promise<void> = () => app.close();
  try {
    if (config.tls === undefined) {
      await app.listen({ host: config.host, port: config.port });
      const address = app.server.address();
      port = typeof address === 'object' && address !== null ? address.port : config.port;
    } else {
      const log = {
        warn: (fields: Record<string, unknown>, msg: string) => process.stderr.write(`${JSON.stringify({ ...fields, msg })}\n`),
      };
      const tls = await startNodeTls(config.tls, log);
      const listener = await listenMutualTls(app, tls.server, { host: config.host, port: config.port });
      port = listener.port;
      closeServer = async () => {
        tls.stop();
        await listener.close();
      };
    }
  } catch (error) {
    journal.close();
    throw error;
  }
  process.stdout.write(
    `${JSON.stringify({
      event: 'listening',
      port,
      validator_id: config.validatorId,
      keyid: signer.keyid,
      snapshot_sha256: snapshot.sha256,
      warm_up_ms: warm.ms,
      ...(warm.refused ? { warm_up_refused: warm.refused } : {}),
    })}\n`,
  );
  return {
    app,
    port,
    journal,
    async close() {
      await closeServer();
      journal.close();
      bridge?.provider.destroy();
    },
  };
}

/**
 * The bridge routes' options from the configuration: the guardian key derived from the validator's secret must be the
 * one the pinned set lists for it, and the RPC provider is pinned to the configured chain (`staticNetwork`: an RPC of
 * another chain fails every request instead of being followed). Release signatures need the ledger's record of each
 * burn, which a validator process is not connected to: its release route refuses (docs/bridge.md §Validator API).
 */
function bridgeOptions(c: NonNullable<ValidatorConfig['bridge']>, secretKey: Uint8Array, listed: string | undefined, version: number) {
  const guardian = guardianKeyFromSeed(secretKey);
  if (listed !== guardian.address) {
    throw new JilError(
      'CONFIG_INVALID',
      "the validator set does not list this validator's guardian address (guardianKeyFromSeed of its key)",
      {
        details: { field: 'bridge' },
      },
    );
  }
  const provider = new JsonRpcProvider(c.rpcUrl, c.chainId, { staticNetwork: true, cacheTimeout: -1 });
  return {
    guardian,
    guardianSetVersion: version,
    domain: { chainId: c.chainId, verifyingContract: c.contract },
    provider,
    confirmations: c.confirmations,
  };
}
