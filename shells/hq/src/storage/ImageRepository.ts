import { parseJson, type DsseEnvelope } from '@jil/core';
import type { ImageRecord } from '@jil/fleet';
import type { Db } from '@jil/server-kit';
import { iso, num } from './rows.js';

interface ImageRow {
  image_id: string;
  name: string;
  repository: string;
  tag: string;
  digest: string;
  media_type: string;
  size_bytes: unknown;
  registered_at: unknown;
  signature: string | null;
  signed_at: unknown;
}

function toRecord(row: ImageRow): ImageRecord & { signed_at: string | null } {
  return {
    image_id: row.image_id,
    name: row.name,
    repository: row.repository,
    tag: row.tag,
    digest: row.digest,
    media_type: row.media_type,
    size: num(row.size_bytes),
    registered_at: iso(row.registered_at)!,
    signed_at: iso(row.signed_at),
    ...(row.signature === null ? {} : { signature: parseJson(row.signature) as DsseEnvelope }),
  };
}

/** HQ's image records (`images`): one row per (name, repository, digest) HQ fetched from a registry. */
export class ImageRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Records an image; an already known (name, repository, digest) keeps its row and gets the newer tag. */
  async upsert(record: Omit<ImageRecord, 'signature'>): Promise<ImageRecord & { signed_at: string | null }> {
    const { rows } = await this.#db.query<ImageRow>(
      `INSERT INTO images (image_id, name, repository, tag, digest, media_type, size_bytes, registered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (name, repository, digest) DO UPDATE SET tag = EXCLUDED.tag
       RETURNING *`,
      [record.image_id, record.name, record.repository, record.tag, record.digest, record.media_type, record.size, record.registered_at],
    );
    return toRecord(rows[0]!);
  }

  /** All images, newest first. */
  async list(): Promise<(ImageRecord & { signed_at: string | null })[]> {
    return (await this.#db.query<ImageRow>('SELECT * FROM images ORDER BY registered_at DESC, image_id DESC')).rows.map(toRecord);
  }

  /** The newest record of `name`, or the one with `digest`. */
  async find(name: string, digest?: string): Promise<(ImageRecord & { signed_at: string | null }) | undefined> {
    const { rows } =
      digest === undefined
        ? await this.#db.query<ImageRow>('SELECT * FROM images WHERE name = $1 ORDER BY registered_at DESC, image_id DESC LIMIT 1', [name])
        : await this.#db.query<ImageRow>('SELECT * FROM images WHERE name = $1 AND digest = $2 ORDER BY registered_at DESC LIMIT 1', [
            name,
            digest,
          ]);
    return rows[0] === undefined ? undefined : toRecord(rows[0]);
  }

  /** The record by id. */
  async get(imageId: string): Promise<(ImageRecord & { signed_at: string | null }) | undefined> {
    const { rows } = await this.#db.query<ImageRow>('SELECT * FROM images WHERE image_id = $1', [imageId]);
    return rows[0] === undefined ? undefined : toRecord(rows[0]);
  }

  /** Stores HQ's signature (the envelope text as signed). */
  async setSignature(imageId: string, envelopeText: string, at: Date): Promise<void> {
    await this.#db.query('UPDATE images SET signature = $2, signed_at = $3 WHERE image_id = $1', [imageId, envelopeText, at]);
  }

  /** Digests that carry an HQ signature. */
  async signedDigests(): Promise<Set<string>> {
    const { rows } = await this.#db.query<{ digest: string }>('SELECT DISTINCT digest FROM images WHERE signature IS NOT NULL');
    return new Set(rows.map((r) => r.digest));
  }
}
