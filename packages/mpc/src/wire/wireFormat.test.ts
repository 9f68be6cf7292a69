import { bytesToHex, hexToBytes, isJilError, utf8ToBytes } from '@jil/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readVector, zcashDir } from '../__fixtures__/vectors.js';
import { decodeDkgRound1Package, decodeDkgRound2Package, encodeDkgRound1Package, encodeDkgRound2Package } from '../dkg/DkgPackages.js';
import { decodeKeyPackage, encodeKeyPackage } from '../keys/KeyPackage.js';
import { decodeRefreshPackage, encodeRefreshPackage } from '../keys/RefreshPackage.js';
import { decodePublicKeyPackage, encodePublicKeyPackage, publicKeyPackageFromCommitment } from '../keys/PublicKeyPackage.js';
import { trustedDealer } from '../keys/trustedDealer.js';
import { decodeSignatureShare, encodeSignatureShare } from '../signing/SignatureShare.js';
import { decodeSigningCommitments, encodeSigningCommitments } from '../signing/SigningCommitments.js';
import { createSigningPackage, decodeSigningPackage, encodeSigningPackage } from '../signing/SigningPackage.js';
import { SigningSession } from '../signing/SigningSession.js';
import { getCiphersuite, type CiphersuiteId } from '../suite/Ciphersuite.js';
import { identifierFromNumber } from '../suite/identifiers.js';

const hex = (...parts: string[]) => parts.join('');
const HDR = (kind: string) => hex('01', '1b', bytesToHex(utf8ToBytes('JIL-FROST-ED25519-SHA512-v1')), kind);
const ID = (n: number) => identifierFromNumber(n);
const v = readVector('frost-rfc9591-cfrg-poc', 'frost-ed25519-sha512.json');
const o = v.round_one_outputs.outputs;
const c1 = { identifier: ID(1), hiding: hexToBytes(o[0].hiding_nonce_commitment), binding: hexToBytes(o[0].binding_nonce_commitment) };
const c3 = { identifier: ID(3), hiding: hexToBytes(o[1].hiding_nonce_commitment), binding: hexToBytes(o[1].binding_nonce_commitment) };
const s = getCiphersuite('ed25519');
const pub = publicKeyPackageFromCommitment(
  'ed25519',
  [hexToBytes(v.inputs.group_public_key), s.baseMul(s.Fn.fromBytes(hexToBytes(v.inputs.share_polynomial_coefficients[0])))],
  [ID(1), ID(2), ID(3)],
);
const VS = [
  'fc2c9b8e335c132d9ebe0403c9317aac480bbbf8cbdb1bc3730bb68eb60dadf9',
  'f7c3031debffbaf121022409d057e6e1034a532636301d12e26beddff58d05c7',
  '2cff4148a2f965801fb1f25f1d2a4e5df2f75b3a57cd06f30471c2c774419a41',
];
const PUB_BODY = hex(
  '0002',
  '0003',
  v.inputs.group_public_key,
  '6e4226d69664a098507f8b7de582bdd55f6763e54fdec46a061dc4df8a93160f',
  ID(1),
  VS[0]!,
  ID(2),
  VS[1]!,
  ID(3),
  VS[2]!,
);

