import { requireArray } from '../internal/requireDate.js';
import type { AlertCondition, AlertSeverity } from './evaluateAlerts.js';

/** An alert that is open (not resolved) in the store. */
export interface OpenAlert {
  key: string;
  severity: AlertSeverity;
}

/** What to change in the store after an evaluation. */
export interface AlertChanges {
  /** Conditions without an open alert: open them (and notify). */
  opened: AlertCondition[];
  /** Keys of open alerts whose condition cleared: resolve them (and notify). */
  resolved: string[];
  /** Open alerts whose severity changed: update them (and notify). */
  changed: AlertCondition[];
}

/**
 * Diffs the open alerts against the conditions that hold now, so that alerts open once, escalate or de-escalate,
 * and resolve themselves when their condition clears.
 *
 * @param open - alerts currently open.
 * @param conditions - the output of `evaluateAlerts`.
 * @returns the {@link AlertChanges}.
 * @example
 * import { evaluateAlerts, reconcileAlerts } from '@jil/fleet';
 * const { opened, resolved, changed } = reconcileAlerts(await store.open(), evaluateAlerts(nodes, options));
 */
export function reconcileAlerts(open: readonly OpenAlert[], conditions: readonly AlertCondition[]): AlertChanges {
  requireArray(open, 'open');
  requireArray(conditions, 'conditions');
  const openByKey = new Map(open.map((a) => [a.key, a]));
  const current = new Map(conditions.map((c) => [c.key, c]));
  const opened: AlertCondition[] = [];
  const changed: AlertCondition[] = [];
  for (const condition of current.values()) {
    const existing = openByKey.get(condition.key);
    if (existing === undefined) opened.push(condition);
    else if (existing.severity !== condition.severity) changed.push(condition);
  }
  const resolved = [...openByKey.keys()].filter((key) => !current.has(key));
  return { opened, resolved, changed };
}
