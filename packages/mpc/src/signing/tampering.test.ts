import { generateKeyPair, isJilError, utf8ToBytes } from '@jil/core';
import { ED25519_TORSION_SUBGROUP, ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DkgParticipant } from '../dkg/DkgParticipant.js';
import { decodePublicKeyPackage, encodePublicKeyPackage } from '../keys/PublicKeyPackage.js';
import { trustedDealer } from '../keys/trustedDealer.js';
import { identifierFromNumber } from '../suite/identifiers.js';
import { aggregateSignature } from './aggregateSignature.js';
import { decodeSignatureShare, encodeSignatureShare, type SignatureShare } from './SignatureShare.js';
import { decodeSigningCommitments, encodeSigningCommitments, type SigningCommitments } from './SigningCommitments.js';
import { createSigningPackage, type SigningPackage } from './SigningPackage.js';
import { SigningSession } from './SigningSession.js';
import { verifyGroupSignature } from './verifyGroupSignature.js';
import { getCiphersuite } from '../suite/Ciphersuite.js';

/**
 * Properties of the once-checked fast path (issue 12): any tampered signature share, commitment or binding-factor
 * input fails verification; an element with a torsion component or a non-canonical encoding, and a non-canonical
 * scalar, are refused where they enter with the same codes as before — also when the bytes of an array that was
 * already checked are changed in place.
 */
const code = (f: () => unknown): { code?: string; culprits?: unknown } => {
  try {
    f();
  } catch (e) {
    return isJilError(e) ? { code: e.code, culprits: e.details['culprits'] } : { code: `non-JilError: ${String(e)}` };
  }
  return {};
};
const L = ed25519.Point.Fn.ORDER;
const P = 2n ** 255n - 19n;
const torsion = ED25519_TORSION_SUBGROUP.slice(1).map((h) => ed25519.Point.fromHex(h)); // the 7 points of small order ≠ O
/** `bytes` (a valid element) plus a point of small order: on the curve, not in the prime-order subgroup. */
const withTorsion = (bytes: Uint8Array, k: number) =>
  ed25519.Point.fromBytes(bytes)
    .add(torsion[k % 7]!)
    .toBytes();
/** A non-canonical element encoding: y = p + small (≥ p), either sign bit. */
const nonCanonical = (small: number, sign: boolean) => {
  const b = new Uint8Array(32);
  let y = P + BigInt(small);
  for (let i = 0; i < 32; i++) (b[i] = Number(y & 0xffn)), (y >>= 8n);
  if (sign) b[31]! |= 0x80;
  return b;
};
const le = (n: bigint) => {
  const b = new Uint8Array(32);
  for (let i = 0; i < 32; i++) (b[i] = Number(n & 0xffn)), (n >>= 8n);
  return b;
};

const { publicKeyPackage: pub, keyPackages } = trustedDealer({ minSigners: 3, maxSigners: 4 });
const kps = Object.values(keyPackages);
const message = utf8ToBytes('transfer 1.5 ETH to 0x6861…f664');
function round(signers = kps.slice(0, 3), msg = message): { sessions: SigningSession[]; pkg: SigningPackage; shares: SignatureShare[] } {
  const sessions = signers.map((kp) => SigningSession.create(kp));
  const pkg = createSigningPackage(
    sessions.map((x) => x.commitments),
    msg,
  );
  return { sessions, pkg, shares: sessions.map((x) => x.sign(pkg)) };
}
const replaceCommitment = (pkg: SigningPackage, i: number, c: Partial<SigningCommitments>): SigningPackage => ({
  ...pkg,
  commitments: pkg.commitments.map((x, j) => (j === i ? { ...x, ...c } : x)),
});
const field = fc.constantFrom('hiding' as const, 'binding' as const);
const runs = { numRuns: 40 };