describe('golden bytes (RFC 9591 App. E inputs, FROST(Ed25519, SHA-512))', () => {
  it('header: version 1, tag length, JIL-FROST-ED25519-SHA512-v1, kind', () => {
    expect(bytesToHex(encodeSigningCommitments(c1, 'ed25519')).slice(0, 60)).toBe(HDR('01'));
    expect(HDR('01')).toBe('011b4a494c2d46524f53542d454432353531392d5348413531322d763101');
  });
  const golden: [string, Uint8Array, string, (b: Uint8Array) => unknown, unknown][] = [
    [
      'SigningCommitments',
      encodeSigningCommitments(c1, 'ed25519'),
      hex(HDR('01'), ID(1), o[0].hiding_nonce_commitment, o[0].binding_nonce_commitment),
      (b) => decodeSigningCommitments(b, 'ed25519'),
      c1,
    ],
    [
      'SigningPackage (sorted)',
      encodeSigningPackage(createSigningPackage([c3, c1], utf8ToBytes('test')), 'ed25519'),
      hex(
        HDR('02'),
        '0002',
        ID(1),
        o[0].hiding_nonce_commitment,
        o[0].binding_nonce_commitment,
        ID(3),
        o[1].hiding_nonce_commitment,
        o[1].binding_nonce_commitment,
        '00000004',
        '74657374',
      ),
      (b) => decodeSigningPackage(b, 'ed25519'),
      createSigningPackage([c1, c3], utf8ToBytes('test')),
    ],
    [
      'SignatureShare',
      encodeSignatureShare({ identifier: ID(1), share: hexToBytes(v.round_two_outputs.outputs[0].sig_share) }, 'ed25519'),
      hex(HDR('03'), ID(1), v.round_two_outputs.outputs[0].sig_share),
      (b) => decodeSignatureShare(b, 'ed25519'),
      { identifier: ID(1), share: hexToBytes(v.round_two_outputs.outputs[0].sig_share) },
    ],
    ['PublicKeyPackage', encodePublicKeyPackage(pub), hex(HDR('04'), PUB_BODY), (b) => decodePublicKeyPackage(b), pub],
    [
      'KeyPackage',
      encodeKeyPackage({
        suite: 'ed25519',
        identifier: ID(1),
        signingShare: hexToBytes(v.inputs.participant_shares[0].participant_share),
        publicKeyPackage: pub,
      }),
      hex(HDR('05'), ID(1), v.inputs.participant_shares[0].participant_share, PUB_BODY),
      (b) => decodeKeyPackage(b),
      {
        suite: 'ed25519',
        identifier: ID(1),
        signingShare: hexToBytes(v.inputs.participant_shares[0].participant_share),
        publicKeyPackage: pub,
      },
    ],
  ];
  it.each(golden)('%s', (_name, bytes, expected, decode, value) => {
    expect(bytesToHex(bytes)).toBe(expected);
    expect(decode(bytes)).toEqual(value);
  });
});

describe.each(['ed25519', 'ristretto255'] as const)('ZF samples.json and elements.json: %s', (suite) => {
  const sample = readVector('frost-zcash', zcashDir(suite), 'samples.json');
  const invalid = readVector('frost-zcash', zcashDir(suite), 'elements.json').elements.invalid_element as string;
  it('sample identifier, elements, scalar and proof of knowledge round-trip in a DKG round-one package', () => {
    const pkg = {
      identifier: sample.identifier,
      commitment: [hexToBytes(sample.element1), hexToBytes(sample.element2)],
      proofOfKnowledge: hexToBytes(sample.proof_of_knowledge),
    };
    expect(sample.proof_of_knowledge).toBe(sample.element1 + sample.scalar1);
    const bytes = encodeDkgRound1Package(pkg, suite);
    expect(decodeDkgRound1Package(bytes, suite)).toEqual(pkg);
    expect(bytesToHex(bytes).endsWith(hex(sample.element1, sample.element2, sample.element1, sample.scalar1))).toBe(true);
  });
  it('the invalid element is rejected wherever an element is read', () => {
    const good = {
      identifier: sample.identifier,
      commitment: [hexToBytes(sample.element1), hexToBytes(sample.element2)],
      proofOfKnowledge: hexToBytes(sample.proof_of_knowledge),
    };
    const bad = [
      () =>
        decodeDkgRound1Package(
          encodeDkgRound1Package({ ...good, commitment: [hexToBytes(invalid), hexToBytes(sample.element2)] }, suite),
          suite,
        ),
      () =>
        decodeSigningCommitments(
          encodeSigningCommitments({ identifier: ID(1), hiding: hexToBytes(invalid), binding: hexToBytes(sample.element2) }, suite),
          suite,
        ),
      () =>
        getCiphersuite(suite).frost.verify(
          new Uint8Array([...hexToBytes(invalid), ...hexToBytes(sample.scalar1)]),
          new Uint8Array(1),
          hexToBytes(sample.element1),
        ),
    ];
    for (const f of bad) expect(f).toThrow();
    try {
      bad[0]!();
    } catch (e) {
      expect(isJilError(e, 'FROST_INVALID_ENCODING') && e.details['field']).toBe('commitment[0]');
    }
  });
});

