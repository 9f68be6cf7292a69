import Docker from 'dockerode';
import { JilError } from '@jil/core';
import type { DanglingImage, NodeContainer, NodeEngine, PublishedPort } from './NodeEngine.js';

const status = (error: unknown): unknown => (error as { statusCode?: unknown })?.statusCode;

function engineError(step: string, error: unknown): JilError {
  const code = status(error);
  return new JilError('FLEET_ENGINE_ERROR', `docker engine failed to ${step}`, {
    details: { step, ...(typeof code === 'number' ? { status: code } : {}) },
    cause: error,
  });
}

function publishedPorts(ports: Record<string, { HostIp?: string; HostPort?: string }[] | null> | undefined): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const [key, bindings] of Object.entries(ports ?? {})) {
    const [port, protocol = 'tcp'] = key.split('/');
    for (const b of bindings ?? []) {
      const hostPort = Number(b.HostPort);
      if (Number.isInteger(hostPort) && hostPort > 0) out.push({ containerPort: Number(port), protocol, hostIp: b.HostIp ?? '', hostPort });
    }
  }
  return out;
}

/**
 * {@link NodeEngine} over the Docker Engine API with dockerode (API 1.41, dockerd 20.10+).
 * @example
 * import { DockerNodeEngine } from '@jil/shell-update-agent';
 * const node = DockerNodeEngine.fromDockerHost('unix:///var/run/docker.sock');
 */
export class DockerNodeEngine implements NodeEngine {
  readonly #docker: Docker;

  /** @param options - dockerode options, e.g. `{ socketPath }`. */
  constructor(options: Docker.DockerOptions) {
    this.#docker = new Docker(options);
  }

  /** Engine for a `DOCKER_HOST`-style URL: `unix:///path/docker.sock` or `tcp://host:port`. */
  static fromDockerHost(dockerHost: string): DockerNodeEngine {
    if (dockerHost.startsWith('unix://')) return new DockerNodeEngine({ socketPath: dockerHost.slice('unix://'.length) });
    const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
    return new DockerNodeEngine({ host: url.hostname, port: Number(url.port), protocol: 'http' });
  }

  async listContainers(labels: readonly string[] = []): Promise<NodeContainer[]> {
    let listed: Docker.ContainerInfo[];
    try {
      listed = await this.#docker.listContainers({
        all: true,
        ...(labels.length > 0 ? { filters: JSON.stringify({ label: [...labels] }) } : {}),
      });
    } catch (error) {
      throw engineError('list the containers', error);
    }
    const out: NodeContainer[] = [];
    for (const c of listed) {
      let info: Docker.ContainerInspectInfo;
      try {
        info = await this.#docker.getContainer(c.Id).inspect();
      } catch (error) {
        if (status(error) === 404) continue; // removed meanwhile
        throw engineError('inspect the container', error);
      }
      const health = (info.State as { Health?: { Status?: string } }).Health?.Status;
      out.push({
        id: info.Id,
        name: info.Name.replace(/^\//, ''),
        imageId: info.Image,
        imageRef: info.Config.Image,
        state: info.State.Status,
        health: health === 'healthy' || health === 'unhealthy' || health === 'starting' ? health : null,
        user: info.Config.User ?? '',
        labels: info.Config.Labels ?? {},
        ports: publishedPorts(info.NetworkSettings?.Ports as Record<string, { HostIp?: string; HostPort?: string }[] | null> | undefined),
        logPath: info.LogPath === '' ? null : (info.LogPath ?? null),
        startedAt: info.State.StartedAt,
      });
    }
    return out;
  }

  async restartContainer(id: string, timeoutSeconds: number): Promise<void> {
    try {
      await this.#docker.getContainer(id).restart({ t: timeoutSeconds });
    } catch (error) {
      throw engineError('restart the container', error);
    }
  }

  async imageRepoDigests(imageId: string): Promise<string[]> {
    try {
      return (await this.#docker.getImage(imageId).inspect()).RepoDigests ?? [];
    } catch (error) {
      if (status(error) === 404) return [];
      throw engineError('inspect the image', error);
    }
  }

  async danglingImages(labels: readonly string[] = []): Promise<DanglingImage[]> {
    try {
      const filters = { dangling: ['true'], ...(labels.length > 0 ? { label: [...labels] } : {}) };
      const images = await this.#docker.listImages({ filters: JSON.stringify(filters) });
      return images.map((i) => ({ id: i.Id, repoDigests: i.RepoDigests ?? [], size: i.Size }));
    } catch (error) {
      throw engineError('list the images', error);
    }
  }

  async removeImage(id: string): Promise<void> {
    try {
      await this.#docker.getImage(id).remove({ force: false, noprune: false });
    } catch (error) {
      throw engineError('remove the image', error);
    }
  }

  async danglingVolumes(labels: readonly string[] = []): Promise<{ name: string; labels: Record<string, string> }[]> {
    try {
      const filters = { dangling: ['true'], ...(labels.length > 0 ? { label: [...labels] } : {}) };
      const answer = await this.#docker.listVolumes({ filters: JSON.stringify(filters) } as object);
      return (answer.Volumes ?? []).map((v) => ({ name: v.Name, labels: v.Labels ?? {} }));
    } catch (error) {
      throw engineError('list the volumes', error);
    }
  }

  async removeVolume(name: string): Promise<void> {
    try {
      await this.#docker.getVolume(name).remove();
    } catch (error) {
      throw engineError('remove the volume', error);
    }
  }

  async dockerRootDir(): Promise<string> {
    try {
      return ((await this.#docker.info()) as { DockerRootDir: string }).DockerRootDir;
    } catch (error) {
      throw engineError('read the engine info', error);
    }
  }
}
