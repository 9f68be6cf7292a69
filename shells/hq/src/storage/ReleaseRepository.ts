import { parseJson, type DsseEnvelope } from '@jil/core';
import type { Track } from '@jil/fleet';
import type { Db } from '@jil/server-kit';
import { iso, json, num } from './rows.js';

/** A release as HQ stores and serves it. */
export interface ReleaseRecord {
  release_id: string;
  image_id: string;
  track: Track;
  version: number;
  digest: string;
  envelope: DsseEnvelope;
  approvers: string[];
  status: 'pending' | 'approved';
  issued_at: string;
  expires_at: string;
}

interface ReleaseRow {
  release_id: string;
  image_id: string;
  track: Track;
  version: unknown;
  digest: string;
  envelope: string;
  approvers: string;
  status: 'pending' | 'approved';
  issued_at: unknown;
  expires_at: unknown;
}

const toRecord = (r: ReleaseRow): ReleaseRecord => ({
  release_id: r.release_id,
  image_id: r.image_id,
  track: r.track,
  version: num(r.version),
  digest: r.digest,
  envelope: parseJson(r.envelope) as DsseEnvelope,
  approvers: json<string[]>(r.approvers, []),
  status: r.status,
  issued_at: iso(r.issued_at)!,
  expires_at: iso(r.expires_at)!,
});

/** Release metadata per track (`releases`); versions are unique per track. */
export class ReleaseRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** The next version number of `track` (1 for the first release). */
  async nextVersion(track: Track): Promise<number> {
    const { rows } = await this.#db.query<{ v: unknown }>('SELECT COALESCE(MAX(version), 0) AS v FROM releases WHERE track = $1', [track]);
    return num(rows[0]?.v ?? 0) + 1;
  }

  async insert(r: ReleaseRecord, envelopeText: string): Promise<void> {
    await this.#db.query(
      'INSERT INTO releases (release_id, image_id, track, version, digest, envelope, approvers, status, issued_at, expires_at) ' +
        'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [
        r.release_id,
        r.image_id,
        r.track,
        r.version,
        r.digest,
        envelopeText,
        JSON.stringify(r.approvers),
        r.status,
        r.issued_at,
        r.expires_at,
      ],
    );
  }

  async get(releaseId: string): Promise<ReleaseRecord | undefined> {
    const { rows } = await this.#db.query<ReleaseRow>('SELECT * FROM releases WHERE release_id = $1', [releaseId]);
    return rows[0] === undefined ? undefined : toRecord(rows[0]);
  }

  async list(): Promise<ReleaseRecord[]> {
    return (await this.#db.query<ReleaseRow>('SELECT * FROM releases ORDER BY issued_at DESC, version DESC')).rows.map(toRecord);
  }

  /** Stores a new envelope (one more approval) and the resulting status. */
  async setApprovals(releaseId: string, envelopeText: string, approvers: string[], status: 'pending' | 'approved'): Promise<void> {
    await this.#db.query('UPDATE releases SET envelope = $2, approvers = $3, status = $4 WHERE release_id = $1', [
      releaseId,
      envelopeText,
      JSON.stringify(approvers),
      status,
    ]);
  }
}
