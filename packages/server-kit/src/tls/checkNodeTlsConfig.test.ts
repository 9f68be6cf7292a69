import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkNodeTlsConfig } from './checkNodeTlsConfig.js';

const dir = mkdtempSync(join(tmpdir(), 'jil-tls-config-'));
for (const f of ['ca.pem', 'node.pem', 'node.key']) writeFileSync(join(dir, f), 'x');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkNodeTlsConfig', () => {
  it('resolves the files against the config folder and defaults the refresh to 60 s', () => {
    expect(
      checkNodeTlsConfig(
        { caCertificateFile: 'ca.pem', certificateFile: 'node.pem', privateKeyFile: 'node.key', hqUrl: 'https://hq:7400' },
        dir,
      ),
    ).toEqual({
      caCertificateFile: join(dir, 'ca.pem'),
      certificateFile: join(dir, 'node.pem'),
      privateKeyFile: join(dir, 'node.key'),
      hqUrl: 'https://hq:7400',
      crlRefreshSeconds: 60,
    });
  });

  it('lists every bad field', () => {
    let caught: unknown;
    try {
      checkNodeTlsConfig(
        { caCertificateFile: 'missing.pem', hqUrl: 'ftp://x', crlRefreshSeconds: 0, allowedNodeIds: [1], extra: true },
        dir,
      );
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((caught as { details: { fields: { field: string }[] } }).details.fields.map((f) => f.field)).toEqual([
      'tls.caCertificateFile',
      'tls.certificateFile',
      'tls.privateKeyFile',
      'tls.hqUrl',
      'tls.crlRefreshSeconds',
      'tls.allowedNodeIds',
      'tls.extra',
    ]);
    expect(() => checkNodeTlsConfig('yes', dir)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
