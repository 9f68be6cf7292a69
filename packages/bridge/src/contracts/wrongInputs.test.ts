import { isJilError } from '@jil/core';
import { GARBAGE_INPUTS } from '@jil/testkit';
import { describe, expect, it } from 'vitest';
import * as api from './index.js';

// No exported function of the contract API lets anything but a JilError escape: each is called with garbage in its
// first two arguments. compileBridgeContracts is called with garbage only (its default compiles the real sources).
describe('wrong inputs to every exported function of @jil/bridge contracts', () => {
  it('only JilError escapes', async () => {
    const escaped: string[] = [];
    for (const [name, fn] of Object.entries(api)) {
      if (typeof fn !== 'function' || /^[A-Z]/.test(name)) continue;
      for (const a of GARBAGE_INPUTS) {
        if (name === 'compileBridgeContracts' && a === undefined) continue;
        for (const b of [undefined, {}, a]) {
          try {
            const r = (fn as (...x: unknown[]) => unknown)(a, b);
            if (r instanceof Promise) {
              await r.catch((e: unknown) => (isJilError(e) ? undefined : escaped.push(`${name}: ${String(e)}`)));
            }
          } catch (e) {
            if (!isJilError(e)) escaped.push(`${name}: ${String(e)}`);
          }
        }
      }
    }
    expect([...new Set(escaped)]).toEqual([]);
  });

  it('names the bad fields of deployBridge options and sortAddresses', async () => {
    const err = await api.deployBridge({} as never, { guardians: ['0x12'], threshold: -1, version: 1.5 }).catch((e: unknown) => e);
    expect(isJilError(err, 'INVALID_ARGUMENT') && err.details['fields']).toEqual([
      { field: 'signer', message: 'must be an ethers Signer' },
      { field: 'guardians[0]', message: 'must be an EVM address' },
      { field: 'threshold', message: 'must be an integer in 0..65535' },
      { field: 'version', message: 'must be an integer in 0..2^32-1' },
    ]);
    expect(api.sortAddresses(['0x00000000000000000000000000000000000000ff', '0x000000000000000000000000000000000000000A'])).toEqual([
      '0x000000000000000000000000000000000000000A',
      '0x00000000000000000000000000000000000000ff',
    ]);
  });
});
