import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SHARED_DIR } from '@jil/testkit';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { base64Encode, utf8ToBytes } from '../bytes/encoding.js';
import { isJilError } from '../errors/JilError.js';
import { createNoteSignature } from './createNoteSignature.js';
import { formatSignedNote } from './formatSignedNote.js';
import { formatSignerKey } from './formatSignerKey.js';
import { formatTlogProof } from './formatTlogProof.js';
import { formatVerifierKey } from './formatVerifierKey.js';
import { leafHash } from './leafHash.js';
import { entryOf, memoryLog, type MemoryLog } from '@jil/core-testkit';
import type { NoteSignerKey } from './NoteKey.js';
import { parseSignedNote } from './parseSignedNote.js';
import { parseSignerKey } from './parseSignerKey.js';
import { parseTlogProof } from './parseTlogProof.js';
import { proveInclusion } from './proveInclusion.js';
import { signCheckpoint } from './signCheckpoint.js';
import { treeHash } from './treeHash.js';
import { verifyTlogProof } from './verifyTlogProof.js';

const spec = (name: string): string => readFileSync(resolve(SHARED_DIR, 'specs', 'c2sp', name), 'utf8');
const key = (name: string, n: number, type: NoteSignerKey['type'] = 'ed25519'): NoteSignerKey =>
  parseSignerKey(formatSignerKey({ name, secretKey: new Uint8Array(32).fill(n), type }));

const ORIGIN = 'jil.example/log';
const log = key(ORIGIN, 1);
const w1 = key('jil.example/w1', 2, 'cosignature/v1');
const w2 = key('jil.example/w2', 3, 'cosignature/v1');
const SIZE = 100;
let mem: MemoryLog;
let checkpoint: string;
const policy = {
  origin: ORIGIN,
  logKeys: [formatVerifierKey(log)],
  witnesses: { keys: [formatVerifierKey(w1), formatVerifierKey(w2)], threshold: 2 },
};

beforeAll(async () => {
  mem = await memoryLog(Array.from({ length: SIZE }, (_, i) => entryOf(i)));
  const note = signCheckpoint({ origin: ORIGIN, treeSize: SIZE, rootHash: await treeHash(SIZE, mem.reader) }, [log]);
  const { text, signatures } = parseSignedNote(note);
  checkpoint = formatSignedNote({
    text,
    signatures: [...signatures, ...[w1, w2].map((w) => createNoteSignature(text, w, { timestamp: 1_700_000_000 }))],
  });
});

const proofFor = async (index: number, extra?: Uint8Array): Promise<string> =>
  formatTlogProof({
    index,
    inclusionProof: await proveInclusion(index, SIZE, mem.reader),
    checkpoint,
    ...(extra === undefined ? {} : { extra }),
  });

