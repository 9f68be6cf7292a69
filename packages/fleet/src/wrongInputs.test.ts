import { describe, expect, it } from 'vitest';
import { GARBAGE_INPUTS } from '@jil/testkit';
import { isJilError } from '@jil/core';
import * as fleet from './index.js';

// Issue 12: no exported function of @jil/fleet lets anything but a JilError escape. Every export is called with garbage
// in its first two arguments (wrongTypes.test.ts checks the documented answers; this checks that nothing else leaks).
const GARBAGE = GARBAGE_INPUTS;

describe('wrong inputs to every exported function of @jil/fleet', () => {
  it('only JilError escapes', async () => {
    const escaped: string[] = [];
    for (const [name, fn] of Object.entries(fleet)) {
      if (typeof fn !== 'function' || /^[A-Z]/.test(name)) continue;
      for (const a of GARBAGE) {
        for (const b of [undefined, {}, a]) {
          try {
            const r = (fn as (...x: unknown[]) => unknown)(a, b);
            if (r instanceof Promise) await r.catch((e: unknown) => (isJilError(e) ? undefined : escaped.push(`${name}: ${String(e)}`)));
          } catch (e) {
            if (!isJilError(e)) escaped.push(`${name}: ${String(e)}`);
          }
        }
      }
    }
    expect([...new Set(escaped)]).toEqual([]);
  });
});
