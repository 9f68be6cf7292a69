import { JilError } from '@jil/core';
import type { ContainerEngine, ContainerInfo, ContainerSpec, ImageInfo } from '../engine/ContainerEngine.js';

/**
 * An in-memory container engine for tests and demos without Docker: images by reference, containers by id and
 * name; `publish` plays the registry. Test tooling.
 */
export class FakeEngine implements ContainerEngine {
  readonly images = new Map<string, ImageInfo>();
  readonly containers = new Map<string, ContainerInfo>();
  readonly calls: string[] = [];
  /** Make `startContainer` fail for containers created from this image reference. */
  failStartFor: string | undefined;
  /** Make pulls register the image under other RepoDigests (an engine that lies). */
  repoDigestsOverride: string[] | undefined;
  #next = 1;
  readonly #source: ((reference: string) => { servedDigest: string; config: ImageInfo['config'] } | undefined) | undefined;

  /**
   * @param source - optional registry lookup for pulls of images not `publish`ed: what a registry serves for
   *   `repository@digest` (the digest of the bytes it serves, and the image config). A served digest other than the
   *   requested one is refused as the real engine does (`FLEET_DIGEST_MISMATCH`).
   */
  constructor(source?: (reference: string) => { servedDigest: string; config: ImageInfo['config'] } | undefined) {
    this.#source = source;
  }

  /** Pretends the registry holds `reference` with this config. */
  publish(reference: string, config: ImageInfo['config'] = {}): void {
    this.images.set(reference, { id: `sha256:${String(this.images.size + 1).padStart(64, '0')}`, repoDigests: [reference], config });
  }

  async pull(reference: string): Promise<void> {
    this.calls.push(`pull ${reference}`);
    const served = this.images.has(reference) ? undefined : this.#source?.(reference);
    if (served !== undefined) {
      const wanted = reference.slice(reference.lastIndexOf('@') + 1);
      if (served.servedDigest !== wanted)
        throw new JilError('FLEET_DIGEST_MISMATCH', 'manifest verification failed', { details: { step: 'pull', expected: wanted } });
      this.publish(reference, served.config);
    }
    const image = this.images.get(reference);
    if (image === undefined) throw new JilError('FLEET_ENGINE_ERROR', 'not found', { details: { step: 'pull' } });
    if (this.repoDigestsOverride) image.repoDigests = this.repoDigestsOverride;
  }

  async inspectImage(reference: string): Promise<ImageInfo | undefined> {
    return this.images.get(reference) ?? [...this.images.values()].find((i) => i.id === reference);
  }

  async inspectContainer(nameOrId: string): Promise<ContainerInfo | undefined> {
    const c = this.containers.get(nameOrId) ?? [...this.containers.values()].find((x) => x.name === nameOrId);
    return c === undefined ? undefined : structuredClone(c);
  }

  /** Adds a running container directly (as an operator would have created it). */
  add(info: Omit<ContainerInfo, 'id'>): string {
    const id = `c${this.#next++}`.padEnd(64, '0');
    this.containers.set(id, { ...info, id });
    return id;
  }

  async createContainer(spec: ContainerSpec): Promise<string> {
    this.calls.push(`create ${spec.name}`);
    if ([...this.containers.values()].some((c) => c.name === spec.name))
      throw new JilError('FLEET_ENGINE_ERROR', 'name in use', { details: { step: 'create the container' } });
    const image = this.images.get(spec.Image)!;
    const { name, Image, HostConfig, NetworkingConfig, ...config } = spec;
    const env = [...(image.config.Env ?? []), ...(config.Env ?? [])];
    return this.add({
      name,
      imageId: image.id,
      imageRef: Image,
      state: 'created',
      config: { ...image.config, ...config, Env: env, Labels: { ...image.config.Labels, ...config.Labels } },
      hostConfig: HostConfig ?? {},
      networks: Object.keys(NetworkingConfig?.EndpointsConfig ?? {}),
    });
  }

  async startContainer(id: string): Promise<void> {
    this.calls.push(`start ${id.slice(0, 3)}`);
    const c = this.containers.get(id)!;
    if (this.failStartFor !== undefined && c.imageRef === this.failStartFor)
      throw new JilError('FLEET_ENGINE_ERROR', 'start failed', { details: { step: 'start the container' } });
    c.state = 'running';
  }

  async stopContainer(id: string): Promise<void> {
    this.calls.push(`stop ${id.slice(0, 3)}`);
    this.containers.get(id)!.state = 'exited';
  }

  async removeContainer(id: string): Promise<void> {
    this.calls.push(`remove ${id.slice(0, 3)}`);
    this.containers.delete(id);
  }

  async renameContainer(id: string, name: string): Promise<void> {
    this.calls.push(`rename ${id.slice(0, 3)} ${name}`);
    this.containers.get(id)!.name = name;
  }
}
