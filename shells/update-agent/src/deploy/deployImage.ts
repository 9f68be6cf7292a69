import { JilError, isJilError } from '@jil/core';
import { verifyRepoDigests } from '@jil/fleet';
import type { ContainerEngine, ContainerSpec } from '../engine/ContainerEngine.js';
import { carryOverSpec } from './carryOverSpec.js';

/** Labels the agent sets on the container it manages, and the one that marks the agent's own container. */
export const FLEET_LABELS = {
  managedBy: 'org.jil.fleet.managed-by',
  node: 'org.jil.fleet.node',
  digest: 'org.jil.fleet.digest',
  release: 'org.jil.fleet.release',
  /** `update-agent` on the agent's own container: never touched. */
  role: 'org.jil.fleet.role',
} as const;

/** The container an agent manages when none exists yet. */
export interface ManagedContainer {
  /** Container name, e.g. `jil-validator`. */
  name: string;
  /** Create spec for the first deployment (Image and name are set by the agent). */
  defaults?: Omit<ContainerSpec, 'name' | 'Image'>;
  /** Grace period when the agent stops the container, seconds (default 10). */
  stopTimeoutSeconds?: number;
}

/** Input of {@link deployImage}. */
export interface DeployImageParameters {
  /** `registry/path`. */
  repository: string;
  /** The signed `sha256:` manifest digest. */
  digest: string;
  container: ManagedContainer;
  /** Labels recording what is deployed (node id, release). */
  labels: Record<string, string>;
  /** The agent's own container id (full or prefix), when it runs in one. */
  selfContainerId?: string | undefined;
  /** Grace period when stopping the old container, seconds (default 10). */
  stopTimeoutSeconds?: number;
}

/** What {@link deployImage} did. */
export interface DeployImageResult {
  containerId: string;
  imageId: string;
  repoDigests: string[];
  /** `false` when the container already ran this image (nothing restarted). */
  recreated: boolean;
}

/**
 * Deploys `repository@digest` into the managed container:
 * 1. pulls **by digest** (the engine verifies the manifest bytes against it);
 * 2. checks the engine's `RepoDigests` list `repository@digest` (never the image id; `@jil/fleet`'s
 *    `verifyRepoDigests`) — else `FLEET_DIGEST_MISMATCH`;
 * 3. refuses to touch the agent's own container (`FLEET_SELF_UPDATE_REFUSED`);
 * 4. recreates the container with the same configuration (`carryOverSpec`): stop the old one, keep it renamed,
 *    create and start the new one, remove the old one; if the new one does not start, removes it and restores and
 *    restarts the old one (`FLEET_ENGINE_ERROR`, `details.restored`).
 *
 * @param engine - the {@link ContainerEngine}.
 * @param params - see {@link DeployImageParameters}.
 * @returns the running container and the image's digests.
 * @throws JilError `FLEET_DIGEST_MISMATCH`, `FLEET_SELF_UPDATE_REFUSED`, `FLEET_ENGINE_ERROR`; `INVALID_ARGUMENT` when
 *   `repository` or `digest` is not a repository and a `sha256:` digest.
 * @example
 * import { deployImage, DockerEngine } from '@jil/shell-update-agent';
 * await deployImage(engine, { repository, digest, container: { name: 'jil-validator' }, labels: {} });
 */
export async function deployImage(engine: ContainerEngine, params: DeployImageParameters): Promise<DeployImageResult> {
  const reference = `${params.repository}@${params.digest}`;
  await engine.pull(reference);
  const image = await engine.inspectImage(reference);
  if (image === undefined)
    throw new JilError('FLEET_ENGINE_ERROR', 'pulled image is not in the engine', { details: { step: 'inspect the image' } });
  const listed = verifyRepoDigests(image.repoDigests, { repository: params.repository, digest: params.digest });
  if (!listed.valid) throw new JilError(listed.code, listed.message, { details: listed.details });
  const name = params.container.name;
  const existing = await engine.inspectContainer(name);
  const self = params.selfContainerId;
  if (
    existing &&
    ((self !== undefined && self.length >= 12 && existing.id.startsWith(self)) ||
      existing.config.Labels?.[FLEET_LABELS.role] === 'update-agent')
  ) {
    throw new JilError('FLEET_SELF_UPDATE_REFUSED', 'the managed container is the agent itself', { details: { container: name } });
  }
  if (existing && existing.imageId === image.id && existing.state === 'running') {
    return { containerId: existing.id, imageId: image.id, repoDigests: image.repoDigests, recreated: false };
  }
  const base: ContainerSpec = existing
    ? carryOverSpec(existing, await engine.inspectImage(existing.imageId), reference)
    : { ...params.container.defaults, name, Image: reference };
  const spec: ContainerSpec = { ...base, Labels: { ...base.Labels, ...params.labels, [FLEET_LABELS.digest]: params.digest } };

  const previousName = `${name}-previous`;
  if (existing) {
    const stale = await engine.inspectContainer(previousName);
    if (stale) await engine.removeContainer(stale.id);
    await engine.stopContainer(existing.id, params.stopTimeoutSeconds ?? params.container.stopTimeoutSeconds ?? 10);
    await engine.renameContainer(existing.id, previousName);
  }
  let createdId: string | undefined;
  try {
    createdId = await engine.createContainer(spec);
    await engine.startContainer(createdId);
    const started = await engine.inspectContainer(createdId);
    if (started?.state !== 'running')
      throw new JilError('FLEET_ENGINE_ERROR', 'the new container is not running', {
        details: { step: 'start the container', state: started?.state },
      });
  } catch (error) {
    let restored = false;
    if (createdId !== undefined) await engine.removeContainer(createdId).catch(() => undefined);
    if (existing) {
      try {
        await engine.renameContainer(existing.id, name);
        if (existing.state === 'running') await engine.startContainer(existing.id);
        restored = true;
      } catch {
        restored = false;
      }
    }
    const e = isJilError(error) ? error : new JilError('FLEET_ENGINE_ERROR', 'deployment failed', { cause: error });
    throw new JilError(e.code, e.message, { details: { ...e.details, restored }, cause: e });
  }
  if (existing) await engine.removeContainer(existing.id);
  return { containerId: createdId, imageId: image.id, repoDigests: image.repoDigests, recreated: true };
}
