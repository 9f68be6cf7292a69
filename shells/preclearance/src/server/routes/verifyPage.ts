import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { JilError } from '@jil/core';

/** docs/verify.html of this repository (built by `pnpm build:verify-page`). */
export const VERIFY_PAGE_PATH = resolve(import.meta.dirname, '../../../../../docs/verify.html');

/**
 * `GET /verify`: the offline PSA verification page (docs/verify.html, docs/verify-in-browser.md), public. The page runs
 * entirely in the browser and its Content-Security-Policy forbids every connection; the same policy is sent as a
 * header. The file is read once, at registration; without it the route answers `404 NOT_FOUND`.
 */
export function registerVerifyPageRoute(app: FastifyInstance, file = VERIFY_PAGE_PATH): void {
  const html = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  app.get('/verify', async (_req, reply) => {
    if (html === undefined) throw new JilError('NOT_FOUND', 'the verification page was not built (pnpm build:verify-page)');
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri " +
          "'none'; frame-ancestors 'none'",
      )
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-cache')
      .send(html);
  });
}
