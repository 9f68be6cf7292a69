// Test fixture (not exported by the package): a loopback JSON-RPC proxy that forwards to a real node and lets a test
// rewrite the answers, the "lying RPC" a validator may be configured with.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Rewrites one answer: gets the method, params and the node's result, returns the result to hand back. */
export type Rewrite = (method: string, params: unknown[], result: unknown) => unknown;

export interface LyingRpc {
  url: string;
  /** The current rewrite (identity: an honest proxy). */
  rewrite: Rewrite;
  close(): Promise<void>;
}

interface RpcRequest {
  id: unknown;
  method: string;
  params?: unknown[];
}

/** Start the proxy on 127.0.0.1 (a free port) in front of `upstream`. */
export async function startLyingRpc(upstream: string): Promise<LyingRpc> {
  const proxy: LyingRpc = { url: '', rewrite: (_m, _p, r) => r, close: () => Promise.resolve() };
  const one = async (req: RpcRequest): Promise<unknown> => {
    const res = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req) });
    const body = (await res.json()) as { result?: unknown; error?: unknown };
    if (body.error !== undefined) return { jsonrpc: '2.0', id: req.id, error: body.error };
    const copy = structuredClone(body.result);
    return { jsonrpc: '2.0', id: req.id, result: proxy.rewrite(req.method, req.params ?? [], copy) };
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      void (async () => {
        try {
          const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RpcRequest | RpcRequest[];
          const answer = Array.isArray(parsed) ? await Promise.all(parsed.map(one)) : await one(parsed);
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        } catch {
          response.writeHead(500).end();
        }
      })();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return proxy;
}
