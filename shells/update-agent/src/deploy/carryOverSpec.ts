import type { ContainerConfig, ContainerInfo, ContainerSpec, ImageInfo } from '../engine/ContainerEngine.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The configuration to recreate `container` on a new image "with the same configuration": everything the operator
 * set on the container, minus what it only inherited from its old image (so the new image's own defaults apply).
 * Env entries, labels and exposed ports that equal the old image's are dropped; `Cmd`, `Entrypoint`, `WorkingDir`
 * and `User` are kept only when they differ from the old image's; `HostConfig` (ports, mounts, restart policy,
 * limits) and non-default networks are kept as they are. Pure.
 *
 * @param container - the running container's inspection.
 * @param oldImage - the inspection of the image it runs (undefined when already gone: everything is kept).
 * @param image - the new image reference, `repository@sha256:…`.
 * @returns the create spec, named like the old container.
 * @example
 * import { carryOverSpec } from '@jil/shell-update-agent';
 * const spec = carryOverSpec(await engine.inspectContainer('validator'), oldImage, `${repository}@${digest}`);
 */
export function carryOverSpec(container: ContainerInfo, oldImage: ImageInfo | undefined, image: string): ContainerSpec {
  const c: ContainerConfig = container.config;
  const i: ContainerConfig = oldImage?.config ?? {};
  const imageEnv = new Set(i.Env ?? []);
  const imageLabels = i.Labels ?? {};
  const imagePorts = i.ExposedPorts ?? {};
  const spec: ContainerSpec = { name: container.name, Image: image };
  const env = (c.Env ?? []).filter((e) => !imageEnv.has(e));
  if (env.length > 0) spec.Env = env;
  const labels = Object.fromEntries(Object.entries(c.Labels ?? {}).filter(([k, v]) => imageLabels[k] !== v));
  if (Object.keys(labels).length > 0) spec.Labels = labels;
  const ports = Object.fromEntries(Object.entries(c.ExposedPorts ?? {}).filter(([k]) => !(k in imagePorts)));
  if (Object.keys(ports).length > 0) spec.ExposedPorts = ports;
  if (c.Cmd && !same(c.Cmd, i.Cmd)) spec.Cmd = c.Cmd;
  if (c.Entrypoint && !same(c.Entrypoint, i.Entrypoint)) spec.Entrypoint = c.Entrypoint;
  if (c.WorkingDir && c.WorkingDir !== i.WorkingDir) spec.WorkingDir = c.WorkingDir;
  if (c.User && c.User !== i.User) spec.User = c.User;
  if (c.StopSignal && c.StopSignal !== i.StopSignal) spec.StopSignal = c.StopSignal;
  spec.HostConfig = { ...container.hostConfig };
  const networks = container.networks.filter((n) => n !== 'bridge' && n !== String(container.hostConfig['NetworkMode'] ?? 'default'));
  if (networks.length > 0) spec.NetworkingConfig = { EndpointsConfig: Object.fromEntries(networks.map((n) => [n, {}])) };
  return spec;
}
