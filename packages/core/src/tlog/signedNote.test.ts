import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ed from '@noble/ed25519';
import { SHARED_DIR } from '@jil/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, bytesToHex, utf8ToBytes } from '../bytes/encoding.js';
import { isJilError } from '../errors/JilError.js';
import { getPublicKey } from '../ed25519/getPublicKey.js';
import { cosignatureV1Message } from './cosignatureV1Message.js';
import { createNoteSignature } from './createNoteSignature.js';
import { formatSignedNote } from './formatSignedNote.js';
import { formatSignerKey } from './formatSignerKey.js';
import { formatVerifierKey } from './formatVerifierKey.js';
import type { NoteSignerKey } from './NoteKey.js';
import { noteKeyId } from './noteKeyId.js';
import { parseSignedNote } from './parseSignedNote.js';
import { parseSignerKey } from './parseSignerKey.js';
import { parseVerifierKey } from './parseVerifierKey.js';
import { signNote } from './signNote.js';
import { verifyNote } from './verifyNote.js';

const spec = (name: string): string => readFileSync(resolve(SHARED_DIR, 'specs', 'c2sp', name), 'utf8');
const between = (text: string, after: string, re: RegExp): string => re.exec(text.slice(text.indexOf(after)))![1]!;

// Cross-implementation vectors from Go's golang.org/x/mod/sumdb/note (note_test.go, BSD-3-Clause): a full
// signer/verifier key pair and the exact signed note Go's note.Sign produces with it, plus a second, unrelated signature.
const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;
const GO_ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const GO_ENOCH_SIG = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

const seed = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const key = (name: string, n: number, type: NoteSignerKey['type'] = 'ed25519'): NoteSignerKey =>
  parseSignerKey(formatSignerKey({ name, secretKey: seed(n), type }));
const code = (fn: () => unknown): { code: string; field?: unknown; fields?: unknown; check?: unknown } => {
  try {
    fn();
  } catch (e) {
    if (isJilError(e))
      return {
        code: e.code,
        field: e.details['field'],
        check: e.details['check'],
        fields: (e.details['fields'] as { field: string }[] | undefined)?.map((f) => f.field),
      };
    throw e;
  }
  throw new Error('expected a throw');
};

describe('signed-note spec examples (../shared/specs/c2sp)', () => {
  it('signed-note.md: the example verifier key verifies the example note', () => {
    const text = spec('signed-note.md');
    const vkey = between(text, 'The following verifier key', /\n\s+(\S+\+[0-9a-f]{8}\+\S+)\n/);
    const note = `${between(text, 'verifies the following signed note', /```\n([\s\S]*?)```/)}`;
    expect(vkey).toBe('example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k');
    const k = parseVerifierKey(vkey);
    expect([k.name, k.type, k.keyId.toString(16)]).toEqual(['example.com/foo', 'ed25519', '530d903a']);
    expect(formatVerifierKey(k)).toBe(vkey);
    const r = verifyNote(note, [k]);
    expect(r).toMatchObject({
      valid: true,
      text: 'This is an example message.\n',
      verified: [{ name: 'example.com/foo', keyId: 0x530d903a, type: 'ed25519' }],
      unverified: [],
    });
    expect(formatSignedNote(parseSignedNote(note))).toBe(note);
  });

  it('signed-note.md: the Quasimodo note parses (empty lines in the text) and, with no key for it, does not verify', () => {
    const note = between(spec('signed-note.md'), 'A note is text signed', /```\n([\s\S]*?)```/);
    const parsed = parseSignedNote(note);
    expect(parsed.text).toBe('Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n');
    expect(parsed.signatures).toHaveLength(1);
    expect(parsed.signatures[0]!.name).toBe('quasimodo.example/salvatore');
    expect(parsed.signatures[0]!.signature.length).toBe(64);
    expect(formatSignedNote(parsed)).toBe(note);
    expect(verifyNote(note, [parseVerifierKey(GO_VKEY)])).toMatchObject({ valid: false, check: 'signer', code: 'TLOG_NOTE_UNVERIFIED' });
  });

  it("tlog-cosignature.md: the witness line carries timestamp 1679315147 and the signed message is the spec's", () => {
    const text = spec('tlog-cosignature.md');
    const note = between(text, 'Below is an example', /```\n([\s\S]*?)```/);
    const { text: body, signatures } = parseSignedNote(note);
    const w = signatures.find((s) => s.name === 'witness.example.com/w1')!;
    expect(w.signature.length).toBe(72);
    const ts = Number(new DataView(w.signature.buffer, w.signature.byteOffset).getBigUint64(0));
    expect(ts).toBe(1679315147);
    const message = between(text, 'zeroes.', /\n\n((?: {4}.*\n)+)/).replace(/^ {4}/gm, '');
    expect(new TextDecoder().decode(cosignatureV1Message(body, ts))).toBe(message);
  });
});

