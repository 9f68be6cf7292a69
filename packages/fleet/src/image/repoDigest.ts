import { JilError } from '@jil/core';
import { fleetFailure, type FleetFailure } from '../envelope/FleetFailure.js';
import { SHA256_DIGEST } from '../internal/FieldCheck.js';
import { requireArray, requireRecord } from '../internal/requireDate.js';

/** One entry of an engine's `RepoDigests` (`docker image inspect`), split into its parts. */
export interface RepoDigest {
  /** The repository the engine pulled from, e.g. `127.0.0.1:5000/jil/validator`. */
  repository: string;
  /** The manifest digest, `sha256:` and 64 lower-case hex digits. */
  digest: string;
}

/** What {@link verifyRepoDigests} answers when the engine lists the signed digest. */
export interface VerifiedRepoDigest {
  valid: true;
  /** The matching entry, `repository@sha256:…`. */
  repoDigest: string;
}

const REPOSITORY = /^[^\s@]{1,512}$/;

function splitRepoDigest(value: unknown): RepoDigest | undefined {
  if (typeof value !== 'string') return undefined;
  const at = value.lastIndexOf('@');
  const repository = value.slice(0, at);
  const digest = value.slice(at + 1);
  if (at === -1 || !REPOSITORY.test(repository) || !SHA256_DIGEST.test(digest)) return undefined;
  return { repository, digest };
}

/**
 * Parses one `RepoDigests` entry, `repository@sha256:<64 lower-case hex>` (the engine's content-addressed name of a
 * pulled image; never the image id). The repository part is taken as it is — no registry defaults, no case folding.
 *
 * @param value - e.g. `127.0.0.1:5000/jil/validator@sha256:…`.
 * @returns the repository and the digest.
 * @throws JilError `INVALID_ARGUMENT` (details.field = `repoDigest`) for anything else.
 * @example
 * import { parseRepoDigest } from '@jil/fleet';
 * parseRepoDigest(`127.0.0.1:5000/jil/validator@sha256:${'ab'.repeat(32)}`).repository; // '127.0.0.1:5000/jil/validator'
 */
export function parseRepoDigest(value: string): RepoDigest {
  const parsed = splitRepoDigest(value);
  if (parsed === undefined) {
    throw new JilError('INVALID_ARGUMENT', 'a repo digest must be repository@sha256: and 64 lower-case hex digits', {
      details: { field: 'repoDigest' },
    });
  }
  return parsed;
}

/**
 * The agent's check after a pull by digest: the engine's `RepoDigests` must list exactly `repository@digest` of the
 * signed release — same repository, same digest, byte for byte. Entries that are not `repository@sha256:…` never
 * match. The image id is never compared (it is the config digest, not the manifest's).
 *
 * @param repoDigests - the engine's `RepoDigests` of the pulled image (untrusted strings).
 * @param expected - the signed release's image: `repository` and `digest` (`sha256:…`).
 * @returns {@link VerifiedRepoDigest}, or a {@link FleetFailure} with check `digest`, code `FLEET_DIGEST_MISMATCH`
 *   and `details.expected` (`repository@digest`) / `details.actual` (the listed entries).
 * @throws JilError `INVALID_ARGUMENT` (details.field) when `repoDigests` is not an array, or `expected` is not
 *   `{ repository, digest }` with a non-empty repository and a `sha256:` digest.
 * @example
 * import { verifyRepoDigests } from '@jil/fleet';
 * const listed = verifyRepoDigests(image.repoDigests, release.image);
 * if (!listed.valid) throw new JilError(listed.code, listed.message, { details: listed.details });
 */
export function verifyRepoDigests(repoDigests: readonly string[], expected: RepoDigest): VerifiedRepoDigest | FleetFailure {
  requireArray(repoDigests, 'repoDigests');
  requireRecord(expected, 'expected');
  if (typeof expected.repository !== 'string' || !REPOSITORY.test(expected.repository)) {
    throw new JilError('INVALID_ARGUMENT', 'expected.repository must be a repository without spaces or @', {
      details: { field: 'expected.repository' },
    });
  }
  if (typeof expected.digest !== 'string' || !SHA256_DIGEST.test(expected.digest)) {
    throw new JilError('INVALID_ARGUMENT', 'expected.digest must be sha256: and 64 lower-case hex digits', {
      details: { field: 'expected.digest' },
    });
  }
  const reference = `${expected.repository}@${expected.digest}`;
  for (const entry of repoDigests) {
    const parsed = splitRepoDigest(entry);
    if (parsed !== undefined && parsed.repository === expected.repository && parsed.digest === expected.digest) {
      return { valid: true, repoDigest: reference };
    }
  }
  return fleetFailure('digest', 'FLEET_DIGEST_MISMATCH', "the engine's RepoDigests do not list the signed digest", {
    expected: reference,
    actual: repoDigests.filter((entry) => typeof entry === 'string'),
  });
}
