import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hexToBytes, JilError } from '@jil/core';
import { Cosigner, decryptKeyPackage, describeKeyPackage, encryptKeyPackage, tier1Policy, type SignatureShare } from '@jil/mpc';
import { listenMutualTls, startNodeTls } from '@jil/server-kit/tls';
import { createCosignerServer } from './createCosignerServer.js';
import { loadCosignerConfig } from './loadCosignerConfig.js';

/** Test-only hooks of {@link runCosigner}. */
export interface RunCosignerHooks {
  transformShare?: (share: SignatureShare) => SignatureShare;
}

/**
 * Start one cosigner process from its config file and the passphrase in `JIL_COSIGNER_PASSPHRASE`: decrypt the key
 * package if the key file exists (else wait for a DKG, whose result is written encrypted, atomically), listen, and
 * print one JSON line `{"event":"listening","tls":…,"port":…,"identifier":…}` on stdout. Never prints key material. With
 * `tls` in the config it serves mutual TLS only (HQ's node certificates, CRL refreshed from HQ; refusals on stderr).
 * @returns a function that stops the server.
 */
export async function runCosigner(configPath: string, hooks: RunCosignerHooks = {}): Promise<{ port: number; close: () => Promise<void> }> {
  const config = loadCosignerConfig(configPath);
  const passphrase = process.env['JIL_COSIGNER_PASSPHRASE'];
  if (passphrase === undefined || passphrase.length < 8)
    throw new JilError('CONFIG_INVALID', 'JIL_COSIGNER_PASSPHRASE must hold the key file passphrase (≥ 8 characters)', {
      details: { field: 'JIL_COSIGNER_PASSPHRASE' },
    });
  const identitySecretKey = hexToBytes(readFileSync(config.identitySecretKeyFile, 'utf8').trim());
  const keyPackage = existsSync(config.keyFile) ? decryptKeyPackage(readFileSync(config.keyFile), passphrase, config.suite) : undefined;
  const cosigner = new Cosigner({
    suite: config.suite,
    identifier: config.identifier,
    identitySecretKey,
    roster: config.roster,
    ...(keyPackage ? { keyPackage } : {}),
    onKeyPackage: (kp) => {
      const tmp = `${config.keyFile}.tmp`;
      writeFileSync(tmp, encryptKeyPackage(kp, passphrase, { logN: config.scryptLogN, r: 8, p: 1 }), { mode: 0o600 });
      renameSync(tmp, config.keyFile);
    },
    ...(config.tier1ValidatorSetFile
      ? { policy: tier1Policy({ validatorSet: JSON.parse(readFileSync(config.tier1ValidatorSetFile, 'utf8')) }) }
      : {}),
  });
  const app = createCosignerServer({
    cosigner,
    identitySecretKey,
    coordinatorPublicKey: config.coordinatorPublicKey,
    ...(hooks.transformShare ? { transformShare: hooks.transformShare } : {}),
  });
  let port: number;
  let close: () => Promise<void>;
  if (config.tls === undefined) {
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    port = typeof address === 'object' && address !== null ? address.port : config.port;
    close = () => app.close();
  } else {
    const log = {
      warn: (fields: Record<string, unknown>, message: string) => process.stderr.write(`${JSON.stringify({ ...fields, message })}\n`),
    };
    const tls = await startNodeTls(config.tls, log);
    const listener = await listenMutualTls(app, tls.server, { host: config.host, port: config.port });
    port = listener.port;
    close = async () => {
      tls.stop();
      await listener.close();
    };
  }
  const listening = {
    event: 'listening',
    ...(config.tls ? { tls: true } : {}),
    port,
    identifier: config.identifier,
    ...(keyPackage ? { key: describeKeyPackage(keyPackage) } : {}),
  };
  process.stdout.write(`${JSON.stringify(listening)}\n`);
  return { port, close };
}
