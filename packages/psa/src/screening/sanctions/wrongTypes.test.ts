import { describe, expect, it } from 'vitest';
import { ENTITIES } from '@jil/psa-testkit';
import { createNameMatcher } from './NameMatcher.js';
import { normalizeName } from './normalizeName.js';
import { scoreName } from './scoreName.js';

const WRONG = [undefined, null, 42, 1n, {}, [], ['Putin'], new Uint8Array(4)] as const;
const invalidArgument = expect.objectContaining({ code: 'INVALID_ARGUMENT' });

describe('name matcher functions reject wrong types with INVALID_ARGUMENT', () => {
  const matcher = createNameMatcher(ENTITIES);
  it.each(WRONG.map((v) => [v]))('%o as a name', (v) => {
    expect(() => normalizeName(v as never)).toThrow(invalidArgument);
    expect(() => scoreName(v as never, 'Putin')).toThrow(invalidArgument);
    expect(() => scoreName('Putin', v as never)).toThrow(invalidArgument);
    expect(() => matcher.search({ name: v as never })).toThrow(invalidArgument);
  });
  it('createNameMatcher with entities that are not an array', () => {
    expect(() => createNameMatcher({} as never)).toThrow(invalidArgument);
  });
});
