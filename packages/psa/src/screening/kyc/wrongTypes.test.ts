import { describe, expect, it } from 'vitest';
import { FATF, IBAN_REGISTRY } from './__fixtures__/kycFixtures.js';
import { corridorBand } from './corridorBand.js';
import { validateBic } from './validateBic.js';
import { validateIban } from './validateIban.js';

const WRONG = [undefined, null, 42, 1n, {}, [], ['DE89370400440532013000'], new Uint8Array(4)] as const;
const invalidArgument = expect.objectContaining({ code: 'INVALID_ARGUMENT' });

describe('KYC helpers reject wrong types with INVALID_ARGUMENT', () => {
  it.each(WRONG.map((v) => [v]))('validateIban(%o)', (v) => {
    expect(() => validateIban(v as never, IBAN_REGISTRY)).toThrow(invalidArgument);
  });
  it('validateIban with a registry that is not a Map', () => {
    expect(() => validateIban('DE89370400440532013000', {} as never)).toThrow(invalidArgument);
  });
  it.each(WRONG.map((v) => [v]))('validateBic(%o)', (v) => {
    expect(() => validateBic(v as never)).toThrow(invalidArgument);
  });
  it('validateBic with banks that are not a Map', () => {
    expect(() => validateBic('DEUTDEFF', [] as never)).toThrow(invalidArgument);
  });
  it.each(WRONG.filter((v) => v !== undefined).map((v) => [v]))('corridorBand(%o, …)', (v) => {
    expect(() => corridorBand(v as never, 'IR', FATF)).toThrow(invalidArgument);
    expect(() => corridorBand('CH', v as never, FATF)).toThrow(invalidArgument);
  });
  it('corridorBand with fatf that is not an array', () => {
    expect(() => corridorBand('CH', 'IR', {} as never)).toThrow(invalidArgument);
  });
});
