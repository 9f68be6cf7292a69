import { describe, expect, it } from 'vitest';
import { openPostgres } from './openPostgres.js';
import { rejectionOf } from './testing/conformanceHelpers.js';

// Needs no server: port 1 on loopback refuses connections.
describe('openPostgres', () => {
  it('fails fast with STORAGE_ERROR that never shows the URL or its password', async () => {
    const error = await rejectionOf(openPostgres('postgres://jil:s3cr3t-pw@127.0.0.1:1/jil'));
    expect(error.code).toBe('STORAGE_ERROR');
    const seen = `${error.message} ${JSON.stringify(error)} ${String((error.cause as Error | undefined)?.message)}`;
    expect(seen).not.toContain('s3cr3t-pw');
  });

  it('rejects a searchPath that is not a plain identifier', async () => {
    const error = await rejectionOf(openPostgres('postgres://127.0.0.1:1/jil', { searchPath: 'x; DROP TABLE y' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
  });
});
