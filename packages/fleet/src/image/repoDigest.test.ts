import { thrown } from '@jil/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIGEST, OTHER_DIGEST, REPOSITORY } from '../testing/fixtures.testutil.js';
import { parseRepoDigest, verifyRepoDigests } from './repoDigest.js';

const expected = { repository: REPOSITORY, digest: DIGEST };
const HEX = '0123456789abcdef';

describe('RepoDigests', () => {
  it('parses repository@sha256:…', () => {
    expect(parseRepoDigest(`${REPOSITORY}@${DIGEST}`)).toEqual({ repository: REPOSITORY, digest: DIGEST });
    expect(parseRepoDigest(`validator@${DIGEST}`)).toEqual({ repository: 'validator', digest: DIGEST });
    for (const bad of [
      '',
      DIGEST,
      `${REPOSITORY}@`,
      `@${DIGEST}`,
      `${REPOSITORY}@${DIGEST.toUpperCase()}`,
      `a b@${DIGEST}`,
      `${REPOSITORY}:1`,
    ]) {
      expect(thrown(() => parseRepoDigest(bad))).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'repoDigest' } });
    }
  });

  it('accepts when the engine lists exactly repository@digest among others', () => {
    expect(verifyRepoDigests([`${REPOSITORY}@${DIGEST}`], expected)).toEqual({ valid: true, repoDigest: `${REPOSITORY}@${DIGEST}` });
    expect(verifyRepoDigests(['garbage', `other/repo@${DIGEST}`, `${REPOSITORY}@${DIGEST}`], expected).valid).toBe(true);
  });

  it('refuses with check digest, FLEET_DIGEST_MISMATCH, expected and actual', () => {
    expect(verifyRepoDigests([`${REPOSITORY}@${OTHER_DIGEST}`], expected)).toEqual({
      valid: false,
      check: 'digest',
      code: 'FLEET_DIGEST_MISMATCH',
      message: "the engine's RepoDigests do not list the signed digest",
      details: { expected: `${REPOSITORY}@${DIGEST}`, actual: [`${REPOSITORY}@${OTHER_DIGEST}`] },
    });
    expect(verifyRepoDigests([], expected).valid).toBe(false);
    expect(verifyRepoDigests([`127.0.0.1:5001/jil/validator@${DIGEST}`], expected).valid).toBe(false);
    expect(verifyRepoDigests([DIGEST], expected).valid).toBe(false);
  });

  it('property: any change to the digest is refused', () => {
    const hex = DIGEST.slice('sha256:'.length);
    fc.assert(
      fc.property(fc.nat({ max: 63 }), fc.constantFrom(...HEX), (i, c) => {
        fc.pre(hex[i] !== c);
        const changed = `sha256:${hex.slice(0, i)}${c}${hex.slice(i + 1)}`;
        expect(verifyRepoDigests([`${REPOSITORY}@${changed}`], expected)).toMatchObject({ valid: false, code: 'FLEET_DIGEST_MISMATCH' });
        expect(verifyRepoDigests([`${REPOSITORY}@${DIGEST}`], { repository: REPOSITORY, digest: changed }).valid).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('property: a listed digest other than the signed one, in any spelling, is refused', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (digest) => {
        fc.pre(digest !== DIGEST);
        expect(verifyRepoDigests([`${REPOSITORY}@${digest}`, digest], expected).valid).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('wrong arguments are INVALID_ARGUMENT', () => {
    expect(thrown(() => verifyRepoDigests('x' as never, expected))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'repoDigests' },
    });
    expect(thrown(() => verifyRepoDigests([], null as never))).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'expected' } });
    expect(thrown(() => verifyRepoDigests([], { repository: '', digest: DIGEST }))).toMatchObject({
      details: { field: 'expected.repository' },
    });
    expect(thrown(() => verifyRepoDigests([], { repository: REPOSITORY, digest: 'latest' }))).toMatchObject({
      details: { field: 'expected.digest' },
    });
  });
});
