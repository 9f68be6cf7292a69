import { describe, expect, it } from 'vitest';
import * as sdk from './index.js';

describe('@jil/sdk public surface', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(sdk).sort()).toEqual(['ERROR_CODES', 'JilClient', 'JilError', 'PSA_CHECKS', 'PSA_PAYLOAD_TYPE', 'isJilError', 'verifyPsa', 'verifyValidatorSet', 'verifyValidatorSetChain']);
  });
});
