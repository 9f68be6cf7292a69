import { frostError } from '../frostError.js';
import type { KeyPackage } from '../keys/KeyPackage.js';
import type { PublicKeyPackage } from '../keys/PublicKeyPackage.js';
import type { SigningPackage } from '../signing/SigningPackage.js';

/*
 * Cheap shape checks at the boundary of exported functions (issue 12: no exported function throws anything but a
 * JilError). Each throws `INVALID_ARGUMENT` with `details.field`. They look at types and array/record shapes only —
 * never at group elements (those are decoded and checked once where they are used) — so they cost nothing next to
 * the curve arithmetic. Internal to @jil/mpc.
 */

const invalid = (field: string, what: string) => frostError('INVALID_ARGUMENT', `${field} must be ${what}`, { field });

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Throws `INVALID_ARGUMENT` (details.field) unless `value` is a non-null, non-array object. */
export function requireRecord<T>(value: T, field: string): asserts value is NonNullable<T> {
  if (!isRecord(value)) throw invalid(field, 'an object');
}

/** Throws `INVALID_ARGUMENT` (details.field) unless `value` is an array. */
export function requireArray(value: unknown, field: string): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(field, 'an array');
}

/** Throws `INVALID_ARGUMENT` (details.field) unless `value` is a string. */
export function requireString(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string') throw invalid(field, 'a string');
}

/** Throws `INVALID_ARGUMENT` (details.field) unless `value` is a `Uint8Array` (of `length` bytes when given). */
export function requireBytes(value: unknown, field: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw invalid(field, 'a Uint8Array');
  if (length !== undefined && value.length !== length) throw invalid(field, `${length} bytes`);
}

/** Throws `INVALID_ARGUMENT` (details.field) unless `value` is a function. */
export function requireFunction(value: unknown, field: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') throw invalid(field, 'a function');
}

/** Throws `INVALID_ARGUMENT` (details.field) unless `value` is an array of `Uint8Array`s. */
export function requireBytesArray(value: unknown, field: string): asserts value is readonly Uint8Array[] {
  if (!Array.isArray(value) || !value.every((b) => b instanceof Uint8Array)) throw invalid(field, 'an array of Uint8Array');
}

/**
 * The shape of a {@link PublicKeyPackage}: a known suite, integer counts, a commitment array of byte arrays and a
 * record of verifying shares (byte arrays). Elements are not decoded here.
 */
export function requirePublicKeyPackage(value: unknown, field: string): asserts value is PublicKeyPackage {
  if (!isRecord(value)) throw invalid(field, 'a public key package');
  if (value['suite'] !== 'ed25519' && value['suite'] !== 'ristretto255') throw invalid(`${field}.suite`, '"ed25519" or "ristretto255"');
  if (!Number.isSafeInteger(value['minSigners']) || !Number.isSafeInteger(value['maxSigners']))
    throw invalid(`${field}.minSigners`, 'an integer (and maxSigners too)');
  requireBytesArray(value['commitments'], `${field}.commitments`);
  const shares = value['verifyingShares'];
  if (!isRecord(shares) || !Object.values(shares).every((b) => b instanceof Uint8Array))
    throw invalid(`${field}.verifyingShares`, 'a record of Uint8Array');
}

/** The shape of a {@link KeyPackage}: suite, identifier string, signing share bytes and a public key package. */
export function requireKeyPackage(value: unknown, field: string): asserts value is KeyPackage {
  if (!isRecord(value)) throw invalid(field, 'a key package');
  if (value['suite'] !== 'ed25519' && value['suite'] !== 'ristretto255') throw invalid(`${field}.suite`, '"ed25519" or "ristretto255"');
  requireString(value['identifier'], `${field}.identifier`);
  requireBytes(value['signingShare'], `${field}.signingShare`);
  requirePublicKeyPackage(value['publicKeyPackage'], `${field}.publicKeyPackage`);
}

/**
 * The shape of a {@link SigningPackage}: a message and an array of commitments with string identifiers. With
 * `elements`, `hiding` and `binding` must be Uint8Arrays too; without, what a signer committed to is left to the
 * checks that blame that signer (`details.culprits`).
 */
export function requireSigningPackage(value: unknown, field: string, elements = false): asserts value is SigningPackage {
  if (!isRecord(value)) throw invalid(field, 'a signing package');
  requireBytes(value['message'], `${field}.message`);
  const commitments = value['commitments'];
  requireArray(commitments, `${field}.commitments`);
  commitments.forEach((c, i) => {
    if (
      !isRecord(c) ||
      typeof c['identifier'] !== 'string' ||
      (elements && (!(c['hiding'] instanceof Uint8Array) || !(c['binding'] instanceof Uint8Array)))
    ) {
      throw invalid(
        `${field}.commitments[${i}]`,
        elements ? 'signing commitments { identifier, hiding, binding }' : 'signing commitments with a string identifier',
      );
    }
  });
}

/** An array of participants: objects with a string `identifier` (their methods are called, and refused, per round). */
export function requireParticipants(value: unknown, field: string): asserts value is readonly { identifier: string }[] {
  requireArray(value, field);
  value.forEach((x, i) => {
    if (!isRecord(x) || typeof x['identifier'] !== 'string') throw invalid(`${field}[${i}]`, 'a participant with a string identifier');
  });
}
