import type { FastifyRequest } from 'fastify';
import { constantTimeEqual, JilError, sha256Bytes, utf8ToBytes, verifyRequest } from '@jil/core';
import type { HqContext } from '../app/HqContext.js';
import type { NodeService } from '../fleet/NodeService.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is acting: `admin`, `reader:<key id>` or `node:<node id>` (set by the auth hooks). */
    actor?: string;
    /** The node a node key belongs to. */
    nodeId?: string;
  }
}

const raw = (request: FastifyRequest): Uint8Array => (request.body instanceof Buffer ? new Uint8Array(request.body) : new Uint8Array());

/** The three credentials of HQ's API. */
export interface HqAuth {
  /** Admin routes: `Authorization: Bearer <admin token>`, compared in constant time (SHA-256 of both sides). */
  admin(request: FastifyRequest): Promise<void>;
  /** Read routes: HMAC request auth (DESIGN.md) with a `reader` access key. */
  reader(request: FastifyRequest): Promise<void>;
  /** Agent routes: HMAC request auth with the node's key `node:<id>`; revoked nodes get `FLEET_NODE_REVOKED`. */
  node(request: FastifyRequest): Promise<void>;
}

/**
 * Builds the auth hooks (Fastify `preHandler`s).
 * @param adminToken - the admin credential, at least 32 characters; only its SHA-256 is kept.
 */
export function createAuth(ctx: HqContext, nodes: NodeService, adminToken: string): HqAuth {
  if (typeof adminToken !== 'string' || adminToken.length < 32)
    throw new JilError('CONFIG_INVALID', 'the admin token must have at least 32 characters');
  const adminHash = sha256Bytes(utf8ToBytes(adminToken));
  const hmac = async (request: FastifyRequest, role: 'reader' | 'node'): Promise<string> => {
    const { accessKeyId } = await verifyRequest(
      {
        method: request.method,
        url: request.url,
        headers: request.headers as Record<string, string | string[] | undefined>,
        body: raw(request),
      },
      {
        now: ctx.clock(),
        nonceStore: ctx.store.nonces,
        lookupSecret: async (id) => {
          const key = await ctx.store.accessKeys.get(id);
          // Node keys of revoked nodes still authenticate, so that the refusal names the revocation.
          return key !== undefined && key.role === role && (role === 'node' || !key.revoked) ? key.secret : undefined;
        },
      },
    );
    return accessKeyId;
  };
  return {
    async admin(request) {
      const header = request.headers.authorization;
      if (typeof header !== 'string')
        throw new JilError('AUTH_MISSING_HEADER', 'admin routes need Authorization: Bearer <admin token>', {
          details: { header: 'Authorization' },
        });
      const m = /^Bearer (\S+)$/.exec(header);
      if (m === null)
        throw new JilError('AUTH_MALFORMED_HEADER', 'Authorization must be Bearer <admin token>', { details: { header: 'Authorization' } });
      if (!constantTimeEqual(sha256Bytes(utf8ToBytes(m[1]!)), adminHash))
        throw new JilError('AUTH_UNKNOWN_KEY', 'unknown admin credential', { details: { header: 'Authorization' } });
      request.actor = 'admin';
    },
    async reader(request) {
      request.actor = `reader:${await hmac(request, 'reader')}`;
    },
    async node(request) {
      const accessKeyId = await hmac(request, 'node');
      const key = (await ctx.store.accessKeys.get(accessKeyId))!;
      const nodeId = key.node_id!;
      const claimed = (request.params as { nodeId?: string }).nodeId;
      if (claimed !== undefined && claimed !== nodeId)
        throw new JilError('AUTH_FORBIDDEN', 'this key belongs to another node', { details: { accessKeyId } });
      request.actor = `node:${nodeId}`;
      request.nodeId = nodeId;
      await nodes.requireLive(nodeId, 'node.refused');
    },
  };
}
