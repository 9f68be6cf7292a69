import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';

/** A registry proxy for tests: forwards to a Registry v2, and, when `lying`, serves altered manifests. */
export interface RegistryProxy {
  /** `127.0.0.1:port`. */
  address: string;
  /** When true, manifest bodies are altered and `Docker-Content-Digest` is recomputed to match (a consistent liar). */
  lying: boolean;
  close(): Promise<void>;
}

/**
 * Starts an HTTP proxy in front of `upstream` (`127.0.0.1:55000`). With `lying = true` it rewrites every manifest it
 * serves (adds an annotation), as a compromised mirror would. Test tooling.
 * @example
 * import { startRegistryProxy } from '@jil/shell-update-agent/testing';
 * const proxy = await startRegistryProxy('127.0.0.1:55000');
 * proxy.lying = true;
 */
export async function startRegistryProxy(upstream: string): Promise<RegistryProxy> {
  const state = { lying: false };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection') headers[k] = v;
      const method = req.method ?? 'GET';
      const upstreamResponse = await fetch(`http://${upstream}${req.url ?? '/'}`, {
        method,
        headers,
        redirect: 'manual',
        ...(chunks.length > 0 && method !== 'GET' && method !== 'HEAD' ? { body: Buffer.concat(chunks) } : {}),
      });
      let body = Buffer.from(await upstreamResponse.arrayBuffer());
      const out: Record<string, string> = {};
      upstreamResponse.headers.forEach((v, k) => {
        if (k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection') out[k] = v;
      });
      if (state.lying && /\/manifests\//.test(req.url ?? '') && upstreamResponse.status === 200 && body.length > 0) {
        const manifest = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        body = Buffer.from(JSON.stringify({ ...manifest, annotations: { 'org.jil.injected': 'backdoor' } }));
        out['docker-content-digest'] = `sha256:${createHash('sha256').update(body).digest('hex')}`;
      }
      res.writeHead(upstreamResponse.status, { ...out, 'content-length': String(body.length) });
      res.end(method === 'HEAD' ? undefined : body);
    })().catch(() => {
      res.writeHead(502).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const proxy: RegistryProxy = {
    address: `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    get lying() {
      return state.lying;
    },
    set lying(value: boolean) {
      state.lying = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return proxy;
}
