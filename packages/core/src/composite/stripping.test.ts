import { describe, expect, it } from 'vitest';
import { utf8ToBytes } from '../bytes/encoding.js';
import { isJilError } from '../errors/JilError.js';
import { generateKeyPair } from '../ed25519/generateKeyPair.js';
import { sign } from '../ed25519/sign.js';
import { verify } from '../ed25519/verify.js';
import { mlDsa65Sign } from '../mldsa/sign.js';
import { mlDsa65Verify } from '../mldsa/verify.js';
import { availableCompositeBackends } from './backends.js';
import { compositeGenerateKeyPair } from './generateKeyPair.js';
import { compositeMessageRepresentative, LABEL } from './messageRepresentative.js';
import { compositeSign } from './sign.js';
import { compositeVerifyWith } from './verify.js';

// Stripping and separability (draft-ietf-lamps-pq-composite-sigs-19 §9.2.2, §9.2.3, §9.3): a composite signature is
// valid only when BOTH halves verify over M' under the full 1984-byte key, on every backend alike.
const BACKENDS = availableCompositeBackends();
const { publicKey, secretKey } = compositeGenerateKeyPair();
const [mlDsaSeed, edSeed] = [secretKey.subarray(0, 32), secretKey.subarray(32)];
const [mlDsaPk, edPk] = [publicKey.subarray(0, 1952), publicKey.subarray(1952)];
const message = utf8ToBytes('transfer 10 BTC to bc1q…');
const context = utf8ToBytes('JIL-PSA-v1');
const signature = compositeSign(message, secretKey, { context });
const mPrime = compositeMessageRepresentative(message, context);
const [mlDsaHalf, edHalf] = [signature.subarray(0, 3309), signature.subarray(3309)];
const join = (ml: Uint8Array, ed: Uint8Array) => Uint8Array.from([...ml, ...ed]);
const other = compositeSign(utf8ToBytes('another message'), secretKey, { context });
const otherKey = compositeGenerateKeyPair();
const otherKeySig = compositeSign(message, otherKey.secretKey, { context });

/** The answer of every backend; they must agree. */
function verifyAll(s: Uint8Array, pk: Uint8Array = publicKey, m: Uint8Array = message, ctx: Uint8Array = context): boolean {
  const answers = BACKENDS.map((b) => compositeVerifyWith(b, s, m, pk, { context: ctx }));
  expect(new Set(answers).size).toBe(1);
  return answers[0]!;
}

