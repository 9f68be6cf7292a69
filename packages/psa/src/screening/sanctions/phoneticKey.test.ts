import { describe, expect, it } from 'vitest';
import { phoneticForm, skeletonKey } from './phoneticKey.js';

describe('phoneticForm', () => {
  it.each([
    ['mahmood', 'mahmoud'],
    ['ahmadinezhad', 'ahmadinejad'],
    ['osama', 'usama'],
    ['laden', 'ladin'],
    ['wladimir', 'vladimir'],
    ['zelenskiy', 'zelenskyy'],
    ['abdullah', 'abdulla'],
    ['mohammed', 'muhamed'],
    ['qaida', 'kaida'],
  ])('%s ≡ %s', (a, b) => {
    expect(phoneticForm(a)).toBe(phoneticForm(b));
  });

  it.each([
    ['ortiz', 'ortega'],
    ['merkel', 'merkur'],
    ['harry', 'larry'],
  ])('%s ≢ %s', (a, b) => {
    expect(phoneticForm(a)).not.toBe(phoneticForm(b));
  });
});

describe('skeletonKey', () => {
  it('keeps the first letter (vowels as a) and the consonants', () => {
    expect(skeletonKey(phoneticForm('mohammed'))).toBe('mhmd');
    expect(skeletonKey(phoneticForm('usama'))).toBe('asm');
    expect(skeletonKey(phoneticForm('vladimir'))).toBe('vldmr');
    expect(skeletonKey('')).toBe('');
  });
});
