import { readFileSync } from 'node:fs';
import { REPO_ROOT } from '@jil/testkit';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isErrorCode } from './codes.js';
import { HTTP_STATUS_BY_CODE } from './httpStatus.js';
import { JilError, isJilError } from './JilError.js';

/** Rows of the table in docs/errors.md: `| \`CODE\` | status or — | meaning | what to do |`. */
function documentedRows(): Map<string, string> {
  const text = readFileSync(resolve(REPO_ROOT, 'docs', 'errors.md'), 'utf8');
  const rows = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\|\s*`([A-Z0-9_]+)`\s*\|\s*([^|]+?)\s*\|/.exec(line);
    if (m === null) continue;
    expect(rows.has(m[1]!), `${m[1]} documented twice`).toBe(false);
    rows.set(m[1]!, m[2]!);
  }
  return rows;
}

describe('error codes', () => {
  it('ERROR_CODES has no duplicates', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it('docs/errors.md documents exactly the codes of ERROR_CODES', () => {
    expect([...documentedRows().keys()].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('docs/errors.md gives the HTTP status of HTTP_STATUS_BY_CODE for every code', () => {
    const rows = documentedRows();
    for (const code of ERROR_CODES) {
      const status = HTTP_STATUS_BY_CODE[code];
      expect([code, rows.get(code)]).toEqual([code, status === null ? '—' : String(status)]);
    }
  });

  it('HTTP_STATUS_BY_CODE maps exactly the codes of ERROR_CODES to HTTP error statuses or null', () => {
    expect(Object.keys(HTTP_STATUS_BY_CODE).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      const status = HTTP_STATUS_BY_CODE[code];
      if (status === null) expect(code.startsWith('CLIENT_')).toBe(true);
      else expect(Number.isInteger(status) && status >= 400 && status <= 599).toBe(true);
    }
  });

  it('isErrorCode and isJilError', () => {
    for (const code of ERROR_CODES) expect(isErrorCode(code)).toBe(true);
    for (const v of ['', 'invalid_argument', 'NOPE', 1, null]) expect(isErrorCode(v)).toBe(false);
    const e = new JilError('NOT_FOUND', 'x', { details: { field: 'id' }, cause: new Error('c') });
    expect(isJilError(e)).toBe(true);
    expect(isJilError(e, 'NOT_FOUND')).toBe(true);
    expect(isJilError(e, 'INTERNAL')).toBe(false);
    expect(isJilError(new Error('x'))).toBe(false);
    expect(e.toJSON()).toEqual({ code: 'NOT_FOUND', message: 'x', details: { field: 'id' } });
  });
});
