import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCallbackConfig } from './loadCallbackConfig.js';

describe('loadCallbackConfig (docs/integrations/fireblocks.md §Configuration)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jil-fb-config-'));
  let env: Record<string, string>;
  beforeAll(async () => {
    const cosigner = await generateKeyPair('RS256', { extractable: true });
    const callback = await generateKeyPair('RS256', { extractable: true });
    writeFileSync(join(dir, 'cosigner.pem'), await exportSPKI(cosigner.publicKey));
    writeFileSync(
      join(dir, 'credentials.json'),
      JSON.stringify({ access_key_id: 'ak-1', secret: Buffer.alloc(32, 7).toString('base64'), custodian_id: 'cust-1' }),
    );
    writeFileSync(join(dir, 'set.json'), JSON.stringify({ payloadType: 'x', payload: 'e30=', signatures: [] }));
    env = {
      FIREBLOCKS_COSIGNER_PUBLIC_KEY_FILE: join(dir, 'cosigner.pem'),
      FIREBLOCKS_CALLBACK_PRIVATE_KEY: await exportPKCS8(callback.privateKey),
      JIL_CREDENTIALS_FILE: join(dir, 'credentials.json'),
      JIL_VALIDATOR_SET_FILE: join(dir, 'set.json'),
      FIREBLOCKS_SOURCE_ADDRESSES: '{"0":"0x0519035923133db8356bb16018454ebc751e4348"}',
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads keys, credentials and the pinned set from variables or *_FILE; policies default to nothing (REJECT)', async () => {
    const c = await loadCallbackConfig(env);
    expect(c.jil).toEqual({
      baseUrl: 'http://127.0.0.1:8787',
      accessKeyId: 'ak-1',
      secret: Buffer.alloc(32, 7).toString('base64'),
      custodianId: 'cust-1',
    });
    expect(c.validatorSet).toMatchObject({ payloadType: 'x' });
    expect(c.sourceAddresses).toEqual({ '0': '0x0519035923133db8356bb16018454ebc751e4348' });
    expect(c).not.toHaveProperty('onFlag');
    expect(c).not.toHaveProperty('onOutage');
    const all = await loadCallbackConfig({
      ...env,
      JIL_ON_FLAG: 'APPROVE',
      JIL_ON_OUTAGE: 'REJECT',
      JIL_TIMEOUT_MS: '1500',
      FIREBLOCKS_RESPONSE_DEADLINE_MS: '4000',
      FIREBLOCKS_JWT_MAX_AGE_SECONDS: '60',
      JIL_ACCESS_KEY_ID: 'ak-2',
      FIREBLOCKS_ASSETS: '{"ETH_TEST5":{"chainId":11155111,"decimals":18}}',
    });
    expect(all).toMatchObject({
      onFlag: 'APPROVE',
      onOutage: 'REJECT',
      jilTimeoutMs: 1500,
      responseDeadlineMs: 4000,
      maxJwtAgeSeconds: 60,
      jil: { accessKeyId: 'ak-2' },
      assets: { ETH_TEST5: { chainId: 11155111 } },
    });
  });

  it('names the variable that is missing or malformed (CONFIG_INVALID), never its value', async () => {
    const cases: [Record<string, string | undefined>, string][] = [
      [{ FIREBLOCKS_COSIGNER_PUBLIC_KEY_FILE: undefined }, 'FIREBLOCKS_COSIGNER_PUBLIC_KEY'],
      [{ FIREBLOCKS_COSIGNER_PUBLIC_KEY_FILE: join(dir, 'missing.pem') }, 'FIREBLOCKS_COSIGNER_PUBLIC_KEY_FILE'],
      [{ FIREBLOCKS_CALLBACK_PRIVATE_KEY: 'not a key' }, 'FIREBLOCKS_CALLBACK_PRIVATE_KEY'],
      [{ JIL_CREDENTIALS_FILE: undefined }, 'JIL_ACCESS_KEY_ID'],
      [{ JIL_VALIDATOR_SET_FILE: undefined }, 'JIL_VALIDATOR_SET'],
      [{ FIREBLOCKS_SOURCE_ADDRESSES: '["0x05"]' }, 'FIREBLOCKS_SOURCE_ADDRESSES'],
      [{ JIL_ON_FLAG: 'approve' }, 'JIL_ON_FLAG'],
      [{ JIL_ON_OUTAGE: 'MAYBE' }, 'JIL_ON_OUTAGE'],
      [{ JIL_TIMEOUT_MS: '-5' }, 'JIL_TIMEOUT_MS'],
      [{ FIREBLOCKS_ASSETS: '{"ETH":{"chainId":"1"}}' }, 'FIREBLOCKS_ASSETS'],
      [{ JIL_VALIDATOR_SET_CHAIN: '{}' }, 'JIL_VALIDATOR_SET_CHAIN'],
    ];
    for (const [change, field] of cases) {
      const e = await loadCallbackConfig({ ...env, ...change }).catch((error: unknown) => error);
      expect(e, field).toMatchObject({ code: 'CONFIG_INVALID', details: { field } });
      expect((e as Error).message).not.toContain('not a key');
    }
  });
});
