import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { sha256Hex, utf8ToBytes } from '@jil/core';
import { tarArchive } from './tarArchive.js';

/** Docker image manifest v2 schema 2 media type (what the test images are pushed as). */
export const DOCKER_MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';

/** Input of {@link pushTestImage}. */
export interface PushTestImageParameters {
  /** Registry host:port, e.g. `127.0.0.1:55000` (plain HTTP). */
  registry: string;
  /** Repository path, e.g. `jil/validator`. */
  path: string;
  tag: string;
  /** Path of a static busybox binary (Debian `busybox-static`: `/bin/busybox`). */
  busyboxPath: string;
  /** Text written to `/etc/jil-release` inside the image: different text, different digest. */
  release: string;
  /** Container command (default: a shell that sleeps and exits at once on SIGTERM, so stops take no grace time). */
  cmd?: string[];
}

/** What {@link pushTestImage} pushed. */
export interface PushedTestImage {
  /** `registry/path`. */
  repository: string;
  tag: string;
  /** `sha256:` digest of the manifest bytes (as the registry serves them). */
  digest: string;
  /** The manifest bytes. */
  manifest: Uint8Array;
}

const digestOf = (bytes: Uint8Array): string => `sha256:${sha256Hex(bytes)}`;

async function uploadBlob(base: string, path: string, blob: Uint8Array): Promise<string> {
  const digest = digestOf(blob);
  if ((await fetch(`${base}/v2/${path}/blobs/${digest}`, { method: 'HEAD' })).status === 200) return digest;
  const start = await fetch(`${base}/v2/${path}/blobs/uploads/`, { method: 'POST' });
  const location = start.headers.get('location');
  if (start.status !== 202 || location === null) throw new Error(`blob upload start failed: ${start.status}`);
  const url = new URL(location, base);
  url.searchParams.set('digest', digest);
  const put = await fetch(url, { method: 'PUT', body: new Uint8Array(blob), headers: { 'content-type': 'application/octet-stream' } });
  if (put.status !== 201) throw new Error(`blob upload failed: ${put.status} ${await put.text()}`);
  return digest;
}

/**
 * Builds a one-layer image around a static busybox and pushes it to a Registry v2 with plain `fetch` (blob
 * uploads + manifest PUT, Docker Registry HTTP API v2), without a Docker daemon. Test and demo tooling.
 *
 * @param params - see {@link PushTestImageParameters}.
 * @returns repository, tag, manifest digest and bytes.
 * @throws Error when the registry refuses an upload.
 * @example
 * import { pushTestImage } from '@jil/shell-update-agent/testing';
 * const image = await pushTestImage({ registry: '127.0.0.1:55000', path: 'jil/validator', tag: '1.0.0', busyboxPath: '/bin/busybox',
 *   release: '1.0.0' });
 */
export async function pushTestImage(params: PushTestImageParameters): Promise<PushedTestImage> {
  const base = `http://${params.registry}`;
  const tar = tarArchive([
    { path: 'bin', mode: 0o755, type: 'dir' },
    { path: 'bin/busybox', mode: 0o755, content: new Uint8Array(readFileSync(params.busyboxPath)) },
    { path: 'etc', mode: 0o755, type: 'dir' },
    { path: 'etc/jil-release', mode: 0o644, content: utf8ToBytes(`${params.release}\n`) },
    { path: 'tmp', mode: 0o1777, type: 'dir' },
  ]);
  const layer = new Uint8Array(gzipSync(tar, { level: 6 }));
  const config = utf8ToBytes(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {
        Cmd: params.cmd ?? ['/bin/busybox', 'sh', '-c', 'trap "exit 0" TERM; /bin/busybox sleep 3600 & wait'],
        Env: ['PATH=/bin'],
        Labels: { 'org.jil.release': params.release },
      },
      rootfs: { type: 'layers', diff_ids: [digestOf(tar)] },
      history: [{ created_by: 'jil pushTestImage' }],
    }),
  );
  const configDigest = await uploadBlob(base, params.path, config);
  const layerDigest = await uploadBlob(base, params.path, layer);
  const manifest = utf8ToBytes(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: DOCKER_MANIFEST_V2,
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: configDigest },
      layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: layerDigest }],
    }),
  );
  const put = await fetch(`${base}/v2/${params.path}/manifests/${params.tag}`, {
    method: 'PUT',
    body: new Uint8Array(manifest),
    headers: { 'content-type': DOCKER_MANIFEST_V2 },
  });
  if (put.status !== 201) throw new Error(`manifest put failed: ${put.status} ${await put.text()}`);
  return { repository: `${params.registry}/${params.path}`, tag: params.tag, digest: digestOf(manifest), manifest };
}
