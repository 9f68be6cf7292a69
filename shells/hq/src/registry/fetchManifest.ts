import { JilError } from '@jil/core';
import { isDigest, MANIFEST_ACCEPT, manifestDigest, type ImageReference } from '@jil/fleet';

/** Largest manifest HQ reads: 4 MiB (Distribution's own limit). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** A manifest exactly as the registry served it, and its digest computed by HQ. */
export interface FetchedManifest {
  /** The raw bytes. */
  bytes: Uint8Array;
  /** `sha256:` of `bytes`, computed here (never taken from a header). */
  digest: string;
  mediaType: string;
  size: number;
}

/** Options of {@link fetchManifest}. */
export interface FetchManifestOptions {
  /** `http` for loopback registries by default, `https` otherwise. */
  scheme?: (registry: string) => 'http' | 'https';
  /** Deadline, ms (default 15 000). */
  timeoutMs?: number;
}

/** `http` for 127.0.0.0/8, `[::1]` and `localhost` registries, `https` for every other. */
export function defaultRegistryScheme(registry: string): 'http' | 'https' {
  return /^(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?$/.test(registry) ? 'http' : 'https';
}

/**
 * Fetches an image manifest from a Docker Registry v2 (`GET /v2/<path>/manifests/<tag|digest>`, `Accept` naming OCI
 * and Docker manifest and index types) and computes its digest from the bytes received. Refuses a registry whose
 * `Docker-Content-Digest` header disagrees with the bytes, and, when `ref` is a digest, bytes that do not hash to it.
 *
 * @param image - registry and path (see `parseImageReference`).
 * @param ref - a tag or a `sha256:` digest.
 * @param options - see {@link FetchManifestOptions}.
 * @returns the {@link FetchedManifest}.
 * @throws JilError `FLEET_REGISTRY_ERROR` (unreachable, non-200 with `details.status`, oversized, no content type),
 *   `FLEET_DIGEST_MISMATCH` (header or requested digest differs from the bytes).
 * @see Docker Registry HTTP API v2, "Pulling an Image Manifest"; OCI distribution-spec §Pull
 * @example
 * import { fetchManifest } from '@jil/shell-hq';
 * import { parseImageReference } from '@jil/fleet';
 * const m = await fetchManifest(parseImageReference('127.0.0.1:5000/jil/validator:1.4.0'), '1.4.0');
 */
export async function fetchManifest(
  image: Pick<ImageReference, 'registry' | 'path'>,
  ref: string,
  options: FetchManifestOptions = {},
): Promise<FetchedManifest> {
  const scheme = (options.scheme ?? defaultRegistryScheme)(image.registry);
  const url = `${scheme}://${image.registry}/v2/${image.path}/manifests/${ref}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: MANIFEST_ACCEPT }, signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
  } catch (error) {
    throw new JilError('FLEET_REGISTRY_ERROR', 'the registry is unreachable', { details: { registry: image.registry }, cause: error });
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new JilError('FLEET_REGISTRY_ERROR', `the registry answered ${response.status} for the manifest`, {
      details: { registry: image.registry, path: image.path, ref, status: response.status },
    });
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_MANIFEST_BYTES) {
    await response.body?.cancel();
    throw new JilError('FLEET_REGISTRY_ERROR', 'the manifest is too large', { details: { size: declared } });
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length === 0 || bytes.length > MAX_MANIFEST_BYTES)
    throw new JilError('FLEET_REGISTRY_ERROR', 'the manifest is empty or too large', { details: { size: bytes.length } });
  const digest = manifestDigest(bytes);
  const header = response.headers.get('docker-content-digest');
  if (header !== null && header !== digest) {
    throw new JilError('FLEET_DIGEST_MISMATCH', 'the registry names another digest than the bytes it served', {
      details: { expected: header, actual: digest },
    });
  }
  if (isDigest(ref) && ref !== digest) {
    throw new JilError('FLEET_DIGEST_MISMATCH', 'the registry served bytes that do not hash to the requested digest', {
      details: { expected: ref, actual: digest },
    });
  }
  const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  if (!/^[a-z]+\/[A-Za-z0-9.+-]{1,200}$/.test(mediaType))
    throw new JilError('FLEET_REGISTRY_ERROR', 'the manifest has no usable content type', { details: { registry: image.registry } });
  return { bytes, digest, mediaType, size: bytes.length };
}
