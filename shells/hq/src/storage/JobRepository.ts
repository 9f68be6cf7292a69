import { nextTargetStatus, type DistributionJobStatus, type DistributionTargetStatus } from '@jil/fleet';
import type { Db } from '@jil/server-kit';
import { iso } from './rows.js';

/** A distribution job with its targets. */
export interface JobRecord {
  job_id: string;
  release_id: string;
  created_at: string;
  created_by: string;
  scope: string;
  status: DistributionJobStatus;
  finished_at: string | null;
  targets: {
    node_id: string;
    command_id: string | null;
    status: DistributionTargetStatus;
    code: string | null;
    message: string | null;
    updated_at: string;
  }[];
}

/** Distribution jobs and their per-node targets (`distribution_jobs`, `distribution_targets`). */
export class JobRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async create(jobId: string, releaseId: string, createdBy: string, scope: string, nodeIds: readonly string[], at: Date): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.query(
        "INSERT INTO distribution_jobs (job_id, release_id, created_at, created_by, scope, status) VALUES ($1, $2, $3, $4, $5, 'running')",
        [jobId, releaseId, at, createdBy, scope],
      );
      for (const nodeId of nodeIds) {
        await tx.query("INSERT INTO distribution_targets (job_id, node_id, status, updated_at) VALUES ($1, $2, 'pending', $3)", [
          jobId,
          nodeId,
          at,
        ]);
      }
    });
  }

  /**
   * Moves a target to `status` when `@jil/fleet`'s `nextTargetStatus` allows it (a final status is never
   * overwritten, `deployed` never replaces a final one — the agent's report may arrive before its HTTP answer);
   * otherwise leaves the row as it is. The row is locked while it is read and written.
   */
  async setTarget(
    jobId: string,
    nodeId: string,
    status: DistributionTargetStatus,
    at: Date,
    extra: { commandId?: string; code?: string | null; message?: string | null } = {},
  ): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const { rows } = await tx.query<{ status: DistributionTargetStatus }>(
        'SELECT status FROM distribution_targets WHERE job_id = $1 AND node_id = $2 FOR UPDATE',
        [jobId, nodeId],
      );
      const current = rows[0]?.status;
      if (current === undefined || nextTargetStatus(current, status) === current) return;
      await tx.query(
        `UPDATE distribution_targets SET status = $3, updated_at = $4, command_id = COALESCE($5, command_id), code = $6, message = $7
         WHERE job_id = $1 AND node_id = $2`,
        [jobId, nodeId, status, at, extra.commandId ?? null, extra.code ?? null, extra.message ?? null],
      );
    });
  }

  async complete(jobId: string, at: Date): Promise<void> {
    await this.#db.query("UPDATE distribution_jobs SET status = 'completed', finished_at = $2 WHERE job_id = $1", [jobId, at]);
  }

  async get(jobId: string): Promise<JobRecord | undefined> {
    const { rows } = await this.#db.query<Record<string, unknown>>('SELECT * FROM distribution_jobs WHERE job_id = $1', [jobId]);
    const job = rows[0];
    if (job === undefined) return undefined;
    const targets = await this.#db.query<Record<string, unknown>>('SELECT * FROM distribution_targets WHERE job_id = $1 ORDER BY node_id', [
      jobId,
    ]);
    return {
      job_id: job['job_id'] as string,
      release_id: job['release_id'] as string,
      created_at: iso(job['created_at'])!,
      created_by: job['created_by'] as string,
      scope: job['scope'] as string,
      status: job['status'] as JobRecord['status'],
      finished_at: iso(job['finished_at']),
      targets: targets.rows.map((t) => ({
        node_id: t['node_id'] as string,
        command_id: (t['command_id'] as string | null) ?? null,
        status: t['status'] as DistributionTargetStatus,
        code: (t['code'] as string | null) ?? null,
        message: (t['message'] as string | null) ?? null,
        updated_at: iso(t['updated_at'])!,
      })),
    };
  }

  /** Jobs, newest first, without targets. */
  async list(limit = 100): Promise<Omit<JobRecord, 'targets'>[]> {
    const { rows } = await this.#db.query<Record<string, unknown>>('SELECT * FROM distribution_jobs ORDER BY created_at DESC LIMIT $1', [
      limit,
    ]);
    return rows.map((j) => ({
      job_id: j['job_id'] as string,
      release_id: j['release_id'] as string,
      created_at: iso(j['created_at'])!,
      created_by: j['created_by'] as string,
      scope: j['scope'] as string,
      status: j['status'] as JobRecord['status'],
      finished_at: iso(j['finished_at']),
    }));
  }
}
