import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HAS_SHARED_DATA, dataPath } from '@jil/testkit';
import { runDemo, runVerify } from '@jil/cli/testing';

// The main job end to end: real lists, real HTTP on loopback, PGlite, the SDK, offline verification.
describe.skipIf(!HAS_SHARED_DATA)('jil demo on the real data (needs ../shared/data)', () => {
  const state = mkdtempSync(join(tmpdir(), 'jil-e2e-'));
  let output = '';
  let code = -1;

  beforeAll(async () => {
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      output += `${args.join(' ')}\n`;
    });
    try {
      code = await runDemo({ dataDir: dataPath(), stateDir: state });
    } finally {
      log.mockRestore();
    }
  }, 180_000);
  afterAll(() => rmSync(state, { recursive: true, force: true }));

  it('exits 0: every verdict and every offline verification came out as expected', () => {
    expect(output).toContain('All verdicts and verifications came out as expected.');
    expect(code).toBe(0);
  });

  it('prints each hit with its source list and list date', () => {
    expect(output).toMatch(/hard +endpoints .*0x7F367cC41522cE07553e823bf3be79A889DEbe1B.* — ofac-[a-z0-9-]+ \(\d{4}-\d{2}-\d{2}; /);
    expect(output).toMatch(/info +endpoints .*Binance 14.* \(\d{4}-\d{2}-\d{2}; /);
    expect(output).toMatch(/sanctions .*BOGACHEV/i);
    // a name hit shows the name the demo sent next to the PSA's commitment, recomputed from the returned salt
    expect(output).toMatch(/(hard|flag) +sanctions +(Sender|Receiver) name matches .*; sent ".+", commitment [0-9a-f]{12}… ✓\]/);
    expect(output).toMatch(/corridor|FATF/);
  });

  it('shows the three tamper cases failing with their named checks', () => {
    expect(output).toMatch(/one altered byte in the payload +→ INVALID check=signatures code=PSA_BAD_SIGNATURE/);
    expect(output).toMatch(/clock 1 s past expires_at +→ INVALID check=validity_window code=PSA_EXPIRED/);
    expect(output).toMatch(/foreign key +→ INVALID check=validator_set code=PSA_VALIDATOR_SET_INVALID/);
  });

  it('jil verify exits 0 on a saved PSA and non-zero with the code on a tampered one or an expired clock', async () => {
    const psa = join(state, 'demo', 'psa-01.json');
    const set = join(state, 'validator-set.json');
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    try {
      expect(await runVerify({ file: psa, validatorSet: set, now: undefined })).toBe(0);
      const later = new Date(Date.now() + 120_000).toISOString().replace(/\.\d+Z$/, 'Z');
      expect(await runVerify({ file: psa, validatorSet: set, now: later })).toBe(1);
      const env = JSON.parse(readFileSync(psa, 'utf8'));
      const bad = join(state, 'bad.json');
      writeFileSync(bad, JSON.stringify({ ...env, signatures: env.signatures.slice(0, 3) }));
      expect(await runVerify({ file: bad, validatorSet: set, now: undefined })).toBe(1);
    } finally {
      log.mockRestore();
    }
    expect(lines[0]).toMatch(/^VALID psa /);
    expect(lines[1]).toMatch(/^INVALID validity_window PSA_EXPIRED/);
    expect(lines[2]).toMatch(/^INVALID threshold PSA_THRESHOLD_NOT_MET/);
  });
});
