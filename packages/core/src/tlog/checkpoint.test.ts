import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SHARED_DIR } from '@jil/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Encode } from '../bytes/encoding.js';
import { getPublicKey } from '../ed25519/getPublicKey.js';
import { isJilError } from '../errors/JilError.js';
import { createNoteSignature } from './createNoteSignature.js';
import { emptyTreeHash } from './emptyTreeHash.js';
import { formatCheckpoint } from './formatCheckpoint.js';
import { formatSignedNote } from './formatSignedNote.js';
import { formatSignerKey } from './formatSignerKey.js';
import { formatVerifierKey } from './formatVerifierKey.js';
import type { NoteSignerKey } from './NoteKey.js';
import { openCheckpoint } from './openCheckpoint.js';
import { parseCheckpoint } from './parseCheckpoint.js';
import { parseSignedNote } from './parseSignedNote.js';
import { parseSignerKey } from './parseSignerKey.js';
import { signCheckpoint } from './signCheckpoint.js';

const spec = (name: string): string => readFileSync(resolve(SHARED_DIR, 'specs', 'c2sp', name), 'utf8');
const key = (name: string, n: number, type: NoteSignerKey['type'] = 'ed25519'): NoteSignerKey =>
  parseSignerKey(formatSignerKey({ name, secretKey: new Uint8Array(32).fill(n), type }));
const thrown = (fn: () => unknown): { code: string; check?: unknown; fields?: string[] } => {
  try {
    fn();
  } catch (e) {
    if (isJilError(e))
      return {
        code: e.code,
        check: e.details['check'],
        fields: (e.details['fields'] as { field: string }[] | undefined)?.map((f) => f.field) ?? [String(e.details['field'])],
      };
    throw e;
  }
  throw new Error('expected a throw');
};

const ORIGIN = 'jil.example/log';
const log = key(ORIGIN, 1);
const witnesses = [
  key('jil.example/w1', 2, 'cosignature/v1'),
  key('jil.example/w2', 3, 'cosignature/v1'),
  key('jil.example/w3', 4, 'cosignature/v1'),
];
const ROOT = new Uint8Array(32).map((_, i) => i);