describe('stripping attacks on id-MLDSA65-Ed25519-SHA512', () => {
  it('the untouched signature verifies (control)', () => expect(verifyAll(signature)).toBe(true));

  it.each<[string, Uint8Array]>([
    ['zeroed', new Uint8Array(3309)],
    ['0xff-filled', new Uint8Array(3309).fill(0xff)],
    ["an ML-DSA signature of M' without the Label as ML-DSA context", mlDsa65Sign(mPrime, mlDsaSeed)],
    ['a standalone ML-DSA signature of M (empty context)', mlDsa65Sign(message, mlDsaSeed)],
    ['a standalone ML-DSA signature of M with ctx', mlDsa65Sign(message, mlDsaSeed, { context })],
    ['a standalone ML-DSA signature of M with the Label', mlDsa65Sign(message, mlDsaSeed, { context: LABEL })],
    [
      "an ML-DSA signature of M' under another Label",
      mlDsa65Sign(mPrime, mlDsaSeed, { context: utf8ToBytes('COMPSIG-MLDSA44-Ed25519-SHA512') }),
    ],
    ['the ML-DSA half of a signature of another message', other.subarray(0, 3309)],
    ['the ML-DSA half of another key’s signature of M', otherKeySig.subarray(0, 3309)],
  ])('only the Ed25519 half valid — ML-DSA half replaced by %s: false', (_what, ml) => {
    expect(verify(edHalf, mPrime, edPk)).toBe(true); // the Ed25519 half alone is fine
    expect(verifyAll(join(ml, edHalf))).toBe(false);
  });

  it.each<[string, Uint8Array]>([
    ['zeroed', new Uint8Array(64)],
    ['a standalone Ed25519 signature of M', sign(message, edSeed)],
    ['the Ed25519 half of a signature of another message', other.subarray(3309)],
    ['the Ed25519 half of another key’s signature of M', otherKeySig.subarray(3309)],
  ])('only the ML-DSA half valid — Ed25519 half replaced by %s: false', (_what, ed) => {
    expect(mlDsa65Verify(mlDsaHalf, mPrime, mlDsaPk, { context: LABEL })).toBe(true); // the ML-DSA half alone is fine
    expect(verifyAll(join(mlDsaHalf, ed))).toBe(false);
  });

  it('a half stripped off (3309- or 64-byte signature) is refused by length: INVALID_ARGUMENT, never true', () => {
    for (const stripped of [mlDsaHalf, edHalf, signature.subarray(0, 3372), new Uint8Array(0)]) {
      for (const b of BACKENDS) {
        let error: unknown;
        try {
          compositeVerifyWith(b, stripped, message, publicKey, { context });
        } catch (e) {
          error = e;
        }
        expect(isJilError(error, 'INVALID_ARGUMENT') && error.details['field']).toBe('signature');
      }
    }
  });

  it('standalone signatures of M by the component keys cannot be joined into a composite', () => {
    expect(verifyAll(join(mlDsa65Sign(message, mlDsaSeed, { context }), sign(message, edSeed)))).toBe(false);
  });

  it('a component key swapped in the public key fails under the honest signature', () => {
    expect(verifyAll(signature, join(otherKey.publicKey.subarray(0, 1952), edPk))).toBe(false);
    expect(verifyAll(signature, join(mlDsaPk, otherKey.publicKey.subarray(1952)))).toBe(false);
    expect(verifyAll(signature, join(mlDsaPk, new Uint8Array(32)))).toBe(false);
  });

  it(
    'M’ does not cover the public key: a key with an attacker’s Ed25519 half accepts the attacker’s Ed25519 half — trust the ' +
      'whole 1984-byte key (compositeKeyId), never the ML-DSA part alone',
    () => {
      const attacker = generateKeyPair();
      const forged = join(mlDsaHalf, sign(mPrime, attacker.secretKey));
      expect(verifyAll(forged, join(mlDsaPk, attacker.publicKey))).toBe(true);
      expect(verifyAll(forged)).toBe(false); // under the honest key
    },
  );

  it(
    'separability (§9.2.3): the halves are not standalone signatures of M; the Ed25519 half verifies only over M’, which starts ' +
      'with the Prefix',
    () => {
      expect(mlDsa65Verify(mlDsaHalf, message, mlDsaPk)).toBe(false);
      expect(mlDsa65Verify(mlDsaHalf, message, mlDsaPk, { context })).toBe(false);
      expect(mlDsa65Verify(mlDsaHalf, mPrime, mlDsaPk)).toBe(false); // needs ctx = Label
      expect(verify(edHalf, message, edPk)).toBe(false);
      expect(verify(edHalf, mPrime, edPk)).toBe(true);
      expect(new TextDecoder().decode(mPrime.subarray(0, 32))).toBe('CompositeAlgorithmSignatures2025');
    },
  );

  it(
    'not unique (§9.2.2): two signatures of one message differ in the hedged ML-DSA half and both verify — do not use signature ' +
      'bytes as an id',
    () => {
      const again = compositeSign(message, secretKey, { context });
      expect(again.subarray(0, 3309)).not.toEqual(mlDsaHalf);
      expect(again.subarray(3309)).toEqual(edHalf); // RFC 8032 is deterministic
      expect([verifyAll(again), verifyAll(signature)]).toEqual([true, true]);
    },
  );
});