describe('Go sumdb/note interoperability vectors', () => {
  it("parses Go's signer and verifier keys (base64 with +) and signs byte-exactly like note.Sign", () => {
    const s = parseSignerKey(GO_SKEY);
    expect(formatVerifierKey(s)).toBe(GO_VKEY);
    expect(formatSignerKey(s)).toBe(GO_SKEY);
    expect(parseVerifierKey(GO_VKEY)).toEqual({ name: s.name, type: 'ed25519', keyId: 0xc74f20a3, publicKey: s.publicKey });
    expect(signNote(GO_TEXT, [s])).toBe(GO_NOTE);
  });

  it("verifies Go's note, ignores the unknown EnochRoot signature, and verifies both when both keys are known", () => {
    const both = GO_NOTE + GO_ENOCH_SIG;
    const one = verifyNote(both, [parseVerifierKey(GO_VKEY)]);
    expect(one).toMatchObject({
      valid: true,
      verified: [{ name: 'PeterNeumann' }],
      unverified: [{ name: 'EnochRoot', keyId: 0xaf0cfe78 }],
    });
    const two = verifyNote(both, [parseVerifierKey(GO_VKEY), parseVerifierKey(GO_ENOCH_VKEY)]);
    expect(two.valid && two.verified.map((v) => v.name)).toEqual(['PeterNeumann', 'EnochRoot']);
  });
});

