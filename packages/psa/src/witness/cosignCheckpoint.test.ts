import { base64Encode, isJilError } from '@jil/core';
import {
  emptyTreeHash,
  formatSignedNote,
  formatSignerKey,
  formatVerifierKey,
  leafHash,
  merkleTreeHash,
  openCheckpoint,
  parseSignedNote,
  parseSignerKey,
  proveConsistency,
  signCheckpoint,
  signNote,
  treeHash,
  type NoteSignerKey,
} from '@jil/core/tlog';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryOf, memoryLog } from '@jil/core-testkit';
import { generateEmbeddedValidators, validatorSetFor } from '../validators/embeddedValidators.js';
import { signValidatorSet } from '../validators/signValidatorSet.js';
import { verifyValidatorSet } from '../validators/verifyValidatorSet.js';
import { cosignCheckpoint, type CosignCheckpointParameters, type WitnessedTree } from './cosignCheckpoint.js';
import { witnessName, witnessVerifierKeys } from './witnessKeys.js';

const ORIGIN = 'jil.example/log';
const N = 70; // leaves of the in-memory log; checkpoints are taken at sizes 0…N
const T = 1_790_000_000; // cosignature timestamp (seconds)

const signer = (name: string, fill: number, type: NoteSignerKey['type'] = 'ed25519'): NoteSignerKey =>
  parseSignerKey(formatSignerKey({ name, secretKey: new Uint8Array(32).fill(fill), type }));
const logKey = signer(ORIGIN, 1);
const LOG = { origin: ORIGIN, keys: [formatVerifierKey({ name: ORIGIN, publicKey: logKey.publicKey })] };

const NOW = new Date('2026-11-01T00:00:00Z');
const validators = generateEmbeddedValidators(20);
const pinned = signValidatorSet(
  validatorSetFor({
    validators,
    setId: 'jil-test-witnesses',
    validFrom: new Date(NOW.getTime() - 86_400_000),
    validUntil: new Date(NOW.getTime() + 86_400_000),
  }),
  validators,
);
const witnessKeys = validators.map((v) =>
  parseSignerKey(formatSignerKey({ name: witnessName(v.id)!, secretKey: v.secretKey, type: 'cosignature/v1' })),
);
const witnessKey = witnessKeys[0]!;

const log = await memoryLog(Array.from({ length: N }, (_, i) => entryOf(i)));
const roots = await Promise.all(Array.from({ length: N + 1 }, (_, n) => treeHash(n, log.reader)));
const rootOf = (n: number): Uint8Array => roots[n]!;
const tree = (n: number): WitnessedTree => ({ size: n, rootHash: rootOf(n) });
const checkpointOf = (n: number, rootHash = rootOf(n), key = logKey, origin = ORIGIN): string =>
  signCheckpoint({ origin, treeSize: n, rootHash }, [key]);

const cosign = (over: Partial<CosignCheckpointParameters> & { signedCheckpoint: string }) =>
  cosignCheckpoint({ log: LOG, last: null, consistencyProof: [], witnessKey, timestamp: T, ...over });

const refusal = (r: ReturnType<typeof cosignCheckpoint>): string => (r.ok ? 'accepted' : r.code);

const thrownField = (fn: () => unknown): { code: string; field: unknown } => {
  try {
    fn();
  } catch (e) {
    if (isJilError(e)) return { code: e.code, field: e.details['field'] };
    throw e;
  }
  throw new Error('expected a throw');
};

