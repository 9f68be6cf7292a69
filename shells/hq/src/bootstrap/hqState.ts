import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { base64Decode, base64Encode, createSigner, generateKeyPair, JilError } from '@jil/core';
import { createCertificateAuthority, createTrustPolicy, loadTrustPolicy, type CertificateAuthority, type TrustKeyring } from '@jil/fleet';

/** HQ's secrets and pinned policy as files in a state directory (mode 0600). */
export interface HqState {
  signingSeed: Uint8Array;
  ca: CertificateAuthority;
  adminToken: string;
  trust: TrustKeyring;
  /** Where the trust policy file is (copy it to every agent). */
  trustPolicyPath: string;
}

const files = (dir: string) => ({
  seed: join(dir, 'hq-signing.seed'),
  caCert: join(dir, 'ca.pem'),
  caKey: join(dir, 'ca-key.pem'),
  admin: join(dir, 'admin-token'),
  trust: join(dir, 'fleet-trust.json'),
});

/**
 * Creates HQ's state once: an Ed25519 signing seed, the node CA, an admin token, and the fleet trust policy with HQ's
 * key and the given approvers' public keys. Refuses to overwrite an existing state.
 * @throws JilError `CONFIG_INVALID` when the state exists already or an approver key is bad.
 */
export async function initHqState(dir: string, approvers: { approverId: string; publicKey: Uint8Array }[], now: Date): Promise<HqState> {
  const f = files(dir);
  if (existsSync(f.seed)) throw new JilError('CONFIG_INVALID', 'HQ state exists already', { details: { dir } });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const seed = generateKeyPair().secretKey;
  const ca = await createCertificateAuthority({ now });
  const adminToken = base64Encode(globalThis.crypto.getRandomValues(new Uint8Array(32)));
  const policy = createTrustPolicy({ hqPublicKeys: [createSigner(seed).publicKey], approvers });
  await writeFile(f.seed, `${base64Encode(seed)}\n`, { mode: 0o600 });
  await writeFile(f.caCert, ca.certificatePem, { mode: 0o644 });
  await writeFile(f.caKey, ca.privateKeyPem, { mode: 0o600 });
  await writeFile(f.admin, `${adminToken}\n`, { mode: 0o600 });
  await writeFile(f.trust, `${JSON.stringify(policy, null, 2)}\n`, { mode: 0o644 });
  return loadHqState(dir);
}

/**
 * Loads HQ's state files (see {@link initHqState}); `trustPolicyPath` overrides where the pinned policy is read.
 * @throws JilError `CONFIG_INVALID` when a file is missing or invalid.
 */
export async function loadHqState(dir: string, trustPolicyPath?: string): Promise<HqState> {
  const f = files(dir);
  try {
    const trustPath = trustPolicyPath ?? f.trust;
    return {
      signingSeed: base64Decode((await readFile(f.seed, 'utf8')).trim()),
      ca: { certificatePem: await readFile(f.caCert, 'utf8'), privateKeyPem: await readFile(f.caKey, 'utf8') },
      adminToken: (await readFile(f.admin, 'utf8')).trim(),
      trust: loadTrustPolicy(JSON.parse(await readFile(trustPath, 'utf8')) as unknown),
      trustPolicyPath: trustPath,
    };
  } catch (error) {
    throw new JilError('CONFIG_INVALID', `cannot load HQ state from ${dir} (run "init" first)`, { details: { dir }, cause: error });
  }
}
