import { describe, expect, it } from 'vitest';
import { GARBAGE_INPUTS } from '@jil/testkit';
import { isJilError } from '@jil/core';
import * as psa from './index.js';
import * as verify from './verify.js';

// Issue 12: no exported function lets anything but a JilError escape. Every exported function of @jil/psa/verify and
// of @jil/psa (the index, which re-exports verify) is called with a matrix of wrong inputs; every exported class is
// constructed with it. Whatever is thrown or rejected must be a JilError. The exports are enumerated from the entry
// points, so a new export is covered without editing this file (scripts/find-escaping-errors.ts does the same across
// all packages with the first two arguments only).
const GARBAGE: unknown[] = [...GARBAGE_INPUTS, { signatures: [null] }, { payloadType: 'x', payload: '', signatures: [null, 1] }];

/** An object whose every property is `g` (so records pass the top-level check and their fields are garbage). */
const everyFieldIs = (g: unknown): unknown =>
  new Proxy({}, { get: (_t, key) => (key === 'then' || typeof key === 'symbol' ? undefined : g), has: () => true });

/** Argument lists: garbage in the first one, two and three positions, alone, beside `{}`, and inside records. */
const ARGUMENTS: unknown[][] = GARBAGE.flatMap((a) => [
  [a],
  [a, undefined],
  [a, {}],
  [a, a],
  [a, a, a],
  [{}, a, a],
  [everyFieldIs(a), everyFieldIs(a), everyFieldIs(a)],
]);

/** Calls (or constructs) `fn` with every argument list; returns what escaped that is not a JilError. */
async function escapes(name: string, fn: (...args: unknown[]) => unknown, construct: boolean): Promise<string[]> {
  const out: string[] = [];
  const record = (e: unknown) => (isJilError(e) ? undefined : out.push(`${name}: ${String(e)}`));
  for (const args of ARGUMENTS) {
    try {
      const r = construct ? new (fn as unknown as new (...a: unknown[]) => unknown)(...args) : fn(...args);
      // a promise that never settles (a stage waiting on garbage) is not an escape; 200 ms is plenty for a rejection
      if (r instanceof Promise) await Promise.race([r.then(() => undefined, record), new Promise((resolve) => setTimeout(resolve, 200))]);
    } catch (e) {
      record(e);
    }
  }
  return out;
}

async function escapesOf(mod: Record<string, unknown>): Promise<string[]> {
  const escaped: string[] = [];
  for (const [name, value] of Object.entries(mod)) {
    if (typeof value !== 'function') continue;
    const fn = value as (...args: unknown[]) => unknown;
    const isClass = /^[A-Z]/.test(name);
    escaped.push(...(await escapes(name, fn, isClass)));
    if (!isClass) continue;
    // static methods of exported classes are exported functions too
    for (const key of Object.getOwnPropertyNames(fn)) {
      const member = (fn as unknown as Record<string, unknown>)[key];
      if (typeof member === 'function' && !['length', 'name', 'prototype'].includes(key))
        escaped.push(...(await escapes(`${name}.${key}`, (...a) => (member as (...x: unknown[]) => unknown).apply(fn, a), false)));
    }
  }
  return [...new Set(escaped)];
}

describe('wrong inputs to every exported function of @jil/psa/verify', () => {
  it('only JilError escapes', async () => {
    expect(await escapesOf(verify)).toEqual([]);
  });
});

describe('wrong inputs to every exported function and class of @jil/psa', () => {
  it('the matrix reaches every export: functions and classes are enumerated from the index', () => {
    const functions = Object.entries(psa)
      .filter(([, v]) => typeof v === 'function')
      .map(([k]) => k);
    expect(functions.length).toBeGreaterThan(50);
    for (const name of ['buildPsaBody', 'collectQuorum', 'cosignCheckpoint', 'normalizeAddress', 'runStages', 'CompactAddressIndex'])
      expect(functions).toContain(name);
  });

  it('only JilError escapes', async () => {
    expect(await escapesOf(psa)).toEqual([]);
  }, 60_000);

  it('argument errors name the field (details.field) with INVALID_ARGUMENT', () => {
    const fieldOf = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return isJilError(e, 'INVALID_ARGUMENT') ? e.details['field'] : `not INVALID_ARGUMENT: ${String(e)}`;
      }
      return 'no error';
    };
    expect(fieldOf(() => psa.buildPsaBody(undefined as never))).toBe('params');
    expect(fieldOf(() => psa.buildPsaBody({} as never))).toBe('request');
    expect(fieldOf(() => psa.datasetFreshness(null as never, new Date()))).toBe('datasets');
    expect(fieldOf(() => psa.datasetFreshness([], new Date(Number.NaN)))).toBe('now');
    expect(fieldOf(() => psa.toMinorUnits('1.5', Symbol('s') as never))).toBe('scale');
    expect(fieldOf(() => psa.fromMinorUnits(5 as never, 2))).toBe('units');
    expect(fieldOf(() => psa.preclearanceFeeCents(1 as never))).toBe('amountUsdCents');
    expect(fieldOf(() => psa.toChecksumAddress('5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED'))).toBe('lowerHex40');
    expect(fieldOf(() => psa.riskBand(Symbol('s') as never))).toBe('score');
    expect(fieldOf(() => psa.partyCommitment(new Uint8Array(32), 'other' as never, 'A'))).toBe('role');
    expect(fieldOf(() => psa.selectQuorum([], { validators: [] } as never, -1))).toBe('offset');
    expect(fieldOf(() => psa.decodeAddressIndex('JILADDR1' as never))).toBe('bytes');
    expect(fieldOf(() => psa.zodFieldIssues({ issues: [null] } as never))).toBe('error.issues[0]');
    expect(fieldOf(() => psa.validatorKey(new Uint8Array(32), Object.create(null) as never))).toBe('alg');
    expect(fieldOf(() => new psa.MemoryClearanceStore(null as never))).toBe('rows');
  });

  it('valid input still works where the new checks sit', () => {
    expect(psa.toChecksumAddress('5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toBe('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed');
    expect(psa.toMinorUnits('12.5', 2)).toBe(1250n);
    expect(psa.fromMinorUnits(1250n, 2)).toBe('12.50');
    expect(psa.preclearanceFeeCents(1_000_000n)).toBe(2500n);
    expect(psa.riskBand(80)).toBe('critical');
    expect(psa.decideVerdict([], [])).toEqual({ verdict: 'pass', reasons: [] });
    expect(psa.datasetFreshness([{ name: 'ofac-sdn', source_date: '2025-01-01' }], new Date('2025-01-03T00:00:00Z'))[0]).toMatchObject({
      age_days: 2,
      stale: false,
    });
  });
});
