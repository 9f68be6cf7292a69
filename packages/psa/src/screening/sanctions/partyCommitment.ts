import { base64Decode, base64Encode, canonicalBytes, JilError, sha256Hex } from '@jil/core';

/** Length of a party salt in bytes. */
export const PARTY_SALT_BYTES = 32;

/**
 * Salts of the screened party names of one request, base64 (standard alphabet, padded) of 32 random bytes each.
 * They go back to the custodian in the `validate` response and to the validators in the authenticated proposal —
 * never into the PSA (docs/psa-format.md §Party commitments).
 */
export interface PartySalts {
  sender?: string;
  receiver?: string;
}

/**
 * The commitment to a screened party name that a name hit carries instead of the name (docs/psa-format.md §Party
 * commitments): `hex(SHA-256(salt || UTF-8(JCS({ "name": name, "role": role }))))`, lower-case hex, where `salt` is the
 * 32 raw bytes, `name` the party name exactly as the request sent it and `role` `sender` or `receiver`.
 *
 * @param salt - the 32-byte salt (raw bytes, or its base64).
 * @param role - which party.
 * @param name - the party name as sent.
 * @returns 64 lower-case hex characters.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when the salt is not 32 bytes (or base64 of them), `role` is
 *   not `sender` or `receiver`, or `name` is not a string.
 * @example
 * import { partyCommitment } from '@jil/psa';
 * partyCommitment(new Uint8Array(32), 'sender', 'Ivan Petrov'); // 64 hex characters (test vector in docs/psa-format.md)
 */
export function partyCommitment(salt: Uint8Array | string, role: 'sender' | 'receiver', name: string): string {
  if (typeof salt !== 'string' && !(salt instanceof Uint8Array))
    throw new JilError('INVALID_ARGUMENT', 'a party salt is 32 bytes or their base64', { details: { field: 'salt' } });
  if (role !== 'sender' && role !== 'receiver')
    throw new JilError('INVALID_ARGUMENT', 'role must be "sender" or "receiver"', { details: { field: 'role' } });
  if (typeof name !== 'string') throw new JilError('INVALID_ARGUMENT', 'name must be a string', { details: { field: 'name' } });
  const bytes = typeof salt === 'string' ? base64Decode(salt) : salt;
  if (bytes.length !== PARTY_SALT_BYTES)
    throw new JilError('INVALID_ARGUMENT', `a party salt is ${PARTY_SALT_BYTES} bytes`, {
      details: { field: 'salt', length: bytes.length },
    });
  const body = canonicalBytes({ role, name });
  const input = new Uint8Array(bytes.length + body.length);
  input.set(bytes, 0);
  input.set(body, bytes.length);
  return sha256Hex(input);
}

/**
 * Fresh salts for the parties of a request that carry a name.
 * @param request - the parties (only whether each has a name is read).
 * @returns one base64 salt per named party.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `request`, `request.sender` or `request.receiver` is not an object.
 * @example
 * import { newPartySalts } from '@jil/psa';
 * newPartySalts({ sender: { name: 'A' }, receiver: {} }); // { sender: '…44 base64 characters…' }
 */
export function newPartySalts(request: { sender: { name?: string | undefined }; receiver: { name?: string | undefined } }): PartySalts {
  for (const [field, v] of [
    ['request', request],
    ['request.sender', request?.sender],
    ['request.receiver', request?.receiver],
  ] as const) {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      throw new JilError('INVALID_ARGUMENT', `${field} must be an object`, { details: { field } });
  }
  const out: PartySalts = {};
  for (const role of ['sender', 'receiver'] as const)
    if (request[role].name !== undefined) out[role] = base64Encode(crypto.getRandomValues(new Uint8Array(PARTY_SALT_BYTES)));
  return out;
}
