/**
 * Finds exported functions that let something other than a `JilError` escape (issue 12: "no exported function throws
 * anything but JilError"): calls every exported function of @jil/core, @jil/core/tlog, @jil/psa, @jil/mpc, @jil/fleet
 * and @jil/sdk with garbage in its first two arguments (undefined, null, numbers, strings, objects, arrays, wrong
 * typed arrays, functions, symbols, bigints), awaits promises, and prints each function whose error is not a
 * JilError — thrown, rejected, or escaping as an unhandled rejection — with the first such error. A discovery tool for
 * the per-package wrong-input matrices, not a test: it exits 0.
 *
 *   pnpm node24 tsx --conditions=jil-source scripts/find-escaping-errors.ts
 */
import * as core from '@jil/core';
import { GARBAGE_INPUTS } from '@jil/testkit';
import * as tlog from '@jil/core/tlog';
import * as psa from '@jil/psa';
import * as fleet from '@jil/fleet';
import * as mpc from '@jil/mpc';
import * as sdk from '@jil/sdk';

const GARBAGE = GARBAGE_INPUTS;
const found = new Map<string, string>();
let current = '';
const describeError = (e: unknown) => `${(e as Error)?.constructor?.name ?? typeof e}: ${String((e as Error)?.message ?? e).slice(0, 100)}`;
process.on('unhandledRejection', (e) => found.set(`${current} (unhandled rejection)`, describeError(e)));
process.on('uncaughtException', (e) => found.set(`${current} (uncaught)`, describeError(e)));

for (const [pkg, mod] of Object.entries({ core, tlog, psa, mpc, fleet, sdk })) {
  for (const [name, fn] of Object.entries(mod)) {
    if (typeof fn !== 'function' || /^[A-Z]/.test(name)) continue; // classes and constructors are left out
    current = `${pkg}.${name}`;
    for (const a of GARBAGE) {
      for (const b of [undefined, {}, a]) {
        try {
          const r = (fn as (...x: unknown[]) => unknown)(a, b);
          if (r && typeof (r as Promise<unknown>).then === 'function') {
            await (r as Promise<unknown>).catch((e: unknown) => {
              if (!core.isJilError(e) && !found.has(current)) found.set(current, describeError(e));
            });
          }
        } catch (e) {
          if (!core.isJilError(e) && !found.has(current)) found.set(current, describeError(e));
        }
      }
    }
  }
}
await new Promise((r) => setTimeout(r, 200));
for (const [k, v] of found) console.log(`${k.padEnd(44)} ${v}`);
console.log(`${found.size} exported functions let a non-JilError escape`);
process.exit(0);
