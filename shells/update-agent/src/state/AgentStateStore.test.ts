import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentAuditLog } from './AgentAuditLog.js';
import { AgentStateStore } from './AgentStateStore.js';

const dir = mkdtempSync(join(tmpdir(), 'jil-agent-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('agent state', () => {
  it('persists accepted releases and consumed nonces across restarts', async () => {
    const state = await AgentStateStore.open(dir);
    await state.update((s) => (s.accepted.mainnet = { version: 4, digest: 'sha256:x', release_id: 'r' }));
    expect(await state.checkAndStore('command:n1', 'nonce-1', 2_000, 1_000)).toBe(true);
    expect(await state.checkAndStore('command:n1', 'nonce-1', 2_000, 1_500)).toBe(false);
    const reopened = await AgentStateStore.open(dir);
    expect(reopened.data.accepted.mainnet?.version).toBe(4);
    expect(await reopened.checkAndStore('command:n1', 'nonce-1', 3_000, 1_999)).toBe(false);
    expect(await reopened.checkAndStore('command:n1', 'nonce-1', 3_000, 2_000)).toBe(true);
  });

  it('refuses an unreadable state file', async () => {
    const bad = mkdtempSync(join(dir, 'bad-'));
    writeFileSync(join(bad, 'agent-state.json'), '{"version":2}');
    await expect(AgentStateStore.open(bad)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('local audit log is a hash chain that names an edited line', async () => {
    const log = await AgentAuditLog.open(dir);
    for (const outcome of ['ok', 'refused', 'ok'] as const) {
      await log.append({ at: '2025-06-01T12:00:00Z', actor: 'agent:n1', action: 'pull.deployed', target: 'node:n1', outcome, details: {} });
    }
    expect(await log.verify()).toMatchObject({ valid: true, length: 3 });
    expect((await AgentAuditLog.open(dir)).head()?.seq).toBe(3);
    const file = join(dir, 'audit.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"refused"', '"ok"'));
    expect(await log.verify()).toMatchObject({ valid: false, seq: 2, reason: 'hash' });
  });
});
