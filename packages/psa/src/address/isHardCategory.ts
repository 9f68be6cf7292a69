import { HARD_CATEGORIES, type AddressCategory, type HardCategory } from '../datasets/types.js';

/**
 * Type guard: the category fails a transfer (`HARD_CATEGORIES`: sanctioned, dprk, mixer, scam, phishing).
 *
 * @param category - an address category.
 * @returns `true` for a hard category, `false` for an informational one (exchange, defi, bridge).
 * @example
 * import { isHardCategory } from '@jil/psa';
 * isHardCategory('mixer'); // true
 */
export function isHardCategory(category: AddressCategory): category is HardCategory {
  return (HARD_CATEGORIES as readonly string[]).includes(category);
}
