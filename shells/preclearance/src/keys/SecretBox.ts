import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { JilError } from '@jil/core';

const VERSION = 'v1';
const IV_BYTES = 12; // NIST SP 800-38D §8.2: 96-bit IVs, random
const TAG_BYTES = 16;

/**
 * Seals access-key secrets at rest with AES-256-GCM (`node:crypto`, NIST SP 800-38D) under a 32-byte key-encryption
 * key (KEK). Each seal draws a fresh random 96-bit IV; the access key id is the additional authenticated data, so a
 * sealed secret copied to another key's row does not open. Sealed form (ASCII):
 * `v1.<kek id>.<base64 iv>.<base64 ciphertext>.<base64 tag>`, where `kek id` = first 16 hex of
 * SHA-256("jil-kek-v1" || KEK) names the KEK without revealing it.
 *
 * @example
 * import { SecretBox } from './SecretBox.js';
 * const box = new SecretBox(crypto.getRandomValues(new Uint8Array(32)));
 * const sealed = box.seal(secret, 'AK1');
 * box.open(sealed, 'AK1'); // secret
 */
export class SecretBox {
  readonly #kek: Buffer;
  /** First 16 hex of SHA-256("jil-kek-v1" || KEK): which KEK sealed a value. */
  readonly kekId: string;

  /**
   * @param kek - 32 bytes. Copied; never logged.
   * @throws JilError `CONFIG_INVALID` when it is not 32 bytes.
   */
  constructor(kek: Uint8Array) {
    if (!(kek instanceof Uint8Array) || kek.length !== 32)
      throw new JilError('CONFIG_INVALID', 'the key-encryption key must be 32 bytes', { details: { field: 'kek' } });
    this.#kek = Buffer.from(kek);
    this.kekId = createHash('sha256').update('jil-kek-v1').update(this.#kek).digest('hex').slice(0, 16);
  }

  /** Seal `plaintext`, bound to `aad` (the access key id). */
  seal(plaintext: Uint8Array, aad: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#kek, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return [VERSION, this.kekId, iv.toString('base64'), ct.toString('base64'), cipher.getAuthTag().toString('base64')].join('.');
  }

  /**
   * Open a value made by {@link seal} with the same `aad`.
   * @throws JilError `KEYSTORE_DECRYPT_FAILED` for another KEK (`details.kek_id` of the value), another `aad`, or an
   *   altered value. The message never holds the value.
   */
  open(sealed: string, aad: string): Uint8Array {
    const parts = typeof sealed === 'string' ? sealed.split('.') : [];
    const [version, kekId, iv, ct, tag] = parts;
    if (parts.length !== 5 || version !== VERSION || iv === undefined || ct === undefined || tag === undefined) {
      throw new JilError('KEYSTORE_DECRYPT_FAILED', 'sealed access-key secret is malformed');
    }
    if (kekId !== this.kekId) {
      throw new JilError('KEYSTORE_DECRYPT_FAILED', 'access-key secret was sealed under another key-encryption key', {
        details: { kek_id: kekId, expected_kek_id: this.kekId },
      });
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#kek, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]));
    } catch (cause) {
      throw new JilError('KEYSTORE_DECRYPT_FAILED', 'access-key secret does not open (altered, or bound to another key id)', { cause });
    }
  }
}
