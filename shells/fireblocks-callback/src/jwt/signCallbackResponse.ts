import { SignJWT, type CryptoKey, type KeyObject } from 'jose';

/** The callback's answer (../shared/integrations/fireblocks-callback.md). */
export interface CallbackResponseClaims {
  action: 'APPROVE' | 'REJECT';
  /** The request's `requestId`. */
  requestId: string;
  /** Free text, with a `REJECT` only. */
  rejectionReason?: string;
}

/**
 * Sign the response body: a compact JWS, RS256, with the callback's private key, claims
 * `{ action, requestId, rejectionReason? }` plus `iat`. The co-signer verifies it with the matching public key.
 * @example
 * import { importPKCS8 } from 'jose';
 * const body = await signCallbackResponse({ action: 'REJECT', requestId, rejectionReason: 'why' }, await importPKCS8(pem, 'RS256'),
 *   new Date());
 */
export function signCallbackResponse(claims: CallbackResponseClaims, privateKey: CryptoKey | KeyObject, now: Date): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .sign(privateKey);
}
