/** The parts of an image's inspection the agent uses (Docker Engine API `GET /images/{name}/json`). */
export interface ImageInfo {
  /** Image id: the config digest (never compared with a manifest digest). */
  id: string;
  /** `repository@sha256:…` entries: the manifest digests this image was pulled by. */
  repoDigests: string[];
  /** The image's default container config. */
  config: ContainerConfig;
}

/** Container configuration fields the agent carries over (Docker Engine API `Config`). */
export interface ContainerConfig {
  Env?: string[] | null;
  Cmd?: string[] | null;
  Entrypoint?: string[] | string | null;
  Labels?: Record<string, string> | null;
  WorkingDir?: string;
  User?: string;
  ExposedPorts?: Record<string, object> | null;
  StopSignal?: string;
  Healthcheck?: object;
}

/** The parts of a container's inspection the agent uses (`GET /containers/{id}/json`). */
export interface ContainerInfo {
  id: string;
  /** Name without the leading `/`. */
  name: string;
  /** Image id the container runs. */
  imageId: string;
  /** The image reference it was created from (`repo@sha256:…`). */
  imageRef: string;
  /** `running`, `exited`, `created`, … */
  state: string;
  config: ContainerConfig;
  /** Docker `HostConfig`, carried over unchanged. */
  hostConfig: Record<string, unknown>;
  /** Docker `NetworkingConfig`-compatible endpoints (names only are carried over). */
  networks: string[];
}

/** What the agent creates: Docker `POST /containers/create` body plus the name. */
export interface ContainerSpec extends ContainerConfig {
  name: string;
  Image: string;
  HostConfig?: Record<string, unknown>;
  NetworkingConfig?: { EndpointsConfig: Record<string, object> };
}

/**
 * The container engine as the update agent sees it: a thin port over the Docker Engine API (implemented with
 * dockerode in `DockerEngine`; tests may pass a fake). Every method throws `JilError('FLEET_ENGINE_ERROR')` with
 * `details.step` on an engine failure.
 */
export interface ContainerEngine {
  /** Pulls `repository@sha256:…`; the engine verifies the manifest against the digest. */
  pull(reference: string): Promise<void>;
  /** Inspects an image; `undefined` when absent. */
  inspectImage(reference: string): Promise<ImageInfo | undefined>;
  /** Inspects a container by name or id; `undefined` when absent. */
  inspectContainer(nameOrId: string): Promise<ContainerInfo | undefined>;
  /** Creates a container, returns its id. */
  createContainer(spec: ContainerSpec): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** Stops a running container (no error when already stopped). */
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
  renameContainer(id: string, name: string): Promise<void>;
}
