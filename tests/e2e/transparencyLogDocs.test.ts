/**
 * docs/transparency-log.md is a contract: custodians, exchanges and auditors write verifiers from it alone. This test
 * reads its test vectors (the blocks between `<!-- tlog-example-… -->` markers) and
 *   1. verifies them with `@jil/core/tlog` (checkpoint under the log key and the witness keys, tlog-proof for its
 *      entry, consistency proof), and refuses altered copies;
 *   2. recomputes the hashes and key IDs independently with node:crypto, straight from RFC 9162 §2.1 and
 *      c2sp.org/signed-note, so the doc's rules and the code agree;
 *   3. regenerates every block from the fixed seeds the doc names, byte for byte (Ed25519 is deterministic).
 * It also checks that the OpenAPI document and docs/api.md list the transparency-log routes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64Encode,
  bytesToHex,
  bytesToUtf8,
  canonicalBytes,
  getPublicKey,
  keyId,
  pae,
  parseJson,
  sha256Hex,
  sign,
  utf8ToBytes,
  verify,
} from '@jil/core';
import {
  createNoteSignature,
  encodeEntryBundle,
  formatSignedNote,
  formatSignerKey,
  formatTilePath,
  formatTlogProof,
  formatVerifierKey,
  leafHash,
  merkleTreeHash,
  openCheckpoint,
  parseEntryBundle,
  parseSignedNote,
  parseSignerKey,
  parseTlogProof,
  parseVerifierKey,
  proveConsistency,
  proveInclusion,
  signCheckpoint,
  storedHashes,
  tileData,
  tilesForTreeSize,
  verifyConsistency,
  verifyTlogProof,
  type HashReader,
} from '@jil/core/tlog';
import { LOG_ENTRY_MAX_BYTES, psaDigestEntry, psaLogEntry } from '@jil/psa';
import { openApiDocument } from '@jil/shell-preclearance';
import { REPO_ROOT } from '@jil/testkit';

const DOC = readFileSync(resolve(REPO_ROOT, 'docs/transparency-log.md'), 'utf8');

/** The fenced block between `<!-- name -->` and `<!-- /name -->`, exactly (final newline included). */
function block(name: string): string {
  const m = new RegExp(`<!-- ${name} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\`\\n<!-- /${name} -->`).exec(DOC);
  if (m === null) throw new Error(`docs/transparency-log.md has no block ${name}`);
  return m[1]!;
}
const lines = (name: string): string[] => block(name).slice(0, -1).split('\n');

const sha256 = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
// RFC 9162 §2.1.1, written out independently of @jil/core/tlog.
const rfcLeaf = (entry: Uint8Array) => sha256(Uint8Array.of(0x00), entry);
const rfcNode = (l: Uint8Array, r: Uint8Array) => sha256(Uint8Array.of(0x01), l, r);
function rfcMth(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return rfcNode(rfcMth(leaves.slice(0, k)), rfcMth(leaves.slice(k)));
}
// c2sp.org/signed-note: key ID = SHA-256(name || 0x0A || type || key)[:4], big-endian.
const rfcKeyId = (name: string, type: number, key: Uint8Array) =>
  bytesToHex(sha256(utf8ToBytes(`${name}\n`), Uint8Array.of(type), key).slice(0, 4));

// The fixed seeds the doc names (test vectors only).
const seed = (b: number) => new Uint8Array(32).fill(b);
const TIMESTAMP = 1796290200; // 2026-12-03T09:30:00Z
const PAYLOAD_TYPE = 'application/vnd.jil.psa.v1+json';

const keyLines = lines('tlog-example-keys').map((l) => l.split(/\s+/));
const logVkey = keyLines.find(([role]) => role === 'log')![1]!;
const witnessVkeys = keyLines.filter(([role]) => role !== 'log').map(([, vkey]) => vkey!);
const origin = parseVerifierKey(logVkey).name;
const entries = lines('tlog-example-entries').map(utf8ToBytes);
const checkpoint = block('tlog-example-checkpoint');
const proofText = block('tlog-example-proof');
const policy = { origin, logKeys: [logVkey], witnesses: { keys: witnessVkeys, threshold: 3 } };

