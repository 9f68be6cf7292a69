import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { JilError } from '@jil/core';

/** Options of {@link createMetrics}. */
export interface CreateMetricsOptions {
  /**
   * Register prom-client's process and Node.js runtime metrics (`process_cpu_seconds_total`,
   * `process_resident_memory_bytes`, `nodejs_eventloop_lag_seconds`, `nodejs_gc_duration_seconds`, …) under their
   * standard names, without a prefix, so stock dashboards read them. Default `true`.
   */
  processMetrics?: boolean;
  /** Labels added to every series of this registry (for example `{ shell: 'preclearance' }`); values must be bounded. */
  defaultLabels?: Readonly<Record<string, string>>;
}

/** One metric's name, help text and label names (Prometheus naming: base units, `_total` on counters, `_seconds` for durations). */
export interface MetricSpec<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
}

/** A counter of this registry (prom-client `Counter`). */
export type MetricCounter<L extends string = string> = Counter<L>;
/** A gauge of this registry (prom-client `Gauge`). */
export type MetricGauge<L extends string = string> = Gauge<L>;
/** A histogram of this registry (prom-client `Histogram`). */
export type MetricHistogram<L extends string = string> = Histogram<L>;

/** A service's metrics: one prom-client registry and constructors that register into it. */
export interface Metrics {
  /** The prom-client registry (never the global default registry, so two services in one process never collide). */
  readonly registry: Registry;
  /** `Content-Type` of {@link render}: the Prometheus text exposition format, `text/plain; version=0.0.4; charset=utf-8`. */
  readonly contentType: string;
  /** The registry in the Prometheus text exposition format (collect callbacks run now, at scrape time). */
  render(): Promise<string>;
  counter<L extends string>(spec: MetricSpec<L>): MetricCounter<L>;
  gauge<L extends string>(spec: MetricSpec<L> & { collect?: (this: MetricGauge<L>) => void | Promise<void> }): MetricGauge<L>;
  /**
   * A histogram; `buckets` are upper bounds in the metric's base unit (seconds for `_seconds`; default
   * {@link LATENCY_BUCKETS_SECONDS}).
   */
  histogram<L extends string>(spec: MetricSpec<L> & { buckets?: readonly number[] }): MetricHistogram<L>;
}

/** Default histogram buckets for durations, in seconds: 1 ms to 10 s. */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function checkName(name: unknown): void {
  if (typeof name !== 'string' || !METRIC_NAME.test(name))
    throw new JilError('INVALID_ARGUMENT', 'a metric name must match [a-zA-Z_:][a-zA-Z0-9_:]*', { details: { field: 'name' } });
}

/**
 * A fresh metrics registry for one service (issue 14 §Metrics and traces; docs/operations.md §Metrics). Each shell
 * makes one per process, registers its own series with {@link Metrics.counter} / `gauge` / `histogram`, and serves
 * {@link Metrics.render} at `GET /metrics` (see `installHttpMetrics`).
 *
 * @example
 * ```ts
 * import { createMetrics } from '@jil/server-kit';
 * const metrics = createMetrics({ defaultLabels: { shell: 'hq' } });
 * const jobs = metrics.gauge({ name: 'jil_fleet_distribution_jobs', help: 'Jobs by state', labelNames: ['state'] });
 * ```
 * @throws JilError `INVALID_ARGUMENT` (`details.field: 'name'`) from the constructors when a metric name is not a
 *   valid Prometheus name; prom-client's own `Error` for a name registered twice in one registry is rethrown as
 *   `INVALID_ARGUMENT` too.
 */
export function createMetrics(options: CreateMetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels({ ...options.defaultLabels });
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registered = <T>(name: string, make: () => T): T => {
    checkName(name);
    if (registry.getSingleMetric(name))
      throw new JilError('INVALID_ARGUMENT', `metric ${name} is already registered`, { details: { field: 'name' } });
    return make();
  };
  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    counter: (spec) =>
      registered(
        spec.name,
        () => new Counter({ name: spec.name, help: spec.help, labelNames: spec.labelNames ?? [], registers: [registry] }),
      ),
    gauge: (spec) =>
      registered(
        spec.name,
        () =>
          new Gauge({
            name: spec.name,
            help: spec.help,
            labelNames: spec.labelNames ?? [],
            registers: [registry],
            ...(spec.collect ? { collect: spec.collect } : {}),
          }),
      ),
    histogram: (spec) =>
      registered(
        spec.name,
        () =>
          new Histogram({
            name: spec.name,
            help: spec.help,
            labelNames: spec.labelNames ?? [],
            buckets: [...(spec.buckets ?? LATENCY_BUCKETS_SECONDS)],
            registers: [registry],
          }),
      ),
  };
}
