import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The suite must run on the Node.js 24 LTS that the workspace brings (tools/node24): a silent fall back to the
// system's Node 20 has to fail CI here, not pass with fewer features.
const root = resolve(import.meta.dirname, '../..');
const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];

describe('runtime', () => {
  it('is Node.js >= 24.11 (the first Node 24 LTS)', () => {
    expect(major > 24 || (major === 24 && minor >= 11), `running on ${process.version}`).toBe(true);
  });

  it('links OpenSSL >= 3.5, which has ML-DSA and ML-KEM', () => {
    const [sslMajor, sslMinor] = process.versions.openssl.split('.').map(Number) as [number, number];
    expect(sslMajor > 3 || (sslMajor === 3 && sslMinor >= 5), `OpenSSL ${process.versions.openssl}`).toBe(true);
  });

  it('was started through jil-node24, and the workspace declares the same minimum everywhere', () => {
    expect(['env', 'path', 'npm']).toContain(process.env.JIL_NODE_SOURCE);
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      devEngines: { runtime: { name: string; version: string } };
    };
    expect(pkg.devEngines.runtime).toMatchObject({ name: 'node', version: '>=24.11.0' });
    expect(readFileSync(resolve(root, '.nvmrc'), 'utf8').trim()).toBe('24');
  });

  it('jil-node24 refuses a Node.js older than 24.11 given as JIL_NODE, instead of running on it', () => {
    // /bin/false fails the launcher's version probe exactly as a Node 20 binary does (exit status ≠ 0).
    const launcher = resolve(root, 'tools/node24/jil-node24.sh');
    let status = 0;
    let stderr = '';
    try {
      execFileSync('sh', [launcher, 'node', '--version'], { env: { ...process.env, JIL_NODE: '/bin/false' }, stdio: 'pipe' });
    } catch (error) {
      const e = error as { status: number; stderr: Buffer };
      status = e.status;
      stderr = e.stderr.toString();
    }
    expect(status).toBe(127);
    expect(stderr).toContain('JIL_NODE=/bin/false is not Node.js >= 24.11');
  });
});
