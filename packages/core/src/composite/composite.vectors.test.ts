import { readFileSync } from 'node:fs';
import { vectorPath } from '@jil/testkit';
import { describe, expect, it } from 'vitest';
import { base64Decode, bytesToHex, hexToBytes, utf8ToBytes } from '../bytes/encoding.js';
import { isJilError } from '../errors/JilError.js';
import { backendImpl } from '../ed25519/backends.js';
import { verifyWith } from '../ed25519/verify.js';
import { mlDsaBackendImpl } from '../mldsa/backends.js';
import { mlDsa65VerifyWith } from '../mldsa/verify.js';
import { availableCompositeBackends, type CompositeBackend } from './backends.js';
import { compositeGenerateKeyPair } from './generateKeyPair.js';
import { compositeGetPublicKey } from './getPublicKey.js';
import { compositeMessageRepresentative, LABEL } from './messageRepresentative.js';
import { COMPOSITE_MLDSA65_ED25519 } from './params.js';
import { compositeSignWith } from './sign.js';
import { compositeVerify, compositeVerifyWith } from './verify.js';

// Vectors: IETF LAMPS draft-ietf-lamps-pq-composite-sigs (../shared/vectors/composite-mldsa-lamps, src/testvectors.json
// at commit 60fcb1e = draft -19 plus one formatting commit). The node column runs only where node:crypto has
// ML-DSA-65 (Node.js 24); on Node 20 those tests are skipped and noble covers both halves.
const ALL: readonly CompositeBackend[] = ['node', 'noble'];
const AVAILABLE = availableCompositeBackends();

interface LampsVector {
  tcId: string;
  pk: string;
  x5c: string;
  sk: string;
  sk_pkcs8: string;
  s: string;
  sWithContext: string;
}
const file = JSON.parse(readFileSync(vectorPath('composite-mldsa-lamps', 'testvectors-subset.json'), 'utf8')) as {
  m: string;
  ctx: string;
  tests: LampsVector[];
};
const cases = file.tests.filter((t) => t.tcId === COMPOSITE_MLDSA65_ED25519.algorithm);
const message = base64Decode(file.m);
const context = base64Decode(file.ctx);
const decode = (v: LampsVector) => ({
  pk: base64Decode(v.pk),
  sk: base64Decode(v.sk),
  s: base64Decode(v.s),
  sWithContext: base64Decode(v.sWithContext),
  x5c: base64Decode(v.x5c),
  skPkcs8: base64Decode(v.sk_pkcs8),
});

/** Minimal DER reader: the TLVs directly inside the element at `at` (tag, whole TLV, contents). */
function derChildren(der: Uint8Array, at = 0): { tag: number; tlv: Uint8Array; value: Uint8Array }[] {
  const read = (p: number) => {
    let len = der[p + 1]!;
    let head = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + der[p + 2 + i]!;
      head += n;
    }
    return { tag: der[p]!, start: p, valueStart: p + head, end: p + head + len };
  };
  const outer = read(at);
  const out = [];
  for (let p = outer.valueStart; p < outer.end; ) {
    const t = read(p);
    out.push({ tag: t.tag, tlv: der.subarray(t.start, t.end), value: der.subarray(t.valueStart, t.end) });
    p = t.end;
  }
  return out;
}

/** Tamperings of a valid (signature, message, context, publicKey): each must be `false`. */
function tamperings(
  s: Uint8Array,
  m: Uint8Array,
  ctx: Uint8Array,
  pk: Uint8Array,
): [string, Uint8Array, Uint8Array, Uint8Array, Uint8Array][] {
  const flip = (x: Uint8Array, at: number) => Uint8Array.from(x, (b, i) => (i === at ? b ^ 0x04 : b));
  return [
    ['ML-DSA c̃ bit', flip(s, 5), m, ctx, pk],
    ['ML-DSA z bit', flip(s, 48 + 2000), m, ctx, pk],
    ['ML-DSA h bit', flip(s, 3305), m, ctx, pk],
    ['Ed25519 R bit', flip(s, 3309 + 3), m, ctx, pk],
    ['Ed25519 S bit', flip(s, 3309 + 40), m, ctx, pk],
    ['ML-DSA public key bit', s, m, ctx, flip(pk, 100)],
    ['Ed25519 public key bit', s, m, ctx, flip(pk, 1952 + 7)],
    ['message', s, utf8ToBytes('The quick brown fox jumps over the lazy dog!'), ctx, pk],
    ['message + 1 byte', s, Uint8Array.from([...m, 0]), ctx, pk],
    ['context', s, m, ctx.length > 0 ? ctx.subarray(1) : new Uint8Array([0]), pk],
    ['Ed25519 half zeroed', Uint8Array.from(s, (b, i) => (i < 3309 ? b : 0)), m, ctx, pk],
    ['ML-DSA half zeroed', Uint8Array.from(s, (b, i) => (i < 3309 ? 0 : b)), m, ctx, pk],
  ];
}

