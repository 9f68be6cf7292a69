import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runKeys } from './keys.js';

// `jil keys` on the node's database (PGlite under a temporary state folder): create, list, rotate, revoke, events.
describe('jil keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jil-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    try {
      const code = await runKeys([...args, '--state-dir', dir]);
      return { code, out: out.join('\n'), err: err.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  };

  it('creates (secret once), lists without secrets, rotates with an overlap, revokes, and shows the audit trail', async () => {
    const created = await run('create', '--custodian', 'bank-b', '--label', 'Bank B', '--rate', '5/10', '--json');
    expect(created.code).toBe(0);
    const issued = JSON.parse(created.out) as {
      access_key: { access_key_id: string; status: string; rate_limit: unknown };
      secret: string;
    };
    expect(issued.access_key).toMatchObject({ status: 'active', rate_limit: { per_second: 5, burst: 10 } });
    expect(Buffer.from(issued.secret, 'base64')).toHaveLength(32);
    expect((statSync(join(dir, 'kek.key')).mode & 0o777).toString(8)).toBe('600');
    const list = await run('list');
    expect(list.out).toContain(issued.access_key.access_key_id);
    expect(list.out).not.toContain(issued.secret);
    const rotated = await run('rotate', issued.access_key.access_key_id, '--overlap', '15m', '--json');
    expect(rotated.code).toBe(0);
    expect(JSON.parse(rotated.out).previous).toMatchObject({ status: 'rotating', access_key_id: issued.access_key.access_key_id });
    expect((await run('revoke', issued.access_key.access_key_id, '--reason', 'test')).out).toContain('revoked');
    const events = await run('events', issued.access_key.access_key_id, '--json');
    expect((JSON.parse(events.out) as { action: string }[]).map((e) => e.action)).toEqual(['revoke', 'rotate', 'create']);
  });

  it('usage errors exit 2 with one line; refused operations exit 1 with the code', async () => {
    expect(await run('create')).toMatchObject({ code: 2, err: 'jil keys create needs --custodian <custodian_id>' });
    expect((await run('rotate')).code).toBe(2);
    expect((await run('rotate', 'AKX', '--overlap', '5y')).code).toBe(2);
    expect((await run('create', '--custodian', 'a', '--rate', 'fast')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('list', '--bogus')).code).toBe(2);
    expect(await run('revoke', 'AKNOPE')).toMatchObject({ code: 1, err: 'error NOT_FOUND: no such access key' });
    expect((await run('--help')).code).toBe(0);
  });
});
