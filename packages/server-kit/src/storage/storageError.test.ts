import { JilError } from '@jil/core';
import { describe, expect, it } from 'vitest';
import { sqlstateOf, storageError } from './storageError.js';

describe('storageError', () => {
  it('keeps SQLSTATE, constraint and table, and drops row values from detail', () => {
    const driverError = Object.assign(new Error('new row for relation "access_keys" violates check constraint "c"'), {
      code: '23514',
      constraint: 'c',
      table: 'access_keys',
      detail: 'Failing row contains (AK1, c2VjcmV0, ...)',
    });
    const error = storageError('query', driverError);
    expect(error).toBeInstanceOf(JilError);
    expect(error.toJSON()).toEqual({
      code: 'STORAGE_ERROR',
      message: 'database query failed',
      details: { operation: 'query', sqlstate: '23514', constraint: 'c', table: 'access_keys' },
    });
    expect(JSON.stringify(error.cause, Object.getOwnPropertyNames(error.cause))).not.toContain('c2VjcmV0');
    expect(sqlstateOf(error)).toBe('23514');
  });

  it('passes a JilError through and copes with non-errors', () => {
    const original = new JilError('INVALID_ARGUMENT', 'x');
    expect(storageError('query', original)).toBe(original);
    expect(storageError('open', 'weird').details).toEqual({ operation: 'open' });
    expect(sqlstateOf(original)).toBeUndefined();
  });
});