describe(`IETF LAMPS ${COMPOSITE_MLDSA65_ED25519.algorithm}`, () => {
  it('has the case, with the sizes of draft §4 / Appendix A', () => {
    expect(cases.length).toBe(1);
    const v = decode(cases[0]!);
    expect([v.pk.length, v.sk.length, v.s.length, v.sWithContext.length]).toEqual([1984, 64, 3373, 3373]);
    expect(context.length).toBeGreaterThan(0);
  });

  for (const raw of cases) {
    const v = decode(raw);

    it('key derivation from sk (ξ ‖ Ed25519 seed) reproduces pk, on the default and on every backend', () => {
      expect(compositeGetPublicKey(v.sk)).toEqual(v.pk);
      expect(compositeGenerateKeyPair(v.sk).publicKey).toEqual(v.pk);
      for (const b of AVAILABLE) {
        const pk = Uint8Array.from([
          ...mlDsaBackendImpl(b).getPublicKey(v.sk.subarray(0, 32)),
          ...backendImpl(b).getPublicKey(v.sk.subarray(32)),
        ]);
        expect(pk, b).toEqual(v.pk);
      }
    });

    it('sk_pkcs8 wraps exactly sk (OCTET STRING of the 64 raw bytes, draft §5.1)', () => {
      expect(bytesToHex(v.skPkcs8.subarray(-66))).toBe(`0440${bytesToHex(v.sk)}`);
    });

    for (const backend of ALL) {
      it.skipIf(!AVAILABLE.includes(backend))(`${backend}: s verifies without ctx, sWithContext with ctx, not the other way round`, () => {
        expect(compositeVerifyWith(backend, v.s, message, v.pk)).toBe(true);
        expect(compositeVerifyWith(backend, v.s, message, v.pk, { context: new Uint8Array(0) })).toBe(true);
        expect(compositeVerifyWith(backend, v.sWithContext, message, v.pk, { context })).toBe(true);
        expect(compositeVerifyWith(backend, v.s, message, v.pk, { context })).toBe(false);
        expect(compositeVerifyWith(backend, v.sWithContext, message, v.pk)).toBe(false);
      });

      it.skipIf(!AVAILABLE.includes(backend))(`${backend}: every tampering of s and sWithContext is false`, () => {
        for (const [s, ctx] of [
          [v.s, new Uint8Array(0)],
          [v.sWithContext, context],
        ] as const) {
          for (const [what, ts, tm, tctx, tpk] of tamperings(s, message, ctx, v.pk)) {
            expect(compositeVerifyWith(backend, ts, tm, tpk, { context: tctx }), `${backend} ${what} (ctx ${ctx.length})`).toBe(false);
          }
        }
      });

      it.skipIf(!AVAILABLE.includes(backend))(`${backend}: halves mixed between s and sWithContext are false under either context`, () => {
        const mixed = [
          Uint8Array.from([...v.s.subarray(0, 3309), ...v.sWithContext.subarray(3309)]),
          Uint8Array.from([...v.sWithContext.subarray(0, 3309), ...v.s.subarray(3309)]),
        ];
        for (const s of mixed) {
          expect(compositeVerifyWith(backend, s, message, v.pk)).toBe(false);
          expect(compositeVerifyWith(backend, s, message, v.pk, { context })).toBe(false);
        }
      });

      it.skipIf(!AVAILABLE.includes(backend))(
        `${backend}: the halves of s are ML-DSA-65 (ctx = Label) and Ed25519 signatures of our M'`,
        () => {
          for (const [s, ctx] of [
            [v.s, new Uint8Array(0)],
            [v.sWithContext, context],
          ] as const) {
            const mPrime = compositeMessageRepresentative(message, ctx);
            expect(mlDsa65VerifyWith(backend, s.subarray(0, 3309), mPrime, v.pk.subarray(0, 1952), { context: LABEL })).toBe(true);
            expect(verifyWith(backend, s.subarray(3309), mPrime, v.pk.subarray(1952))).toBe(true);
          }
        },
      );

      it.skipIf(!AVAILABLE.includes(backend))(
        `${backend}: signing with sk re-creates the Ed25519 half byte for byte; the signatures verify on every backend`,
        () => {
          for (const [expected, ctx] of [
            [v.s, new Uint8Array(0)],
            [v.sWithContext, context],
          ] as const) {
            const signature = compositeSignWith(backend, message, v.sk, { context: ctx });
            expect(signature.subarray(3309), `${backend} ctx ${ctx.length}`).toEqual(expected.subarray(3309)); // RFC 8032 is deterministic
            expect(signature.subarray(0, 3309)).not.toEqual(expected.subarray(0, 3309)); // ML-DSA is hedged
            for (const b of AVAILABLE)
              expect(compositeVerifyWith(b, signature, message, v.pk, { context: ctx }), `${backend} → ${b}`).toBe(true);
          }
        },
      );

      it.skipIf(!AVAILABLE.includes(backend))(`${backend}: the self-signed x5c certificate verifies (TBSCertificate, empty ctx)`, () => {
        const [tbs, algorithm, signatureValue] = derChildren(v.x5c);
        expect(bytesToHex(algorithm!.tlv)).toBe('300a06082b06010505070630'); // AlgorithmIdentifier { 1.3.6.1.5.5.7.6.48 }, no parameters
        expect(signatureValue!.tag).toBe(0x03);
        expect(signatureValue!.value[0]).toBe(0); // no unused bits
        expect(bytesToHex(tbs!.tlv)).toContain(bytesToHex(v.pk)); // subjectPublicKey = pk
        const signature = signatureValue!.value.subarray(1);
        expect(compositeVerifyWith(backend, signature, tbs!.tlv, v.pk)).toBe(true);
        expect(compositeVerifyWith(backend, signature, tbs!.tlv.subarray(0, -1), v.pk)).toBe(false);
      });
    }
  }
});

