import { readFile } from 'node:fs/promises';
import { importPKCS8, importSPKI } from 'jose';
import { JilError } from '@jil/core';
import type { AssetConfig, CallbackConfig, PolicyAction } from './CallbackConfig.js';

type Env = Readonly<Record<string, string | undefined>>;

const bad = (name: string, why: string): JilError => new JilError('CONFIG_INVALID', `${name} ${why}`, { details: { field: name } });

async function textOf(env: Env, name: string): Promise<string | undefined> {
  if (env[name]) return env[name];
  const file = env[`${name}_FILE`];
  if (!file) return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new JilError('CONFIG_INVALID', `${name}_FILE cannot be read`, { details: { field: `${name}_FILE` }, cause });
  }
}

async function required(env: Env, name: string): Promise<string> {
  const v = await textOf(env, name);
  if (v === undefined || v.trim() === '') throw bad(name, `is required (or ${name}_FILE)`);
  return v;
}

function jsonOf(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw bad(name, 'is not JSON');
  }
}

const policy = (env: Env, name: string): PolicyAction | undefined => {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  if (v !== 'APPROVE' && v !== 'REJECT') throw bad(name, 'must be APPROVE or REJECT');
  return v;
};

const positive = (env: Env, name: string): number | undefined => {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw bad(name, 'must be a positive integer');
  return n;
};

/**
 * Read the callback's configuration from environment variables (docs/integrations/fireblocks.md §Configuration).
 * Each `X` that holds a key or document may instead be given as a file path in `X_FILE`. Never logs a value.
 * @throws JilError `CONFIG_INVALID` naming the variable (`details.field`) that is missing or malformed.
 */
export async function loadCallbackConfig(env: Env): Promise<CallbackConfig> {
  const cosignerPem = await required(env, 'FIREBLOCKS_COSIGNER_PUBLIC_KEY');
  const callbackPem = await required(env, 'FIREBLOCKS_CALLBACK_PRIVATE_KEY');
  const cosignerPublicKey = await importSPKI(cosignerPem.trim(), 'RS256').catch(() => {
    throw bad('FIREBLOCKS_COSIGNER_PUBLIC_KEY', 'is not an RSA public key in PEM (SPKI)');
  });
  const callbackPrivateKey = await importPKCS8(callbackPem.trim(), 'RS256').catch(() => {
    throw bad('FIREBLOCKS_CALLBACK_PRIVATE_KEY', 'is not an RSA private key in PEM (PKCS#8)');
  });
  const credsText = await textOf(env, 'JIL_CREDENTIALS');
  const creds = credsText === undefined ? {} : (jsonOf('JIL_CREDENTIALS', credsText) as Record<string, unknown>);
  const pick = (envName: string, key: string): string => {
    const v = env[envName] ?? creds[key];
    if (typeof v !== 'string' || v === '') throw bad(envName, `is required (or "${key}" in JIL_CREDENTIALS_FILE)`);
    return v;
  };
  const validatorSet = jsonOf('JIL_VALIDATOR_SET', await required(env, 'JIL_VALIDATOR_SET'));
  const chainText = await textOf(env, 'JIL_VALIDATOR_SET_CHAIN');
  const chain = chainText === undefined ? undefined : jsonOf('JIL_VALIDATOR_SET_CHAIN', chainText);
  if (chain !== undefined && !Array.isArray(chain)) throw bad('JIL_VALIDATOR_SET_CHAIN', 'must be a JSON array of signed validator sets');
  const sources = jsonOf('FIREBLOCKS_SOURCE_ADDRESSES', await required(env, 'FIREBLOCKS_SOURCE_ADDRESSES'));
  if (
    typeof sources !== 'object' ||
    sources === null ||
    Array.isArray(sources) ||
    !Object.values(sources).every((v) => typeof v === 'string')
  ) {
    throw bad('FIREBLOCKS_SOURCE_ADDRESSES', 'must be a JSON object { "<vault account id>": "<address>" }');
  }
  const assetsText = await textOf(env, 'FIREBLOCKS_ASSETS');
  const assets = assetsText === undefined ? undefined : (jsonOf('FIREBLOCKS_ASSETS', assetsText) as Record<string, AssetConfig>);
  if (
    assets !== undefined &&
    !Object.values(assets).every(
      (a) => Number.isInteger(a?.chainId) && Number.isInteger(a?.decimals) && a.decimals >= 0 && a.decimals <= 36,
    )
  ) {
    throw bad('FIREBLOCKS_ASSETS', 'must be a JSON object { "<asset id>": { "chainId": <int>, "decimals": <int> } }');
  }
  const onFlag = policy(env, 'JIL_ON_FLAG');
  const onOutage = policy(env, 'JIL_ON_OUTAGE');
  const responseDeadlineMs = positive(env, 'FIREBLOCKS_RESPONSE_DEADLINE_MS');
  const jilTimeoutMs = positive(env, 'JIL_TIMEOUT_MS');
  const maxJwtAgeSeconds = positive(env, 'FIREBLOCKS_JWT_MAX_AGE_SECONDS');
  return {
    cosignerPublicKey,
    callbackPrivateKey,
    jil: {
      baseUrl: env['JIL_URL'] ?? 'http://127.0.0.1:8787',
      accessKeyId: pick('JIL_ACCESS_KEY_ID', 'access_key_id'),
      secret: pick('JIL_SECRET', 'secret'),
      custodianId: pick('JIL_CUSTODIAN_ID', 'custodian_id'),
    },
    validatorSet,
    ...(chain === undefined ? {} : { validatorSetChain: chain as unknown[] }),
    sourceAddresses: sources as Record<string, string>,
    ...(assets === undefined ? {} : { assets }),
    ...(onFlag === undefined ? {} : { onFlag }),
    ...(onOutage === undefined ? {} : { onOutage }),
    ...(responseDeadlineMs === undefined ? {} : { responseDeadlineMs }),
    ...(jilTimeoutMs === undefined ? {} : { jilTimeoutMs }),
    ...(maxJwtAgeSeconds === undefined ? {} : { maxJwtAgeSeconds }),
  };
}
