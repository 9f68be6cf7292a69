import { toDate, type Db } from '@jil/server-kit';

/** Certificates HQ's CA issued (`certificates`); the revoked ones make the CRL. */
export class CertificateRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async insert(serial: string, nodeId: string, issuedAt: Date, notAfter: string): Promise<void> {
    await this.#db.query('INSERT INTO certificates (serial_number, node_id, issued_at, not_after) VALUES ($1, $2, $3, $4)', [
      serial,
      nodeId,
      issuedAt,
      notAfter,
    ]);
  }

  /** Revokes every certificate of a node; returns how many. */
  async revokeNode(nodeId: string, at: Date): Promise<number> {
    const { rows } = await this.#db.query(
      'UPDATE certificates SET revoked_at = $2 WHERE node_id = $1 AND revoked_at IS NULL RETURNING serial_number',
      [nodeId, at],
    );
    return rows.length;
  }

  /** Every revoked certificate (serial, revocation time). */
  async revoked(): Promise<{ serialNumber: string; revokedAt: Date }[]> {
    const { rows } = await this.#db.query<{ serial_number: string; revoked_at: unknown }>(
      'SELECT serial_number, revoked_at FROM certificates WHERE revoked_at IS NOT NULL ORDER BY revoked_at',
    );
    return rows.map((r) => ({ serialNumber: r.serial_number, revokedAt: toDate(r.revoked_at) }));
  }
}
