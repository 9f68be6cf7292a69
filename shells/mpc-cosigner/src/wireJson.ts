import { base64Decode, base64Encode, JilError } from '@jil/core';
import {
  decodeDkgRound1Package,
  decodeDkgRound2Package,
  decodeRefreshPackage,
  decodePublicKeyPackage,
  decodeSignatureShare,
  decodeSigningCommitments,
  decodeSigningPackage,
  encodeDkgRound1Package,
  encodeDkgRound2Package,
  encodeRefreshPackage,
  encodePublicKeyPackage,
  encodeSignatureShare,
  encodeSigningCommitments,
  encodeSigningPackage,
  type CiphersuiteId,
} from '@jil/mpc';

/** JSON field helpers: every FROST package travels as base64 of its `@jil/mpc` wire encoding. */
export const b64 = base64Encode;

/** Read a required string field. @throws JilError `REQUEST_VALIDATION_FAILED` naming the field. */
export function str(body: unknown, field: string, max = 128): string {
  const v = (body as Record<string, unknown> | null)?.[field];
  if (typeof v !== 'string' || v.length === 0 || v.length > max)
    throw new JilError('REQUEST_VALIDATION_FAILED', `${field} must be a string of 1–${max} characters`, {
      details: { fields: [{ field, message: 'required string' }] },
    });
  return v;
}

/** Read a required positive integer field. */
export function int(body: unknown, field: string): number {
  const v = (body as Record<string, unknown> | null)?.[field];
  if (!Number.isSafeInteger(v) || (v as number) < 1 || (v as number) > 65_535)
    throw new JilError('REQUEST_VALIDATION_FAILED', `${field} must be an integer 1–65535`, {
      details: { fields: [{ field, message: 'integer' }] },
    });
  return v as number;
}

function bytes(value: unknown, field: string): Uint8Array {
  if (typeof value !== 'string')
    throw new JilError('REQUEST_VALIDATION_FAILED', `${field} must be base64`, {
      details: { fields: [{ field, message: 'base64 string' }] },
    });
  try {
    return base64Decode(value);
  } catch (cause) {
    throw new JilError('REQUEST_VALIDATION_FAILED', `${field} must be base64`, {
      details: { fields: [{ field, message: 'base64 string' }] },
      cause,
    });
  }
}

function list(body: unknown, field: string): unknown[] {
  const v = (body as Record<string, unknown> | null)?.[field];
  if (!Array.isArray(v) || v.length > 1024)
    throw new JilError('REQUEST_VALIDATION_FAILED', `${field} must be an array`, { details: { fields: [{ field, message: 'array' }] } });
  return v;
}

/** Decoders and encoders of the HTTP bodies, per ciphersuite. */
export function codecs(suite: CiphersuiteId) {
  return {
    signingPackage: (body: unknown) =>
      decodeSigningPackage(bytes((body as Record<string, unknown>)?.['signingPackage'], 'signingPackage'), suite),
    round1List: (body: unknown, field: string) =>
      list(body, field).map((x, i) => decodeDkgRound1Package(bytes(x, `${field}[${i}]`), suite)),
    round2List: (body: unknown, field: string) =>
      list(body, field).map((x, i) => decodeDkgRound2Package(bytes(x, `${field}[${i}]`), suite)),
    refreshList: (body: unknown, field: string) => list(body, field).map((x, i) => decodeRefreshPackage(bytes(x, `${field}[${i}]`), suite)),
    refresh: (b: string) => decodeRefreshPackage(base64Decode(b), suite),
    commitments: (b: string) => decodeSigningCommitments(base64Decode(b), suite),
    signatureShare: (b: string) => decodeSignatureShare(base64Decode(b), suite),
    round1: (b: string) => decodeDkgRound1Package(base64Decode(b), suite),
    round2: (b: string) => decodeDkgRound2Package(base64Decode(b), suite),
    publicKeyPackage: (b: string) => decodePublicKeyPackage(base64Decode(b), suite),
    enc: {
      commitments: (c: Parameters<typeof encodeSigningCommitments>[0]) => b64(encodeSigningCommitments(c, suite)),
      signingPackage: (p: Parameters<typeof encodeSigningPackage>[0]) => b64(encodeSigningPackage(p, suite)),
      signatureShare: (s: Parameters<typeof encodeSignatureShare>[0]) => b64(encodeSignatureShare(s, suite)),
      round1: (p: Parameters<typeof encodeDkgRound1Package>[0]) => b64(encodeDkgRound1Package(p, suite)),
      round2: (p: Parameters<typeof encodeDkgRound2Package>[0]) => b64(encodeDkgRound2Package(p, suite)),
      publicKeyPackage: (p: Parameters<typeof encodePublicKeyPackage>[0]) => b64(encodePublicKeyPackage(p)),
      refresh: (p: Parameters<typeof encodeRefreshPackage>[0]) => b64(encodeRefreshPackage(p, suite)),
    },
  };
}
