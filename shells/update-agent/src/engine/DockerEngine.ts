import Docker from 'dockerode';
import { JilError } from '@jil/core';
import type { ContainerEngine, ContainerInfo, ContainerSpec, ImageInfo } from './ContainerEngine.js';

function engineError(step: string, error: unknown): JilError {
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  return new JilError('FLEET_ENGINE_ERROR', `docker engine failed to ${step}`, {
    details: { step, ...(typeof statusCode === 'number' ? { status: statusCode } : {}) },
    cause: error,
  });
}

const notFound = (error: unknown): boolean => (error as { statusCode?: unknown })?.statusCode === 404;

/**
 * {@link ContainerEngine} over the Docker Engine API with dockerode (API 1.41, dockerd 20.10+).
 * @example
 * import { DockerEngine } from '@jil/shell-update-agent';
 * const engine = new DockerEngine({ socketPath: '/var/run/docker.sock' });
 */
export class DockerEngine implements ContainerEngine {
  readonly #docker: Docker;

  /** @param options - dockerode options, e.g. `{ socketPath }`; see {@link DockerEngine.fromDockerHost}. */
  constructor(options: Docker.DockerOptions) {
    this.#docker = new Docker(options);
  }

  /** Engine for a `DOCKER_HOST`-style URL: `unix:///path/docker.sock` or `tcp://host:port`. */
  static fromDockerHost(dockerHost: string): DockerEngine {
    if (dockerHost.startsWith('unix://')) return new DockerEngine({ socketPath: dockerHost.slice('unix://'.length) });
    const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
    return new DockerEngine({ host: url.hostname, port: Number(url.port), protocol: 'http' });
  }

  /** Pulls `repository@digest`; a manifest that does not hash to the digest is `FLEET_DIGEST_MISMATCH`. */
  async pull(reference: string): Promise<void> {
    try {
      const stream = await this.#docker.pull(reference);
      // Pull errors arrive inside the progress stream (HTTP 200), so follow it to the end.
      await new Promise<void>((resolve, reject) => {
        this.#docker.modem.followProgress(
          stream,
          (error: Error | null) => (error ? reject(error) : resolve()),
          (event: { error?: string }) => {
            if (event.error !== undefined) reject(new Error(event.error));
          },
        );
      });
    } catch (error) {
      // The engine hashes the manifest it received and compares it with the digest asked for: a registry or proxy
      // that serves other bytes is refused here, before anything is stored.
      const message = error instanceof Error ? error.message : String(error);
      if (/manifest verification failed|digest mismatch|does not match (the )?digest/i.test(message)) {
        throw new JilError('FLEET_DIGEST_MISMATCH', 'the registry served a manifest that does not match the signed digest', {
          details: { step: 'pull', expected: reference.slice(reference.lastIndexOf('@') + 1) },
          cause: error,
        });
      }
      throw engineError('pull', error);
    }
  }

  async inspectImage(reference: string): Promise<ImageInfo | undefined> {
    try {
      const info = await this.#docker.getImage(reference).inspect();
      return { id: info.Id, repoDigests: info.RepoDigests ?? [], config: info.Config as ImageInfo['config'] };
    } catch (error) {
      if (notFound(error)) return undefined;
      throw engineError('inspect the image', error);
    }
  }

  async inspectContainer(nameOrId: string): Promise<ContainerInfo | undefined> {
    try {
      const info = await this.#docker.getContainer(nameOrId).inspect();
      return {
        id: info.Id,
        name: info.Name.replace(/^\//, ''),
        imageId: info.Image,
        imageRef: info.Config.Image,
        state: info.State.Status,
        config: info.Config as ContainerInfo['config'],
        hostConfig: info.HostConfig as Record<string, unknown>,
        networks: Object.keys(info.NetworkSettings?.Networks ?? {}),
      };
    } catch (error) {
      if (notFound(error)) return undefined;
      throw engineError('inspect the container', error);
    }
  }

  async createContainer(spec: ContainerSpec): Promise<string> {
    try {
      return (await this.#docker.createContainer(spec as Docker.ContainerCreateOptions)).id;
    } catch (error) {
      throw engineError('create the container', error);
    }
  }

  async startContainer(id: string): Promise<void> {
    try {
      await this.#docker.getContainer(id).start();
    } catch (error) {
      if ((error as { statusCode?: unknown })?.statusCode === 304) return; // already started
      throw engineError('start the container', error);
    }
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    try {
      await this.#docker.getContainer(id).stop({ t: timeoutSeconds });
    } catch (error) {
      if ((error as { statusCode?: unknown })?.statusCode === 304) return; // already stopped
      throw engineError('stop the container', error);
    }
  }

  async removeContainer(id: string): Promise<void> {
    try {
      await this.#docker.getContainer(id).remove({ force: true });
    } catch (error) {
      if (notFound(error)) return;
      throw engineError('remove the container', error);
    }
  }

  async renameContainer(id: string, name: string): Promise<void> {
    try {
      await this.#docker.getContainer(id).rename({ name });
    } catch (error) {
      throw engineError('rename the container', error);
    }
  }
}
