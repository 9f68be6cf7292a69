import { base64Decode, base64Encode, generateKeyPair, keyId, type DsseEnvelope } from '@jil/core';
import { verifyPsa, type VerifyPsaResult } from '@jil/psa';

/** One deliberate corruption and what verification said about it. */
export interface TamperOutcome {
  title: string;
  result: VerifyPsaResult;
}

/** Change one byte of the payload: the first digit of `"amount":"…"` moves by one (the JSON stays canonical). */
export function alterOneByte(envelope: DsseEnvelope): DsseEnvelope {
  const bytes = base64Decode(envelope.payload);
  const marker = new TextEncoder().encode('"amount":"');
  let at = -1;
  for (let i = 0; i + marker.length < bytes.length && at < 0; i++) {
    if (marker.every((b, j) => bytes[i + j] === b)) at = i + marker.length;
  }
  const copy = bytes.slice();
  const digit = copy[at]! - 48;
  copy[at] = 48 + ((digit + 1) % 10);
  return { ...envelope, payload: base64Encode(copy) };
}

/** Replace one validator's public key (and its derived keyid) in the pinned set document by a foreign key. */
export function foreignKeySet(signedSet: DsseEnvelope): DsseEnvelope {
  const doc = JSON.parse(new TextDecoder().decode(base64Decode(signedSet.payload))) as {
    validators: { keys: { public_key: string; keyid: string }[] }[];
  };
  const foreign = generateKeyPair().publicKey;
  doc.validators[0]!.keys[0] = { ...doc.validators[0]!.keys[0]!, public_key: base64Encode(foreign), keyid: keyId(foreign) };
  return { ...signedSet, payload: base64Encode(new TextEncoder().encode(JSON.stringify(doc))) };
}

/** Run the three tamper checks of the demo against one valid PSA. */
export function tamperChecks(envelope: DsseEnvelope, pinnedSet: DsseEnvelope, expiresAt: string): TamperOutcome[] {
  const now = new Date();
  return [
    { title: 'one altered byte in the payload', result: verifyPsa(alterOneByte(envelope), { validatorSet: pinnedSet, now }) },
    {
      title: 'verifier clock 1 s past expires_at',
      result: verifyPsa(envelope, { validatorSet: pinnedSet, now: new Date(Date.parse(expiresAt) + 1000) }),
    },
    { title: 'pinned validator set with a foreign key', result: verifyPsa(envelope, { validatorSet: foreignKeySet(pinnedSet), now }) },
  ];
}
