import { JilError } from '@jil/core';
import {
  encodeEntryBundle,
  formatSignedNote,
  formatSignerKey,
  formatTlogProof,
  formatVerifierKey,
  parseSignedNote,
  parseSignerKey,
  proveConsistency,
  proveInclusion,
  signCheckpoint,
  TILE_WIDTH,
  type NoteSignature,
  type NoteSignerKey,
} from '@jil/core/tlog';
import { cosignCheckpoint, witnessName, type EmbeddedValidator } from '@jil/psa';
import type { Db } from '@jil/server-kit';
import { LogRepository, type StoredCheckpoint, type WitnessState } from '../storage/LogRepository.js';
import { appendToTiles } from './appendToTiles.js';
import { storedTileHashReader, treeHashFromTiles, type StoredTileReader } from './TileHashes.js';

/** Options of {@link LogService}. */
export interface LogServiceOptions {
  db: Db;
  /** The checkpoint origin line (c2sp.org/tlog-checkpoint), e.g. `jil.local/log/…`. */
  origin: string;
  /** The log's 32-byte Ed25519 signing seed. */
  seed: Uint8Array;
  /** Embedded validators that witness each checkpoint in process (their Ed25519 keys as cosignature/v1 keys). */
  witnesses: readonly EmbeddedValidator[];
  /** Integration period in milliseconds (default 500): new entries get a checkpoint and proofs within about this. */
  intervalMs?: number;
  /** Most entries integrated per checkpoint (default 8192). */
  batchSize?: number;
  clock?: () => Date;
  /**
   * Where {@link LogService.notify} goes instead of this service's own timer: a `jil serve --workers` HTTP worker
   * sequences entries in its transactions but never integrates; it tells the node's primary process, which runs the
   * one integrator of the node ({@link LogService.start}).
   */
  onNotify?: () => void;
}

/** Receives a witness refusal: the witness name, the error code and the reason (nothing secret). */
export type WitnessRefusalListener = (witness: string, code: string, reason: string) => void;

interface Witness {
  name: string;
  key: NoteSignerKey;
}

/** Full tiles never change: cache them (8 KiB each). */
const FULL_TILE_CACHE = 4096;

/**
 * The node's transparency log (docs/transparency-log.md): integrates the entries sequenced with each PSA into hash
 * tiles, publishes a checkpoint signed by the log key and cosigned by the embedded validators acting as witnesses,
 * and serves checkpoints, tiles, entry bundles and tlog proofs. One integrator per node; calls are serialized.
 */
export class LogService {
  readonly origin: string;
  readonly #db: Db;
  readonly #logKey: NoteSignerKey;
  readonly #witnesses: Witness[];
  readonly #interval: number;
  readonly #batch: number;
  readonly #clock: () => Date;
  #onRefusal: WitnessRefusalListener = () => undefined;
  readonly #fullTiles = new Map<string, readonly Uint8Array[]>();
  #chain: Promise<unknown> = Promise.resolve();
  #timer: ReturnType<typeof setInterval> | undefined;
  #pending = false;
  #verifierKey: string | undefined;
  readonly #onNotify: (() => void) | undefined;

