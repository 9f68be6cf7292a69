import { describe, expect, it } from 'vitest';
import { generateEmbeddedValidators, signValidatorSet, validatorSetFor, verifyValidatorSet } from '@jil/psa';
import { guardianKeyFromSeed } from './guardianKeyFromSeed.js';
import { guardianSetOf } from './guardianSetOf.js';

describe('guardianSetOf', () => {
  const validators = generateEmbeddedValidators(20);
  const keys = validators.map((v) => guardianKeyFromSeed(v.secretKey));
  const guardians = Object.fromEntries(validators.map((v, i) => [v.id, keys[i]!.address]));
  const now = new Date();
  const window = { validFrom: new Date(now.getTime() - 60_000), validUntil: new Date(now.getTime() + 86_400_000) };

  it("lists every active validator's guardian address, checksummed and ascending, with the set's threshold and version", () => {
    const verified = verifyValidatorSet(
      signValidatorSet(validatorSetFor({ validators, setId: 'g', version: 3, guardians, ...window }), validators),
      {
        now,
      },
    );
    const set = guardianSetOf(verified);
    expect(set.version).toBe(3);
    expect(set.threshold).toBe(14);
    expect(set.guardians.map((g) => g.toLowerCase()).sort()).toEqual(keys.map((k) => k.address).sort());
    const numbers = set.guardians.map((g) => BigInt(g));
    expect(numbers.every((n, i) => i === 0 || n > numbers[i - 1]!)).toBe(true);
    expect(set.guardians.every((g) => /^0x[0-9a-fA-F]{40}$/.test(g) && g !== g.toLowerCase())).toBe(true);
  });

  it('leaves out suspended validators and refuses a set with fewer guardians than its threshold', () => {
    const set = validatorSetFor({ validators, setId: 'g', guardians, ...window });
    const suspended = { ...set, validators: set.validators.map((v, i) => (i < 6 ? { ...v, status: 'suspended' as const } : v)) };
    expect(guardianSetOf({ set: suspended }).guardians).toHaveLength(14);
    const fewer = { ...set, validators: set.validators.map((v, i) => (i < 7 ? { ...v, status: 'retired' as const } : v)) };
    expect(() => guardianSetOf({ set: fewer })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    const unguarded = validatorSetFor({ validators, setId: 'g', ...window });
    expect(() => guardianSetOf({ set: unguarded })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
