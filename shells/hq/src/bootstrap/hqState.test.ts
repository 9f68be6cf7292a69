import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSigner, generateKeyPair } from '@jil/core';
import { afterAll, describe, expect, it } from 'vitest';
import { initHqState, loadHqState } from './hqState.js';

const root = mkdtempSync(join(tmpdir(), 'jil-hq-state-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('HQ state files', () => {
  it('init writes the seed, CA, admin token and a trust policy naming HQ and the approvers; secrets are 0600', async () => {
    const alice = generateKeyPair().publicKey;
    const dir = join(root, 'hq');
    const state = await initHqState(dir, [{ approverId: 'alice', publicKey: alice }], new Date());
    expect(state.trust.hq.has(createSigner(state.signingSeed).keyid)).toBe(true);
    expect([...state.trust.approvers.values()].map((a) => a.approverId)).toEqual(['alice']);
    expect(state.adminToken.length).toBeGreaterThanOrEqual(32);
    for (const f of ['hq-signing.seed', 'ca-key.pem', 'admin-token']) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    const loaded = await loadHqState(dir);
    expect(loaded.ca).toEqual(state.ca);
    await expect(initHqState(dir, [], new Date())).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('loading a missing state says to run init', async () => {
    await expect(loadHqState(join(root, 'nope'))).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('run "init" first'),
    });
  });
});
