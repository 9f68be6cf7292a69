import type { AlertCondition, AlertSeverity, OpenAlert } from '@jil/fleet';
import type { Db } from '@jil/server-kit';
import { iso, json } from './rows.js';

/** An alert as HQ serves it. */
export interface AlertRecord {
  alert_id: string;
  key: string;
  rule: string;
  node_id: string;
  severity: AlertSeverity;
  message: string;
  details: Record<string, unknown>;
  opened_at: string;
  updated_at: string;
  resolved_at: string | null;
}

const toRecord = (r: Record<string, unknown>): AlertRecord => ({
  alert_id: r['alert_id'] as string,
  key: r['key'] as string,
  rule: r['rule'] as string,
  node_id: r['node_id'] as string,
  severity: r['severity'] as AlertSeverity,
  message: r['message'] as string,
  details: json(r['details'], {}),
  opened_at: iso(r['opened_at'])!,
  updated_at: iso(r['updated_at'])!,
  resolved_at: iso(r['resolved_at']),
});

/** Alerts (`alerts`): at most one open alert per key (`rule:node`). */
export class AlertRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async open(): Promise<OpenAlert[]> {
    const { rows } = await this.#db.query<{ key: string; severity: AlertSeverity }>(
      'SELECT key, severity FROM alerts WHERE resolved_at IS NULL',
    );
    return rows;
  }

  async insert(alertId: string, c: AlertCondition, at: Date): Promise<void> {
    await this.#db.query(
      'INSERT INTO alerts (alert_id, key, rule, node_id, severity, message, details, opened_at, updated_at) VALUES ($1, $2, $3, ' +
        '$4, $5, $6, $7, $8, $8)',
      [alertId, c.key, c.rule, c.node_id, c.severity, c.message, JSON.stringify(c.details), at],
    );
  }

  async update(c: AlertCondition, at: Date): Promise<void> {
    await this.#db.query(
      'UPDATE alerts SET severity = $2, message = $3, details = $4, updated_at = $5 WHERE key = $1 AND resolved_at IS NULL',
      [c.key, c.severity, c.message, JSON.stringify(c.details), at],
    );
  }

  /** Resolves the open alert of `key`; returns it. */
  async resolve(key: string, at: Date): Promise<AlertRecord | undefined> {
    const { rows } = await this.#db.query<Record<string, unknown>>(
      'UPDATE alerts SET resolved_at = $2, updated_at = $2 WHERE key = $1 AND resolved_at IS NULL RETURNING *',
      [key, at],
    );
    return rows[0] === undefined ? undefined : toRecord(rows[0]);
  }

  /** Open alerts first, then the latest resolved ones. */
  async list(limit = 200): Promise<AlertRecord[]> {
    const { rows } = await this.#db.query<Record<string, unknown>>(
      'SELECT * FROM alerts ORDER BY (resolved_at IS NULL) DESC, updated_at DESC LIMIT $1',
      [limit],
    );
    return rows.map(toRecord);
  }
}