describe('checkpoint body (c2sp.org/tlog-checkpoint)', () => {
  it('parses and re-encodes the spec example byte for byte', () => {
    const note = /```\n([\s\S]*?)```/.exec(spec('tlog-checkpoint.md'))![1]!;
    const { text } = parseSignedNote(note);
    const cp = parseCheckpoint(text);
    expect(cp).toMatchObject({ origin: 'example.com/behind-the-sofa', treeSize: 20852163, extensions: [] });
    expect(base64Encode(cp.rootHash)).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(formatCheckpoint(cp)).toBe(text);
  });

  it('golden bytes, and parse ∘ format = id', () => {
    expect(formatCheckpoint({ origin: ORIGIN, treeSize: 0, rootHash: emptyTreeHash() })).toBe(
      'jil.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n',
    );
    expect(formatCheckpoint({ origin: ORIGIN, treeSize: 7, rootHash: ROOT, extensions: ['ext 1', 'ext 2'] })).toBe(
      'jil.example/log\n7\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\next 1\next 2\n',
    );
    const line = fc.stringMatching(/^[^\u0000-\u001f]{1,30}$/).filter((s) => !/[\uD800-\uDFFF]/.test(s));
    fc.assert(
      fc.property(
        line,
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(line, { maxLength: 3 }),
        (origin, treeSize, rootHash, extensions) => {
          const cp = { origin, treeSize, rootHash, extensions };
          expect(parseCheckpoint(formatCheckpoint(cp))).toEqual(cp);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('parseCheckpoint: wrong-input matrix (TLOG_MALFORMED naming every bad field)', () => {
    const root = base64Encode(ROOT);
    const cases: [string, string[]][] = [
      ['', ['text']],
      [`${ORIGIN}\n1\n`, ['text']],
      [`${ORIGIN}\n1\n${root}`, ['text']],
      [`\n1\n${root}\n`, ['origin']],
      [`${ORIGIN}\n01\n${root}\n`, ['treeSize']],
      [`${ORIGIN}\n-1\n${root}\n`, ['treeSize']],
      [`${ORIGIN}\n1e3\n${root}\n`, ['treeSize']],
      [`${ORIGIN}\n 1\n${root}\n`, ['treeSize']],
      [`${ORIGIN}\n9007199254740992\n${root}\n`, ['treeSize']],
      [`${ORIGIN}\n1\n${root.slice(0, -4)}\n`, ['rootHash']],
      [`${ORIGIN}\n1\n${root.replace('=', '')}\n`, ['rootHash']],
      [`${ORIGIN}\n0\n${root}\n`, ['rootHash']],
      [`${ORIGIN}\n1\n${root}\n\n`, ['extensions[0]']],
      [`${ORIGIN}\n1\n${root}\nok\n\nlast\n`, ['extensions[1]']],
      [`\n01\nnope\n\n`, ['origin', 'treeSize', 'rootHash', 'extensions[0]']],
      [`${ORIGIN}\r\n1\n${root}\n`, ['text']],
    ];
    for (const [text, fields] of cases)
      expect([text, thrown(() => parseCheckpoint(text))]).toEqual([text, { code: 'TLOG_MALFORMED', check: 'checkpoint', fields }]);
  });

  it('formatCheckpoint: wrong-input matrix (INVALID_ARGUMENT naming every bad field)', () => {
    const cases: [unknown, string[]][] = [
      [{ origin: '', treeSize: 1, rootHash: ROOT }, ['origin']],
      [{ origin: 'a\nb', treeSize: 1, rootHash: ROOT }, ['origin']],
      [{ origin: ORIGIN, treeSize: -1, rootHash: ROOT }, ['treeSize']],
      [{ origin: ORIGIN, treeSize: 2 ** 53, rootHash: ROOT }, ['treeSize']],
      [{ origin: ORIGIN, treeSize: 1, rootHash: new Uint8Array(31) }, ['rootHash']],
      [{ origin: ORIGIN, treeSize: 0, rootHash: ROOT }, ['rootHash']],
      [{ origin: ORIGIN, treeSize: 1, rootHash: ROOT, extensions: [''] }, ['extensions[0]']],
      [{ origin: 7, treeSize: '1', rootHash: 'x', extensions: 'e' }, ['origin', 'treeSize', 'rootHash', 'extensions']],
    ];
    for (const [cp, fields] of cases)
      expect(thrown(() => formatCheckpoint(cp as never))).toMatchObject({ code: 'INVALID_ARGUMENT', fields });
  });
});

describe('signed checkpoints', () => {
  const cp = { origin: ORIGIN, treeSize: 7, rootHash: ROOT };
  const logVkey = formatVerifierKey(log);
  const witnessVkeys = witnesses.map((w) => formatVerifierKey(w));
  /** A log-signed checkpoint cosigned by the first `n` witnesses, as a log assembles it from tlog-witness responses. */
  const cosigned = (n: number): string => {
    const note = signCheckpoint(cp, [log]);
    const { text, signatures } = parseSignedNote(note);
    const cosigs = witnesses.slice(0, n).map((w, i) => createNoteSignature(text, w, { timestamp: 1_700_000_000 + i }));
    return formatSignedNote({ text, signatures: [...signatures, ...cosigs] });
  };

  it('open: origin, log signature, witness cosignatures with their timestamps', () => {
    const r = openCheckpoint(cosigned(2), { origin: ORIGIN, logKeys: [logVkey], witnesses: { keys: witnessVkeys, threshold: 2 } });
    expect(r).toMatchObject({
      valid: true,
      checkpoint: { origin: ORIGIN, treeSize: 7, rootHash: ROOT, extensions: [] },
      logSignatures: [{ name: ORIGIN, type: 'ed25519' }],
      cosignatures: [
        { name: 'jil.example/w1', type: 'cosignature/v1', timestamp: 1_700_000_000 },
        { name: 'jil.example/w2', type: 'cosignature/v1', timestamp: 1_700_000_001 },
      ],
    });
    // Without a witness policy, the cosignatures are unknown signatures and are ignored.
    expect(openCheckpoint(cosigned(3), { origin: ORIGIN, logKeys: [log] })).toMatchObject({
      valid: true,
      cosignatures: [],
      unverified: [{}, {}, {}],
    });
  });

  it('each failed check is named', () => {
    const opts = { origin: ORIGIN, logKeys: [logVkey], witnesses: { keys: witnessVkeys, threshold: 2 } };
    expect(openCheckpoint(cosigned(1), opts)).toMatchObject({
      valid: false,
      check: 'witnesses',
      code: 'TLOG_WITNESS_THRESHOLD_NOT_MET',
      details: { required: 2, cosigned: 1 },
    });
    expect(openCheckpoint(cosigned(2), { ...opts, origin: 'other.example/log' })).toMatchObject({
      valid: false,
      check: 'origin',
      code: 'TLOG_UNKNOWN_ORIGIN',
    });
    const strangerLog = formatVerifierKey({ name: ORIGIN, publicKey: getPublicKey(new Uint8Array(32).fill(0x77)) });
    expect(openCheckpoint(cosigned(2), { ...opts, logKeys: [strangerLog] })).toMatchObject({
      valid: false,
      check: 'signer',
      code: 'TLOG_NOTE_UNVERIFIED',
    });
    // A witness's cosignature key can never stand in for the log's Ed25519 key.
    expect(thrown(() => openCheckpoint(cosigned(2), { ...opts, logKeys: [witnessVkeys[2]!] }))).toMatchObject({ code: 'INVALID_ARGUMENT' });
    const swapped = cosigned(2).replace(base64Encode(ROOT), base64Encode(new Uint8Array(32).fill(9)));
    expect(openCheckpoint(swapped, opts)).toMatchObject({ valid: false, check: 'signature', code: 'TLOG_BAD_SIGNATURE' });
    expect(openCheckpoint('nope', opts)).toMatchObject({ valid: false, check: 'note', code: 'TLOG_MALFORMED' });
    const notCheckpoint = formatSignedNote({ text: 'hello\n', signatures: [createNoteSignature('hello\n', log)] });
    expect(openCheckpoint(notCheckpoint, opts)).toMatchObject({ valid: false, check: 'checkpoint', code: 'TLOG_MALFORMED' });
    // Bad options are programming errors.
    expect(thrown(() => openCheckpoint(cosigned(0), { ...opts, witnesses: { keys: witnessVkeys, threshold: 4 } }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(thrown(() => openCheckpoint(cosigned(0), { ...opts, logKeys: ['not a vkey'] }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      fields: ['logKeys[0]'],
    });
    expect(thrown(() => openCheckpoint(cosigned(0), { ...opts, origin: '' }))).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('any flipped bit of a cosigned checkpoint breaks the log signature or drops a cosignature below the threshold', () => {
    const note = new TextEncoder().encode(cosigned(3));
    const opts = { origin: ORIGIN, logKeys: [logVkey], witnesses: { keys: witnessVkeys, threshold: 3 } };
    fc.assert(
      fc.property(fc.nat(note.length - 1), fc.integer({ min: 0, max: 7 }), (at, bit) => {
        const bytes = note.slice();
        bytes[at] = bytes[at]! ^ (1 << bit);
        expect(openCheckpoint(bytes, opts).valid).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
