import { createServer, type Server } from 'node:http';
import { sha256Hex, utf8ToBytes } from '@jil/core';

const MEDIA_TYPE = 'application/vnd.docker.distribution.manifest.v2+json';
const digestOf = (bytes: Uint8Array): string => `sha256:${sha256Hex(bytes)}`;

/**
 * An in-process Registry v2 that serves manifests only (`GET /v2/<path>/manifests/<tag|digest>`), for HQ tests and
 * demos without a Docker registry. Tags can be moved, and `lying` makes it serve altered manifests with a matching
 * `Docker-Content-Digest` (a compromised mirror). Test tooling.
 * @example
 * import { FakeRegistry } from '@jil/shell-hq/testing';
 * const registry = await FakeRegistry.start();
 * const { repository, digest } = registry.push('jil/validator', '1.0.0', 'release 1');
 */
export class FakeRegistry {
  readonly #server: Server;
  readonly #manifests = new Map<string, Uint8Array>();
  readonly #tags = new Map<string, string>();
  /** `127.0.0.1:port`. */
  readonly address: string;
  /** Serve altered manifests (and a digest header that matches them). */
  lying = false;

  private constructor(server: Server, address: string) {
    this.#server = server;
    this.address = address;
  }

  static async start(): Promise<FakeRegistry> {
    let registry: FakeRegistry | undefined;
    const server = createServer((req, res) => {
      const m = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(req.url ?? '');
      const bytes = m === null ? undefined : registry!.serve(m[1]!, decodeURIComponent(m[2]!));
      if (bytes === undefined) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
        return;
      }
      res
        .writeHead(200, { 'content-type': MEDIA_TYPE, 'docker-content-digest': digestOf(bytes), 'content-length': String(bytes.length) })
        .end(req.method === 'HEAD' ? undefined : bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    registry = new FakeRegistry(server, `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    return registry;
  }

  /** Stores a manifest for `path:tag` whose content depends on `release`; returns its digest. */
  push(path: string, tag: string, release: string): { repository: string; tag: string; digest: string } {
    const bytes = utf8ToBytes(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA_TYPE,
        config: {
          mediaType: 'application/vnd.docker.container.image.v1+json',
          size: release.length,
          digest: `sha256:${sha256Hex(release)}`,
        },
        layers: [],
      }),
    );
    const digest = digestOf(bytes);
    this.#manifests.set(`${path}@${digest}`, bytes);
    this.#tags.set(`${path}:${tag}`, digest);
    return { repository: `${this.address}/${path}`, tag, digest };
  }

  /** The bytes served for a tag or digest (altered when lying). */
  serve(path: string, ref: string): Uint8Array | undefined {
    const digest = ref.startsWith('sha256:') ? ref : this.#tags.get(`${path}:${ref}`);
    const bytes = digest === undefined ? undefined : this.#manifests.get(`${path}@${digest}`);
    if (bytes === undefined || !this.lying) return bytes;
    return utf8ToBytes(
      JSON.stringify({ ...(JSON.parse(new TextDecoder().decode(bytes)) as object), annotations: { 'org.jil.injected': 'backdoor' } }),
    );
  }

  /** For `FakeEngine`: what a pull of `repository@digest` receives from this registry. */
  source = (reference: string): { servedDigest: string; config: { Cmd: string[]; Labels: Record<string, string> } } | undefined => {
    const prefix = `${this.address}/`;
    if (!reference.startsWith(prefix)) return undefined;
    const [path, digest] = reference.slice(prefix.length).split('@') as [string, string];
    const bytes = this.serve(path, digest);
    return bytes === undefined
      ? undefined
      : { servedDigest: digestOf(bytes), config: { Cmd: ['/bin/busybox', 'sleep', '3600'], Labels: { 'org.jil.digest': digest } } };
  };

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
