/**
 * Interoperability of the JIL transparency log with Go's checksum-database code (golang.org/x/mod/sumdb/note and
 * sumdb/tlog, an implementation JIL did not write), through the checker in tlog-go/ (see its README.md):
 * a live pre-clearance service issues 320 PSAs (crossing the 256-entry tile boundary), and the Go checker, reading
 * only the public c2sp.org/tlog-tiles routes, verifies the signed checkpoint, recomputes the tree from the tiles and
 * from every entry bundle, checks inclusion of chosen entries, consistency with an older checkpoint, and the
 * c2sp.org/tlog-proof files the authenticated proof route gave. Then it must refuse a tampered proof and a wrong key.
 * One server for the whole file; the checker is built once (`go build`). Skipped without `go` or ../shared/data.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64Encode, canonicalBytes, generateKeyPair } from '@jil/core';
import { formatVerifierKey, leafHash, parseTlogProof, formatTlogProof } from '@jil/core/tlog';
import { startService, type RunningService } from '@jil/shell-preclearance';
import { dataPath, HAS_SHARED_DATA } from '@jil/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JilClient, type ValidateResponse } from '@jil/sdk/client';
import { issuePsas } from '../e2e/issuePsas.testutil.js';
import { buildTlogGo, HAS_GO, runTlogGo } from './tlogGo.testutil.js';

const FIRST = 300; // checkpoint A: one full level-0 tile and a partial one
const MORE = 20; // checkpoint B: 320 entries

// Skipped without `go` on PATH (the checker is Go) or without ../shared/data (the service screens real lists).
describe.runIf(HAS_GO && HAS_SHARED_DATA)('transparency log checked by Go sumdb/note + sumdb/tlog (tlog-go)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'jil-tlog-interop-'));
  const file = (name: string) => join(tmp, name);
  let bin = '';
  let service: RunningService;
  let psas: ValidateResponse[] = [];
  let logUrl = '';
  let vkey = '';
  /** Proof files: two taken at checkpoint A (older than the log's), four at checkpoint B. */
  const proofFiles: string[] = [];

  beforeAll(async () => {
    bin = buildTlogGo(tmp);
    service = await startService({ stateDir: file('state'), dataDir: dataPath(), port: 0, logger: false, listFreshness: false });
    const log = service.log!;
    logUrl = `${service.url}/log`;
    vkey = log.verifierKey;
    const client = new JilClient({
      baseUrl: service.url,
      accessKeyId: service.state.credentials.access_key_id,
      secret: service.state.credentials.secret,
    });
    const saveProof = async (i: number, name: string) => {
      const r = await client.getLogProof(psas[i]!.psa_id);
      expect(r.index).toBe(i); // issued one after the other: entry i is the i-th PSA
      writeFileSync(file(name), r.proof);
      proofFiles.push(file(name));
    };

    psas = await issuePsas(client, FIRST);
    const a = await log.integrate();
    expect(a.size).toBe(FIRST);
    writeFileSync(file('checkpoint-A'), a.signedNote);
    await saveProof(0, 'psa-0-at-A.tlog-proof');
    await saveProof(FIRST - 1, `psa-${FIRST - 1}-at-A.tlog-proof`);

    psas.push(...(await issuePsas(client, MORE, FIRST)));
    const b = await log.integrate();
    expect(b.size).toBe(FIRST + MORE);
    for (const i of [0, 255, 256, FIRST + MORE - 1]) await saveProof(i, `psa-${i}-at-B.tlog-proof`);
  }, 300_000);

  afterAll(async () => {
    await service?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it(
    'accepts everything: checkpoint signature, tree hash from the ' + 'tiles, inclusion, consistency with A, proof files, full audit',
    async () => {
      const last = FIRST + MORE - 1;
      const r = await runTlogGo(bin, [
        '-log',
        logUrl,
        '-vkey',
        vkey,
        '-index',
        `0,255,256,${last}`,
        '-old',
        file('checkpoint-A'),
        ...proofFiles.flatMap((f) => ['-proof', f]),
        '-audit',
      ]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const report = r.report!;
      const b = await service.log!.checkpoint();
      expect(report).toMatchObject({
        ok: true,
        origin: service.log!.origin,
        tree_size: FIRST + MORE,
        root_hash: base64Encode(b.rootHash),
        checkpoint_signature: 'ok',
        tree_hash: 'ok',
        consistency: { old_size: FIRST, ok: true },
        audit: { entries: FIRST + MORE, ok: true },
      });
      // Go's tlog.RecordHash of each served entry is the leaf hash of the PSA's RFC 8785 envelope
      expect(report.inclusion).toEqual(
        [0, 255, 256, last].map((index) => ({ index, ok: true, leaf_hash: base64Encode(leafHash(canonicalBytes(psas[index]!.envelope))) })),
      );
      expect(report.proofs?.map((p) => [p.index, p.tree_size, p.ok, p.error])).toEqual([
        [0, FIRST, true, undefined],
        [FIRST - 1, FIRST, true, undefined],
        [0, FIRST + MORE, true, undefined],
        [255, FIRST + MORE, true, undefined],
        [256, FIRST + MORE, true, undefined],
        [last, FIRST + MORE, true, undefined],
      ]);
      // tlog.NewTiles(8, 0, 320): level-0 tile 0 (full), level-0 tile 1 (64 wide), level-1 tile 0 (1 wide)
      expect(report.audit?.tiles).toBe(3);
    },
  );

  it('refuses a proof file with one altered hash (exit 1, only that proof fails, in CheckRecord)', async () => {
    const good = proofFiles[3]!; // entry 255 at B
    const proof = parseTlogProof(readFileSync(good, 'utf8'));
    expect(proof.inclusionProof.length).toBeGreaterThan(1);
    const hashes = proof.inclusionProof.map((h) => h.slice());
    hashes[1]![7]! ^= 0x20;
    writeFileSync(file('tampered.tlog-proof'), formatTlogProof({ ...proof, inclusionProof: hashes }));
    const r = await runTlogGo(bin, ['-log', logUrl, '-vkey', vkey, '-proof', proofFiles[0]!, '-proof', file('tampered.tlog-proof')]);
    expect(r.status).toBe(1);
    expect(r.report).toMatchObject({ ok: false, checkpoint_signature: 'ok', tree_hash: 'ok' });
    expect(r.report?.proofs?.map((p) => p.ok)).toEqual([true, false]);
    expect(r.report?.proofs?.[1]?.error).toMatch(/^CheckRecord: /);
  });

  it('refuses the checkpoint under a wrong verifier key with the same name (exit 1, checkpoint_signature failed)', async () => {
    const wrong = formatVerifierKey({ name: service.log!.origin, publicKey: generateKeyPair().publicKey });
    const r = await runTlogGo(bin, ['-log', logUrl, '-vkey', wrong, '-index', '0', '-audit']);
    expect(r.status).toBe(1);
    expect(r.report).toMatchObject({ ok: false, checkpoint_signature: 'failed', tree_size: 0 });
    expect(r.report?.error).toMatch(/^checkpoint: /);
    expect(r.report?.inclusion).toBeUndefined(); // nothing else is trusted once the checkpoint fails
  });
});
