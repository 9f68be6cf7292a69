import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceExportNames } from '@jil/testkit';
import * as client from './client.js';
import * as sdk from './index.js';

describe('@jil/sdk public surface', () => {
  it('the offline root exports exactly these values', () => {
    expect(Object.keys(sdk).sort()).toEqual([
      'ERROR_CODES',
      'JilError',
      'LOG_ENTRY_MAX_BYTES',
      'PSA_CHECKS',
      'PSA_PAYLOAD_TYPE',
      'isJilError',
      'psaLogEntry',
      'verifyPsa',
      'verifyValidatorSet',
      'verifyValidatorSetChain',
    ]);
  });

  it('@jil/sdk/client exports the HTTP client', () => {
    expect(Object.keys(client).sort()).toEqual(['JilClient']);
  });

  it('types: exactly these, on both entry points', () => {
    expect(sourceExportNames(new URL('./index.ts', import.meta.url)).types).toEqual([
      'ErrorCode',
      'PsaBody',
      'PsaCheck',
      'PsaExpectation',
      'SignedValidatorSet',
      'TxPreimageHashAlg',
      'ValidatorSet',
      'VerificationFailure',
      'VerifiedValidatorSet',
      'VerifyPsaFailure',
      'VerifyPsaOptions',
      'VerifyPsaResult',
      'VerifyValidatorSetChainOptions',
    ]);
    expect(sourceExportNames(new URL('./client.ts', import.meta.url)).types).toEqual([
      'JilClientOptions',
      'StoredPsaResponse',
      'ValidateResponse',
      'VerifyResponse',
    ]);
  });

  it('neither entry point imports undici, a node: module or zod classic, and the root imports no client code', () => {
    for (const file of ['index.ts', 'client.ts', 'JilClient.ts']) {
      const text = readFileSync(resolve(import.meta.dirname, file), 'utf8');
      expect(text, file).not.toMatch(/from '(?:undici|node:[a-z_/]+|zod)'/);
    }
    expect(readFileSync(resolve(import.meta.dirname, 'index.ts'), 'utf8')).not.toMatch(/JilClient|from '@jil\/psa'/);
  });
});
