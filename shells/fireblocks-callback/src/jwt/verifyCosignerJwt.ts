import { errors as joseErrors, jwtVerify, type CryptoKey, type JWTPayload, type KeyObject } from 'jose';
import { JilError } from '@jil/core';

/** Options of {@link verifyCosignerJwt}. */
export interface VerifyCosignerJwtOptions {
  /** The API Co-Signer's RSA public key (imported once with `importSPKI(pem, 'RS256')`). */
  publicKey: CryptoKey | KeyObject;
  /** The callback's clock. */
  now: Date;
  /** Largest accepted age of `iat`, in seconds. */
  maxAgeSeconds: number;
  /** Clock skew tolerated on `iat`, `exp` and `nbf`, in seconds (default 30). */
  clockToleranceSeconds?: number;
}

/**
 * Verify the body of `POST /v2/tx_sign_request`: one compact JWS signed with RS256 by the co-signer's private key
 * (../shared/integrations/fireblocks-callback.md). Only `RS256` is accepted (no `none`, no HMAC with the public key as
 * secret); `iat` must be present, no older than `maxAgeSeconds` and not in the future (both with `clockToleranceSeconds`); `exp` and
 * `nbf`, when present, are checked by jose.
 *
 * @returns The JWT claims (unvalidated beyond the registered ones).
 * @throws JilError `FIREBLOCKS_JWT_INVALID` (401) with `details.reason` (jose's error code, never the token).
 * @example
 * import { importSPKI } from 'jose';
 * const claims = await verifyCosignerJwt(body, { publicKey: await importSPKI(pem, 'RS256'), now: new Date(), maxAgeSeconds: 300 });
 */
export async function verifyCosignerJwt(token: string, o: VerifyCosignerJwtOptions): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token.trim(), o.publicKey, {
      algorithms: ['RS256'],
      currentDate: o.now,
      maxTokenAge: o.maxAgeSeconds,
      clockTolerance: o.clockToleranceSeconds ?? 30,
      requiredClaims: ['iat'],
    });
    return payload;
  } catch (error) {
    const reason = error instanceof joseErrors.JOSEError ? error.code : 'ERR_JWT_INVALID';
    const message =
      reason === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
        ? 'the request JWT is not signed by the pinned co-signer key'
        : reason === 'ERR_JWT_CLAIM_VALIDATION_FAILED' || reason === 'ERR_JWT_EXPIRED'
          ? 'the request JWT is outside its time window (iat, exp, nbf)'
          : 'the request body is not a compact RS256 JWS';
    throw new JilError('FIREBLOCKS_JWT_INVALID', message, { details: { reason }, cause: error });
  }
}
