import { int8ToNumber, type Db } from '@jil/server-kit';

/** One hash tile as stored: `width` hashes of 32 bytes at tree level `8 · level` (c2sp.org/tlog-tiles). */
export interface StoredTile {
  level: number;
  index: number;
  width: number;
  hashes: Uint8Array;
}

/** A published checkpoint: the signed note text with its tree size and root hash. */
export interface StoredCheckpoint {
  size: number;
  rootHash: Uint8Array;
  signedNote: string;
}

/** A witness's last cosigned tree. */
export interface WitnessState {
  size: number;
  rootHash: Uint8Array;
}

const bytes = (value: unknown): Uint8Array =>
  value instanceof Uint8Array ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : new Uint8Array();

/**
 * The transparency log's tables (migration 0003): entry sequencing inside the PSA's own transaction, hash tiles,
 * checkpoints and embedded witness state. Pure SQL; the Merkle logic lives in `@jil/core` (tlog) and
 * `LogIntegrator`.
 */
export class LogRepository {
  readonly #db: Db;

  /** @param db - A migrated database, or a transaction handle. */
  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * Sequences one entry: takes the next index under the `tlog_sequence` row lock and stores the entry with its
   * RFC 9162 leaf hash, in one statement. Call it inside the transaction that inserts the PSA, so the PSA and its log
   * entry commit or roll back together and indexes stay dense.
   * @returns the entry's index.
   */
  async sequence(psaId: string, entry: Uint8Array, leafHash: Uint8Array): Promise<number> {
    // RFC 8785 output is UTF-8; stored as text, which round-trips byte for byte in a UTF8 database.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(entry);
    const { rows } = await this.#db.query<{ idx: unknown }>(
      `WITH seq AS (UPDATE tlog_sequence SET next_index = next_index + 1 WHERE id = 1 RETURNING next_index - 1 AS idx)
       INSERT INTO tlog_entries (idx, psa_id, entry, leaf_hash) SELECT idx, $1, $2, $3 FROM seq RETURNING idx`,
      [psaId, text, leafHash],
    );
    return int8ToNumber(rows[0]?.idx);
  }

  /**
   * Records the log's origin line (migration 0009's `tlog_origin`): the event mesh publishes each entry with it.
   * A new origin replaces the old one (the log now signs as that origin).
   */
  async recordOrigin(origin: string): Promise<void> {
    await this.#db.query(
      `INSERT INTO tlog_origin (singleton, origin) VALUES (true, $1)
       ON CONFLICT (singleton) DO UPDATE SET origin = EXCLUDED.origin WHERE tlog_origin.origin IS DISTINCT FROM EXCLUDED.origin`,
      [origin],
    );
  }

  /** Leaf hashes of the entries `[from, from + limit)`, in index order. */
  async leafHashes(from: number, limit: number): Promise<Uint8Array[]> {
    const { rows } = await this.#db.query<{ leaf_hash: unknown }>(
      'SELECT leaf_hash FROM tlog_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx',
      [from, from + limit],
    );
    return rows.map((r) => bytes(r.leaf_hash));
  }

  /**
   * Takes the log's integration lock until the end of the current transaction, so that two processes on one
   * PostgreSQL never integrate at once (the loser waits, then finds nothing left to do).
   */
  async lockIntegration(): Promise<void> {
    await this.#db.query('SELECT pg_advisory_xact_lock(7318245002)');
  }

  /** Number of sequenced entries (integrated or not). */
  async sequencedCount(): Promise<number> {
    const { rows } = await this.#db.query<{ n: unknown }>('SELECT next_index AS n FROM tlog_sequence WHERE id = 1');
    return int8ToNumber(rows[0]?.n ?? 0);
  }

  /** Entries `[from, from + limit)` in index order. */
  async entries(from: number, limit: number): Promise<Uint8Array[]> {
    const { rows } = await this.#db.query<{ entry: string }>('SELECT entry FROM tlog_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx', [
      from,
      from + limit,
    ]);
    return rows.map((r) => new TextEncoder().encode(r.entry));
  }

  /** The index of the PSA's entry, or `null` when the PSA was not logged. */
  async indexOf(psaId: string): Promise<number | null> {
    const { rows } = await this.#db.query<{ idx: unknown }>('SELECT idx FROM tlog_entries WHERE psa_id = $1', [psaId]);
    return rows[0] === undefined ? null : int8ToNumber(rows[0].idx);
  }

  /** The stored tile at (level, index), or `null`. */
  async tile(level: number, index: number): Promise<StoredTile | null> {
    const { rows } = await this.#db.query<{ width: unknown; hashes: unknown }>(
      'SELECT width, hashes FROM tlog_tiles WHERE level = $1 AND idx = $2',
      [level, index],
    );
    const row = rows[0];
    return row === undefined ? null : { level, index, width: int8ToNumber(row.width), hashes: bytes(row.hashes) };
  }

  /** Writes a tile (insert, or replace a narrower one; a full tile is never replaced). */
  async putTile(tile: StoredTile): Promise<void> {
    await this.#db.query(
      `INSERT INTO tlog_tiles (level, idx, width, hashes) VALUES ($1, $2, $3, $4)
       ON CONFLICT (level, idx) DO UPDATE SET width = EXCLUDED.width, hashes = EXCLUDED.hashes
       WHERE tlog_tiles.width < EXCLUDED.width`,
      [tile.level, tile.index, tile.width, tile.hashes],
    );
  }

  /** The checkpoint of the largest tree, or `null` before the first one. */
  async latestCheckpoint(): Promise<StoredCheckpoint | null> {
    const { rows } = await this.#db.query<{ size: unknown; root_hash: unknown; signed_note: string }>(
      'SELECT size, root_hash, signed_note FROM tlog_checkpoints ORDER BY size DESC LIMIT 1',
    );
    const row = rows[0];
    return row === undefined ? null : { size: int8ToNumber(row.size), rootHash: bytes(row.root_hash), signedNote: row.signed_note };
  }

  /** The checkpoint published for tree size `size`, or `null`. */
  async checkpoint(size: number): Promise<StoredCheckpoint | null> {
    const { rows } = await this.#db.query<{ size: unknown; root_hash: unknown; signed_note: string }>(
      'SELECT size, root_hash, signed_note FROM tlog_checkpoints WHERE size = $1',
      [size],
    );
    const row = rows[0];
    return row === undefined ? null : { size: int8ToNumber(row.size), rootHash: bytes(row.root_hash), signedNote: row.signed_note };
  }

  /** Records a published checkpoint. */
  async putCheckpoint(checkpoint: StoredCheckpoint): Promise<void> {
    await this.#db.query('INSERT INTO tlog_checkpoints (size, root_hash, signed_note) VALUES ($1, $2, $3)', [
      checkpoint.size,
      checkpoint.rootHash,
      checkpoint.signedNote,
    ]);
  }

  /** The last tree a witness cosigned, or `null` when it never cosigned. */
  async witnessState(witness: string): Promise<WitnessState | null> {
    const { rows } = await this.#db.query<{ size: unknown; root_hash: unknown }>(
      'SELECT size, root_hash FROM tlog_witness_state WHERE witness = $1',
      [witness],
    );
    const row = rows[0];
    return row === undefined ? null : { size: int8ToNumber(row.size), rootHash: bytes(row.root_hash) };
  }

  /** The last cosigned tree of each named witness (absent names never cosigned), in one query. */
  async witnessStates(witnesses: readonly string[]): Promise<Map<string, WitnessState>> {
    const { rows } = await this.#db.query<{ witness: string; size: unknown; root_hash: unknown }>(
      'SELECT witness, size, root_hash FROM tlog_witness_state WHERE witness = ANY($1::text[])',
      [witnesses],
    );
    return new Map(rows.map((r) => [r.witness, { size: int8ToNumber(r.size), rootHash: bytes(r.root_hash) }]));
  }

  /** Records, in one statement, the tree each of these witnesses just cosigned. */
  async putWitnessStates(witnesses: readonly string[], state: WitnessState): Promise<void> {
    if (witnesses.length === 0) return;
    await this.#db.query(
      `INSERT INTO tlog_witness_state (witness, size, root_hash) SELECT w, $2, $3 FROM unnest($1::text[]) AS w
       ON CONFLICT (witness) DO UPDATE SET size = EXCLUDED.size, root_hash = EXCLUDED.root_hash, updated_at = now()`,
      [witnesses, state.size, state.rootHash],
    );
  }

  /** Records the tree a witness just cosigned. */
  async putWitnessState(witness: string, state: WitnessState): Promise<void> {
    await this.#db.query(
      `INSERT INTO tlog_witness_state (witness, size, root_hash) VALUES ($1, $2, $3)
       ON CONFLICT (witness) DO UPDATE SET size = EXCLUDED.size, root_hash = EXCLUDED.root_hash, updated_at = now()`,
      [witness, state.size, state.rootHash],
    );
  }
}