describe('docs/transparency-log.md test vectors', () => {
  it('keys: the vkeys are the fixed seeds’ keys, with key IDs recomputed from the signed-note rule', () => {
    const logPub = getPublicKey(seed(0x01));
    expect(origin).toBe(`jil.local/log/${sha256Hex(logPub).slice(0, 16)}`); // the localState origin rule
    expect(logVkey).toBe(formatVerifierKey({ name: origin, publicKey: logPub }));
    expect(logVkey.split('+')[1]).toBe(rfcKeyId(origin, 0x01, logPub));
    expect(base64Decode(logVkey.split('+').slice(2).join('+'))).toEqual(Uint8Array.of(0x01, ...logPub));
    expect(witnessVkeys).toHaveLength(3);
    witnessVkeys.forEach((vkey, i) => {
      const name = `jil-validator/val-0${i + 1}`;
      const pub = getPublicKey(seed(0x02 + i));
      const key = parseVerifierKey(vkey);
      expect(key).toMatchObject({ name, type: 'cosignature/v1' });
      expect(vkey).toBe(formatVerifierKey({ name, publicKey: pub, type: 'cosignature/v1' }));
      expect(vkey.split('+')[1]).toBe(rfcKeyId(name, 0x04, pub));
    });
  });

  it('entries: RFC 8785 DSSE envelopes signed by val-01’s key, the pretty-printed one canonicalizes to entry 3', () => {
    expect(entries).toHaveLength(5);
    entries.forEach((entry, n) => {
      expect(entry.length).toBe(271);
      const envelope = parseJson(bytesToUtf8(entry)) as {
        payload: string;
        payloadType: string;
        signatures: { keyid: string; sig: string }[];
      };
      expect(canonicalBytes(envelope)).toEqual(entry);
      expect(envelope.payloadType).toBe(PAYLOAD_TYPE);
      expect(bytesToUtf8(base64Decode(envelope.payload))).toBe(`{"example":${n}}`);
      const pub = getPublicKey(seed(0x02));
      expect(envelope.signatures).toEqual([{ keyid: keyId(pub), sig: expect.any(String) }]);
      expect(verify(base64Decode(envelope.signatures[0]!.sig), pae(PAYLOAD_TYPE, base64Decode(envelope.payload)), pub)).toBe(true);
      // Regenerated from the seed, byte for byte.
      const payload = utf8ToBytes(`{"example":${n}}`);
      expect(
        canonicalBytes({
          payloadType: PAYLOAD_TYPE,
          payload: base64Encode(payload),
          signatures: [{ keyid: keyId(pub), sig: base64Encode(sign(pae(PAYLOAD_TYPE, payload), seed(0x02))) }],
        }),
      ).toEqual(entry);
    });
    const pretty = block('tlog-example-envelope');
    expect(utf8ToBytes(pretty)).not.toEqual(entries[3]);
    expect(canonicalBytes(parseJson(pretty))).toEqual(entries[3]);
  });

  it('leaf hashes, root and tiles follow RFC 9162 §2.1 and c2sp.org/tlog-tiles', () => {
    const leaves = entries.map(rfcLeaf);
    expect(lines('tlog-example-leaves')).toEqual(leaves.map((l, i) => `${i} ${bytesToHex(l)}`));
    for (const [i, l] of leaves.entries()) expect(leafHash(entries[i]!)).toEqual(l);
    const body = parseSignedNote(checkpoint).text.split('\n');
    expect(body[2]).toBe(base64Encode(rfcMth(leaves)));
    expect(merkleTreeHash(leaves)).toEqual(rfcMth(leaves));

    const [tileLine, bundleLine] = lines('tlog-example-tiles');
    expect(tilesForTreeSize(5).map(formatTilePath)).toEqual(['tile/0/000.p/5']);
    expect(tileLine).toBe(`tile/0/000.p/5 ${base64Encode(Uint8Array.from(leaves.flatMap((l) => [...l])))}`);
    const bundle = encodeEntryBundle(entries);
    expect(bundle.length).toBe(1365);
    expect([...bundle.slice(0, 2)]).toEqual([0x01, 0x0f]);
    expect(bundleLine).toBe(`tile/entries/000.p/5 sha256:${bytesToHex(sha256(bundle))}`);
    expect(parseEntryBundle(bundle, 5)).toEqual(entries);
  });

  it('checkpoint: signed by the log key and cosigned by the three witnesses; altered copies are refused', () => {
    const opened = openCheckpoint(checkpoint, policy);
    if (!opened.valid) throw new Error(`${opened.check} ${opened.code}: ${opened.message}`);
    expect(opened.checkpoint).toEqual({ origin, treeSize: 5, rootHash: rfcMth(entries.map(rfcLeaf)), extensions: [] });
    expect(opened.logSignatures).toEqual([expect.objectContaining({ name: origin, type: 'ed25519' })]);
    expect(opened.cosignatures.map((c) => [c.name, c.type, c.timestamp])).toEqual(
      [1, 2, 3].map((i) => [`jil-validator/val-0${i}`, 'cosignature/v1', TIMESTAMP]),
    );

    // Format: three body lines, an empty line, `— <name> <base64>` lines; cosignatures are 4 + 8 + 64 bytes.
    const textLines = checkpoint.split('\n');
    expect(textLines.slice(0, 4)).toEqual([origin, '5', expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/), '']);
    const sigLines = textLines.slice(4, -1);
    expect(sigLines).toHaveLength(4);
    sigLines.forEach((line, i) => {
      const [dash, name, b64] = line.split(' ');
      expect(dash).toBe('—');
      const bytes = base64Decode(b64!);
      expect(bytes.length).toBe(i === 0 ? 68 : 76);
      expect(bytesToHex(bytes.slice(0, 4))).toBe((i === 0 ? logVkey : witnessVkeys[i - 1]!).split('+')[1]);
      expect(name).toBe(i === 0 ? origin : `jil-validator/val-0${i}`);
      if (i > 0) expect(new DataView(bytes.buffer, bytes.byteOffset + 4, 8).getBigUint64(0)).toBe(BigInt(TIMESTAMP));
    });

    // Regenerated from the seeds, byte for byte.
    const rootHash = rfcMth(entries.map(rfcLeaf));
    const logKey = parseSignerKey(formatSignerKey({ name: origin, secretKey: seed(0x01) }));
    const note = parseSignedNote(signCheckpoint({ origin, treeSize: 5, rootHash }, [logKey]));
    const cosigs = [0x02, 0x03, 0x04].map((b, i) => {
      const name = `jil-validator/val-0${i + 1}`;
      return createNoteSignature(note.text, parseSignerKey(formatSignerKey({ name, secretKey: seed(b), type: 'cosignature/v1' })), {
        timestamp: TIMESTAMP,
      });
    });
    expect(formatSignedNote({ text: note.text, signatures: [...note.signatures, ...cosigs] })).toBe(checkpoint);

    // Refusals: another root, another origin, one cosignature short of the threshold, another log key.
    const otherRoot = checkpoint.replace(base64Encode(rootHash), base64Encode(sha256(rootHash)));
    expect(openCheckpoint(otherRoot, policy)).toMatchObject({ valid: false, check: 'signature', code: 'TLOG_BAD_SIGNATURE' });
    expect(openCheckpoint(checkpoint, { ...policy, origin: 'jil.local/log/other' })).toMatchObject({
      valid: false,
      code: 'TLOG_UNKNOWN_ORIGIN',
    });
    const twoCosigs = checkpoint.replace(`${sigLines[3]}\n`, '');
    expect(openCheckpoint(twoCosigs, policy)).toMatchObject({ valid: false, check: 'witnesses', code: 'TLOG_WITNESS_THRESHOLD_NOT_MET' });
    expect(openCheckpoint(twoCosigs, { ...policy, witnesses: { keys: witnessVkeys, threshold: 2 } }).valid).toBe(true);
    const foreignLogKey = formatVerifierKey({ name: origin, publicKey: getPublicKey(seed(0x05)) });
    expect(openCheckpoint(checkpoint, { origin, logKeys: [foreignLogKey] })).toMatchObject({ valid: false, code: 'TLOG_NOTE_UNVERIFIED' });
  });

  it('tlog-proof: proves entry 3 under the example checkpoint, and nothing else', async () => {
    const r = verifyTlogProof(proofText, { ...policy, entry: entries[3]! });
    if (!r.valid) throw new Error(`${r.check} ${r.code}: ${r.message}`);
    expect(r.index).toBe(3);
    expect(r.cosignatures).toHaveLength(3);
    const parsed = parseTlogProof(proofText);
    expect(parsed.checkpoint).toBe(checkpoint);
    expect(parsed.extra).toBeUndefined();
    // RFC 9162 §2.1.3.1 by hand: leaf 3's sibling (leaf 2), then MTH(leaves 0–1), then leaf 4.
    const leaves = entries.map(rfcLeaf);
    expect(parsed.inclusionProof).toEqual([leaves[2], rfcNode(leaves[0]!, leaves[1]!), leaves[4]]);
    expect(proofText.split('\n').slice(0, 6)).toEqual([
      'c2sp.org/tlog-proof@v1',
      'index 3',
      ...parsed.inclusionProof.map(base64Encode),
      '',
    ]);

    for (const other of [0, 1, 2, 4]) {
      expect(verifyTlogProof(proofText, { ...policy, entry: entries[other]! })).toMatchObject({
        valid: false,
        check: 'inclusion',
        code: 'TLOG_INCLUSION_INVALID',
      });
    }
    expect(verifyTlogProof(proofText.replace('index 3', 'index 2'), { ...policy, entry: entries[3]! })).toMatchObject({
      valid: false,
      check: 'inclusion',
    });

    // Regenerated from the leaves, byte for byte.
    const stored: Uint8Array[] = [];
    const reader: HashReader = (xs) => xs.map((x) => stored[x]!);
    for (const [i, l] of leaves.entries()) stored.push(...(await storedHashes(i, l, reader)));
    expect(formatTlogProof({ index: 3, inclusionProof: await proveInclusion(3, 5, reader), checkpoint })).toBe(proofText);
    const [tile] = tilesForTreeSize(5);
    expect(base64Encode(await tileData(tile!, reader))).toBe(lines('tlog-example-tiles')[0]!.split(' ')[1]);
  });

  it('consistency proof 3 → 5 verifies and is the RFC 9162 §2.1.4.1 SUBPROOF', async () => {
    const fields = lines('tlog-example-consistency').map((l) => l.split(' ') as [string, string]);
    const one = (k: string) => fields.find(([key]) => key === k)![1];
    const proof = fields.filter(([k]) => k === 'proof').map(([, v]) => base64Decode(v));
    const leaves = entries.map(rfcLeaf);
    expect(one('old_size')).toBe('3');
    expect(one('new_size')).toBe('5');
    expect(one('old_root')).toBe(base64Encode(rfcMth(leaves.slice(0, 3))));
    expect(one('new_root')).toBe(base64Encode(rfcMth(leaves)));
    expect(proof).toEqual([leaves[2], leaves[3], rfcNode(leaves[0]!, leaves[1]!), leaves[4]]);
    const params = {
      oldSize: 3,
      newSize: 5,
      oldRootHash: base64Decode(one('old_root')),
      newRootHash: base64Decode(one('new_root')),
      proof,
    };
    expect(verifyConsistency(params)).toEqual({ valid: true });
    expect(verifyConsistency({ ...params, oldRootHash: leaves[0]! })).toMatchObject({ valid: false, code: 'TLOG_CONSISTENCY_INVALID' });
    const stored: Uint8Array[] = [];
    const reader: HashReader = (xs) => xs.map((x) => stored[x]!);
    for (const [i, l] of leaves.entries()) stored.push(...(await storedHashes(i, l, reader)));
    expect(await proveConsistency(3, 5, reader)).toEqual(proof);
  });
});

