import { describe, expect, it } from 'vitest';
import { GARBAGE_INPUTS } from '@jil/testkit';
import * as core from './index.js';
import * as events from './events/index.js';
import * as tlog from './tlog/index.js';

// Issue 12: no exported function lets anything but a JilError escape. Every exported function of @jil/core,
// @jil/core/tlog and @jil/core/events is called with garbage in its first two arguments; whatever it throws or rejects
// with must be a JilError (scripts/find-escaping-errors.ts does the same across all packages).
const GARBAGE = GARBAGE_INPUTS;

describe('wrong inputs to every exported function of @jil/core', () => {
  for (const [entry, mod] of Object.entries({ '@jil/core': core, '@jil/core/tlog': tlog, '@jil/core/events': events })) {
    it(`${entry}: only JilError escapes`, async () => {
      const escaped: string[] = [];
      for (const [name, fn] of Object.entries(mod)) {
        if (typeof fn !== 'function' || /^[A-Z]/.test(name)) continue; // classes are constructed, not called
        for (const a of GARBAGE) {
          for (const b of [undefined, {}, a]) {
            try {
              const r = (fn as (...x: unknown[]) => unknown)(a, b);
              if (r instanceof Promise)
                await r.catch((e: unknown) => (core.isJilError(e) ? undefined : escaped.push(`${name}: ${String(e)}`)));
            } catch (e) {
              if (!core.isJilError(e)) escaped.push(`${name}: ${String(e)}`);
            }
          }
        }
      }
      expect([...new Set(escaped)]).toEqual([]);
    });
  }
});
