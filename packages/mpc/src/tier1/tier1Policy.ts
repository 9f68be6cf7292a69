import { JilError } from '@jil/core';
import type { SigningPolicy } from '../coordinator/Cosigner.js';
import { requireFunction, requireRecord } from '../internal/requireArgument.js';
import { checkTier1 } from './checkTier1.js';

/** Options of {@link tier1Policy}. */
export interface Tier1PolicyOptions {
  /** The pinned validator set. */
  validatorSet: unknown;
  /** Clock; default `() => new Date()`. */
  now?: () => Date;
  /** Where used PSA ids are kept; default an in-memory set (a PSA authorizes one signing request). */
  consumed?: { has(psaId: string): boolean; add(psaId: string): unknown };
}

/**
 * The Tier 1 rule as a {@link Cosigner} policy: reads the PSA from the signing context (`context.psa`), applies
 * {@link checkTier1}, and refuses with a `JilError` carrying the decision's code, message and details. An accepted PSA
 * is marked consumed before the share is computed.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `options` is not an object, `now` is given but not a
 *   function, or `consumed` is given without `has` and `add` methods.
 * @example
 * import { Cosigner, tier1Policy } from '@jil/mpc';
 * const jil = new Cosigner({ ...options, policy: tier1Policy({ validatorSet: pinnedSet }) });
 */
export function tier1Policy(options: Tier1PolicyOptions): SigningPolicy {
  requireRecord(options, 'options');
  if (options.now !== undefined) requireFunction(options.now, 'now');
  if (options.consumed !== undefined && (typeof options.consumed?.has !== 'function' || typeof options.consumed?.add !== 'function')) {
    throw new JilError('INVALID_ARGUMENT', 'consumed must have has(psaId) and add(psaId) methods', { details: { field: 'consumed' } });
  }
  const consumed = options.consumed ?? new Set<string>();
  return (message, context) => {
    const d = checkTier1({
      message,
      psa: context?.['psa'],
      validatorSet: options.validatorSet,
      now: options.now?.() ?? new Date(),
      consumed,
    });
    if (!d.allowed) return new JilError(d.code, `Tier 1 refused: ${d.message}`, { details: d.details });
    consumed.add(d.psaId);
    return undefined;
  };
}