describe('docs/transparency-log.md entry size limit: the digest form', () => {
  const envelope = parseJson(block('tlog-example-digest-envelope').trim()) as {
    payload: string;
    payloadType: string;
    signatures: { keyid: string; sig: string }[];
  };
  const entry = block('tlog-example-digest-entry').trim();

  it('the digest entry of the example envelope is the documented bytes, recomputed with node:crypto', () => {
    const independent = JSON.stringify({
      payload: envelope.payload,
      payloadType: envelope.payloadType,
      signatures: envelope.signatures.map((s) => ({
        keyid: s.keyid,
        sig_sha256: createHash('sha256').update(Buffer.from(s.sig, 'base64')).digest('hex'),
      })),
    });
    expect(independent).toBe(entry);
    expect(bytesToUtf8(psaDigestEntry(envelope))).toBe(entry);
    expect(utf8ToBytes(entry).length).toBe(271);
    expect(DOC).toContain(`leaf hash SHA-256(0x00 ‖ entry) = \`${bytesToHex(sha256(new Uint8Array([0]), utf8ToBytes(entry)))}\``);
  });

  it('psaLogEntry: the full form up to 65,535 bytes, the digest form above; any changed signature byte changes the entry', () => {
    expect(psaLogEntry(envelope)).toEqual(canonicalBytes(envelope));
    const filler = 'A'.repeat(4 * 16_500); // 49,500 decoded bytes per signature: the envelope exceeds the limit
    const big = {
      ...envelope,
      signatures: [
        { keyid: 'k1', sig: filler },
        { keyid: 'k2', sig: filler },
      ],
    };
    expect(canonicalBytes(big).length).toBeGreaterThan(LOG_ENTRY_MAX_BYTES);
    const digest = psaLogEntry(big);
    expect(digest).toEqual(psaDigestEntry(big));
    expect(digest.length).toBeLessThan(400);
    const altered = { ...big, signatures: [{ keyid: 'k1', sig: `B${filler.slice(1)}` }, big.signatures[1]!] };
    expect(bytesToHex(psaLogEntry(altered))).not.toBe(bytesToHex(digest));
  });
});

describe('transparency-log routes in the API docs', () => {
  const routes = [
    '/log/checkpoint',
    '/log/key',
    '/log/tile/{level}/{index}',
    '/log/tile/entries/{index}',
    '/v1/preclearance/psa/{id}/proof',
  ];

  it('GET /openapi.json lists the public /log routes, the proof route and log_index', () => {
    const doc = openApiDocument(65_536) as {
      paths: Record<string, { get?: unknown }>;
      components: { schemas: Record<string, { required?: string[] }> };
    };
    for (const r of routes) expect(doc.paths[r]?.get, r).toBeDefined();
    expect(doc.components.schemas['IssuedPsa']?.required).toContain('log_index');
  });

  it('docs/api.md names each route', () => {
    const api = readFileSync(resolve(REPO_ROOT, 'docs/api.md'), 'utf8');
    for (const r of [
      '`GET /log/checkpoint`',
      '`GET /log/key`',
      '`GET /log/tile/<L>/<N>[.p/<W>]`',
      '`GET /log/tile/entries/<N>[.p/<W>]`',
      '`GET /v1/preclearance/psa/:id/proof`',
      'log_index',
    ]) {
      expect(api, r).toContain(r);
    }
  });
});
