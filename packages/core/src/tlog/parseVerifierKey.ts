import { base64Decode } from '../bytes/encoding.js';
import { JilError } from '../errors/JilError.js';
import { isValidKeyName } from './keyName.js';
import { signatureTypeOf, type NoteVerifierKey } from './NoteKey.js';
import { noteKeyId } from './noteKeyId.js';

/**
 * Parse a verifier key (vkey) `<name>+<hex key ID>+<base64(type || public key)>` and check that the key ID is the
 * one its name, type and key give. Types 0x01 (Ed25519) and 0x04 (cosignature/v1) with 32-byte keys only.
 *
 * @param vkey - the vkey string (the base64 part may itself contain `+`).
 * @returns the {@link NoteVerifierKey}.
 * @throws JilError `INVALID_ARGUMENT` with `details.fields` naming every bad part (`vkey.name`, `vkey.keyId`,
 *   `vkey.key`): bad name, not 8 lower-case hex digits, not canonical base64, unsupported type, wrong key length,
 *   key ID mismatch. The message never contains the key.
 * @see c2sp.org/signed-note §Verifier keys
 * @example
 * import { parseVerifierKey } from '@jil/core/tlog';
 * parseVerifierKey('example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k').keyId; // 0x530d903a
 */
export function parseVerifierKey(vkey: string): NoteVerifierKey {
  const { key } = parseKey(vkey, 'vkey');
  assertKeyId(key, 'vkey');
  return key;
}

/** Internal: parse `<name>+<hex>+<base64(type||material)>` (shared with signer keys); `material` is 32 bytes. */
export function parseKey(text: unknown, field: string): { key: NoteVerifierKey; material: Uint8Array } {
  if (typeof text !== 'string') throw new JilError('INVALID_ARGUMENT', `${field} must be a string`, { details: { field } });
  const fields: { field: string; message: string }[] = [];
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  const name = first < 0 ? text : text.slice(0, first);
  const hex = second < 0 ? '' : text.slice(first + 1, second);
  const b64 = second < 0 ? '' : text.slice(second + 1);
  if (!isValidKeyName(name)) fields.push({ field: `${field}.name`, message: "must be non-empty, without spaces or '+'" });
  if (!/^[0-9a-f]{8}$/.test(hex)) fields.push({ field: `${field}.keyId`, message: 'must be 8 lower-case hex digits' });
  let bytes: Uint8Array | undefined;
  try {
    bytes = base64Decode(b64);
  } catch {
    fields.push({ field: `${field}.key`, message: 'must be canonical base64' });
  }
  const type = bytes === undefined || bytes.length === 0 ? undefined : signatureTypeOf(bytes[0]!);
  if (bytes !== undefined && type === undefined)
    fields.push({ field: `${field}.key`, message: 'has an unsupported signature type (only 0x01 and 0x04)' });
  else if (bytes !== undefined && bytes.length !== 33)
    fields.push({ field: `${field}.key`, message: 'must be a type byte and 32 key bytes' });
  if (fields.length === 0) {
    const publicKeyOrSeed = bytes!.slice(1);
    return { key: { name, type: type!, keyId: Number.parseInt(hex, 16), publicKey: publicKeyOrSeed }, material: publicKeyOrSeed };
  }
  throw new JilError('INVALID_ARGUMENT', `invalid ${field}: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, {
    details: { field: fields[0]!.field, fields },
  });
}

/** Internal: throw unless the key ID of `key` is the one its name, type and public key give. */
export function assertKeyId(key: NoteVerifierKey, field: string): void {
  if (noteKeyId(key.name, key.type, key.publicKey) !== key.keyId) {
    throw new JilError('INVALID_ARGUMENT', `invalid ${field}: ${field}.keyId does not match the key`, {
      details: { field: `${field}.keyId`, fields: [{ field: `${field}.keyId`, message: 'does not match the key' }] },
    });
  }
}