describe('signing and verifying', () => {
  const log = key('jil.example/log', 1);
  const w1 = key('jil.example/w1', 2, 'cosignature/v1');
  const w2 = key('jil.example/w2', 3, 'cosignature/v1');
  const TEXT = 'jil.example/log\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n';

  it('golden bytes: Ed25519 and cosignature/v1 signed notes from fixed seeds', async () => {
    const note = signNote(TEXT, [log, w1], { timestamp: 1_700_000_000 });
    expect(formatVerifierKey(log)).toBe(
      `jil.example/log+${log.keyId.toString(16).padStart(8, '0')}+${base64Encode(new Uint8Array([1, ...log.publicKey]))}`,
    );
    expect(formatVerifierKey(w1).split('+')[2]!.startsWith('B')).toBe(true); // type byte 0x04 = 0b000001|00…
    expect(note).toBe(
      `${TEXT}\n` +
        '— jil.example/log Xxme2MBCGyVGFyvz4NS1tk1P28hBC/TKQz2moIDonlWkIgnCldPXlzUoXMYobtSfXWnqpdPzac6h2CPZldovNizCMA4=\n' +
        '— jil.example/w1 8eS0VwAAAABlU/EAfWhc3sXUn+VYG76/bcwkkMXVDMN+YYJUp6xxZ0uumbvuB8cfmOWdY1F7GQch/SYAoj0Wajg4G5mlH2tw1quuCg==\n',
    );
    // Independent recomputation of the cosignature with @noble/ed25519 straight from the spec text.
    const line = parseSignedNote(note).signatures[1]!;
    expect(bytesToHex(line.signature.subarray(0, 8))).toBe('000000006553f100');
    const msg = utf8ToBytes(`cosignature/v1\ntime 1700000000\n${TEXT}`);
    expect(await ed.verifyAsync(line.signature.subarray(8), msg, getPublicKey(seed(2)))).toBe(true);
    expect(line.keyId).toBe(noteKeyId('jil.example/w1', 'cosignature/v1', getPublicKey(seed(2))));
    expect(noteKeyId('jil.example/w1', 'cosignature/v1', w1.publicKey)).not.toBe(noteKeyId('jil.example/w1', 'ed25519', w1.publicKey));
  });

  it('verifies Ed25519 and cosignature/v1 signatures and reports the timestamps', () => {
    const note = signNote(TEXT, [log, w1, w2], { timestamp: 1_700_000_123 });
    const r = verifyNote(note, [log, w1, w2]);
    expect(r).toMatchObject({
      valid: true,
      verified: [
        { name: 'jil.example/log', type: 'ed25519' },
        { name: 'jil.example/w1', type: 'cosignature/v1', timestamp: 1_700_000_123 },
        { name: 'jil.example/w2', type: 'cosignature/v1', timestamp: 1_700_000_123 },
      ],
    });
    expect((r as { verified: object[] }).verified[0]).not.toHaveProperty('timestamp');
  });

  it('format ∘ parse = id, and any flipped bit of a signed note fails verification', () => {
    const line = fc.stringMatching(/^[^\u0000-\u001f\u2014]{0,40}$/);
    const text = fc.array(line, { minLength: 1, maxLength: 5 }).map((ls) => `${ls.join('\n')}\n`);
    fc.assert(
      fc.property(text, fc.nat(), fc.integer({ min: 0, max: 7 }), (t, at, bit) => {
        const note = signNote(t, [log, w1], { timestamp: 42 });
        expect(formatSignedNote(parseSignedNote(note))).toBe(note);
        const r = verifyNote(note, [log, w1]);
        expect(r.valid && r.text).toBe(t);
        // With one signature, any flipped bit fails; with two, it fails or leaves only the untouched one verified.
        const single = utf8ToBytes(signNote(t, [log]));
        single[at % single.length] = single[at % single.length]! ^ (1 << bit);
        expect(verifyNote(single, [log]).valid).toBe(false);
        const bytes = utf8ToBytes(note);
        bytes[at % bytes.length] = bytes[at % bytes.length]! ^ (1 << bit);
        const both = verifyNote(bytes, [log, w1]);
        expect(both.valid && both.verified.length).not.toBe(2);
      }),
      { numRuns: 300 },
    );
  });

  it('signature-line rules: unknown keys ignored, a bad known one rejects the note, 16…100 lines accepted', () => {
    const note = signNote(TEXT, [log]);
    const other = key('jil.example/log', 9); // same name, different key ID → ignored
    expect(verifyNote(note + signNote(TEXT, [other]).slice(TEXT.length + 1), [log])).toMatchObject({
      valid: true,
      unverified: [{ name: 'jil.example/log' }],
    });
    // Same key ID under another name → unknown, ignored.
    const renamed = `${TEXT}\n— jil.example/other ${note.split(' ').pop()}`;
    expect(verifyNote(renamed, [log])).toMatchObject({ valid: false, check: 'signer' });
    // A known key whose signature fails rejects the note, even beside a valid one.
    const forged = formatSignedNote({
      text: TEXT,
      signatures: [...parseSignedNote(note).signatures, { name: log.name, keyId: log.keyId, signature: new Uint8Array(64) }],
    });
    expect(verifyNote(forged, [log])).toMatchObject({
      valid: false,
      check: 'signature',
      code: 'TLOG_BAD_SIGNATURE',
      details: { name: log.name },
    });
    // A cosignature of the wrong length from a known witness is a bad signature.
    const short = formatSignedNote({
      text: TEXT,
      signatures: [...parseSignedNote(note).signatures, { name: w1.name, keyId: w1.keyId, signature: new Uint8Array(64) }],
    });
    expect(verifyNote(short, [log, w1])).toMatchObject({ valid: false, check: 'signature' });
    // Duplicate lines of one key are reported once.
    const dup = note + note.slice(TEXT.length + 1);
    expect(verifyNote(dup, [log])).toMatchObject({ valid: true, verified: [{ name: log.name }] });
    const unknown = Array.from({ length: 99 }, (_, i) => ({ name: `w${i}`, keyId: i, signature: new Uint8Array(64) }));
    const hundred = formatSignedNote({ text: TEXT, signatures: [...unknown, ...parseSignedNote(note).signatures] });
    expect(verifyNote(hundred, [log])).toMatchObject({ valid: true });
    expect(verifyNote(hundred + note.slice(TEXT.length + 1), [log])).toMatchObject({ valid: false, check: 'note', code: 'TLOG_MALFORMED' });
  });

  it('malformed notes are TLOG_MALFORMED', () => {
    const sig = signNote(TEXT, [log]).slice(TEXT.length + 1);
    const bad = [
      TEXT + sig, // no blank line
      `${TEXT}\n`, // no signature
      `${TEXT}\n${sig.slice(0, -1)}`, // no final newline
      `${TEXT}\n${sig}\n`, // trailing empty line
      `${TEXT}\n${sig.replace('—', '-')}`,
      `${TEXT}\n${sig.replace('— ', '—')}`,
      `${TEXT}\n— jil.example/log\n`,
      `${TEXT}\n— jil+log ${sig.split(' ')[2]}`,
      `${TEXT}\n— jil.example/log AAAAAA==\n`, // 4 bytes: key ID only
      `${TEXT}\n— jil.example/log ${sig.split(' ')[2]!.replace('=', '')}`, // not canonical base64
      `tab\there\n\n${sig}`,
      `cr\r\n\n${sig}`,
      `lone \uD800\n\n${sig}`,
    ];
    for (const n of bad) expect([n, verifyNote(n, [log])]).toMatchObject([n, { valid: false, check: 'note', code: 'TLOG_MALFORMED' }]);
    expect(code(() => parseSignedNote(new Uint8Array([0xff, 0x0a, 0x0a]))).code).toBe('TLOG_MALFORMED');
    expect(code(() => parseSignedNote(1 as unknown as string)).code).toBe('INVALID_ARGUMENT');
  });
});

