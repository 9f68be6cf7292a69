import { JilError } from '@jil/core';
import { SHA256_DIGEST } from '../internal/FieldCheck.js';

/** A registry-qualified image reference, split into its parts. */
export interface ImageReference {
  /** Registry host with optional port, e.g. `127.0.0.1:5000` or `registry.jil.example`. */
  registry: string;
  /** Repository path inside the registry, e.g. `jil/validator`. */
  path: string;
  /** `registry/path`, what `docker pull` and `RepoDigests` use, e.g. `127.0.0.1:5000/jil/validator`. */
  repository: string;
  /** Tag, e.g. `1.4.0`, when given. */
  tag?: string;
  /** Digest `sha256:…`, when given. */
  digest?: string;
}

const HOST =
  /^(?:localhost|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/**
 * Parses `registry[:port]/path[:tag][@sha256:…]` (the distribution reference grammar). The registry part is
 * required — the fleet never relies on a default registry — and must look like a host (contain `.` or `:`, or be
 * `localhost`).
 *
 * @param reference - e.g. `127.0.0.1:5000/jil/validator:1.4.0` or `…/validator@sha256:…`.
 * @returns the parts; `repository` is `registry/path`.
 * @throws JilError `INVALID_ARGUMENT` (details.field = `reference`) for anything else.
 * @see distribution/reference grammar (reference.go)
 * @example
 * import { parseImageReference } from '@jil/fleet';
 * parseImageReference('127.0.0.1:5000/jil/validator:1.4.0').repository; // '127.0.0.1:5000/jil/validator'
 */
export function parseImageReference(reference: string): ImageReference {
  const bad = (why: string): never => {
    throw new JilError('INVALID_ARGUMENT', `image reference ${why}`, { details: { field: 'reference' } });
  };
  if (typeof reference !== 'string' || reference.length === 0 || reference.length > 512) bad('must be a string of 1 to 512 characters');
  let rest = reference;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    if (!SHA256_DIGEST.test(digest)) bad('digest must be sha256: and 64 lower-case hex digits');
    rest = rest.slice(0, at);
  }
  const slash = rest.indexOf('/');
  if (slash === -1) bad('must name its registry (host/path)');
  const registry = rest.slice(0, slash);
  if (!HOST.test(registry) || !(registry.includes('.') || registry.includes(':') || registry === 'localhost'))
    bad('must start with a registry host');
  let path = rest.slice(slash + 1);
  let tag: string | undefined;
  const colon = path.lastIndexOf(':');
  if (colon !== -1) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
    if (!TAG.test(tag)) bad('tag is invalid');
  }
  if (path === '' || !path.split('/').every((c) => PATH_COMPONENT.test(c))) bad('path is invalid');
  return {
    registry,
    path,
    repository: `${registry}/${path}`,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}
