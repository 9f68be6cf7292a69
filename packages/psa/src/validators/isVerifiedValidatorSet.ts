import type { VerifiedValidatorSet } from './ValidatorSet.js';

/**
 * Type guard: `true` for a {@link VerifiedValidatorSet} (what `verifyValidatorSet` / `verifyValidatorSetChain` return),
 * `false` for anything else, such as a signed set document. It checks the shape only; a caller that passes a
 * verified set vouches for it.
 */
export function isVerifiedValidatorSet(value: unknown): value is VerifiedValidatorSet {
  return (
    typeof value === 'object' &&
    value !== null &&
    'byKeyId' in value &&
    (value as { byKeyId: unknown }).byKeyId instanceof Map &&
    'set' in value &&
    'sha256' in value
  );
}
