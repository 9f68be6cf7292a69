/**
 * A recorded false-positive clearance: a reviewer established that the party is not the listed entity, so later
 * screenings of that party suppress that entity (docs/screening.md §False-positive clearance).
 */
export interface SanctionsClearance {
  /** UUID of the clearance. */
  clearance_id: string;
  /** Custodian that owns the party (party ids are custodian-scoped). */
  custodian_id: string;
  /** The custodian's id of the party (`sender.id` / `receiver.id`). */
  party_id: string;
  /** Dataset of the cleared entry, e.g. `ofac-sdn`. */
  list: string;
  /** The entry's id in that list (`NameHit.entry_id`). */
  entry_id: string;
  /** When set, the clearance applies only while the party is screened under this name (same normalized name). */
  party_name?: string;
  /** Who reviewed and cleared it (a person or role at the custodian). */
  cleared_by: string;
  /** Why: the evidence that the party is not the listed entity. */
  reason: string;
  /** RFC 3339 time it was recorded. */
  cleared_at: string;
  /** RFC 3339 time it stops applying, when it expires. */
  expires_at?: string;
}

/** Where the sanctions stage reads clearances from (PostgreSQL / PGlite in the service, memory in tests). */
export interface ClearanceStore {
  /**
   * Clearances in force at `now` (recorded, not revoked, not expired) for the given parties of one custodian.
   *
   * @param custodian_id - the custodian of the request.
   * @param party_ids - the parties screened (sender and receiver ids).
   * @param now - the request time.
   */
  activeFor(custodian_id: string, party_ids: readonly string[], now: Date): Promise<SanctionsClearance[]>;
}
