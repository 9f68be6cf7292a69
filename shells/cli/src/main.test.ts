import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const jil = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--conditions=jil-source', '--import', 'tsx', 'shells/cli/src/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, JIL_DEBUG: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

// Issue 13, first contact: help and version exit 0; usage errors and missing files are one line, exit 2, no stack trace.
describe('jil command line', () => {
  it('--help, help, help <command>, <command> --help and --version exit 0', () => {
    for (const args of [['--help'], ['help'], ['help', 'serve'], ['help', 'keys'], ['verify', '--help']]) {
      const r = jil(...args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 0]);
      expect(r.out).toMatch(/jil/);
    }
    expect(jil('help', 'serve').out).toContain('--allow-stale-lists');
    expect(jil('--version').out).toMatch(/^jil \d+\.\d+\.\d+ \(Node v\d+/);
  });

  it('an unknown option, an unknown command or a missing file: one line, exit 2, no stack trace', () => {
    const cases: [string[], RegExp][] = [
      [['--bogus'], /^Unknown option '--bogus'/],
      [['nope'], /^unknown command: nope/],
      [['verify', '/nonexistent/psa.json', '--validator-set', '/nonexistent/set.json'], /^error: no such file: \/nonexistent\/psa\.json$/],
      [['verify'], /^jil verify: missing the PSA file <psa\.json> and --validator-set <file>/],
    ];
    for (const [args, message] of cases) {
      const r = jil(...args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err.trim()).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});
