import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { base64Decode, base64Encode, parseJson } from '@jil/core';
import { embeddedValidatorFromSeed, type EmbeddedValidator } from '@jil/psa';

/**
 * A validator keys file — the format of `.jil/validators.json`: `{ validators: [{ id, jurisdiction, seed, suite? }] }`,
 * `seed` = base64 of the 32-byte Ed25519 seed, or for `suite: 'hybrid'` of the 64-byte composite ML-DSA-65 + Ed25519
 * secret key. Secret: written with mode 0600, never printed.
 */
export interface ValidatorKeysFile {
  validators: { id: string; jurisdiction: string; seed: string; suite?: 'hybrid' }[];
}

/** Write a keys file (mode 0600, its folder 0700); refuses to overwrite one. */
export function writeKeysFile(path: string, validators: readonly EmbeddedValidator[]): void {
  if (existsSync(path)) throw new UsageError(`${path} exists; keys files are never overwritten (move it away first)`);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const doc: ValidatorKeysFile = {
    validators: validators.map((v) => ({
      id: v.id,
      jurisdiction: v.jurisdiction,
      seed: base64Encode(v.secretKey),
      ...(v.suite === 'hybrid' ? { suite: 'hybrid' as const } : {}),
    })),
  };
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
}

/** Read one or more keys files into signers; warns (stderr) when a file is readable by group or others. */
export function readKeysFiles(paths: readonly string[]): EmbeddedValidator[] {
  const out: EmbeddedValidator[] = [];
  for (const path of paths) {
    if (!existsSync(path)) throw new UsageError(`no keys file ${path}`);
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0)
      console.error(`warning: keys file ${path} has mode ${mode.toString(8)}; it holds secret keys: chmod 600 ${path}`);
    const doc = parseJson(readFileSync(path, 'utf8')) as Partial<ValidatorKeysFile>;
    if (!doc || !Array.isArray(doc.validators))
      throw new UsageError(`${path} is not a validator keys file ({ validators: [{ id, jurisdiction, seed }] })`);
    for (const [i, v] of doc.validators.entries()) {
      if (typeof v?.id !== 'string' || typeof v.jurisdiction !== 'string' || typeof v.seed !== 'string')
        throw new UsageError(`${path}: validators[${i}] needs id, jurisdiction and seed`);
      const suite = v.suite === 'hybrid' ? 'hybrid' : 'ed25519';
      const seed = base64Decode(v.seed);
      if (seed.length !== (suite === 'hybrid' ? 64 : 32))
        throw new UsageError(`${path}: validators[${i}] (${v.id}) seed is not ${suite === 'hybrid' ? 64 : 32} bytes (${suite})`);
      out.push(embeddedValidatorFromSeed(v.id, v.jurisdiction, seed, { suite }));
    }
  }
  return out;
}

/** A mistake in the command line or its files: exit 2 with the message. */
export class UsageError extends Error {}
