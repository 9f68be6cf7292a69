import { bytesToHex, hexToBytes, JilError } from '@jil/core';
import { getCiphersuite, type CiphersuiteId } from './Ciphersuite.js';

/**
 * A participant identifier (RFC 9591 §2, §5): a non-zero scalar, written as the lowercase hex of its 32-byte
 * little-endian encoding — `1` is `"0100…00"`. The same form as `@noble/curves` FROST and the ZF `frost-*` crates.
 */
export type Identifier = string;

/**
 * The identifier of participant number `n` (1, 2, …).
 *
 * @param n - a positive safe integer.
 * @throws JilError `INVALID_ARGUMENT` when `n` is not a positive safe integer.
 * @see RFC 9591 §5 (participant identifiers)
 * @example
 * import { identifierFromNumber } from '@jil/mpc';
 * identifierFromNumber(1); // '0100000000000000000000000000000000000000000000000000000000000000'
 */
export function identifierFromNumber(n: number, suite: CiphersuiteId = 'ed25519'): Identifier {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new JilError('INVALID_ARGUMENT', 'identifier number must be a positive safe integer', { details: { field: 'n' } });
  return getCiphersuite(suite).frost.Identifier.fromNumber(n);
}

/**
 * An identifier derived from a name (ZF `Identifier::derive`: H(contextString ‖ "id" ‖ name) reduced mod L).
 *
 * @example
 * import { deriveIdentifier } from '@jil/mpc';
 * const id = deriveIdentifier('cosigner-zurich');
 */
export function deriveIdentifier(name: string, suite: CiphersuiteId = 'ed25519'): Identifier {
  if (typeof name !== 'string' || name.length === 0)
    throw new JilError('INVALID_ARGUMENT', 'name must be a non-empty string', { details: { field: 'name' } });
  return getCiphersuite(suite).frost.Identifier.derive(name);
}

/** The scalar value of an identifier (for ordering and Lagrange coefficients). */
export function identifierScalar(id: Identifier): bigint {
  const bytes = hexToBytes(id);
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

/** Total order of identifiers by scalar value (RFC 9591 sorts commitment lists this way). */
export function compareIdentifiers(a: Identifier, b: Identifier): number {
  const x = identifierScalar(a);
  const y = identifierScalar(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `true` when `value` is a canonical identifier of the suite (64 lowercase hex chars, non-zero scalar < L). */
export function isIdentifier(value: unknown, suite: CiphersuiteId = 'ed25519'): value is Identifier {
  if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value)) return false;
  const n = identifierScalar(value);
  return n !== 0n && n < getCiphersuite(suite).Fn.ORDER && bytesToHex(hexToBytes(value)) === value;
}
