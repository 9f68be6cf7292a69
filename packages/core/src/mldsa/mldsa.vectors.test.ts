import { createPrivateKey, createPublicKey, sign as rawNodeSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { vectorPath } from '@jil/testkit';
import { describe, expect, it } from 'vitest';
import { base64Decode, hexToBytes } from '../bytes/encoding.js';
import { availableMlDsaBackends, mlDsaBackendImpl, type MlDsaBackend } from './backends.js';
import { nobleSignExpanded } from './nobleBackend.js';
import { PKCS8_SEED_PREFIX, SPKI_PREFIX } from './nodeBackend.js';
import { mlDsa65VerifyWith } from './verify.js';

// Vectors: NIST ACVP ML-DSA-65 (../shared/vectors/acvp-fips204-fips203: keyGen tgId 2; sigGen tgId 3 deterministic and
// tgId 15 hedged, external interface, pure, with context) and IETF LAMPS id-ML-DSA-65 (composite-mldsa-lamps).
// The node column runs only where node:crypto has ML-DSA-65 (Node.js 24); on Node 20 those tests are skipped.

const ALL: readonly MlDsaBackend[] = ['node', 'noble'];
const AVAILABLE = availableMlDsaBackends();
const HAS_NODE = AVAILABLE.includes('node');
const read = <T>(...p: string[]): T => JSON.parse(readFileSync(vectorPath(...p), 'utf8')) as T;

interface AcvpFile<T> {
  testGroups: { tgId: number; tests: (T & { tcId: number })[] }[];
}
/** The tests of group `tgId`, prompt and expected result joined on tcId. */
function acvp<P, E>(folder: string, tgId: number): (P & E & { tcId: number })[] {
  const prompt = read<AcvpFile<P>>('acvp-fips204-fips203', folder, 'prompt.json').testGroups.find((g) => g.tgId === tgId)!;
  const expected = read<AcvpFile<E>>('acvp-fips204-fips203', folder, 'expectedResults.json').testGroups.find((g) => g.tgId === tgId)!;
  const byId = new Map(expected.tests.map((t) => [t.tcId, t]));
  return prompt.tests.map((t) => ({ ...t, ...byId.get(t.tcId)! }));
}

/** PKCS #8 with the `expandedKey` choice (OCTET STRING of the 4032-byte skEncode), draft-ietf-lamps-dilithium-certificates. */
const expandedKeyDer = (sk: Uint8Array): Buffer =>
  Buffer.concat([hexToBytes('30820fd8020100300b060960864801650304031204820fc404820fc0'), sk]);

/** The case and its tamperings: a bit flipped in c̃, z and h, a changed message, a changed context. */
function tamperings(signature: Uint8Array, message: Uint8Array, context: Uint8Array): [string, Uint8Array, Uint8Array, Uint8Array][] {
  const flip = (at: number): Uint8Array => Uint8Array.from(signature, (b, i) => (i === at ? b ^ 0x10 : b));
  return [
    ['c̃ bit', flip(3), message, context],
    ['z bit', flip(48 + 1000), message, context],
    ['h bit', flip(3300), message, context],
    ['message', signature, Uint8Array.from([...message, 0]), context],
    ['context', signature, message, context.length > 0 ? context.subarray(1) : new Uint8Array([0])],
  ];
}

describe('ACVP ML-DSA-65 keyGen (tgId 2)', () => {
  const cases = acvp<{ seed: string }, { pk: string; sk: string }>('ML-DSA-keyGen-FIPS204', 2);

  it('has 25 cases', () => expect(cases.length).toBe(25));

  for (const backend of ALL) {
    it.skipIf(!AVAILABLE.includes(backend))(`${backend}: the seed ξ gives pk`, () => {
      const impl = mlDsaBackendImpl(backend);
      for (const c of cases) expect(impl.getPublicKey(hexToBytes(c.seed)), `tcId ${c.tcId}`).toEqual(hexToBytes(c.pk));
    });
  }

  it("noble's expanded key is the vector's sk (the encoding nobleSignExpanded takes)", () => {
    for (const c of cases) expect(ml_dsa65.keygen(hexToBytes(c.seed)).secretKey, `tcId ${c.tcId}`).toEqual(hexToBytes(c.sk));
  });
});

describe.each([
  [3, 'deterministic'],
  [15, 'hedged'],
] as const)('ACVP ML-DSA-65 sigGen (tgId %i, %s, external, pure)', (tgId, _mode) => {
  const cases = acvp<{ message: string; sk: string; context: string; rnd?: string }, { signature: string }>(
    'ML-DSA-sigGen-FIPS204',
    tgId,
  ).map((c) => ({
    tcId: c.tcId,
    message: hexToBytes(c.message),
    sk: hexToBytes(c.sk),
    context: hexToBytes(c.context),
    rnd: c.rnd === undefined ? new Uint8Array(32) : hexToBytes(c.rnd), // deterministic variant: rnd = 0^32 (FIPS 204 §3.4)
    signature: hexToBytes(c.signature),
    publicKey: ml_dsa65.getPublicKey(hexToBytes(c.sk)),
  }));

  it('has 15 cases, with contexts of several lengths', () => {
    expect(cases.length).toBe(15);
    expect(new Set(cases.map((c) => c.context.length)).size).toBeGreaterThan(1);
  });

  it('noble reproduces every signature byte for byte from sk and rnd', () => {
    for (const c of cases) expect(nobleSignExpanded(c.message, c.sk, c.context, c.rnd), `tcId ${c.tcId}`).toEqual(c.signature);
  });

  // node:crypto takes the expanded sk (PKCS #8 expandedKey) but has no deterministic mode and no way to pass rnd, so
  // it cannot reproduce these bytes: instead every backend must verify the expected signature and reject it tampered.
  it('every backend verifies the expected signature and rejects every tampering of it', () => {
    for (const backend of AVAILABLE) {
      for (const c of cases) {
        expect(mlDsa65VerifyWith(backend, c.signature, c.message, c.publicKey, { context: c.context }), `${backend} tcId ${c.tcId}`).toBe(
          true,
        );
        for (const [what, signature, message, context] of tamperings(c.signature, c.message, c.context)) {
          expect(mlDsa65VerifyWith(backend, signature, message, c.publicKey, { context }), `${backend} tcId ${c.tcId} ${what}`).toBe(false);
        }
      }
    }
  });

  it.skipIf(!HAS_NODE)(
    'node: imports the expanded sk, derives the same public key, and its (hedged) signatures verify on every backend',
    () => {
      for (const c of cases.slice(0, 5)) {
        const key = createPrivateKey({ key: expandedKeyDer(c.sk), format: 'der', type: 'pkcs8' });
        const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
        expect(new Uint8Array(spki.subarray(SPKI_PREFIX.length)), `tcId ${c.tcId}`).toEqual(c.publicKey);
        const signature = new Uint8Array(rawNodeSign(null, c.message, { key, context: c.context }));
        expect(signature).not.toEqual(c.signature);
        for (const backend of AVAILABLE) {
          expect(mlDsa65VerifyWith(backend, signature, c.message, c.publicKey, { context: c.context }), `${backend} tcId ${c.tcId}`).toBe(
            true,
          );
        }
      }
    },
  );
});

describe('IETF LAMPS id-ML-DSA-65 (pure ML-DSA-65 from draft-ietf-lamps-pq-composite-sigs)', () => {
  const file = read<{
    m: string;
    ctx: string;
    tests: { tcId: string; pk: string; sk: string; sk_pkcs8: string; s: string; sWithContext: string }[];
  }>('composite-mldsa-lamps', 'testvectors-subset.json');
  const v = file.tests.find((t) => t.tcId === 'id-ML-DSA-65')!;
  const [message, context, publicKey, seed, s, sWithContext] = [file.m, file.ctx, v.pk, v.sk, v.s, v.sWithContext].map(base64Decode) as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];

  it('our seed-only PKCS #8 encoding is byte for byte the vector sk_pkcs8', () => {
    expect(Uint8Array.from([...PKCS8_SEED_PREFIX, ...seed])).toEqual(base64Decode(v.sk_pkcs8));
  });

  for (const backend of ALL) {
    it.skipIf(!AVAILABLE.includes(backend))(`${backend}: the seed gives pk; s verifies without the context, sWithContext with it`, () => {
      expect(mlDsaBackendImpl(backend).getPublicKey(seed)).toEqual(publicKey);
      expect(mlDsa65VerifyWith(backend, s, message, publicKey)).toBe(true);
      expect(mlDsa65VerifyWith(backend, sWithContext, message, publicKey, { context })).toBe(true);
      expect(mlDsa65VerifyWith(backend, s, message, publicKey, { context })).toBe(false);
      expect(mlDsa65VerifyWith(backend, sWithContext, message, publicKey)).toBe(false);
    });
  }
});
