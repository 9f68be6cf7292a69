import type { Db } from '@jil/server-kit';
import { iso, json } from './rows.js';

/** One report of an agent. */
export interface DeploymentRecord {
  node_id: string;
  job_id: string | null;
  release_id: string | null;
  command_id: string | null;
  digest: string | null;
  outcome: 'verified' | 'refused' | 'failed' | 'stopped';
  code: string | null;
  reported_at: string;
  details: Record<string, unknown>;
}

/** What agents reported (`deployments`). */
export class DeploymentRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async insert(d: Omit<DeploymentRecord, 'reported_at'>, at: Date): Promise<void> {
    await this.#db.query(
      'INSERT INTO deployments (node_id, job_id, release_id, command_id, digest, outcome, code, reported_at, details) VALUES ($1, ' +
        '$2, $3, $4, $5, $6, $7, $8, $9)',
      [d.node_id, d.job_id, d.release_id, d.command_id, d.digest, d.outcome, d.code, at, JSON.stringify(d.details)],
    );
  }

  /** Reports, newest first. */
  async list(limit = 200): Promise<DeploymentRecord[]> {
    const { rows } = await this.#db.query<Record<string, unknown>>('SELECT * FROM deployments ORDER BY id DESC LIMIT $1', [limit]);
    return rows.map((r) => ({
      node_id: r['node_id'] as string,
      job_id: (r['job_id'] as string | null) ?? null,
      release_id: (r['release_id'] as string | null) ?? null,
      command_id: (r['command_id'] as string | null) ?? null,
      digest: (r['digest'] as string | null) ?? null,
      outcome: r['outcome'] as DeploymentRecord['outcome'],
      code: (r['code'] as string | null) ?? null,
      reported_at: iso(r['reported_at'])!,
      details: json(r['details'], {}),
    }));
  }
}