describe('c2sp.org/tlog-proof', () => {
  it('the spec example: header, extra, index and five hashes parse; its elided signatures do not', () => {
    const example = /```\n([\s\S]*?)```/.exec(spec('tlog-proof.md'))![1]!;
    const e = (() => {
      try {
        parseTlogProof(example);
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(isJilError(e, 'TLOG_MALFORMED') && e.details['check']).toBe('note'); // '[...]' in the signature lines
    // The same proof with real signature lines (ours, for the spec's origin) parses and re-encodes byte for byte.
    const fancy = key('example.com/fancylog', 7);
    const body = example.slice(0, example.indexOf('\n\n— ') + 1);
    const text = body.slice(body.indexOf('\n\n') + 2);
    const proof = `${body}\n${formatSignedNote({ text, signatures: [createNoteSignature(text, fancy)] }).slice(text.length + 1)}`;
    const parsed = parseTlogProof(proof);
    expect(parsed.index).toBe(73894);
    expect(base64Encode(parsed.extra!)).toBe('YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ');
    expect(parsed.inclusionProof.map(base64Encode)).toEqual([
      'gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=',
      'B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=',
      'EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=',
      'RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=',
      'AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=',
    ]);
    expect(
      parsed.checkpoint.startsWith('example.com/fancylog\n109482\nsFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=\n\n— example.com/fancylog '),
    ).toBe(true);
    expect(formatTlogProof(parsed)).toBe(proof);
  });

  it('golden layout, and every entry of a 100-entry log verifies offline with a 2-of-2 witness policy', async () => {
    const text = await proofFor(0, utf8ToBytes('psa:0'));
    expect(text.split('\n').slice(0, 4)).toEqual(['c2sp.org/tlog-proof@v1', 'extra cHNhOjA=', 'index 0', text.split('\n')[3]]);
    expect(text.split('\n')[10]).toBe(''); // 7 proof hashes for size 100, then the blank line
    expect(text.endsWith(checkpoint)).toBe(true);
    for (let i = 0; i < SIZE; i++) {
      const p = await proofFor(i);
      expect(formatTlogProof(parseTlogProof(p))).toBe(p);
      const r = verifyTlogProof(p, { ...policy, entry: entryOf(i) });
      expect(r).toMatchObject({ valid: true, index: i, checkpoint: { treeSize: SIZE }, cosignatures: [{ timestamp: 1_700_000_000 }, {}] });
      expect(verifyTlogProof(parseTlogProof(p), { ...policy, leafHash: leafHash(entryOf(i)) }).valid).toBe(true);
    }
  });

  it('names each failed check', async () => {
    const p = await proofFor(5);
    expect(verifyTlogProof(p, { ...policy, entry: entryOf(6) })).toMatchObject({
      valid: false,
      check: 'inclusion',
      code: 'TLOG_INCLUSION_INVALID',
    });
    expect(verifyTlogProof(p.replace('index 5', 'index 6'), { ...policy, entry: entryOf(5) })).toMatchObject({
      valid: false,
      check: 'inclusion',
    });
    expect(verifyTlogProof(p.replace('index 5', 'index 100'), { ...policy, entry: entryOf(5) })).toMatchObject({
      valid: false,
      check: 'inclusion',
      details: { reason: 'index_out_of_range' },
    });
    expect(verifyTlogProof(p, { ...policy, origin: 'x.example/log', entry: entryOf(5) })).toMatchObject({
      valid: false,
      check: 'origin',
      code: 'TLOG_UNKNOWN_ORIGIN',
    });
    expect(verifyTlogProof(p, { ...policy, logKeys: [formatVerifierKey(key(ORIGIN, 9))], entry: entryOf(5) })).toMatchObject({
      valid: false,
      check: 'signer',
    });
    expect(
      verifyTlogProof(p, {
        ...policy,
        witnesses: { keys: [formatVerifierKey(w1), formatVerifierKey(key('x', 5, 'cosignature/v1'))], threshold: 2 },
        entry: entryOf(5),
      }),
    ).toMatchObject({ valid: false, check: 'witnesses', code: 'TLOG_WITNESS_THRESHOLD_NOT_MET' });
    expect(verifyTlogProof(p.replace('c2sp.org/tlog-proof@v1', 'c2sp.org/tlog-proof@v2'), { ...policy, entry: entryOf(5) })).toMatchObject({
      valid: false,
      check: 'proof',
      code: 'TLOG_MALFORMED',
    });
    expect(verifyTlogProof(p.replace(`\n\n${ORIGIN}`, `\n${ORIGIN}`), { ...policy, entry: entryOf(5) })).toMatchObject({
      valid: false,
      code: 'TLOG_MALFORMED',
    });
    expect(() => verifyTlogProof(p, { ...policy })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => verifyTlogProof(p, { ...policy, entry: entryOf(5), leafHash: leafHash(entryOf(5)) })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('any flipped bit outside the extra line fails verification; the extra line is not authenticated', async () => {
    const extra = utf8ToBytes('unauthenticated');
    const p = await proofFor(37, extra);
    const bytes = utf8ToBytes(p);
    const extraEnd = p.indexOf('\n', p.indexOf('extra ')) + 1;
    const extraStart = p.indexOf('extra ');
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 7 }), (at, bit) => {
        fc.pre(at < extraStart || at >= extraEnd);
        const b = bytes.slice();
        b[at] = b[at]! ^ (1 << bit);
        expect(verifyTlogProof(b, { ...policy, entry: entryOf(37) }).valid).toBe(false);
      }),
      { numRuns: 800 },
    );
    const other = p.replace(`extra ${base64Encode(extra)}`, `extra ${base64Encode(utf8ToBytes('anything'))}`);
    expect(verifyTlogProof(other, { ...policy, entry: entryOf(37) })).toMatchObject({ valid: true, extra: utf8ToBytes('anything') });
  });

  it('parse: wrong-input matrix (TLOG_MALFORMED, check and line)', async () => {
    const p = await proofFor(3);
    const lines = p.split('\n');
    const bad: [string, string, number?][] = [
      ['', 'proof', 0],
      [p.replace('c2sp.org/tlog-proof@v1\n', ''), 'proof', 0],
      [p.replace('index 3', 'index 03'), 'proof', 1],
      [p.replace('index 3', 'index -3'), 'proof', 1],
      [p.replace('index 3', 'index  3'), 'proof', 1],
      [p.replace('index 3', 'extra\nindex 3'), 'proof', 1],
      [p.replace('index 3', 'extra !!\nindex 3'), 'proof', 1],
      [p.replace(lines[2]!, lines[2]!.slice(0, -4)), 'proof', 2],
      [p.replace(lines[2]!, `${lines[2]}\n${base64Encode(new Uint8Array(33))}`), 'proof', 3],
      [[...lines.slice(0, 2), ...Array.from({ length: 64 }, () => lines[2]!), ...lines.slice(2)].join('\n'), 'proof', 65],
      [lines.slice(0, 5).join('\n'), 'proof'],
      [p.slice(0, p.lastIndexOf('—') + 1), 'note'],
      [p.replace('jil.example/log\n100\n', 'jil.example/log\n0100\n'), 'checkpoint'],
      [p.replace('index 3', 'index\t3'), 'proof'],
    ];
    for (const [k, [text, check, line]] of bad.entries()) {
      let e: unknown;
      try {
        parseTlogProof(text);
      } catch (err) {
        e = err;
      }
      expect([k, isJilError(e, 'TLOG_MALFORMED')]).toEqual([k, true]);
      expect([text.slice(0, 40), (e as { details: Record<string, unknown> }).details['check']]).toEqual([text.slice(0, 40), check]);
      if (line !== undefined) expect((e as { details: Record<string, unknown> }).details['line']).toBe(line);
    }
  });

  it('format: wrong-input matrix (INVALID_ARGUMENT naming the field)', async () => {
    const inclusionProof = await proveInclusion(3, SIZE, mem.reader);
    const field = (p: unknown): unknown => {
      try {
        formatTlogProof(p as never);
      } catch (e) {
        return isJilError(e, 'INVALID_ARGUMENT') ? e.details['field'] : e;
      }
      return 'no throw';
    };
    expect(field({ index: -1, inclusionProof, checkpoint })).toBe('index');
    expect(field({ index: 3, inclusionProof: [new Uint8Array(31)], checkpoint })).toBe('inclusionProof[0]');
    expect(field({ index: 3, inclusionProof: Array.from({ length: 64 }, () => inclusionProof[0]), checkpoint })).toBe('inclusionProof');
    expect(field({ index: 3, inclusionProof, checkpoint: 'hello\n' })).toBe('checkpoint');
    expect(field({ index: 3, inclusionProof, checkpoint, extra: 'x' })).toBe('extra');
    expect(field(null)).toBe('proof');
  });
});
