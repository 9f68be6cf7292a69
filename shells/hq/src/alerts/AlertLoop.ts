import { uuidv7 } from '@jil/core';
import { evaluateAlerts, reconcileAlerts, type AlertCondition, type AlertThresholds, type NodeHealth } from '@jil/fleet';
import type { HqContext } from '../app/HqContext.js';
import { record } from '../app/record.js';
import type { NodeRecord } from '../storage/NodeRepository.js';

/** What one evaluation changed. */
export interface AlertTickResult {
  opened: string[];
  resolved: string[];
  changed: string[];
}

const health = (n: NodeRecord): NodeHealth => ({
  node_id: n.node_id,
  status: n.status,
  enrolled_at: n.enrolled_at,
  last_heartbeat_at: n.last_heartbeat_at ?? undefined,
  certificate_not_after: n.certificate_not_after ?? undefined,
  running_digest: n.running_digest ?? undefined,
  services: n.heartbeat?.services,
  disk_used_ratio: n.heartbeat?.disk_used_ratio ?? undefined,
});

/**
 * The alert loop: every `intervalMs` (default 60 s) evaluates the rules of `@jil/fleet` over every node, opens new
 * alerts, escalates changed ones and resolves cleared ones, audits each change and queues a signed webhook delivery
 * for it (`alert.opened`, `alert.changed`, `alert.resolved`).
 */
export class AlertLoop {
  readonly #ctx: HqContext;
  readonly #thresholds: Partial<AlertThresholds>;
  #timer: NodeJS.Timeout | undefined;
  #busy: Promise<AlertTickResult> | undefined;

  constructor(ctx: HqContext, thresholds: Partial<AlertThresholds> = {}) {
    this.#ctx = ctx;
    this.#thresholds = thresholds;
  }

  /** Starts the timer (unref'd). */
  start(intervalMs: number): void {
    this.stop();
    this.#timer = setInterval(() => {
      void this.tick().catch((error: unknown) => this.#ctx.log.error({ err: error }, 'alert evaluation failed'));
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** One evaluation now (overlapping calls share the running one). */
  tick(): Promise<AlertTickResult> {
    this.#busy ??= this.#tick().finally(() => (this.#busy = undefined));
    return this.#busy;
  }

  async #tick(): Promise<AlertTickResult> {
    const { store, clock } = this.#ctx;
    const now = clock();
    const nodes = await store.nodes.list();
    const conditions = evaluateAlerts(nodes.map(health), {
      now,
      signedDigests: await store.images.signedDigests(),
      thresholds: this.#thresholds,
    });
    const changes = reconcileAlerts(await store.alerts.open(), conditions);
    for (const c of changes.opened) {
      await store.alerts.insert(uuidv7(now), c, now);
      await this.#notify('alert.opened', c, now);
    }
    for (const c of changes.changed) {
      await store.alerts.update(c, now);
      await this.#notify('alert.changed', c, now);
    }
    for (const key of changes.resolved) {
      const alert = await store.alerts.resolve(key, now);
      if (alert !== undefined)
        await this.#notify(
          'alert.resolved',
          {
            key,
            rule: alert.rule as AlertCondition['rule'],
            severity: alert.severity,
            node_id: alert.node_id,
            message: alert.message,
            details: alert.details,
          },
          now,
        );
    }
    return { opened: changes.opened.map((c) => c.key), resolved: changes.resolved, changed: changes.changed.map((c) => c.key) };
  }

  async #notify(event: string, c: AlertCondition, now: Date): Promise<void> {
    await record(this.#ctx, { actor: 'system', action: event, target: `node:${c.node_id}` }, 'ok', {
      rule: c.rule,
      severity: c.severity,
      message: c.message,
    });
    const body = JSON.stringify({
      event,
      at: now.toISOString(),
      alert: { key: c.key, rule: c.rule, severity: c.severity, node_id: c.node_id, message: c.message, details: c.details },
    });
    await this.#ctx.store.webhooks.enqueue(event, body, now, () => uuidv7(now));
  }
}
