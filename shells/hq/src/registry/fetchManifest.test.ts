import { createServer, type Server } from 'node:http';
import { sha256Hex } from '@jil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRegistryScheme, fetchManifest } from './fetchManifest.js';

const manifest = Buffer.from('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","layers":[]}');
const digest = `sha256:${sha256Hex(new Uint8Array(manifest))}`;

describe('fetchManifest', () => {
  let server: Server;
  let registry = '';
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(String(req.headers.accept));
      const url = req.url ?? '';
      if (url.endsWith('/manifests/good') || url.endsWith(`/manifests/${digest}`))
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': digest }).end(manifest);
      else if (url.endsWith('/manifests/liar'))
        res
          .writeHead(200, {
            'content-type': 'application/vnd.oci.image.manifest.v1+json',
            'docker-content-digest': `sha256:${'0'.repeat(64)}`,
          })
          .end(manifest);
      else if (url.endsWith(`/manifests/sha256:${'1'.repeat(64)}`))
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end(manifest);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    registry = `127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('hashes the bytes it received and asks for OCI and Docker types', async () => {
    const m = await fetchManifest({ registry, path: 'jil/v' }, 'good');
    expect(m).toMatchObject({ digest, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: manifest.length });
    expect(await fetchManifest({ registry, path: 'jil/v' }, digest)).toMatchObject({ digest });
    expect(seen[0]).toContain('application/vnd.oci.image.manifest.v1+json');
    expect(seen[0]).toContain('application/vnd.docker.distribution.manifest.v2+json');
  });

  it('refuses a digest header that disagrees with the bytes, and bytes that do not hash to the requested digest', async () => {
    await expect(fetchManifest({ registry, path: 'jil/v' }, 'liar')).rejects.toMatchObject({
      code: 'FLEET_DIGEST_MISMATCH',
      details: { actual: digest },
    });
    await expect(fetchManifest({ registry, path: 'jil/v' }, `sha256:${'1'.repeat(64)}`)).rejects.toMatchObject({
      code: 'FLEET_DIGEST_MISMATCH',
      details: { actual: digest },
    });
  });

  it('reports registry failures with the status', async () => {
    await expect(fetchManifest({ registry, path: 'jil/v' }, 'missing')).rejects.toMatchObject({
      code: 'FLEET_REGISTRY_ERROR',
      details: { status: 404 },
    });
    await expect(fetchManifest({ registry: '127.0.0.1:1', path: 'jil/v' }, 'x', { timeoutMs: 2000 })).rejects.toMatchObject({
      code: 'FLEET_REGISTRY_ERROR',
    });
  });

  it('speaks HTTP to loopback registries only', () => {
    expect(['127.0.0.1:5000', 'localhost:5000', '[::1]:5000', 'registry.jil.example', '10.0.0.1:5000'].map(defaultRegistryScheme)).toEqual([
      'http',
      'http',
      'http',
      'https',
      'https',
    ]);
  });
});