describe('cosignCheckpoint (c2sp.org/tlog-witness add-checkpoint)', () => {
  it('the in-memory tree agrees with an independent MTH over the leaf hashes', () => {
    expect(rootOf(N)).toEqual(merkleTreeHash(log.entries.map(leafHash)));
    expect(rootOf(0)).toEqual(emptyTreeHash());
  });

  it('first cosignature (last = null): any size is accepted, the new state is the checkpoint tree', () => {
    const r = cosign({ signedCheckpoint: checkpointOf(17) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.tree).toEqual(tree(17));
    expect(r.checkpoint).toMatchObject({ origin: ORIGIN, treeSize: 17, rootHash: rootOf(17) });
    expect(r.signature.name).toBe(witnessName(validators[0]!.id));
    expect(r.signature.keyId).toBe(witnessKey.keyId);
    // cosignature/v1: big-endian u64 timestamp, then the 64-byte Ed25519 signature
    expect(r.signature.signature).toHaveLength(72);
    expect(new DataView(r.signature.signature.buffer, r.signature.signature.byteOffset).getBigUint64(0)).toBe(BigInt(T));
  });

  it('consistent growth from the last cosigned tree is accepted', async () => {
    for (const [m, n] of [
      [1, 2],
      [3, 7],
      [8, 16],
      [13, 70],
      [64, 65],
    ] as const) {
      const r = cosign({ signedCheckpoint: checkpointOf(n), last: tree(m), consistencyProof: await proveConsistency(m, n, log.reader) });
      expect(refusal(r), `${m} → ${n}`).toBe('accepted');
      expect(r.ok && r.tree).toEqual(tree(n));
    }
  });

  it('the same size with the same root is accepted again (no proof needed)', () => {
    expect(refusal(cosign({ signedCheckpoint: checkpointOf(40), last: tree(40) }))).toBe('accepted');
  });

  it('growth from the empty tree (last size 0) needs no proof', () => {
    expect(refusal(cosign({ signedCheckpoint: checkpointOf(9), last: tree(0) }))).toBe('accepted');
  });

  it('a smaller tree than the last cosigned one: TLOG_CHECKPOINT_ROLLBACK', () => {
    const r = cosign({ signedCheckpoint: checkpointOf(30), last: tree(31) });
    expect(refusal(r)).toBe('TLOG_CHECKPOINT_ROLLBACK');
    expect(!r.ok && r.reason).toMatch(/30.*31/);
  });

  it('the same size with another root, signed by the log: TLOG_CHECKPOINT_FORK', () => {
    const other = rootOf(40).slice();
    other[0]! ^= 1;
    expect(refusal(cosign({ signedCheckpoint: checkpointOf(40, other), last: tree(40) }))).toBe('TLOG_CHECKPOINT_FORK');
    // a size-0 checkpoint with a root other than the empty-tree hash is not even a checkpoint (formatCheckpoint refuses
    // to write one, so it is signed here as a raw note)
    const emptyFork = signNote(`${ORIGIN}\n0\n${base64Encode(rootOf(1))}\n`, [logKey]);
    expect(refusal(cosign({ signedCheckpoint: emptyFork, last: tree(0) }))).toBe('TLOG_MALFORMED');
  });

  it('a consistency proof that does not lead from the last root: TLOG_CONSISTENCY_INVALID', async () => {
    const proof = await proveConsistency(13, 70, log.reader);
    const cases: [string, readonly Uint8Array[], WitnessedTree][] = [
      ['no proof', [], tree(13)],
      ['proof for other sizes', await proveConsistency(12, 70, log.reader), tree(13)],
      ['one hash dropped', proof.slice(1), tree(13)],
      ['one hash added', [...proof, rootOf(1)], tree(13)],
      ['last root is not the log root', proof, { size: 13, rootHash: rootOf(14) }],
    ];
    for (const [what, consistencyProof, last] of cases) {
      expect(refusal(cosign({ signedCheckpoint: checkpointOf(70), last, consistencyProof })), what).toBe('TLOG_CONSISTENCY_INVALID');
    }
    // a new root that is not the extension of the old one, with the honest proof for the sizes
    const forged = rootOf(70).slice();
    forged[31]! ^= 0x80;
    expect(refusal(cosign({ signedCheckpoint: checkpointOf(70, forged), last: tree(13), consistencyProof: proof }))).toBe(
      'TLOG_CONSISTENCY_INVALID',
    );
  });

  it("another log's checkpoint: TLOG_UNKNOWN_ORIGIN", () => {
    const otherLog = signer('other.example/log', 9);
    expect(refusal(cosign({ signedCheckpoint: checkpointOf(5, rootOf(5), otherLog, 'other.example/log') }))).toBe('TLOG_UNKNOWN_ORIGIN');
    // signed by the right key but naming another origin
    expect(refusal(cosign({ signedCheckpoint: checkpointOf(5, rootOf(5), logKey, 'jil.example/log2') }))).toBe('TLOG_UNKNOWN_ORIGIN');
  });

  it('a checkpoint the log key did not sign: TLOG_NOTE_UNVERIFIED (other key) or TLOG_BAD_SIGNATURE (altered signature)', () => {
    // another Ed25519 key under the log's name: a different key ID, so an unknown signature and no log signature
    expect(refusal(cosign({ signedCheckpoint: checkpointOf(5, rootOf(5), signer(ORIGIN, 2)) }))).toBe('TLOG_NOTE_UNVERIFIED');
    // the log key's line with one signature bit flipped
    const note = parseSignedNote(checkpointOf(5));
    const sig = note.signatures[0]!;
    const bad = sig.signature.slice();
    bad[10]! ^= 1;
    expect(refusal(cosign({ signedCheckpoint: formatSignedNote({ text: note.text, signatures: [{ ...sig, signature: bad }] }) }))).toBe(
      'TLOG_BAD_SIGNATURE',
    );
    // the text changed under a valid signature
    const moved = checkpointOf(5).replace(/\n5\n/, '\n6\n');
    expect(refusal(cosign({ signedCheckpoint: moved }))).toBe('TLOG_BAD_SIGNATURE');
    // only witness cosignatures, no log signature
    const text = note.text;
    const onlyCosig = cosign({ signedCheckpoint: checkpointOf(5) });
    expect(onlyCosig.ok).toBe(true);
    if (onlyCosig.ok)
      expect(refusal(cosign({ signedCheckpoint: formatSignedNote({ text, signatures: [onlyCosig.signature] }) }))).toBe(
        'TLOG_NOTE_UNVERIFIED',
      );
  });

  it('not a signed checkpoint at all: TLOG_MALFORMED', () => {
    for (const bad of ['', 'hello\n', `${ORIGIN}\n5\nnot-base64\n\n— ${ORIGIN} AAAA\n`]) {
      expect(refusal(cosign({ signedCheckpoint: bad })), JSON.stringify(bad)).toBe('TLOG_MALFORMED');
    }
  });

  it('the cosignatures verify with openCheckpoint under witnessVerifierKeys of the validator set, at its threshold', () => {
    const set = verifyValidatorSet(pinned, { now: NOW });
    const keys = witnessVerifierKeys(set);
    expect(keys.map((k) => k.name)).toEqual(validators.map((v) => `jil-validator/${v.id}`));
    expect(keys.every((k) => k.type === 'cosignature/v1')).toBe(true);
    const signed = checkpointOf(33);
    const cosigs = witnessKeys.map((k) => {
      const r = cosign({ signedCheckpoint: signed, witnessKey: k });
      if (!r.ok) throw new Error(r.reason);
      return r.signature;
    });
    const note = parseSignedNote(signed);
    const withCosigs = (n: number) => formatSignedNote({ text: note.text, signatures: [...note.signatures, ...cosigs.slice(0, n)] });
    const policy = { origin: ORIGIN, logKeys: LOG.keys, witnesses: { keys, threshold: set.set.threshold } };
    expect(set.set.threshold).toBe(14);
    const ok = openCheckpoint(withCosigs(14), policy);
    expect(ok.valid && ok.cosignatures.length).toBe(14);
    expect(ok.valid && ok.checkpoint.treeSize).toBe(33);
    const short = openCheckpoint(withCosigs(13), policy);
    expect(!short.valid && short.code).toBe('TLOG_WITNESS_THRESHOLD_NOT_MET');
    // a cosignature over another checkpoint text does not count: it is a bad signature from a known key
    const elsewhere = cosign({ signedCheckpoint: checkpointOf(34) });
    if (!elsewhere.ok) throw new Error(elsewhere.reason);
    const mixed = formatSignedNote({ text: note.text, signatures: [...note.signatures, elsewhere.signature, ...cosigs.slice(1, 15)] });
    const r = openCheckpoint(mixed, policy);
    expect(!r.valid && r.code).toBe('TLOG_BAD_SIGNATURE');
  });

  it('throws INVALID_ARGUMENT for a witness key that is not cosignature/v1, or a bad timestamp', () => {
    const signedCheckpoint = checkpointOf(3);
    expect(thrownField(() => cosign({ signedCheckpoint, witnessKey: signer('w', 5, 'ed25519') }))).toEqual({
      code: 'INVALID_ARGUMENT',
      field: 'witnessKey',
    });
    expect(thrownField(() => cosign({ signedCheckpoint, witnessKey: undefined as unknown as NoteSignerKey }))).toEqual({
      code: 'INVALID_ARGUMENT',
      field: 'witnessKey',
    });
    for (const timestamp of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '1790000000' as unknown as number]) {
      expect(
        thrownField(() => cosign({ signedCheckpoint, timestamp })),
        String(timestamp),
      ).toEqual({ code: 'INVALID_ARGUMENT', field: 'timestamp' });
    }
    // argument errors come before looking at the (here malformed) checkpoint
    expect(thrownField(() => cosign({ signedCheckpoint: 'x', timestamp: -5 }))).toEqual({ code: 'INVALID_ARGUMENT', field: 'timestamp' });
  });

  it('property: for random 1 ≤ old < new ≤ N the honest proof is accepted and any single-byte change in it is refused', async () => {
    const pair = fc.integer({ min: 2, max: N }).chain((n) => fc.record({ n: fc.constant(n), m: fc.integer({ min: 1, max: n - 1 }) }));
    await fc.assert(
      fc.asyncProperty(
        pair,
        fc.nat(),
        fc.integer({ min: 0, max: 31 }),
        fc.integer({ min: 1, max: 255 }),
        async ({ n, m }, at, byte, xor) => {
          const proof = await proveConsistency(m, n, log.reader);
          const signedCheckpoint = checkpointOf(n);
          expect(refusal(cosign({ signedCheckpoint, last: tree(m), consistencyProof: proof }))).toBe('accepted');
          const k = at % proof.length;
          const tampered = proof.map((h) => h.slice());
          tampered[k]![byte]! ^= xor;
          expect(refusal(cosign({ signedCheckpoint, last: tree(m), consistencyProof: tampered }))).toBe('TLOG_CONSISTENCY_INVALID');
        },
      ),
      { numRuns: 300 },
    );
  });
});
