import { base64Decode, base64Encode } from '@jil/core';
import type { Db } from '@jil/server-kit';

/** A stored HMAC access key. */
export interface AccessKeyRow {
  access_key_id: string;
  role: 'reader' | 'node';
  node_id: string | null;
  revoked: boolean;
  secret: Uint8Array;
}

/**
 * HQ's HMAC access keys (`access_keys`): reader keys for the read API and the dashboard, and one key per node
 * (`node:<node_id>`), whose secret is also the node's transport-signature secret. Secrets never leave this table
 * except once, at creation.
 */
export class AccessKeyRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Creates a key with a fresh 32-byte secret; returns the secret once. */
  async create(accessKeyId: string, role: 'reader' | 'node', options: { nodeId?: string; label?: string } = {}): Promise<Uint8Array> {
    const secret = globalThis.crypto.getRandomValues(new Uint8Array(32));
    await this.#db.query('INSERT INTO access_keys (access_key_id, secret_b64, role, node_id, label) VALUES ($1, $2, $3, $4, $5)', [
      accessKeyId,
      base64Encode(secret),
      role,
      options.nodeId ?? null,
      options.label ?? '',
    ]);
    return secret;
  }

  /** The key, or `undefined`. */
  async get(accessKeyId: string): Promise<AccessKeyRow | undefined> {
    const { rows } = await this.#db.query<{
      access_key_id: string;
      role: 'reader' | 'node';
      node_id: string | null;
      revoked_at: unknown;
      secret_b64: string;
    }>('SELECT access_key_id, role, node_id, revoked_at, secret_b64 FROM access_keys WHERE access_key_id = $1', [accessKeyId]);
    const row = rows[0];
    return row === undefined
      ? undefined
      : {
          access_key_id: row.access_key_id,
          role: row.role,
          node_id: row.node_id,
          revoked: row.revoked_at !== null,
          secret: base64Decode(row.secret_b64),
        };
  }

  /** Revokes every key of a node. */
  async revokeNode(nodeId: string, at: Date): Promise<void> {
    await this.#db.query('UPDATE access_keys SET revoked_at = $2 WHERE node_id = $1 AND revoked_at IS NULL', [nodeId, at]);
  }
}
