import type { FastifyInstance } from 'fastify';
import { isJilError, JilError } from '@jil/core';
import { parseTilePath } from '@jil/core/tlog';
import type { LogService } from '../../log/LogService.js';

/**
 * The public, unauthenticated transparency-log routes (c2sp.org/tlog-tiles) under `/log`:
 * `GET /log/checkpoint` (text/plain, the signed checkpoint with its witness cosignatures), `GET /log/tile/<L>/<N>[.p/<W>]`
 * and `GET /log/tile/entries/<N>[.p/<W>]` (application/octet-stream), plus `GET /log/key` (the log's verifier key).
 * A malformed tile path answers 400 `REQUEST_VALIDATION_FAILED` naming the field; a tile beyond the latest checkpoint 404.
 */
export function registerLogRoutes(app: FastifyInstance, log: LogService): void {
  app.get('/log/checkpoint', async (_req, reply) => {
    const { signedNote } = await log.checkpoint();
    return reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'no-cache, max-age=1').send(signedNote);
  });

  app.get('/log/key', async (_req, reply) => reply.header('content-type', 'text/plain; charset=utf-8').send(`${log.verifierKey}\n`));

  app.get<{ Params: { '*': string } }>('/log/tile/*', async (req, reply) => {
    const path = `tile/${req.params['*']}`;
    if (path.length > 200) throw invalid('path', 'is too long');
    let tile;
    try {
      tile = parseTilePath(path);
    } catch (error) {
      if (!isJilError(error)) throw error;
      const fields = (error.details['fields'] as { field: string; message: string }[] | undefined) ?? [
        { field: 'path', message: error.message },
      ];
      throw new JilError('REQUEST_VALIDATION_FAILED', error.message, { details: { fields } });
    }
    const bytes = await log.tile(tile.level, tile.index, tile.width);
    if (bytes === null) throw new JilError('NOT_FOUND', `no tile ${path} in the latest checkpoint's tree`, { details: { field: 'path' } });
    return reply
      .header('content-type', 'application/octet-stream')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

function invalid(field: string, message: string): JilError {
  return new JilError('REQUEST_VALIDATION_FAILED', `${field} ${message}`, { details: { fields: [{ field, message }] } });
}
