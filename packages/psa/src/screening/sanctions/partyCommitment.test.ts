import { readFileSync } from 'node:fs';
import { base64Decode, base64Encode } from '@jil/core';
import { describe, expect, it } from 'vitest';
import { newPartySalts, partyCommitment } from './partyCommitment.js';

const SALT = base64Encode(Uint8Array.from({ length: 32 }, (_, i) => i));
const DOC = readFileSync(new URL('../../../../../docs/psa-format.md', import.meta.url), 'utf8');

describe('partyCommitment (docs/psa-format.md §Party commitments)', () => {
  it('matches the test vectors of docs/psa-format.md, byte for byte', () => {
    const sender = partyCommitment(SALT, 'sender', 'Zoë Ångström');
    const receiver = partyCommitment(SALT, 'receiver', 'Ivan Petrov');
    expect(sender).toBe('c93a4f7512b02ee102644deae76653af2e325331ec9a561e3b91b31e9a40cd1f');
    expect(receiver).toBe('3e81905e4db977305c41ae26df2bd1b1bb3b2ae52b11ebee8d73631662ab9886');
    for (const v of [SALT, sender, receiver]) expect(DOC).toContain(v);
  });

  it('recomputes from the returned salt and the name; a wrong name, role or salt does not match', () => {
    const salts = newPartySalts({ sender: { name: 'Greta Lindqvist' }, receiver: {} });
    expect(Object.keys(salts)).toEqual(['sender']);
    expect(base64Decode(salts.sender!)).toHaveLength(32);
    const c = partyCommitment(salts.sender!, 'sender', 'Greta Lindqvist');
    expect(c).toMatch(/^[0-9a-f]{64}$/);
    expect(partyCommitment(base64Decode(salts.sender!), 'sender', 'Greta Lindqvist')).toBe(c);
    expect(partyCommitment(salts.sender!, 'sender', 'Greta Lindqvis')).not.toBe(c);
    expect(partyCommitment(salts.sender!, 'sender', 'greta lindqvist')).not.toBe(c);
    expect(partyCommitment(salts.sender!, 'receiver', 'Greta Lindqvist')).not.toBe(c);
    const other = newPartySalts({ sender: { name: 'x' }, receiver: { name: 'y' } });
    expect(other.sender).not.toBe(other.receiver);
    expect(partyCommitment(other.sender!, 'sender', 'Greta Lindqvist')).not.toBe(c);
  });

  it('refuses a salt that is not 32 bytes', () => {
    expect(() => partyCommitment(new Uint8Array(31), 'sender', 'A')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