  constructor(o: LogServiceOptions) {
    this.origin = o.origin;
    this.#onNotify = o.onNotify;
    this.#db = o.db;
    this.#logKey = parseSignerKey(formatSignerKey({ name: o.origin, secretKey: o.seed }));
    this.#witnesses = o.witnesses.flatMap((v) => {
      const name = witnessName(v.id);
      return name === undefined
        ? []
        : [{ name, key: parseSignerKey(formatSignerKey({ name, secretKey: v.secretKey, type: 'cosignature/v1' })) }];
    });
    this.#interval = o.intervalMs ?? 500;
    this.#batch = o.batchSize ?? 8192;
    this.#clock = o.clock ?? (() => new Date());
  }

  /** The log's verifier key, `<origin>+<key id>+<base64(0x01 || public key)>` (c2sp.org/signed-note). */
  get verifierKey(): string {
    this.#verifierKey ??= formatVerifierKey({ name: this.origin, publicKey: this.#logKey.publicKey });
    return this.#verifierKey;
  }

  /**
   * Publishes the first checkpoint when there is none, integrates what is pending, then integrates every `intervalMs`:
   * the node's one integrator. Call it in one process per node (`jil serve --workers`: the primary); HTTP workers only
   * construct the service, sequence entries in their issuing transactions and pass `onNotify`.
   */
  async start(): Promise<void> {
    // The event mesh publishes each log entry with its origin (migration 0009): record it where the trigger reads it.
    await new LogRepository(this.#db).recordOrigin(this.origin);
    await this.integrate();
    this.#timer = setInterval(() => {
      if (this.#pending) void this.integrate().catch(() => undefined);
    }, this.#interval);
    this.#timer.unref?.();
  }

  /** Where witness refusals go (default: nowhere); the server logs them as warnings. */
  onWitnessRefusal(listener: WitnessRefusalListener): void {
    this.#onRefusal = listener;
  }

  /** A PSA was logged: integrate at the next tick (or tell the integrator elsewhere: `onNotify`). */
  notify(): void {
    if (this.#onNotify !== undefined) this.#onNotify();
    else this.#pending = true;
  }

  /** Stops the timer and waits for a running integration. */
  async close(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    await this.#chain.catch(() => undefined);
  }

  /**
   * Integrates every sequenced entry not yet in the tree (at most `batchSize`): writes the tiles, signs and witnesses
   * the new checkpoint, stores it — one transaction. Serialized with every other call.
   * @returns the latest checkpoint.
   */
  integrate(): Promise<StoredCheckpoint> {
    this.#pending = false;
    const run = this.#chain.then(async () => {
      const { checkpoint, backlog } = await this.#db.transaction((tx) => this.#integrate(new LogRepository(tx)));
      if (backlog) this.#pending = true; // more than one batch was waiting: the next tick takes the rest
      return checkpoint;
    });
    // A failed integration (database error) is retried at the next tick; nothing of it was committed.
    this.#chain = run.catch(() => {
      this.#pending = true;
    });
    return run;
  }

  async #integrate(repo: LogRepository): Promise<{ checkpoint: StoredCheckpoint; backlog: boolean }> {
    await repo.lockIntegration();
    const latest = await repo.latestCheckpoint();
    const size = latest?.size ?? 0;
    const sequenced = await repo.sequencedCount();
    if (latest !== null && sequenced === size) return { checkpoint: latest, backlog: false };
    const leaves = await repo.leafHashes(size, Math.min(this.#batch, sequenced - size));
    const written = new Map<string, readonly Uint8Array[]>();
    const read: StoredTileReader = async (level, index) => written.get(`${level}/${index}`) ?? (await this.#readTile(repo, level, index));
    for (const tile of await appendToTiles(read, size, leaves)) {
      written.set(`${tile.level}/${tile.index}`, tile.hashes);
      await repo.putTile({ level: tile.level, index: tile.index, width: tile.hashes.length, hashes: concat(tile.hashes) });
    }
    const newSize = size + leaves.length;
    const rootHash = await treeHashFromTiles(read, newSize);
    const signed = signCheckpoint({ origin: this.origin, treeSize: newSize, rootHash }, [this.#logKey]);
    const cosigned = await this.#witness(repo, signed, newSize, read);
    const checkpoint = { size: newSize, rootHash, signedNote: cosigned };
    await repo.putCheckpoint(checkpoint);
    return { checkpoint, backlog: newSize < sequenced };
  }

  /**
   * Each embedded witness checks consistency with the last tree it cosigned, then cosigns (c2sp.org/tlog-witness).
   * Witnesses that last cosigned the same size share one consistency proof; their states are read and written in one
   * statement each.
   */
  async #witness(repo: LogRepository, signed: string, newSize: number, read: StoredTileReader): Promise<string> {
    const reader = storedTileHashReader(read);
    const note = parseSignedNote(signed);
    const timestamp = Math.floor(this.#clock().getTime() / 1000);
    const states = await repo.witnessStates(this.#witnesses.map((w) => w.name));
    const proofs = new Map<number, Uint8Array[]>();
    const cosignatures: NoteSignature[] = [];
    const cosigned: string[] = [];
    let tree: WitnessState | undefined;
    for (const w of this.#witnesses) {
      const last = states.get(w.name) ?? null;
      let proof: Uint8Array[] = [];
      if (last !== null && last.size > 0 && last.size < newSize) {
        proof = proofs.get(last.size) ?? (await proveConsistency(last.size, newSize, reader));
        proofs.set(last.size, proof);
      }
      const r = cosignCheckpoint({
        signedCheckpoint: signed,
        log: { origin: this.origin, keys: [this.verifierKey] },
        last,
        consistencyProof: proof,
        witnessKey: w.key,
        timestamp,
      });
      if (!r.ok) {
        this.#onRefusal(w.name, r.code, r.reason);
        continue;
      }
      tree = r.tree;
      cosigned.push(w.name);
      cosignatures.push(r.signature);
    }
    if (tree !== undefined) await repo.putWitnessStates(cosigned, tree);
    return formatSignedNote({ text: note.text, signatures: [...note.signatures, ...cosignatures] });
  }

  async #readTile(repo: LogRepository, level: number, index: number): Promise<readonly Uint8Array[] | null> {
    const key = `${level}/${index}`;
    const cached = this.#fullTiles.get(key);
    if (cached !== undefined) return cached;
    const tile = await repo.tile(level, index);
    if (tile === null) return null;
    const hashes = split(tile.hashes);
    if (tile.width === TILE_WIDTH) {
      if (this.#fullTiles.size >= FULL_TILE_CACHE) this.#fullTiles.delete(this.#fullTiles.keys().next().value as string);
      this.#fullTiles.set(key, hashes);
    }
    return hashes;
  }

  /** The latest signed checkpoint (note text), as served at `/log/checkpoint`. */
  async checkpoint(): Promise<StoredCheckpoint> {
    const latest = await new LogRepository(this.#db).latestCheckpoint();
    if (latest === null) throw new JilError('NOT_FOUND', 'the log has no checkpoint yet');
    return latest;
  }

  /**
   * The bytes of a hash tile or entry bundle of the latest checkpoint's tree, or `null` when that tree has no such
   * tile at that width (c2sp.org/tlog-tiles: partial tiles are served for checkpointed sizes; a narrower partial
   * tile is the prefix of a wider one).
   */
  async tile(level: number | 'entries', index: number, width: number): Promise<Uint8Array | null> {
    const { size } = await this.checkpoint();
    const perHash = level === 'entries' ? 1 : TILE_WIDTH ** level;
    const available = Math.floor(size / perHash) - index * TILE_WIDTH; // hashes of this tile within the tree
    if (available < width) return null;
    if (level === 'entries') {
      const entries = await new LogRepository(this.#db).entries(index * TILE_WIDTH, width);
      return entries.length === width ? encodeEntryBundle(entries) : null;
    }
    const hashes = await this.#readTile(new LogRepository(this.#db), level, index);
    return hashes === null || hashes.length < width ? null : concat(hashes.slice(0, width));
  }

  /**
   * A self-contained c2sp.org/tlog-proof for the PSA's entry against the latest checkpoint, or `null` when the PSA
   * was not logged or is not integrated yet.
   */
  async proof(psaId: string): Promise<{ index: number; treeSize: number; text: string } | null> {
    const repo = new LogRepository(this.#db);
    const index = await repo.indexOf(psaId);
    if (index === null) return null;
    const latest = await this.checkpoint();
    if (index >= latest.size) return null;
    const read: StoredTileReader = (level, i) => this.#readTile(repo, level, i);
    const inclusionProof = await proveInclusion(index, latest.size, storedTileHashReader(read));
    return { index, treeSize: latest.size, text: formatTlogProof({ index, inclusionProof, checkpoint: latest.signedNote }) };
  }

  /** RFC 9162 consistency proof between two checkpointed sizes of this log. */
  async consistency(oldSize: number, newSize: number): Promise<Uint8Array[]> {
    const repo = new LogRepository(this.#db);
    return proveConsistency(
      oldSize,
      newSize,
      storedTileHashReader((level, i) => this.#readTile(repo, level, i)),
    );
  }
}

function concat(hashes: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(hashes.length * 32);
  for (const [i, h] of hashes.entries()) out.set(h, i * 32);
  return out;
}

function split(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += 32) out.push(bytes.slice(i, i + 32));
  return out;
}
