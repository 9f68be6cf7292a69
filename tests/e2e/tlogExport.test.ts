import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dataPath, HAS_SHARED_DATA } from '@jil/testkit';
import { openCheckpoint } from '@jil/core/tlog';
import { startService, type RunningService } from '@jil/shell-preclearance';
import { JilClient } from '@jil/sdk/client';
import { runLog, type LogCommandOptions } from '@jil/cli/testing';
import { issuePsas } from './issuePsas.testutil.js';

// `jil log export` writes the log as static files; a plain static file server of that folder then serves the same
// checkpoint and tiles, and `jil log monitor` accepts it as the log.
describe.skipIf(!HAS_SHARED_DATA)('jil log export (static tiles for any web server; needs ../shared/data)', () => {
  let service: RunningService;
  const tmp = mkdtempSync(join(tmpdir(), 'jil-tlog-export-'));
  const out = join(tmp, 'static');
  let staticServer: Server;
  let staticUrl = '';

  beforeAll(async () => {
    service = await startService({ stateDir: join(tmp, 'state'), dataDir: dataPath(), port: 0, logger: false, listFreshness: false });
    const client = new JilClient({
      baseUrl: service.url,
      accessKeyId: service.state.credentials.access_key_id,
      secret: service.state.credentials.secret,
    });
    await issuePsas(client, 270, 0, 'export');
    await service.log!.integrate();
    staticServer = createServer((req, res) => {
      const path = resolve(out, `.${decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/log/, '')}`);
      if (!path.startsWith(out) || !existsSync(path)) return void res.writeHead(404).end();
      res.writeHead(200).end(readFileSync(path));
    });
    await new Promise<void>((r) => staticServer.listen(0, '127.0.0.1', r));
    staticUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}`;
  }, 180_000);
  afterAll(async () => {
    await new Promise((r) => staticServer?.close(r));
    await service?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const run = async (o: Partial<LogCommandOptions>): Promise<{ code: number; text: string }> => {
    let text = '';
    const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
      text += `${a.join(' ')}\n`;
    });
    try {
      const code = await runLog({
        sub: undefined,
        args: [],
        url: undefined,
        stateDir: service.state.dir,
        logKey: service.log!.verifierKey,
        validatorSet: service.state.validatorSetPath,
        proof: undefined,
        out: undefined,
        state: undefined,
        logKeyOnly: undefined,
        ...o,
      });
      return { code, text };
    } finally {
      spy.mockRestore();
    }
  };

  it('writes the checkpoint, every hash tile and entry bundle, each checked against the checkpoint', async () => {
    const r = await run({ sub: 'export', url: service.url, out });
    expect(r.code).toBe(0);
    expect(r.text).toMatch(/OK exported size 270/);
    for (const f of ['checkpoint', 'tile/0/000', 'tile/0/001.p/14', 'tile/1/000.p/1', 'tile/entries/000', 'tile/entries/001.p/14'])
      expect(existsSync(join(out, f)), f).toBe(true);
    const note = readFileSync(join(out, 'checkpoint'), 'utf8');
    const opened = openCheckpoint(note, { origin: service.log!.origin, logKeys: [service.log!.verifierKey] });
    expect(opened.valid && opened.checkpoint.treeSize).toBe(270);
  });

  it('the folder served by a plain static file server is the log: jil log monitor accepts it', async () => {
    const r = await run({ sub: 'monitor', url: staticUrl, state: join(tmp, 'monitor.json') });
    expect(r.text).toMatch(/OK size 270: 270 new entries, each a valid PSA/);
    expect(r.code).toBe(0);
  });
});
