import { isJilError, JilError } from '@jil/core';
import { GARBAGE_INPUTS } from '@jil/testkit';
import { describe, expect, it } from 'vitest';
import * as mpc from './index.js';

// Issue 12: no exported function lets anything but a JilError escape. Every exported function of @jil/mpc, every
// exported class (constructor and static methods) and every method of both ciphersuites is called with a matrix of
// wrong inputs; whatever is thrown or rejected must be a JilError. The exports are enumerated from the index, so a new
// export is covered without editing this file. wrongTypes.test.ts checks the documented codes of the main cases.
const GARBAGE: unknown[] = [...GARBAGE_INPUTS, [null], { commitments: [null], message: new Uint8Array(1) }];

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

async function escapes(name: string, call: (...args: unknown[]) => unknown): Promise<string[]> {
  const out: string[] = [];
  const record = (e: unknown) => (isJilError(e) ? undefined : out.push(`${name}: ${String(e)}`));
  for (const args of ARGUMENTS) {
    try {
      const r = call(...args);
      // a round waiting on garbage participants ends at its deadline; 200 ms is plenty for a rejection of wrong input
      if (r instanceof Promise) await Promise.race([r.then(() => undefined, record), new Promise((resolve) => setTimeout(resolve, 200))]);
    } catch (e) {
      record(e);
    }
  }
  return out;
}

describe('wrong inputs to every exported function of @jil/mpc', () => {
  it('the matrix reaches every export, enumerated from the index', () => {
    const functions = Object.entries(mpc)
      .filter(([, v]) => typeof v === 'function')
      .map(([k]) => k);
    expect(functions.length).toBeGreaterThan(45);
    for (const name of ['aggregateSignature', 'coordinateSigning', 'sealShare', 'culpritsOf', 'Cosigner', 'SigningSession'])
      expect(functions).toContain(name);
  });

  it('functions, constructors and static methods: only JilError escapes', async () => {
    const escaped: string[] = [];
    for (const [name, value] of Object.entries(mpc)) {
      if (typeof value !== 'function') continue;
      if (!/^[A-Z]/.test(name)) {
        escaped.push(...(await escapes(name, value as (...a: unknown[]) => unknown)));
        continue;
      }
      const C = value as unknown as (new (...a: unknown[]) => unknown) & Record<string, unknown>;
      escaped.push(...(await escapes(`new ${name}`, (...a) => new C(...a))));
      for (const key of Object.getOwnPropertyNames(C)) {
        const member = C[key];
        if (typeof member === 'function' && !['length', 'name', 'prototype'].includes(key))
          escaped.push(...(await escapes(`${name}.${key}`, (...a) => (member as (...x: unknown[]) => unknown).apply(C, a))));
      }
    }
    expect([...new Set(escaped)]).toEqual([]);
  }, 60_000);

  it('ciphersuite methods (getCiphersuite(id).…): only JilError escapes — noble errors come wrapped, with the cause', async () => {
    const escaped: string[] = [];
    for (const id of ['ed25519', 'ristretto255'] as const) {
      const suite = mpc.getCiphersuite(id) as unknown as Record<string, unknown>;
      for (const key of ['assertElement', 'baseMul', 'linearCombination']) {
        escaped.push(...(await escapes(`${id}.${key}`, (...a) => (suite[key] as (...x: unknown[]) => unknown)(...a))));
      }
    }
    expect([...new Set(escaped)]).toEqual([]);
  });

  it('ciphersuite methods: the codes, and valid input unchanged', () => {
    const s = mpc.getCiphersuite('ed25519');
    const thrown = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const offCurve = new Uint8Array(32).fill(0xff);
    const e = thrown(() => s.assertElement(offCurve));
    expect(isJilError(e, 'FROST_INVALID_ENCODING') && e.details['field']).toBe('element');
    expect((e as JilError).cause).toBeInstanceOf(Error);
    expect(
      isJilError(
        thrown(() => s.baseMul(1 as never)),
        'INVALID_ARGUMENT',
      ),
    ).toBe(true);
    expect(
      isJilError(
        thrown(() => s.baseMul(0n)),
        'INVALID_ARGUMENT',
      ),
    ).toBe(true);
    expect(
      isJilError(
        thrown(() => s.linearCombination([offCurve], [1n])),
        'FROST_INVALID_ENCODING',
      ),
    ).toBe(true);
    expect(
      isJilError(
        thrown(() => s.linearCombination([s.baseMul(2n)], [1 as never])),
        'INVALID_ARGUMENT',
      ),
    ).toBe(true);
    const two = s.baseMul(2n);
    expect(thrown(() => s.assertElement(two))).toBeUndefined();
    expect(s.linearCombination([s.baseMul(1n), s.baseMul(1n)], [1n, 1n])).toEqual(two);
  });
});

describe('culpritsOf', () => {
  it('reads details.culprits of a JilError as a copy; undefined for anything else', () => {
    const culprits = [mpc.identifierFromNumber(2), mpc.identifierFromNumber(4)];
    const error = new JilError('FROST_INVALID_SHARE', '2 invalid signature share(s)', { details: { culprits } });
    expect(mpc.culpritsOf(error)).toEqual(culprits);
    mpc.culpritsOf(error)!.push('x');
    expect(error.details['culprits']).toEqual(culprits);
    expect(mpc.culpritsOf(new JilError('FROST_INVALID_KEY_SHARE', 'repair failed', { details: { culprits: [] } }))).toEqual([]);
    for (const other of [
      new JilError('INVALID_ARGUMENT', 'x'),
      new JilError('INVALID_ARGUMENT', 'x', { details: { culprits: 'a' } }),
      new JilError('INVALID_ARGUMENT', 'x', { details: { culprits: [1] } }),
      new Error('x'),
      undefined,
      null,
      { details: { culprits } },
    ]) {
      expect(mpc.culpritsOf(other)).toBeUndefined();
    }
  });

  it('names the cheaters of a real aggregation failure', () => {
    const { publicKeyPackage, keyPackages } = mpc.trustedDealer({ minSigners: 2, maxSigners: 3 });
    const [a, b] = Object.values(keyPackages);
    const sa = mpc.SigningSession.create(a!);
    const sb = mpc.SigningSession.create(b!);
    const signingPackage = mpc.createSigningPackage([sa.commitments, sb.commitments], new Uint8Array([1, 2, 3]));
    const shares = [sa.sign(signingPackage), { ...sb.sign(signingPackage), share: new Uint8Array(32).fill(1) }];
    let caught: unknown;
    try {
      mpc.aggregateSignature({ publicKeyPackage, signingPackage, signatureShares: shares });
    } catch (e) {
      caught = e;
    }
    expect(isJilError(caught, 'FROST_INVALID_SHARE')).toBe(true);
    expect(mpc.culpritsOf(caught)).toEqual([b!.identifier]);
  });
});
