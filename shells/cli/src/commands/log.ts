import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { base64Decode, bytesToUtf8, canonicalBytes, getPublicKey, isJilError, JilError, parseJson } from '@jil/core';
import {
  formatTilePath,
  formatVerifierKey,
  leafHash,
  openCheckpoint,
  parseEntryBundle,
  parseVerifierKey,
  proveConsistency,
  storedHashIndex,
  tileHashReader,
  tilesForTreeSize,
  TILE_WIDTH,
  verifyConsistency,
  type Tile,
} from '@jil/core/tlog';
import { PSA_PAYLOAD_TYPE, PsaBodySchema, verifyPsa, verifyValidatorSet, witnessVerifierKeys, type VerifiedValidatorSet } from '@jil/psa';
import { JilClient } from '@jil/sdk/client';

/** Flags of `jil log …`. */
export interface LogCommandOptions {
  sub: string | undefined;
  args: string[];
  url: string | undefined;
  stateDir: string;
  logKey: string | undefined;
  validatorSet: string | undefined;
  proof: string | undefined;
  out: string | undefined;
  state: string | undefined;
  logKeyOnly: boolean | undefined;
}

const USAGE = `jil log — the transparency log (docs/transparency-log.md)
  jil log checkpoint [--url <server>]                          print the current signed checkpoint
  jil log key [--state-dir <dir>]                              print the log's verifier key (<name>+<hash>+<key>)
  jil log proof <psa_id> [--url <server>] [--out <file>]       fetch the PSA's inclusion proof (c2sp.org/tlog-proof)
  jil log verify <psa.json> --proof <file> --log-key <vkey> --validator-set <file> [--log-key-only]
                                                               check the proof offline (witnessed checkpoint unless --log-key-only)
  jil log export --url <server> --log-key <vkey> --out <dir>   write the checkpoint, hash tiles and entry bundles as static
                                                               files (the tlog-tiles layout) for any web server or CDN
  jil log monitor --url <server> --log-key <vkey> --validator-set <file> [--state <file>]
                                                               check the new checkpoint against the last one seen (consistency) and
                                                               that every new entry is a PSA that verifies against the pinned set`;