describe('tampering fails verification (fast-check)', () => {
  it('any changed signature share is FROST_INVALID_SHARE naming exactly its signer', () => {
    const { pkg, shares } = round();
    fc.assert(
      fc.property(fc.nat(2), fc.nat(255), fc.integer({ min: 1, max: 255 }), (i, byte, xor) => {
        const bad = shares.map((s, j) =>
          j === i ? { ...s, share: Uint8Array.from(s.share, (b, k) => (k === byte % 32 ? b ^ xor : b)) } : s,
        );
        const e = code(() => aggregateSignature({ publicKeyPackage: pub, signingPackage: pkg, signatureShares: bad }));
        expect(e).toEqual({ code: 'FROST_INVALID_SHARE', culprits: [shares[i]!.identifier] });
      }),
      runs,
    );
  });

  it('a share of another session, message or signer is refused', () => {
    fc.assert(
      fc.property(fc.nat(2), fc.uint8Array({ minLength: 0, maxLength: 40 }), (i, other) => {
        const a = round();
        const b = round(kps.slice(0, 3), other);
        const mixed = a.shares.map((s, j) => (j === i ? { ...s, share: b.shares[i]!.share } : s));
        expect(code(() => aggregateSignature({ publicKeyPackage: pub, signingPackage: a.pkg, signatureShares: mixed }))).toEqual({
          code: 'FROST_INVALID_SHARE',
          culprits: [a.shares[i]!.identifier],
        });
      }),
      { numRuns: 15 },
    );
  });

  it('any changed binding-factor input (message, a commitment, the group key) makes the shares fail', () => {
    const { pkg, shares, sessions } = round();
    const other = round().sessions[0]!.commitments;
    fc.assert(
      fc.property(fc.nat(2), field, fc.uint8Array({ minLength: 0, maxLength: 40 }), (i, f, msg) => {
        const cases: SigningPackage[] = [
          replaceCommitment(pkg, i, { [f]: other[f] }),
          replaceCommitment(pkg, i, { hiding: pkg.commitments[i]!.binding, binding: pkg.commitments[i]!.hiding }),
        ];
        if (msg.length !== message.length || msg.some((b, k) => b !== message[k])) cases.push({ ...pkg, message: msg });
        for (const bad of cases)
          expect(code(() => aggregateSignature({ publicKeyPackage: pub, signingPackage: bad, signatureShares: shares })).code).toBe(
            'FROST_INVALID_SHARE',
          );
        expect(sessions[i]!.consumed).toBe(true);
      }),
      runs,
    );
    const otherKey = trustedDealer({ minSigners: 3, maxSigners: 4, identifiers: kps.map((k) => k.identifier) }).publicKeyPackage;
    expect(
      code(() =>
        aggregateSignature({
          publicKeyPackage: { ...pub, commitments: [otherKey.commitments[0]!, ...pub.commitments.slice(1)] },
          signingPackage: pkg,
          signatureShares: shares,
        }),
      ).code,
    ).toBe('FROST_INVALID_SHARE');
  });
  it('a signing package changed in place after it was bound (message or a commitment) is bound again, and the shares fail', () => {
    fc.assert(
      fc.property(fc.nat(2), fc.nat(31), fc.integer({ min: 1, max: 255 }), fc.boolean(), (i, byte, xor, inMessage) => {
        const r = round(); // the package object has been bound by every signer
        if (inMessage) r.pkg.message[byte % r.pkg.message.length]! ^= xor;
        else {
          const c = r.pkg.commitments[i]!;
          const hiding = Uint8Array.from(c.hiding);
          (c.hiding as Uint8Array).set(c.binding);
          (c.binding as Uint8Array).set(hiding);
        }
        expect(code(() => aggregateSignature({ publicKeyPackage: pub, signingPackage: r.pkg, signatureShares: r.shares })).code).toBe(
          'FROST_INVALID_SHARE',
        );
      }),
      { numRuns: 20 },
    );
  });
});

