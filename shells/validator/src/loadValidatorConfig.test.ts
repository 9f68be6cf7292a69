import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkValidatorConfig, validatorConfigFromEnv } from './loadValidatorConfig.js';

describe('validator configuration: the bridge section (docs/validators.md §Configuration)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jil-validator-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const f of ['key', 'snapshot.json', 'set.json']) writeFileSync(join(dir, f), '{}');
  chmodSync(join(dir, 'key'), 0o600);
  const base = {
    validatorId: 'val-01',
    keyFile: 'key',
    snapshotFile: 'snapshot.json',
    validatorSetFile: 'set.json',
    coordinatorPublicKeys: ['a'.repeat(64)],
    stateDir: 'state',
  };
  const bridge = { rpcUrl: 'http://127.0.0.1:8545', chainId: 31337, contract: `0x${'5f'.repeat(20)}` };
  const fieldOf = (raw: Record<string, unknown>): unknown => {
    try {
      checkValidatorConfig(raw, dir);
      return 'accepted';
    } catch (error) {
      return (error as { code: string; details: { field: string } }).details.field;
    }
  };

  it('reads the chain, the contract and the confirmations (default 12); no section, no bridge', () => {
    expect(checkValidatorConfig({ ...base, bridge }, dir).bridge).toEqual({ ...bridge, chainId: 31337n, confirmations: 12 });
    expect(checkValidatorConfig({ ...base, bridge: { ...bridge, chainId: '1', confirmations: 3 } }, dir).bridge?.confirmations).toBe(3);
    expect(checkValidatorConfig(base, dir).bridge).toBeUndefined();
  });

  it('names the bad field', () => {
    expect(fieldOf({ ...base, bridge: 'yes' })).toBe('bridge');
    expect(fieldOf({ ...base, bridge: { ...bridge, rpcUrl: 'ftp://x' } })).toBe('bridge.rpcUrl');
    expect(fieldOf({ ...base, bridge: { ...bridge, chainId: 0 } })).toBe('bridge.chainId');
    expect(fieldOf({ ...base, bridge: { ...bridge, chainId: 1.5 } })).toBe('bridge.chainId');
    expect(fieldOf({ ...base, bridge: { ...bridge, contract: '0x12' } })).toBe('bridge.contract');
    expect(fieldOf({ ...base, bridge: { ...bridge, confirmations: 0 } })).toBe('bridge.confirmations');
    expect(fieldOf({ ...base, bridge: { ...bridge, ledgerUrl: 'http://x' } })).toBe('bridge.ledgerUrl');
  });

  it('reads the same from JIL_VALIDATOR_BRIDGE_* environment variables', () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const config = validatorConfigFromEnv({
        JIL_VALIDATOR_ID: 'val-01',
        JIL_VALIDATOR_KEY_FILE: 'key',
        JIL_VALIDATOR_SNAPSHOT_FILE: 'snapshot.json',
        JIL_VALIDATOR_SET_FILE: 'set.json',
        JIL_VALIDATOR_COORDINATOR_KEYS: 'a'.repeat(64),
        JIL_VALIDATOR_STATE_DIR: 'state',
        JIL_VALIDATOR_BRIDGE_RPC_URL: bridge.rpcUrl,
        JIL_VALIDATOR_BRIDGE_CHAIN_ID: '31337',
        JIL_VALIDATOR_BRIDGE_CONTRACT: bridge.contract,
        JIL_VALIDATOR_BRIDGE_CONFIRMATIONS: '2',
      });
      expect(config.bridge).toEqual({ ...bridge, chainId: 31337n, confirmations: 2 });
    } finally {
      process.chdir(cwd);
    }
  });
});
