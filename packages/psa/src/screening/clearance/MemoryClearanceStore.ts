import { JilError } from '@jil/core';
import type { ClearanceStore, SanctionsClearance } from './ClearanceStore.js';

/**
 * In-memory {@link ClearanceStore} for tests and examples (no audit trail; the service's store is PostgreSQL).
 *
 * @example
 * import { MemoryClearanceStore } from '@jil/psa';
 * const clearances = new MemoryClearanceStore([{ clearance_id: '…', custodian_id: 'c', party_id: 'p', list: 'ofac-sdn',
 *   entry_id: '12345', cleared_by: 'analyst@c', reason: 'different date of birth', cleared_at: '2026-11-01T00:00:00Z' }]);
 */
export class MemoryClearanceStore implements ClearanceStore {
  readonly #rows: SanctionsClearance[];

  /**
   * @param rows - clearances in force (copied).
   * @throws JilError `INVALID_ARGUMENT` (`details.field`: `rows`) when `rows` is not an array.
   */
  constructor(rows: readonly SanctionsClearance[] = []) {
    if (!Array.isArray(rows)) throw new JilError('INVALID_ARGUMENT', 'rows must be an array of clearances', { details: { field: 'rows' } });
    this.#rows = [...rows];
  }

  /** Add a clearance. */
  add(row: SanctionsClearance): void {
    this.#rows.push(row);
  }

  /** Remove a clearance by id; `true` when it was there. */
  revoke(clearance_id: string): boolean {
    const i = this.#rows.findIndex((r) => r.clearance_id === clearance_id);
    if (i >= 0) this.#rows.splice(i, 1);
    return i >= 0;
  }

  /** Clearances of these parties that are not expired at `now`. */
  async activeFor(custodian_id: string, party_ids: readonly string[], now: Date): Promise<SanctionsClearance[]> {
    return this.#rows.filter(
      (r) =>
        r.custodian_id === custodian_id &&
        party_ids.includes(r.party_id) &&
        (r.expires_at === undefined || Date.parse(r.expires_at) > now.getTime()),
    );
  }
}
