import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { base64Decode, base64Encode, getPublicKey, JilError, sha256Hex } from '@jil/core';
import {
  embeddedValidatorFromSeed,
  generateEmbeddedValidators,
  signValidatorSet,
  validatorSetFor,
  type EmbeddedValidator,
  type SignedValidatorSet,
  type ValidatorSuite,
} from '@jil/psa';

/** The demo credentials written at first run (`.jil/credentials.json`). */
export interface LocalCredentials {
  access_key_id: string;
  /** base64 of 32 random bytes; the HMAC-SHA256 key. */
  secret: string;
  /** The custodian this key acts for (requests must name it in `custodian_id`). */
  custodian_id: string;
}

/** Everything embedded mode keeps under the state folder. */
export interface LocalState {
  dir: string;
  credentialsPath: string;
  validatorSetPath: string;
  credentials: LocalCredentials;
  validators: EmbeddedValidator[];
  signedValidatorSet: SignedValidatorSet;
  /** The transparency log's Ed25519 signing seed (`log-key.json`, mode 0600) and its checkpoint origin line. */
  logKey: { origin: string; seed: Uint8Array };
  /** True when this call created the files. */
  created: boolean;
}

function writeSecret(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/**
 * Load, or create at first run, the embedded-mode state under `dir` (default `.jil/`, git-ignored):
 * `credentials.json` (demo access key), `validators.json` (20 validator seeds, mode 0600, never logged) and
 * `validator-set.json` (the signed genesis validator set, public — exchanges pin this file) and `log-key.json` (the
 * transparency log's signing seed and origin, mode 0600).
 * Keys come from `crypto.getRandomValues`; nothing secret is ever in the repository. `options.suite` is the suite of the
 * validators made at first run (default `ed25519`; `hybrid` = composite ML-DSA-65 + Ed25519); given explicitly, a state
 * folder holding validators of another suite is refused with `CONFIG_INVALID`.
 */
export function ensureLocalState(dir: string, now: Date = new Date(), options: { suite?: ValidatorSuite } = {}): LocalState {
  const suite = options.suite ?? 'ed25519';
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const credentialsPath = join(dir, 'credentials.json');
  const validatorsPath = join(dir, 'validators.json');
  const validatorSetPath = join(dir, 'validator-set.json');
  let created = false;
  if (!existsSync(credentialsPath)) {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const id = crypto.getRandomValues(new Uint8Array(8));
    writeSecret(credentialsPath, {
      access_key_id: `AK${sha256Hex(id).slice(0, 18).toUpperCase()}`,
      secret: base64Encode(secret),
      custodian_id: 'demo-custodian',
    });
    created = true;
  }
  if (!existsSync(validatorsPath) || !existsSync(validatorSetPath)) {
    const validators = generateEmbeddedValidators(20, { suite });
    writeSecret(validatorsPath, {
      validators: validators.map((v) => ({
        id: v.id,
        jurisdiction: v.jurisdiction,
        seed: base64Encode(v.secretKey),
        ...(v.suite === 'hybrid' ? { suite: 'hybrid' } : {}),
      })),
    });
    const setId = `jil-embedded-${sha256Hex(validators.map((v) => v.keyid).join('')).slice(0, 12)}`;
    const set = validatorSetFor({
      validators,
      setId,
      validFrom: new Date(now.getTime() - 60_000),
      validUntil: new Date(now.getTime() + 365 * 86_400_000),
    });
    const signed = signValidatorSet(set, validators);
    writeFileSync(validatorSetPath, `${JSON.stringify(signed, null, 2)}\n`);
    created = true;
  }
  const logKeyPath = join(dir, 'log-key.json');
  if (!existsSync(logKeyPath)) {
    const seed = crypto.getRandomValues(new Uint8Array(32));
    // c2sp.org/tlog-checkpoint: the origin names the log; unique per key so two demo nodes never share one.
    writeSecret(logKeyPath, { origin: `jil.local/log/${sha256Hex(getPublicKey(seed)).slice(0, 16)}`, seed: base64Encode(seed) });
    created = true;
  }
  const storedLogKey = JSON.parse(readFileSync(logKeyPath, 'utf8')) as { origin: string; seed: string };
  const logKey = { origin: storedLogKey.origin, seed: base64Decode(storedLogKey.seed) };
  const credentials = JSON.parse(readFileSync(credentialsPath, 'utf8')) as LocalCredentials;
  const stored = JSON.parse(readFileSync(validatorsPath, 'utf8')) as {
    validators: { id: string; jurisdiction: string; seed: string; suite?: 'hybrid' }[];
  };
  const validators = stored.validators.map((v) =>
    embeddedValidatorFromSeed(v.id, v.jurisdiction, base64Decode(v.seed), { suite: v.suite === 'hybrid' ? 'hybrid' : 'ed25519' }),
  );
  if (options.suite !== undefined && validators.some((v) => (v.suite ?? 'ed25519') !== suite)) {
    throw new JilError(
      'CONFIG_INVALID',
      `${validatorsPath} holds validators of another suite than ${suite}; use a fresh --state-dir for --suite ${suite}`,
      { details: { field: 'suite' } },
    );
  }
  const signedValidatorSet = JSON.parse(readFileSync(validatorSetPath, 'utf8')) as SignedValidatorSet;
  return { dir, credentialsPath, validatorSetPath, credentials, validators, signedValidatorSet, logKey, created };
}
