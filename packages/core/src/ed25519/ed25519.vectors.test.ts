import { createPublicKey, verify as rawNodeVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { vectorPath } from '@jil/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { hexToBytes, utf8ToBytes } from '../bytes/encoding.js';
import { backendImpl, type Ed25519Backend } from './backends.js';
import { referenceVerify } from './reference.testutil.js';
import { verifyWith } from './verify.js';

// Vectors: RFC 8032 §7.1 (Ed25519 only), ed25519.cr.yp.to sign.input, ed25519-speccheck, ZIP-215.
// Not used: rfc8032-ed25519ctx.json and rfc8032-ed25519ph.json are Ed25519ctx / Ed25519ph (RFC 8032 §5.1 with
// dom2 prefix and context / prehash); JIL signs with pure Ed25519 only and neither backend API here offers those schemes.

const BACKENDS: readonly Ed25519Backend[] = ['node', 'noble'];
const read = (...p: string[]): string => readFileSync(vectorPath(...p), 'utf8');

interface Case {
  name: string;
  signature: Uint8Array;
  message: Uint8Array;
  publicKey: Uint8Array;
}

/** Run every case through both backends and the reference model; all must agree. Returns the outcomes. */
function outcomes(cases: readonly Case[]): boolean[] {
  return cases.map(({ name, signature, message, publicKey }) => {
    const results = BACKENDS.map((b) => verifyWith(b, signature, message, publicKey));
    const reference = referenceVerify(signature, message, publicKey);
    expect({ name, node: results[0], noble: results[1] }).toEqual({ name, node: reference, noble: reference });
    return reference;
  });
}

describe('RFC 8032 §7.1 Ed25519 vectors', () => {
  const vectors = JSON.parse(read('ed25519-rfc8032', 'rfc8032-ed25519.json')) as {
    name: string;
    secretKey: string;
    publicKey: string;
    message: string;
    signature: string;
  }[];

  it('has the five RFC vectors', () => expect(vectors.length).toBe(5));

  for (const backend of BACKENDS) {
    it(`${backend}: derives the public key, reproduces the signature, verifies`, () => {
      const impl = backendImpl(backend);
      for (const v of vectors) {
        const secretKey = hexToBytes(v.secretKey);
        const message = hexToBytes(v.message);
        expect(impl.getPublicKey(secretKey)).toEqual(hexToBytes(v.publicKey));
        expect(impl.sign(message, secretKey)).toEqual(hexToBytes(v.signature));
      }
    });
  }

  it('both backends accept every vector (expected outcome: valid) and reject it tampered', () => {
    const cases = vectors.map((v) => ({
      name: v.name,
      signature: hexToBytes(v.signature),
      message: hexToBytes(v.message),
      publicKey: hexToBytes(v.publicKey),
    }));
    expect(outcomes(cases)).toEqual(cases.map(() => true));
    const tampered = cases.flatMap((c) => [
      { ...c, name: `${c.name}/sig`, signature: Uint8Array.from(c.signature, (x, i) => (i === 5 ? x ^ 1 : x)) },
      { ...c, name: `${c.name}/msg`, message: Uint8Array.from([...c.message, 0]) },
      { ...c, name: `${c.name}/key`, publicKey: Uint8Array.from(c.publicKey, (x, i) => (i === 0 ? x ^ 4 : x)) },
    ]);
    expect(outcomes(tampered)).toEqual(tampered.map(() => false));
  });
});

describe('sign.input (1024 lines, SUPERCOP ref10 test input)', () => {
  const lines = read('ed25519-rfc8032', 'sign.input.txt')
    .split('\n')
    .filter((l) => l.length > 0);
  const cases = lines.map((line, i) => {
    const [skpk, pk, msg, sigmsg] = line.split(':') as [string, string, string, string];
    return {
      name: `line ${i + 1}`,
      secretKey: hexToBytes(skpk.slice(0, 64)),
      publicKey: hexToBytes(pk),
      message: hexToBytes(msg),
      signature: hexToBytes(sigmsg.slice(0, 128)),
    };
  });

  it('has 1024 lines', () => expect(cases.length).toBe(1024));

  for (const backend of BACKENDS) {
    it(`${backend}: every public key and signature is reproduced`, () => {
      const impl = backendImpl(backend);
      for (const c of cases) {
        expect(impl.getPublicKey(c.secretKey), c.name).toEqual(c.publicKey);
        expect(impl.sign(c.message, c.secretKey), c.name).toEqual(c.signature);
      }
    });
  }

  it('both backends accept every line (expected outcome: valid)', () => {
    expect(outcomes(cases)).toEqual(cases.map(() => true));
  });
});

const speccheck = (JSON.parse(read('ed25519-speccheck', 'cases.json')) as { message: string; pub_key: string; signature: string }[]).map(
  (c, i) => ({
    name: `speccheck ${i}`,
    message: hexToBytes(c.message),
    publicKey: hexToBytes(c.pub_key),
    signature: hexToBytes(c.signature),
  }),
);

/** The README table has a column for OpenSSL 3.0 (Node 20, 22) and one for 3.5 (Node 24); other versions are not listed. */
const [OPENSSL_MAJOR, OPENSSL_MINOR] = process.versions.openssl.split('.').map(Number) as [number, number];
const OPENSSL_35_OR_LATER = OPENSSL_MAJOR > 3 || (OPENSSL_MAJOR === 3 && OPENSSL_MINOR >= 5);

describe('ed25519-speccheck (12 edge cases)', () => {
  it('both backends agree with the reference model on every case', () => {
    expect(speccheck.length).toBe(12);
    outcomes(speccheck);
  });

  describe('README table', () => {
    let rows: Map<number, string[]>;
    beforeAll(() => {
      const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
      const block = /<!-- speccheck-table -->([\s\S]*?)<!-- \/speccheck-table -->/.exec(readme)?.[1] ?? '';
      rows = new Map(
        block
          .split('\n')
          .map((l) => l.split('|').map((c) => c.trim()))
          .filter((cells) => /^\d+$/.test(cells[1] ?? ''))
          // [OpenSSL 3.0, OpenSSL 3.5, noble, JIL] → the node:crypto column of the OpenSSL this Node.js links
          .map((cells) => {
            const [openssl30, openssl35, noble, jil] = cells.slice(-5, -1) as [string, string, string, string];
            return [Number(cells[1]), [OPENSSL_35_OR_LATER ? openssl35 : openssl30, noble, jil]];
          }),
      );
    });

    it('lists, for every case, raw node:crypto, raw noble {zip215:false} and the JIL policy as observed', () => {
      ed.hashes.sha512 ??= sha512;
      const mark = (ok: boolean): string => (ok ? 'V' : 'X');
      const observed = speccheck.map((c) => {
        const key = createPublicKey({
          key: Buffer.concat([hexToBytes('302a300506032b6570032100'), c.publicKey]),
          format: 'der',
          type: 'spki',
        });
        const node = rawNodeVerify(null, c.message, key, c.signature);
        const noble = ed.verify(c.signature, c.message, c.publicKey, { zip215: false });
        return [mark(node), mark(noble), mark(verifyWith('node', c.signature, c.message, c.publicKey))];
      });
      expect(speccheck.map((_, i) => rows.get(i))).toEqual(observed);
    });
  });
});

describe('ZIP-215 vectors (196 small-order / non-canonical cases, message "Zcash")', () => {
  const cases = (JSON.parse(read('ed25519-zip215', 'zip215.json')) as { vk_bytes: string; sig_bytes: string }[]).map((c, i) => ({
    name: `zip215 ${i}`,
    message: utf8ToBytes('Zcash'),
    publicKey: hexToBytes(c.vk_bytes),
    signature: hexToBytes(c.sig_bytes),
  }));

  it('both backends agree with the reference model on every case', () => {
    expect(cases.length).toBe(196);
    outcomes(cases);
  });
});