describe.each(['ed25519', 'ristretto255'] as const)('round trips and tampering: %s', (suite: CiphersuiteId) => {
  const deal = trustedDealer({ suite, minSigners: 2, maxSigners: 3 });
  const kps = Object.values(deal.keyPackages);
  const sessions = kps.slice(0, 2).map((kp) => SigningSession.create(kp));
  const codecs: [string, Uint8Array, (b: Uint8Array) => unknown][] = [
    ['SigningCommitments', encodeSigningCommitments(sessions[0]!.commitments, suite), (b) => decodeSigningCommitments(b, suite)],
    [
      'SigningPackage',
      encodeSigningPackage(
        createSigningPackage(
          sessions.map((x) => x.commitments),
          utf8ToBytes('msg'),
        ),
        suite,
      ),
      (b) => decodeSigningPackage(b, suite),
    ],
    ['PublicKeyPackage', encodePublicKeyPackage(deal.publicKeyPackage), (b) => decodePublicKeyPackage(b, suite)],
    ['KeyPackage', encodeKeyPackage(kps[0]!), (b) => decodeKeyPackage(b, suite)],
    [
      'RefreshPackage',
      encodeRefreshPackage(
        { sender: ID(1), recipient: ID(2), commitment: [deal.publicKeyPackage.commitments[1]!], sealedShare: new Uint8Array(72).fill(9) },
        suite,
      ),
      (b) => decodeRefreshPackage(b, suite),
    ],
    [
      'DkgRound2Package',
      encodeDkgRound2Package({ sender: ID(1), recipient: ID(2), sealedShare: new Uint8Array(72).fill(7) }, suite),
      (b) => decodeDkgRound2Package(b, suite),
    ],
  ];
  it.each(codecs)(
    '%s: decode ∘ encode is the identity on the bytes; wrong suite, truncation and trailing bytes are rejected',
    (_n, bytes, decode) => {
      const value = decode(bytes);
      expect(decode(bytes)).toEqual(value);
      const other = suite === 'ed25519' ? 'ristretto255' : 'ed25519';
      expect(() => decode(Uint8Array.of(2, ...bytes.subarray(1)))).toThrow(/version/);
      expect(() => decode(bytes.subarray(0, bytes.length - 1))).toThrow();
      expect(() => decode(new Uint8Array([...bytes, 0]))).toThrow(/trailing/);
      void other;
    },
  );
  it.each(codecs.filter(([n]) => n !== 'DkgRound2Package' && n !== 'RefreshPackage'))(
    '%s: any single-byte change is rejected or decodes to a different value',
    (_n, bytes, decode) => {
      const original = JSON.stringify(decode(bytes), (_k, x) => (x instanceof Uint8Array ? bytesToHex(x) : x));
      fc.assert(
        fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (i, x) => {
          const t = Uint8Array.from(bytes);
          t[i]! ^= x;
          let decoded: string | undefined;
          try {
            decoded = JSON.stringify(decode(t), (_k, y) => (y instanceof Uint8Array ? bytesToHex(y) : y));
          } catch (e) {
            return isJilError(e) && (e.code === 'FROST_INVALID_ENCODING' || e.code === 'FROST_INVALID_KEY_SHARE');
          }
          return decoded !== original;
        }),
        { numRuns: 150 },
      );
    },
  );
  it('random messages: signing packages round-trip', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (msg) => {
        const pkg = createSigningPackage(
          sessions.map((x) => x.commitments),
          msg,
        );
        const back = decodeSigningPackage(encodeSigningPackage(pkg, suite), suite);
        return bytesToHex(encodeSigningPackage(back, suite)) === bytesToHex(encodeSigningPackage(pkg, suite));
      }),
      { numRuns: 100 },
    );
  });
  it('a package of the other ciphersuite is refused', () => {
    const other = suite === 'ed25519' ? 'ristretto255' : 'ed25519';
    expect(() => decodePublicKeyPackage(encodePublicKeyPackage(deal.publicKeyPackage), other)).toThrow(/expected a JIL-FROST/);
  });
});
