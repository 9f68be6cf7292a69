import { int8ToNumber, type Db, type Metrics } from '@jil/server-kit';

/** Distribution job states (`distribution_jobs.status`); each is reported, at 0 when no job is in it. */
const JOB_STATES = ['running', 'completed'] as const;
/** Per-node target states (`distribution_targets.status`). */
const TARGET_STATES = ['pending', 'sent', 'deployed', 'verified', 'refused', 'failed'] as const;

/**
 * HQ's fleet series (docs/operations.md §Metrics), read from the database at scrape time:
 * - `jil_fleet_distribution_jobs{state}` — distribution jobs by state (`running`, `completed`);
 * - `jil_fleet_distribution_targets{state}` — the jobs' per-node targets by state (`pending` … `failed`).
 *
 * A database that does not answer leaves both out of that scrape (the scrape itself still succeeds).
 * @throws JilError `INVALID_ARGUMENT` when these series are already registered in `metrics`.
 */
export function registerHqMetrics(metrics: Metrics, db: Db): void {
  const countBy = async (table: 'distribution_jobs' | 'distribution_targets'): Promise<Map<string, number>> => {
    const { rows } = await db.query<{ status: string; n: string | number }>(`SELECT status, count(*) AS n FROM ${table} GROUP BY status`);
    return new Map(rows.map((r) => [r.status, int8ToNumber(r.n)]));
  };
  metrics.gauge({
    name: 'jil_fleet_distribution_jobs',
    help: 'HQ distribution jobs by state',
    labelNames: ['state'],
    async collect() {
      this.reset();
      const counts = await countBy('distribution_jobs').catch(() => undefined);
      if (counts) for (const state of JOB_STATES) this.set({ state }, counts.get(state) ?? 0);
    },
  });
  metrics.gauge({
    name: 'jil_fleet_distribution_targets',
    help: 'Per-node targets of HQ distribution jobs by state',
    labelNames: ['state'],
    async collect() {
      this.reset();
      const counts = await countBy('distribution_targets').catch(() => undefined);
      if (counts) for (const state of TARGET_STATES) this.set({ state }, counts.get(state) ?? 0);
    },
  });
}