describe('verifyGroupSignature agrees with @noble/curves FROST verify (fast-check)', () => {
  it('on valid signatures and on any changed byte of signature, message or key', () => {
    const { pkg, shares } = round();
    const signature = aggregateSignature({ publicKeyPackage: pub, signingPackage: pkg, signatureShares: shares });
    const key = pub.commitments[0]!;
    const noble = (sig: Uint8Array, msg: Uint8Array, pk: Uint8Array) => {
      try {
        return getCiphersuite('ed25519').frost.verify(sig, msg, pk);
      } catch {
        return false;
      }
    };
    expect(verifyGroupSignature('ed25519', signature, message, key)).toBe(true);
    fc.assert(
      fc.property(fc.nat(2), fc.nat(63), fc.integer({ min: 1, max: 255 }), (what, byte, xor) => {
        const flip = (b: Uint8Array) => Uint8Array.from(b, (x, k) => (k === byte % b.length ? x ^ xor : x));
        const [sig, msg, pk] =
          what === 0 ? [flip(signature), message, key] : what === 1 ? [signature, flip(message), key] : [signature, message, flip(key)];
        expect(verifyGroupSignature('ed25519', sig, msg, pk)).toBe(noble(sig, msg, pk));
        expect(verifyGroupSignature('ed25519', sig, msg, pk)).toBe(false);
      }),
      runs,
    );
  });
});

describe('refused at the boundary: torsion components and non-canonical encodings (fast-check)', () => {
  it(
    'a commitment with a torsion component: FROST_INVALID_ENCODING when decoded, FROST_PROTOCOL_ERROR in round two, ' +
      'FROST_INVALID_SHARE naming its signer at aggregation',
    () => {
      fc.assert(
        fc.property(fc.nat(2), field, fc.nat(6), (i, f, k) => {
          const r = round();
          const bad = { ...r.pkg.commitments[i]!, [f]: withTorsion(r.pkg.commitments[i]![f], k) };
          expect(code(() => decodeSigningCommitments(encodeSigningCommitments(bad, 'ed25519'), 'ed25519')).code).toBe(
            'FROST_INVALID_ENCODING',
          );
          const fresh = kps.slice(0, 3).map((kp) => SigningSession.create(kp));
          const pkg = createSigningPackage(
            fresh.map((x) => x.commitments),
            message,
          );
          const tampered = replaceCommitment(pkg, i, { [f]: withTorsion(pkg.commitments[i]![f], k) });
          expect(code(() => fresh[(i + 1) % 3]!.sign(tampered)).code).toBe('FROST_PROTOCOL_ERROR');
          expect(
            code(() =>
              aggregateSignature({
                publicKeyPackage: pub,
                signingPackage: replaceCommitment(r.pkg, i, { [f]: bad[f] }),
                signatureShares: r.shares,
              }),
            ),
          ).toEqual({ code: 'FROST_INVALID_SHARE', culprits: [r.pkg.commitments[i]!.identifier] });
        }),
        { numRuns: 20 },
      );
    },
  );

  it('a non-canonical element encoding is refused the same way', () => {
    fc.assert(
      fc.property(fc.nat(2), field, fc.nat(18), fc.boolean(), (i, f, small, sign) => {
        const r = round();
        const enc = nonCanonical(small, sign);
        expect(
          code(() => decodeSigningCommitments(encodeSigningCommitments({ ...r.pkg.commitments[i]!, [f]: enc }, 'ed25519'), 'ed25519')).code,
        ).toBe('FROST_INVALID_ENCODING');
        expect(
          code(() =>
            aggregateSignature({
              publicKeyPackage: pub,
              signingPackage: replaceCommitment(r.pkg, i, { [f]: enc }),
              signatureShares: r.shares,
            }),
          ),
        ).toEqual({ code: 'FROST_INVALID_SHARE', culprits: [r.pkg.commitments[i]!.identifier] });
      }),
      { numRuns: 20 },
    );
  });

  it('an array checked once and then changed in place is checked again', () => {
    fc.assert(
      fc.property(fc.nat(2), field, fc.nat(6), (i, f, k) => {
        const r = round(); // every commitment array of r.pkg has been decoded and checked
        const target = r.pkg.commitments[i]![f] as Uint8Array;
        target.set(withTorsion(Uint8Array.from(target), k));
        expect(code(() => aggregateSignature({ publicKeyPackage: pub, signingPackage: r.pkg, signatureShares: r.shares }))).toEqual({
          code: 'FROST_INVALID_SHARE',
          culprits: [r.pkg.commitments[i]!.identifier],
        });
      }),
      { numRuns: 20 },
    );
  });

  it(
    'a verifying share with a torsion component: FROST_INVALID_ENCODING when decoded, FROST_INVALID_SHARE for its signer at ' +
      'aggregation',
    () => {
      fc.assert(
        fc.property(fc.nat(2), fc.nat(6), (i, k) => {
          const r = round();
          const id = r.shares[i]!.identifier;
          const badPub = { ...pub, verifyingShares: { ...pub.verifyingShares, [id]: withTorsion(pub.verifyingShares[id]!, k) } };
          expect(code(() => decodePublicKeyPackage(encodePublicKeyPackage(badPub))).code).toBe('FROST_INVALID_ENCODING');
          expect(code(() => aggregateSignature({ publicKeyPackage: badPub, signingPackage: r.pkg, signatureShares: r.shares }))).toEqual({
            code: 'FROST_INVALID_SHARE',
            culprits: [id],
          });
        }),
        { numRuns: 20 },
      );
    },
  );

  it(
    'a non-canonical signature share (z + L, any value ≥ L): FROST_INVALID_ENCODING when decoded, FROST_INVALID_SHARE naming its ' +
      'signer',
    () => {
      const { pkg, shares } = round();
      fc.assert(
        fc.property(fc.nat(2), fc.bigInt({ min: 0n, max: 2n ** 256n - 1n - L }), fc.boolean(), (i, extra, plusL) => {
          let z = 0n;
          for (let k = 31; k >= 0; k--) z = (z << 8n) | BigInt(shares[i]!.share[k]!);
          const bytes = le(plusL && z + L < 2n ** 256n ? z + L : L + extra);
          const bad = shares.map((s, j) => (j === i ? { ...s, share: bytes } : s));
          expect(code(() => decodeSignatureShare(encodeSignatureShare(bad[i]!, 'ed25519'), 'ed25519')).code).toBe('FROST_INVALID_ENCODING');
          expect(code(() => aggregateSignature({ publicKeyPackage: pub, signingPackage: pkg, signatureShares: bad }))).toEqual({
            code: 'FROST_INVALID_SHARE',
            culprits: [shares[i]!.identifier],
          });
        }),
        runs,
      );
    },
  );
});

