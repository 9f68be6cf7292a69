import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EVENT_SOURCE_ID } from '@jil/core/events';
import { runServe, type RunServeOptions } from './serve.js';
import { parseBrokers, resolveNodeId } from './nodeId.js';

/** Runs `jil serve` with `o` and the environment changed by `env` (restored after); its exit code and stderr. */
async function serve(o: Partial<RunServeOptions>, env: Record<string, string | undefined> = {}): Promise<{ code: number; errors: string }> {
  const errors: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    const code = await runServe({ dataDir: undefined, stateDir: undefined, port: undefined, ...o });
    return { code, errors: errors.join('\n') };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    spy.mockRestore();
  }
}

// The flags are checked before anything starts (the distributed topology itself: tests/e2e/distributedValidators.test.ts;
// --workers on PostgreSQL: serveWorkers.test.ts; catching_up: shells/preclearance/src/bootstrap/catchingUp.test.ts).
describe('jil serve flags', () => {
  const root = mkdtempSync(join(tmpdir(), 'jil-serve-flags-'));
  // Only its existence is checked before the flags: nothing is loaded from it when a flag is refused.
  const data = join(root, 'data');
  mkdirSync(data);
  const noDatabase = { DATABASE_URL: undefined, JIL_EVENT_BUS: undefined };
  const postgres = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/never-contacted', JIL_EVENT_BUS: undefined };
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('refuses an unknown --validators mode and a bad --validator-deadline-ms with exit code 2', async () => {
    const a = await serve({ validators: 'cloud' });
    expect(a.code).toBe(2);
    expect(a.errors).toMatch(/--validators must be embedded or distributed|screening data was not found/);
    expect((await serve({ validators: 'distributed', validatorDeadlineMs: '0' })).code).toBe(2);
    expect((await serve({ port: '70000' })).code).toBe(2);
  });

  it('PGlite is single-process: --workers 2 without DATABASE_URL is refused with exit code 2, saying so', async () => {
    const r = await serve({ dataDir: data, stateDir: join(root, 's1'), workers: '2' }, noDatabase);
    expect(r.code).toBe(2);
    expect(r.errors).toMatch(/--workers 2: PGlite is single-process/);
    expect(r.errors).toMatch(/DATABASE_URL/);
    for (const bad of ['0', '-1', '1.5', 'many', '257']) {
      const w = await serve({ dataDir: data, stateDir: join(root, 's1'), workers: bad }, postgres);
      expect([bad, w.code, w.errors]).toEqual([bad, 2, `--workers must be an integer 1–256 (got ${bad})`]);
    }
    const d = await serve({ dataDir: data, stateDir: join(root, 's1'), workers: '2', validators: 'distributed' }, postgres);
    expect([d.code, d.errors]).toEqual([2, '--workers 2: --validators distributed runs one coordinator process; use --workers 1 with it']);
  });

  it('--event-bus (and JIL_EVENT_BUS) needs PostgreSQL: refused with PGlite, exit code 2', async () => {
    const flag = await serve({ dataDir: data, stateDir: join(root, 's2'), eventBus: '127.0.0.1:19092' }, noDatabase);
    expect(flag.code).toBe(2);
    expect(flag.errors).toMatch(/^--event-bus needs PostgreSQL: set DATABASE_URL/);
    const env = await serve({ dataDir: data, stateDir: join(root, 's2') }, { ...noDatabase, JIL_EVENT_BUS: 'broker-1:9092,broker-2:9092' });
    expect(env.code).toBe(2);
    expect(env.errors).toMatch(/^--event-bus needs PostgreSQL/);
    for (const bad of ['', 'localhost', 'host:0', 'host:99999', 'a:1,,b', 'a b:1']) {
      const r = await serve({ dataDir: data, stateDir: join(root, 's2'), eventBus: bad }, postgres);
      expect([bad, r.code, r.errors]).toEqual([
        bad,
        2,
        `--event-bus must be a comma-separated list of host:port (got ${JSON.stringify(bad)})`,
      ]);
    }
  });

  it('a bad --node-id, or a state folder whose node-id file holds no node id, is refused with exit code 2', async () => {
    for (const bad of ['', 'has space', '-leading-dash', 'x'.repeat(129), 'nöde']) {
      const withBus = await serve({ dataDir: data, stateDir: join(root, 's3'), eventBus: '127.0.0.1:19092', nodeId: bad }, postgres);
      expect([bad, withBus.code]).toEqual([bad, 2]);
      expect(withBus.errors).toMatch(/^--node-id must be 1–128 characters/);
      const alone = await serve({ dataDir: data, stateDir: join(root, 's3'), nodeId: bad }, postgres);
      expect([bad, alone.code]).toEqual([bad, 2]);
    }
    const state = join(root, 's4');
    mkdirSync(state);
    writeFileSync(join(state, 'node-id'), 'not a node id\n');
    const r = await serve({ dataDir: data, stateDir: state, eventBus: '127.0.0.1:19092' }, postgres);
    expect(r.code).toBe(2);
    expect(r.errors).toContain(`${join(state, 'node-id')} does not hold a node id`);
  });

  it('the node id is made once, kept in <state>/node-id and matches EVENT_SOURCE_ID; --node-id wins without touching it', () => {
    const state = join(root, 's5');
    const first = resolveNodeId(state, undefined);
    expect('id' in first && EVENT_SOURCE_ID.test(first.id)).toBe(true);
    expect(resolveNodeId(state, undefined)).toEqual(first);
    expect(readFileSync(join(state, 'node-id'), 'utf8')).toBe(`${(first as { id: string }).id}\n`);
    expect(resolveNodeId(state, 'node-b.eu-1')).toEqual({ id: 'node-b.eu-1' });
    expect(resolveNodeId(state, undefined)).toEqual(first);
    expect(parseBrokers(' k1:9092 ,k2.example:19092,[::1]:9093')).toEqual({ brokers: ['k1:9092', 'k2.example:19092', '[::1]:9093'] });
  });
});
