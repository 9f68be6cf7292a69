import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { base64Decode, base64Encode, JilError } from '@jil/core';

/** The key-encryption key and the admin token of a node, and where each came from. */
export interface AdminState {
  /** 32 bytes: seals access-key secrets at rest (SecretBox). Never logged. */
  kek: Uint8Array;
  /** `env` (`JIL_KEY_ENCRYPTION_KEY`) or the file path it was read from / written to. */
  kekSource: string;
  /** Bearer token of the admin API (`/admin/v1/…`). Never logged. */
  adminToken: string;
  /** `env` (`JIL_ADMIN_TOKEN`) or the file path. */
  adminTokenSource: string;
}

function writeSecretFile(path: string, text: string): void {
  writeFileSync(path, `${text}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
}

/**
 * The key-encryption key (KEK) and the admin token:
 * - KEK: `JIL_KEY_ENCRYPTION_KEY` (base64 of exactly 32 bytes; production: from a secret manager), else
 *   `<stateDir>/kek.key` (base64, generated at first run with `crypto.getRandomValues`, mode 0600).
 * - admin token: `JIL_ADMIN_TOKEN` (at least 32 characters), else `<stateDir>/admin-token` (32 random bytes as
 *   base64url, generated at first run, mode 0600).
 * Losing the KEK makes every stored access-key secret unusable (create new keys); changing it needs the old one.
 *
 * @param stateDir - the state folder (`.jil`, git-ignored).
 * @param env - the environment (default `process.env`).
 * @throws JilError `CONFIG_INVALID` for a KEK that is not base64 of 32 bytes or an admin token under 32 characters
 *   (the message names the variable, never the value).
 * @example
 * import { ensureAdminState } from './adminState.js';
 * const { kek, adminToken } = ensureAdminState('.jil');
 */
export function ensureAdminState(stateDir: string, env: Readonly<Record<string, string | undefined>> = process.env): AdminState {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  let kek: Uint8Array;
  let kekSource: string;
  const envKek = env['JIL_KEY_ENCRYPTION_KEY'];
  if (envKek !== undefined && envKek !== '') {
    kek = decodeKek(envKek, 'JIL_KEY_ENCRYPTION_KEY');
    kekSource = 'env JIL_KEY_ENCRYPTION_KEY';
  } else {
    kekSource = join(stateDir, 'kek.key');
    if (!existsSync(kekSource)) writeSecretFile(kekSource, base64Encode(crypto.getRandomValues(new Uint8Array(32))));
    kek = decodeKek(readFileSync(kekSource, 'utf8').trim(), kekSource);
  }
  let adminToken: string;
  let adminTokenSource: string;
  const envToken = env['JIL_ADMIN_TOKEN'];
  if (envToken !== undefined && envToken !== '') {
    adminToken = envToken;
    adminTokenSource = 'env JIL_ADMIN_TOKEN';
  } else {
    adminTokenSource = join(stateDir, 'admin-token');
    if (!existsSync(adminTokenSource)) {
      writeSecretFile(
        adminTokenSource,
        base64Encode(crypto.getRandomValues(new Uint8Array(32)))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, ''),
      );
    }
    adminToken = readFileSync(adminTokenSource, 'utf8').trim();
  }
  if (adminToken.length < 32 || !/^[\x21-\x7e]+$/.test(adminToken)) {
    throw new JilError('CONFIG_INVALID', `the admin token (${adminTokenSource}) must be at least 32 printable ASCII characters`, {
      details: { field: 'JIL_ADMIN_TOKEN' },
    });
  }
  return { kek, kekSource, adminToken, adminTokenSource };
}

function decodeKek(text: string, source: string): Uint8Array {
  let bytes: Uint8Array | undefined;
  try {
    bytes = base64Decode(text);
  } catch {
    bytes = undefined;
  }
  if (bytes === undefined || bytes.length !== 32) {
    throw new JilError('CONFIG_INVALID', `the key-encryption key (${source}) must be base64 of exactly 32 bytes`, {
      details: { field: 'JIL_KEY_ENCRYPTION_KEY' },
    });
  }
  return bytes;
}
