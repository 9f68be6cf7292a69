import type { Db } from '@jil/server-kit';
import { iso } from './rows.js';

/** Per-jurisdiction configuration (`jurisdictions`), JSON as given by the operator. */
export class JurisdictionRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async set(zone: string, configJson: string, at: Date): Promise<void> {
    await this.#db.query(
      'INSERT INTO jurisdictions (zone, config, updated_at) VALUES ($1, $2, $3) ON CONFLICT (zone) DO UPDATE SET config = ' +
        'EXCLUDED.config, updated_at = EXCLUDED.updated_at',
      [zone, configJson, at],
    );
  }

  async get(zone: string): Promise<{ zone: string; config: unknown; updated_at: string } | undefined> {
    const { rows } = await this.#db.query<{ zone: string; config: string; updated_at: unknown }>(
      'SELECT zone, config, updated_at FROM jurisdictions WHERE zone = $1',
      [zone],
    );
    const r = rows[0];
    return r === undefined ? undefined : { zone: r.zone, config: JSON.parse(r.config) as unknown, updated_at: iso(r.updated_at)! };
  }
}