describe('DKG round one: each package checked once, every culprit named (fast-check)', () => {
  const n = 4;
  const ids = Array.from({ length: n }, (_, i) => identifierFromNumber(i + 1));
  const keys = ids.map(() => generateKeyPair());
  const roster = Object.fromEntries(ids.map((id, i) => [id, keys[i]!.publicKey]));
  const start = () =>
    ids.map((identifier, i) =>
      DkgParticipant.start({ identifier, minSigners: 3, maxSigners: n, ceremonyId: 'prop', identitySecretKey: keys[i]!.secretKey, roster }),
    );
  it(
    'a commitment element with a torsion component, a non-canonical one, or any changed proof byte: FROST_INVALID_KEY_SHARE ' +
      'naming the sender',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 3 }),
          fc.nat(2),
          fc.nat(6),
          fc.nat(63),
          fc.integer({ min: 1, max: 255 }),
          fc.nat(2),
          (sender, j, k, byte, xor, kind) => {
            const ps = start();
            const r1 = ps.map((p) => p.round1Package);
            const o = r1[sender]!;
            const bad =
              kind === 0
                ? { ...o, commitment: o.commitment.map((c, m) => (m === j ? withTorsion(c, k) : c)) }
                : kind === 1
                  ? { ...o, commitment: o.commitment.map((c, m) => (m === j ? nonCanonical(k, false) : c)) }
                  : { ...o, proofOfKnowledge: Uint8Array.from(o.proofOfKnowledge, (b, m) => (m === byte ? b ^ xor : b)) };
            const others = r1.slice(1).map((p) => (p === o ? bad : p));
            expect(code(() => ps[0]!.round2(others))).toEqual({ code: 'FROST_INVALID_KEY_SHARE', culprits: [ids[sender]] });
          },
        ),
        { numRuns: 15 },
      );
    },
  );
});
