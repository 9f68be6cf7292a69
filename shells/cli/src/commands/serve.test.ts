import { describe, expect, it, vi } from 'vitest';
import { runServe } from './serve.js';

// The flags are checked before anything starts (the distributed topology itself: tests/e2e/distributedValidators.test.ts).
describe('jil serve flags', () => {
  it('refuses an unknown --validators mode and a bad --validator-deadline-ms with exit code 2', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
    try {
      expect(await runServe({ dataDir: undefined, stateDir: undefined, port: undefined, validators: 'cloud' })).toBe(2);
      expect(await runServe({ dataDir: undefined, stateDir: undefined, port: undefined, validators: 'distributed', validatorDeadlineMs: '0' })).toBe(2);
      expect(await runServe({ dataDir: undefined, stateDir: undefined, port: '70000' })).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join('\n')).toMatch(/--validators must be embedded or distributed|screening data was not found/);
  });
});