describe('keys: wrong-input matrix', () => {
  const k = parseVerifierKey(GO_VKEY);
  const b64 = GO_VKEY.split('+').slice(2).join('+');
  it('parseVerifierKey names the bad part', () => {
    const cases: [string, string[]][] = [
      ['', ['vkey.name', 'vkey.keyId', 'vkey.key']],
      [`+c74f20a3+${b64}`, ['vkey.name']],
      [`Peter Neumann+c74f20a3+${b64}`, ['vkey.name']],
      [`Peter\u00a0Neumann+c74f20a3+${b64}`, ['vkey.name']],
      [`PeterNeumann+C74F20A3+${b64}`, ['vkey.keyId']],
      [`PeterNeumann+c74f20a+${b64}`, ['vkey.keyId']],
      [`PeterNeumann+c74f20a3+${b64.slice(0, -1)}`, ['vkey.key']],
      [`PeterNeumann+c74f20a3+${base64Encode(new Uint8Array([2, ...k.publicKey]))}`, ['vkey.key']],
      [`PeterNeumann+c74f20a3+${base64Encode(new Uint8Array([1, ...k.publicKey, 0]))}`, ['vkey.key']],
      [`PeterNeumann+c74f20a3+${base64Encode(new Uint8Array([6, ...k.publicKey]))}`, ['vkey.key']],
      [`PeterNeumann+c74f20a4+${b64}`, ['vkey.keyId']],
      [`PeterNeuman+c74f20a3+${b64}`, ['vkey.keyId']],
      [`PeterNeumann+c74f20a3+${base64Encode(new Uint8Array([4, ...k.publicKey]))}`, ['vkey.keyId']], // same key, type 0x04
    ];
    for (const [vkey, fields] of cases)
      expect([vkey, code(() => parseVerifierKey(vkey))]).toMatchObject([vkey, { code: 'INVALID_ARGUMENT', fields }]);
    expect(code(() => parseVerifierKey(null as unknown as string)).field).toBe('vkey');
  });

  it('parseSignerKey and the formatters refuse bad input without echoing key material', () => {
    expect(code(() => parseSignerKey(GO_VKEY)).field).toBe('skey');
    expect(code(() => parseSignerKey(GO_SKEY.replace('c74f20a3', 'c74f20a4'))).field).toBe('skey.keyId');
    const e = (() => {
      try {
        parseSignerKey(GO_SKEY.replace('PeterNeumann', 'Peter+Neumann'));
      } catch (err) {
        return err as Error;
      }
      return new Error('none');
    })();
    expect(e.message).not.toContain('AYEKFALV');
    expect(code(() => formatVerifierKey({ name: 'a b', publicKey: k.publicKey })).field).toBe('name');
    expect(code(() => formatVerifierKey({ name: 'a', publicKey: new Uint8Array(31) })).field).toBe('publicKey');
    expect(code(() => formatVerifierKey({ name: 'a', publicKey: k.publicKey, type: 'ecdsa' as never })).field).toBe('type');
    expect(code(() => formatSignerKey({ name: 'a', secretKey: new Uint8Array(64) })).field).toBe('secretKey');
    expect(code(() => noteKeyId('', 'ed25519', k.publicKey)).field).toBe('name');
  });

  it('signing refuses bad texts, keys and timestamps; verifyNote refuses an inconsistent key list', () => {
    const log = key('jil.example/log', 1);
    const w = key('jil.example/w', 2, 'cosignature/v1');
    expect(code(() => signNote('no newline', [log])).field).toBe('text');
    expect(code(() => signNote('ctrl\u0007\n', [log])).field).toBe('text');
    expect(code(() => signNote('x\n', [])).field).toBe('keys');
    expect(code(() => signNote('x\n', [w])).field).toBe('timestamp');
    expect(code(() => createNoteSignature('x\n', log, { timestamp: 1 })).field).toBe('timestamp');
    expect(code(() => createNoteSignature('x\n', w, { timestamp: -1 })).field).toBe('timestamp');
    expect(code(() => createNoteSignature('x\n', w, { timestamp: 1.5 })).field).toBe('timestamp');
    expect(code(() => formatSignedNote({ text: 'x\n', signatures: [] })).field).toBe('signatures');
    expect(
      code(() => formatSignedNote({ text: 'x\n', signatures: [{ name: 'a', keyId: 2 ** 32, signature: new Uint8Array(1) }] })).field,
    ).toBe('signatures[0].keyId');
    expect(code(() => verifyNote('x\n\n', [{ ...log, keyId: log.keyId ^ 1 }])).field).toBe('keys[0].keyId');
    const twin = { ...key('jil.example/log', 5), keyId: log.keyId };
    expect(code(() => verifyNote('x\n\n', [log, twin])).code).toBe('INVALID_ARGUMENT');
    expect(base64Decode(formatSignerKey({ name: 'a', secretKey: seed(1), type: 'cosignature/v1' }).split('+')[4]!)[0]).toBe(4);
  });
});
