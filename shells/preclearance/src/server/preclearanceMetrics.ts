import { JilError } from '@jil/core';
import type { EventBus } from '@jil/core/events';
import type { PreclearanceEngine } from '@jil/psa';
import { int8ToNumber, type Db, type Metrics } from '@jil/server-kit';
import type { PsaIssuer } from '../distributed/PsaIssuer.js';

/** Where the event-mesh gauges come from, asked at scrape time (only on a node whose process runs the mesh). */
export interface MeshMetricsSource {
  /** Outbox rows not yet published to the bus. */
  outboxPending(): Promise<number>;
  /** Per topic and partition: records at the broker that the node's consumer group has not committed yet. */
  consumerLag(): Promise<readonly { topic: string; partition: number; lag: number }[]>;
}

/** Options of {@link registerPreclearanceMetrics}. */
export interface PreclearanceMetricsOptions {
  engine: PreclearanceEngine;
  /** Wall clock for the dataset ages (default `new Date()`). */
  clock?: () => Date;
  mesh?: MeshMetricsSource;
}

/** Validator outcomes that label `jil_quorum_signatures_total` besides `collected` (collectQuorum's `ValidatorOutcome`). */
const QUORUM_OUTCOMES = new Set([
  'refused',
  'timeout',
  'unreachable',
  'unauthenticated_response',
  'bad_response',
  'bad_signature',
  'wrong_key',
]);

/**
 * The pre-clearance series (docs/operations.md §Metrics), registered into the service's registry:
 * - `jil_stage_duration_seconds{stage,status}` histogram, from each issued PSA's findings;
 * - `jil_verdicts_total{verdict}` (`pass`, `flag`, `fail`) for every issued PSA;
 * - `jil_quorum_signatures_total{outcome}`: `collected` counts the signatures of each issued PSA (and those gathered by
 *   a round that fell short); the other outcomes (`refused`, `timeout`, `unreachable`, …) count the validators of a
 *   round that did not reach the quorum, from its `QUORUM_NOT_REACHED` details;
 * - `jil_dataset_age_seconds{dataset}` gauge: now − the list's own `source_date` (00:00 UTC), computed at scrape time;
 * - with `mesh`: `jil_event_outbox_pending` and `jil_event_consumer_lag{topic,partition}` gauges, asked at scrape time
 *   (a failing database makes the outbox gauge `NaN` and a failing broker leaves the lag series out of that scrape,
 *   rather than failing the scrape).
 *
 * @returns `instrument`, which wraps a {@link PsaIssuer} so that every `issue` records the series above.
 * @throws JilError `INVALID_ARGUMENT` when these series are already registered in `metrics`.
 */
export function registerPreclearanceMetrics(metrics: Metrics, o: PreclearanceMetricsOptions): { instrument(issuer: PsaIssuer): PsaIssuer } {
  const clock = o.clock ?? (() => new Date());
  const stages = metrics.histogram({
    name: 'jil_stage_duration_seconds',
    help: 'Duration of each screening stage of an issued PSA, in seconds, by stage and status',
    labelNames: ['stage', 'status'],
  });
  const verdicts = metrics.counter({ name: 'jil_verdicts_total', help: 'Issued PSAs by verdict', labelNames: ['verdict'] });
  const quorum = metrics.counter({
    name: 'jil_quorum_signatures_total',
    help: 'Validator signatures collected, and validators that did not sign a round short of the quorum, by outcome',
    labelNames: ['outcome'],
  });
  const datasets = o.engine.snapshot.datasets.map((d) => ({
    name: d.name,
    at: /^\d{4}-\d{2}-\d{2}$/.test(d.source_date) ? Date.parse(`${d.source_date}T00:00:00Z`) : Number.NaN,
  }));
  metrics.gauge({
    name: 'jil_dataset_age_seconds',
    help: "Age of each screening list in the loaded snapshot: now minus the list's own source date, in seconds",
    labelNames: ['dataset'],
    collect() {
      const now = clock().getTime();
      for (const d of datasets) if (Number.isFinite(d.at)) this.set({ dataset: d.name }, Math.max(0, (now - d.at) / 1000));
    },
  });
  const mesh = o.mesh;
  if (mesh) {
    metrics.gauge({
      name: 'jil_event_outbox_pending',
      help: 'Event-mesh outbox rows not yet published to the bus',
      async collect() {
        // NaN when the database does not answer (an unlabelled gauge cannot be left out of a scrape).
        this.set(await mesh.outboxPending().catch(() => Number.NaN));
      },
    });
    metrics.gauge({
      name: 'jil_event_consumer_lag',
      help: "Records at the broker not yet committed by this node's consumer group, by topic and partition",
      labelNames: ['topic', 'partition'],
      async collect() {
        this.reset();
        const lags = await mesh.consumerLag().catch(() => []);
        for (const l of lags) this.set({ topic: l.topic, partition: String(l.partition) }, l.lag);
      },
    });
  }
  return {
    instrument(issuer) {
      return {
        mode: issuer.mode,
        flush: () => issuer.flush(),
        async issue(request, now, ctx) {
          try {
            const issued = await issuer.issue(request, now, ctx);
            verdicts.inc({ verdict: issued.body.verdict });
            quorum.inc({ outcome: 'collected' }, issued.envelope.signatures.length);
            for (const f of issued.body.findings) stages.observe({ stage: f.stage, status: f.status }, f.duration_ms / 1000);
            return issued;
          } catch (error) {
            if (error instanceof JilError && (error.code === 'QUORUM_NOT_REACHED' || error.code === 'QUORUM_NOT_MET'))
              countShortRound(error);
            throw error;
          }
        },
      };
    },
  };

  function countShortRound(error: JilError): void {
    const signed = error.details['signed'];
    if (typeof signed === 'number' && signed > 0) quorum.inc({ outcome: 'collected' }, signed);
    const failures = error.details['failures'];
    if (!Array.isArray(failures)) return;
    for (const f of failures as { reason?: unknown }[]) {
      const reason = typeof f?.reason === 'string' && QUORUM_OUTCOMES.has(f.reason) ? f.reason : 'other';
      quorum.inc({ outcome: reason });
    }
  }
}

/**
 * The event-mesh gauges' source for a node that runs the mesh in this process: pending outbox rows from `db`
 * (`sent_at IS NULL`), and the lag of the consumer group `jil-node-<nodeId>` from the bus (`end − committed` per
 * partition; the whole retained range when the group committed nothing).
 */
export function meshMetricsSource(db: Db, bus: EventBus, nodeId: string, topics: readonly string[]): MeshMetricsSource {
  return {
    async outboxPending() {
      const { rows } = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM event_outbox WHERE sent_at IS NULL');
      return int8ToNumber(rows[0]?.n ?? 0);
    },
    async consumerLag() {
      const positions = await bus.positions({ groupId: `jil-node-${nodeId}`, topics });
      return positions.map((p) => ({
        topic: p.topic,
        partition: p.partition,
        lag: Math.max(0, Number(BigInt(p.end) - BigInt(p.committed ?? p.start))),
      }));
    },
  };
}
