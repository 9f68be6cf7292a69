import { utf8ToBytes } from '@jil/core';
import { describe, expect, it } from 'vitest';
import { imageSignature, OTHER_DIGEST, REPOSITORY, trust } from '../testing/fixtures.testutil.js';
import { isDigest, MANIFEST_ACCEPT, manifestDigest } from './manifestDigest.js';
import { parseImageReference } from './parseImageReference.js';
import { verifyImageSignature } from './verifyImageSignature.js';

describe('image references and digests', () => {
  it('parses registry-qualified references', () => {
    expect(parseImageReference('127.0.0.1:5000/jil/validator:1.4.0')).toEqual({
      registry: '127.0.0.1:5000',
      path: 'jil/validator',
      repository: '127.0.0.1:5000/jil/validator',
      tag: '1.4.0',
    });
    expect(parseImageReference(`registry.jil.example/validator@${OTHER_DIGEST}`)).toEqual({
      registry: 'registry.jil.example',
      path: 'validator',
      repository: 'registry.jil.example/validator',
      digest: OTHER_DIGEST,
    });
    expect(parseImageReference(`localhost/a/b:t@${OTHER_DIGEST}`)).toMatchObject({ tag: 't', digest: OTHER_DIGEST });
  });

  it('refuses references without a registry, bad paths, tags and digests', () => {
    for (const bad of [
      'validator:1',
      'jil/validator:1',
      '127.0.0.1:5000/Jil/v',
      '127.0.0.1:5000/v:bad tag',
      '127.0.0.1:5000/v@sha256:abc',
      '',
      'x'.repeat(600),
    ]) {
      expect(() => parseImageReference(bad), bad).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  it('digest = sha256 of the exact manifest bytes (FIPS 180-4 "abc" vector)', () => {
    expect(manifestDigest(utf8ToBytes('abc'))).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(isDigest(manifestDigest(new Uint8Array()))).toBe(true);
    expect(isDigest('sha256:ABC')).toBe(false);
    expect(MANIFEST_ACCEPT).toContain('application/vnd.oci.image.manifest.v1+json');
    expect(() => manifestDigest('abc' as unknown as Uint8Array)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('verifies HQ image signatures against the expected digest and repository', () => {
    expect(verifyImageSignature(imageSignature(), { trust })).toMatchObject({ valid: true, body: { repository: REPOSITORY } });
    expect(verifyImageSignature(imageSignature(), { trust, digest: OTHER_DIGEST })).toMatchObject({
      check: 'digest',
      code: 'FLEET_DIGEST_MISMATCH',
    });
    expect(verifyImageSignature(imageSignature(), { trust, repository: '127.0.0.1:5001/jil/validator' })).toMatchObject({
      check: 'digest',
    });
  });
});
