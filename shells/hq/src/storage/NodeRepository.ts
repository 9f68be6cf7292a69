import type { Track } from '@jil/fleet';
import type { Db } from '@jil/server-kit';
import { iso, json } from './rows.js';

/** Node status: `enrolled` (no agent yet), `active`, `stopped`, `revoked` (cut off for good). */
export type NodeStatus = 'enrolled' | 'active' | 'stopped' | 'revoked';

/** A node as HQ serves it (no secrets). */
export interface NodeRecord {
  node_id: string;
  jurisdiction: string;
  track: Track;
  status: NodeStatus;
  enrolled_at: string;
  agent_url: string | null;
  container_name: string | null;
  registered_at: string | null;
  certificate_serial: string | null;
  certificate_not_after: string | null;
  last_heartbeat_at: string | null;
  heartbeat: { services?: { name: string; state: string }[]; disk_used_ratio?: number | null } | null;
  running_digest: string | null;
  revoked_at: string | null;
}

type NodeRow = Record<keyof NodeRecord, unknown>;

const toRecord = (r: NodeRow): NodeRecord => ({
  node_id: r.node_id as string,
  jurisdiction: r.jurisdiction as string,
  track: r.track as Track,
  status: r.status as NodeStatus,
  enrolled_at: iso(r.enrolled_at)!,
  agent_url: (r.agent_url as string | null) ?? null,
  container_name: (r.container_name as string | null) ?? null,
  registered_at: iso(r.registered_at),
  certificate_serial: (r.certificate_serial as string | null) ?? null,
  certificate_not_after: iso(r.certificate_not_after),
  last_heartbeat_at: iso(r.last_heartbeat_at),
  heartbeat: json(r.heartbeat, null),
  running_digest: (r.running_digest as string | null) ?? null,
  revoked_at: iso(r.revoked_at),
});

const COLUMNS =
  'node_id, jurisdiction, track, status, enrolled_at, agent_url, container_name, registered_at, certificate_serial, ' +
  'certificate_not_after, last_heartbeat_at, heartbeat, running_digest, revoked_at';

/** Validator nodes (`nodes`). */
export class NodeRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async insert(nodeId: string, jurisdiction: string, track: Track, at: Date): Promise<void> {
    await this.#db.query("INSERT INTO nodes (node_id, jurisdiction, track, status, enrolled_at) VALUES ($1, $2, $3, 'enrolled', $4)", [
      nodeId,
      jurisdiction,
      track,
      at,
    ]);
  }

  async get(nodeId: string): Promise<NodeRecord | undefined> {
    const { rows } = await this.#db.query<NodeRow>(`SELECT ${COLUMNS} FROM nodes WHERE node_id = $1`, [nodeId]);
    return rows[0] === undefined ? undefined : toRecord(rows[0]);
  }

  /** All nodes, optionally of one jurisdiction. */
  async list(jurisdiction?: string): Promise<NodeRecord[]> {
    const { rows } =
      jurisdiction === undefined
        ? await this.#db.query<NodeRow>(`SELECT ${COLUMNS} FROM nodes ORDER BY node_id`)
        : await this.#db.query<NodeRow>(`SELECT ${COLUMNS} FROM nodes WHERE jurisdiction = $1 ORDER BY node_id`, [jurisdiction]);
    return rows.map(toRecord);
  }

  /** An agent registered: its URL and the certificate HQ issued; the node becomes active. */
  async register(
    nodeId: string,
    r: { agentUrl: string; containerName: string | null; serial: string; pem: string; notAfter: string; at: Date },
  ): Promise<void> {
    await this.#db.query(
      `UPDATE nodes SET agent_url = $2, container_name = $3, certificate_serial = $4, certificate_pem = $5, certificate_not_after \
= $6, registered_at = $7,
         status = CASE WHEN status = 'enrolled' THEN 'active' ELSE status END
       WHERE node_id = $1 AND status <> 'revoked'`,
      [nodeId, r.agentUrl, r.containerName, r.serial, r.pem, r.notAfter, r.at],
    );
  }

  /** The current certificate PEM of a node, if any. */
  async certificatePem(nodeId: string): Promise<string | undefined> {
    const { rows } = await this.#db.query<{ certificate_pem: string | null }>('SELECT certificate_pem FROM nodes WHERE node_id = $1', [
      nodeId,
    ]);
    return rows[0]?.certificate_pem ?? undefined;
  }

  async heartbeat(nodeId: string, heartbeatJson: string, runningDigest: string | null, at: Date): Promise<void> {
    await this.#db.query('UPDATE nodes SET heartbeat = $2, running_digest = $3, last_heartbeat_at = $4 WHERE node_id = $1', [
      nodeId,
      heartbeatJson,
      runningDigest,
      at,
    ]);
  }

  async setRunningDigest(nodeId: string, digest: string): Promise<void> {
    await this.#db.query('UPDATE nodes SET running_digest = $2 WHERE node_id = $1', [nodeId, digest]);
  }

  async setStatus(nodeId: string, status: NodeStatus, at?: Date): Promise<void> {
    await this.#db.query(
      `UPDATE nodes SET status = $2${status === 'revoked' ? ', revoked_at = $3' : ''} WHERE node_id = $1`,
      status === 'revoked' ? [nodeId, status, at ?? new Date()] : [nodeId, status],
    );
  }
}
