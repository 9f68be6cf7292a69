import { describe, expect, it } from 'vitest';
import { isJilError } from '@jil/core';
import * as verify from './verify.js';

// Issue 12: the offline verify path (what exchanges call) lets only JilError escape: every exported function of
// @jil/psa/verify is called with garbage in its first two arguments (scripts/find-escaping-errors.ts covers the rest).
const GARBAGE: unknown[] = [undefined, null, 0, -1, Number.NaN, '', 'x', {}, [], true, new Uint8Array(0), new Uint8Array(33), () => 1, Symbol('s'), 10n, Object.create(null), { signatures: [null] }, { payloadType: 'x', payload: '', signatures: [null, 1] }];

describe('wrong inputs to every exported function of @jil/psa/verify', () => {
  it('only JilError escapes', () => {
    const escaped: string[] = [];
    for (const [name, fn] of Object.entries(verify)) {
      if (typeof fn !== 'function' || /^[A-Z]/.test(name)) continue;
      for (const a of GARBAGE) {
        for (const b of [undefined, {}, a]) {
          try {
            (fn as (...x: unknown[]) => unknown)(a, b);
          } catch (e) {
            if (!isJilError(e)) escaped.push(`${name}: ${String(e)}`);
          }
        }
      }
    }
    expect([...new Set(escaped)]).toEqual([]);
  });
});