describe('draft Appendix D: message representative examples (another Label, the same Prefix and PH = SHA-512)', () => {
  // draft-ietf-lamps-pq-composite-sigs-19 Appendix D (src/messageFormatSample_noctx.md, _ctx.md), id-MLDSA65-ECDSA-P256-SHA512
  const label = utf8ToBytes('COMPSIG-MLDSA65-ECDSA-P256-SHA512');
  const m = hexToBytes('00010203040506070809');
  const prefixAndLabel =
    '436f6d706f73697465416c676f726974686d5369676e61747572657332303235434f4d505349472d4d4c44534136352d45434453412d503235362d534841353132';
  const ph =
    '0f89ee1fcb7b0a4f7809d1267a029719004c5a5e5ec323a7c3523a20974f9a3f202f56fadba4cd9e8d654ab9f2e96dc5c795ea176fa20ede8d854c342f903533';

  it("reproduces M' without and with the 8-byte ctx", () => {
    expect(bytesToHex(compositeMessageRepresentative(m, new Uint8Array(0), label))).toBe(`${prefixAndLabel}00${ph}`);
    expect(bytesToHex(compositeMessageRepresentative(m, hexToBytes('0813061205162623'), label))).toBe(
      `${prefixAndLabel}080813061205162623${ph}`,
    );
  });

  it("uses this algorithm's Label by default: Prefix ‖ 'COMPSIG-MLDSA65-Ed25519-SHA512' ‖ len ‖ ctx ‖ SHA-512(M)", () => {
    const mPrime = compositeMessageRepresentative(m, new Uint8Array([0xaa]));
    expect(mPrime.length).toBe(32 + 30 + 1 + 1 + 64);
    expect(bytesToHex(mPrime)).toBe(`${prefixAndLabel.slice(0, 64)}${bytesToHex(utf8ToBytes('COMPSIG-MLDSA65-Ed25519-SHA512'))}01aa${ph}`);
  });
});

describe('IETF LAMPS id-MLDSA44-Ed25519-SHA512 (another composite, other sizes)', () => {
  it('its key and signature are refused by length (INVALID_ARGUMENT), never verified', () => {
    const other = decode(file.tests.find((t) => t.tcId === 'id-MLDSA44-Ed25519-SHA512')!);
    const mine = decode(cases[0]!);
    for (const fn of [
      () => compositeVerify(other.s, message, other.pk),
      () => compositeVerify(mine.s, message, other.pk),
      () => compositeGetPublicKey(other.sk.subarray(0, 63)),
    ]) {
      let error: unknown;
      try {
        fn();
      } catch (e) {
        error = e;
      }
      expect(isJilError(error, 'INVALID_ARGUMENT')).toBe(true);
    }
  });
});