/** `jil log …`. Exit 0 on success, 1 when a check fails, 2 on usage errors. */
export async function runLog(o: LogCommandOptions): Promise<number> {
  const url = (o.url ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
  switch (o.sub) {
    case 'checkpoint':
      process.stdout.write(await fetchText(`${url}/log/checkpoint`));
      return 0;
    case 'key': {
      const file = join(o.stateDir, 'log-key.json');
      if (!existsSync(file)) {
        console.error(`no ${file}: start the service once (jil serve or jil demo) to create the log key`);
        return 2;
      }
      const { origin, seed } = JSON.parse(readFileSync(file, 'utf8')) as { origin: string; seed: string };
      console.log(formatVerifierKey({ name: origin, publicKey: getPublicKey(base64Decode(seed)) }));
      return 0;
    }
    case 'proof':
      return proof(o, url);
    case 'verify':
      return verify(o);
    case 'monitor':
      return monitor(o, url);
    case 'export':
      return exportStatic(o, url);
    default:
      console.error(USAGE);
      return 2;
  }
}

async function proof(o: LogCommandOptions, url: string): Promise<number> {
  const psaId = o.args[0];
  if (!psaId) return usage();
  const credentials = JSON.parse(readFileSync(join(o.stateDir, 'credentials.json'), 'utf8')) as { access_key_id: string; secret: string };
  const client = new JilClient({ baseUrl: url, accessKeyId: credentials.access_key_id, secret: credentials.secret });
  const r = await client.getLogProof(psaId);
  if (o.out) writeFileSync(o.out, r.proof);
  else process.stdout.write(r.proof);
  if (o.out) console.log(`proof of PSA ${r.psa_id}: entry ${r.index} of ${r.tree_size}, written to ${o.out}`);
  return 0;
}

function verify(o: LogCommandOptions): number {
  const file = o.args[0];
  if (!file || !o.proof || !o.logKey || !o.validatorSet) return usage();
  const envelope = unwrap(parseJson(readFileSync(file, 'utf8')), 'envelope');
  const pinned = unwrap(parseJson(readFileSync(o.validatorSet, 'utf8')), 'signed');
  const body = JSON.parse(bytesToUtf8(base64Decode(String((envelope as { payload?: unknown }).payload ?? '')))) as { issued_at: string };
  const key = parseVerifierKey(o.logKey);
  // The log proves the PSA was issued, not that it is still fresh: verify as of its issue time.
  const r = verifyPsa(envelope, {
    validatorSet: pinned,
    now: new Date(body.issued_at),
    log: { proof: readFileSync(o.proof, 'utf8'), origin: key.name, logKey: key, requireWitnesses: !o.logKeyOnly },
  });
  if (!r.valid) {
    console.log(`INVALID ${r.check} ${r.code}: ${r.message}`);
    return 1;
  }
  console.log(
    `VALID psa ${r.body.psa_id} is entry ${r.log?.index} of ${r.log?.checkpoint.origin} at size ${r.log?.checkpoint.treeSize}, ` +
      `${o.logKeyOnly ? 'log key only' : `witnessed by ${r.log?.witnesses}`}`,
  );
  return 0;
}

async function monitor(o: LogCommandOptions, url: string): Promise<number> {
  if (!o.logKey || !o.validatorSet) return usage();
  const key = parseVerifierKey(o.logKey);
  const set = verifyValidatorSet(unwrap(parseJson(readFileSync(o.validatorSet, 'utf8')), 'signed'), { now: new Date() });
  const witnesses = { keys: witnessVerifierKeys(set), threshold: set.set.threshold };
  const opened = openCheckpoint(await fetchText(`${url}/log/checkpoint`), { origin: key.name, logKeys: [key], witnesses });
  if (!opened.valid) return fail(`checkpoint ${opened.check} ${opened.code}: ${opened.message}`);
  const cp = opened.checkpoint;
  const statePath = o.state ?? join(o.stateDir, 'monitor.json');
  const last = existsSync(statePath)
    ? (JSON.parse(readFileSync(statePath, 'utf8')) as { size: number; root: string; note: string })
    : { size: 0, root: '', note: '' };
  if (cp.treeSize < last.size) return fail(`TLOG_CHECKPOINT_ROLLBACK: size ${cp.treeSize} is below the last seen ${last.size}`);
  if (cp.treeSize === 0) return ok(statePath, cp.treeSize, cp.rootHash, opened.text, 'empty log');
  // A tile or entry bundle that does not match the signed checkpoint, or one the log withholds, is an alert, not a crash.
  try {
    const reader = tileHashReader({ treeSize: cp.treeSize, rootHash: cp.rootHash }, (tiles) =>
      Promise.all(tiles.map((t) => fetchBytes(`${url}/log/${formatTilePath(t)}`))),
    );
    if (last.size > 0) {
      const oldRoot = base64Decode(last.root);
      const proofHashes = last.size === cp.treeSize ? [] : await proveConsistency(last.size, cp.treeSize, reader);
      const same = last.size === cp.treeSize && Buffer.from(oldRoot).equals(Buffer.from(cp.rootHash));
      if (last.size === cp.treeSize && !same)
        return fail(`TLOG_CHECKPOINT_FORK: two roots for size ${cp.treeSize}; kept both notes in ${statePath}.fork`, () =>
          writeFileSync(`${statePath}.fork`, `${last.note}\n${opened.text}`),
        );
      if (!same) {
        const c = verifyConsistency({
          oldSize: last.size,
          newSize: cp.treeSize,
          oldRootHash: oldRoot,
          newRootHash: cp.rootHash,
          proof: proofHashes,
        });
        if (!c.valid) return fail(`${c.code}: ${c.message}`);
      }
    }
    // Every new entry: read its bundle, match it to the leaf hashes of tiles verified against the root, verify the PSA.
    let checked = 0;
    let digestEntries = 0;
    for (let start = last.size; start < cp.treeSize; ) {
      const index = Math.floor(start / TILE_WIDTH);
      const width = Math.min(TILE_WIDTH, cp.treeSize - index * TILE_WIDTH);
      const tile: Tile = { level: 'entries', index, width };
      const entries = parseEntryBundle(await fetchBytes(`${url}/log/${formatTilePath(tile)}`), width);
      const first = start - index * TILE_WIDTH;
      const positions = Array.from({ length: width - first }, (_, k) => index * TILE_WIDTH + first + k);
      const leaves = await reader(positions.map((p) => storedHashIndex(0, p))); // authenticated against the root
      for (let i = first; i < width; i++) {
        const entry = entries[i] as Uint8Array;
        if (!Buffer.from(leafHash(entry)).equals(Buffer.from(leaves[i - first] as Uint8Array)))
          return fail(`entry ${index * TILE_WIDTH + i}: the bundle does not match the tree (TLOG_TILE_INVALID)`);
        const decoded = decodeEntry(entry);
        if (decoded === undefined)
          return fail(`entry ${index * TILE_WIDTH + i} is not a PSA: not an RFC 8785 DSSE envelope with a JSON body`);
        const { envelope, issuedAt } = decoded;
        if (decoded.digestForm) {
          // digest form (docs/transparency-log.md §Entry size limit): the signatures are not in the log, only their
          // hashes; check what the entry holds — the body and enough distinct active signers of the set
          const problem = checkDigestEntry(envelope, set);
          if (problem) return fail(`entry ${index * TILE_WIDTH + i}: not a valid PSA digest entry (${problem})`);
          digestEntries++;
          checked++;
          continue;
        }
        const v = verifyPsa(envelope, { validatorSet: set, now: new Date(issuedAt) });
        if (!v.valid) return fail(`entry ${index * TILE_WIDTH + i}: not a valid PSA (${v.check} ${v.code}: ${v.message})`);
        checked++;
      }
      start = index * TILE_WIDTH + width;
    }
    const digestNote =
      digestEntries > 0 ? ` (${digestEntries} in digest form: body and signers checked, signatures need the PSA itself)` : '';
    return ok(
      statePath,
      cp.treeSize,
      cp.rootHash,
      opened.text,
      `${checked} new entries, each a valid PSA${digestNote}; consistent with size ${last.size}`,
    );
  } catch (error) {
    if (isJilError(error) && error.code.startsWith('TLOG_')) return fail(`${error.code}: ${error.message}`);
    throw error;
  }
}

/** An entry as a PSA envelope and its body's issue time, or `undefined` when it is not canonical JSON of one. */
function decodeEntry(entry: Uint8Array): { envelope: unknown; issuedAt: string; digestForm: boolean } | undefined {
  try {
    const envelope = parseJson(bytesToUtf8(entry));
    if (!Buffer.from(canonicalBytes(envelope)).equals(Buffer.from(entry))) return undefined;
    const body = parseJson(bytesToUtf8(base64Decode(String((envelope as { payload?: unknown }).payload ?? '')))) as { issued_at?: unknown };
    const signatures = (envelope as { signatures?: unknown }).signatures;
    const digestForm =
      Array.isArray(signatures) &&
      signatures.length > 0 &&
      signatures.every((x) => typeof (x as { sig_sha256?: unknown })?.sig_sha256 === 'string' && !('sig' in (x as object)));
    return typeof body?.issued_at === 'string' ? { envelope, issuedAt: body.issued_at, digestForm } : undefined;
  } catch {
    return undefined;
  }
}

/** A digest-form entry: PSA payload type, a PSA body, `threshold` distinct keyids of active validators, hex digests. */
function checkDigestEntry(envelope: unknown, set: VerifiedValidatorSet): string | undefined {
  const e = envelope as { payloadType?: unknown; payload?: unknown; signatures: { keyid?: unknown; sig_sha256?: unknown }[] };
  if (e.payloadType !== PSA_PAYLOAD_TYPE) return 'payloadType is not the PSA type';
  const body = PsaBodySchema.safeParse(parseJson(bytesToUtf8(base64Decode(String(e.payload)))));
  if (!body.success) return 'payload is not a PSA body';
  const active = new Map(
    set.set.validators.filter((v) => v.status === 'active').flatMap((v) => v.keys.map((k) => [k.keyid, v.id] as const)),
  );
  const signers = new Set<string>();
  for (const s of e.signatures) {
    if (typeof s.sig_sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(s.sig_sha256)) return 'sig_sha256 is not 64 lower-case hex characters';
    const id = typeof s.keyid === 'string' ? active.get(s.keyid) : undefined;
    if (id === undefined) return `keyid ${String(s.keyid).slice(0, 16)}… is not an active key of the set`;
    if (signers.has(id)) return `validator ${id} listed twice`;
    signers.add(id);
  }
  return signers.size >= set.set.threshold ? undefined : `${signers.size} signers, the set needs ${set.set.threshold}`;
}

/**
 * `jil log export`: the log as static files under `--out` (`checkpoint`, `tile/<L>/<N>[.p/<W>]`,
 * `tile/entries/<N>[.p/<W>]`), every hash tile checked against the checkpoint's root before it is written. Full tiles
 * already on disk are kept (they never change); partial tiles of the new size are added beside the older ones; the
 * checkpoint is written last, so a server of the folder never names a tile it lacks.
 */
async function exportStatic(o: LogCommandOptions, url: string): Promise<number> {
  try {
    return await exportTiles(o, url);
  } catch (error) {
    if (isJilError(error) && error.code.startsWith('TLOG_')) return fail(`${error.code}: ${error.message}`);
    throw error;
  }
}

async function exportTiles(o: LogCommandOptions, url: string): Promise<number> {
  if (!o.logKey || !o.out) return usage();
  const key = parseVerifierKey(o.logKey);
  const note = await fetchText(`${url}/log/checkpoint`);
  const opened = openCheckpoint(note, { origin: key.name, logKeys: [key] });
  if (!opened.valid) return fail(`checkpoint ${opened.check} ${opened.code}: ${opened.message}`);
  const cp = opened.checkpoint;
  // Every hash tile goes through the authenticating reader; what it fetched (and checked) is what gets written.
  const fetched = new Map<string, Uint8Array>();
  const reader =
    cp.treeSize === 0
      ? undefined
      : tileHashReader({ treeSize: cp.treeSize, rootHash: cp.rootHash }, (ts) =>
          Promise.all(
            ts.map(async (t) => {
              const bytes = await fetchBytes(`${url}/log/${formatTilePath(t)}`);
              fetched.set(formatTilePath(t), bytes);
              return bytes;
            }),
          ),
        );
  let written = 0;
  const write = (tile: Tile, bytes: Uint8Array) => {
    const path = join(o.out as string, formatTilePath(tile));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    written++;
  };
  const tiles = tilesForTreeSize(cp.treeSize);
  for (const tile of tiles) {
    if (tile.width === TILE_WIDTH && existsSync(join(o.out, formatTilePath(tile)))) continue;
    await reader!([storedHashIndex(8 * (tile.level as number), tile.index * TILE_WIDTH + tile.width - 1)]);
    const bytes = fetched.get(formatTilePath(tile));
    if (bytes === undefined) return fail(`${formatTilePath(tile)} was not served (TLOG_TILE_INVALID)`);
    write(tile, bytes);
  }
  for (const level0 of tiles.filter((t) => t.level === 0)) {
    const tile: Tile = { ...level0, level: 'entries' };
    if (tile.width === TILE_WIDTH && existsSync(join(o.out, formatTilePath(tile)))) continue;
    const bytes = await fetchBytes(`${url}/log/${formatTilePath(tile)}`);
    const leaves = await reader!(Array.from({ length: tile.width }, (_, i) => storedHashIndex(0, tile.index * TILE_WIDTH + i)));
    const entries = parseEntryBundle(bytes, tile.width);
    if (entries.some((e, i) => !Buffer.from(leafHash(e)).equals(Buffer.from(leaves[i] as Uint8Array))))
      return fail(`${formatTilePath(tile)} does not match the tree (TLOG_TILE_INVALID)`);
    write(tile, bytes);
  }
  writeFileSync(join(o.out, 'checkpoint'), note);
  console.log(`OK exported size ${cp.treeSize}: ${written} files written to ${o.out} (full tiles already there kept)`);
  return 0;
}

function ok(statePath: string, size: number, root: Uint8Array, note: string, what: string): number {
  writeFileSync(statePath, JSON.stringify({ size, root: Buffer.from(root).toString('base64'), note }));
  console.log(`OK size ${size}: ${what}`);
  return 0;
}

function fail(message: string, before?: () => void): number {
  before?.();
  console.log(`ALERT ${message}`);
  return 1;
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

function unwrap(doc: unknown, field: string): unknown {
  return doc && typeof doc === 'object' && field in doc ? (doc as Record<string, unknown>)[field] : doc;
}

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return res.text();
}

/** Fetches a tile or entry bundle the checkpoint covers: a 404 means the log withholds it (`TLOG_TILE_INVALID`). */
async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (res.status === 404) throw new JilError('TLOG_TILE_INVALID', `GET ${url}: HTTP 404`, { details: { reason: 'missing' } });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}
