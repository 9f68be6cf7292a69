/** A port a container publishes on the host (Docker `NetworkSettings.Ports`). */
export interface PublishedPort {
  /** Port inside the container. */
  containerPort: number;
  /** `tcp`, `udp` or `sctp`. */
  protocol: string;
  /** Host address the port is bound to (`0.0.0.0`, `::`, `127.0.0.1`, …). */
  hostIp: string;
  /** Port on the host. */
  hostPort: number;
}

/** One container on the node as the scheduled jobs see it (`GET /containers/json` + inspect). */
export interface NodeContainer {
  id: string;
  /** Name without the leading `/`. */
  name: string;
  /** Image id (config digest). */
  imageId: string;
  /** The image reference the container was created from. */
  imageRef: string;
  /** `running`, `exited`, `created`, `restarting`, … */
  state: string;
  /** Docker health state when the image or container defines a `HEALTHCHECK`, else `null`. */
  health: 'healthy' | 'unhealthy' | 'starting' | null;
  /** `Config.User` (`''` means root). */
  user: string;
  labels: Record<string, string>;
  /** Published host ports (only while running). */
  ports: PublishedPort[];
  /** The json-file log path the engine reports (`LogPath`), or `null` for other log drivers. */
  logPath: string | null;
  /** `State.StartedAt`, RFC 3339. */
  startedAt: string;
}

/** An image that no tag names (`dangling=true`). */
export interface DanglingImage {
  id: string;
  repoDigests: string[];
  /** Bytes. */
  size: number;
}

/**
 * The Docker host as the agent's scheduled jobs see it: every container, health, restarts, dangling images and
 * volumes. Implemented with dockerode in `DockerNodeEngine`. Every method throws `JilError('FLEET_ENGINE_ERROR')`
 * with `details.step` on an engine failure.
 */
export interface NodeEngine {
  /** Every container (running or not), inspected; `labels` (`key` or `key=value`) narrows the list. */
  listContainers(labels?: readonly string[]): Promise<NodeContainer[]>;
  /** Restarts a container (stop with a grace period, then start). */
  restartContainer(id: string, timeoutSeconds: number): Promise<void>;
  /** `RepoDigests` of an image (`[]` when absent). */
  imageRepoDigests(imageId: string): Promise<string[]>;
  /** Images without a tag; `labels` (`key` or `key=value`) narrows the list. */
  danglingImages(labels?: readonly string[]): Promise<DanglingImage[]>;
  /** Removes an image without force: the engine refuses one a container uses. */
  removeImage(id: string): Promise<void>;
  /** Volumes no container uses; `labels` narrows the list. */
  danglingVolumes(labels?: readonly string[]): Promise<{ name: string; labels: Record<string, string> }[]>;
  removeVolume(name: string): Promise<void>;
  /** The engine's data directory (`DockerRootDir`), where its own disk usage is measured. */
  dockerRootDir(): Promise<string>;
}
