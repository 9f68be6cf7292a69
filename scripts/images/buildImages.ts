/**
 * Builds the shells' OCI images on a Docker engine (issue 14 §Images built from this repository; docs/operations.md
 * §Images): images/build-base.sh (jil/base:bookworm, jil/node24:24), esbuild bundles ({@link bundleShell}) in a fresh
 * `.jil/images/context-*`, then `docker build --target <shell>` of images/Dockerfile with the classic builder. An image
 * whose `org.jil.inputs` label equals the hash of its inputs (bundle, assets, Dockerfile, base image, version) is reused.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleShell, SHELL_ENTRIES, type ShellName } from './bundleShell.js';

/** Options of {@link buildImages}. */
export interface BuildImagesOptions {
  /** Repository root (absolute). */
  root: string;
  /** Engine, e.g. `unix:///tmp/x/docker.sock`. */
  dockerHost: string;
  /** Shells to build (default: all of {@link SHELL_ENTRIES}). */
  only?: readonly ShellName[];
  /** Image version (tag and `org.opencontainers.image.version`); default `<shell package version>-<commit, 12 hex>`. */
  version?: string;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

/** One built (or reused) image. */
export interface BuiltImage {
  shell: ShellName;
  /** `jil/<shell>:<version>` (also tagged `jil/<shell>:latest`). */
  ref: string;
  id: string;
  /** Bytes, as the engine reports them. */
  size: number;
  version: string;
  revision: string;
  reused: boolean;
}

/** The image name of a shell. */
export const imageRepository = (shell: ShellName): string => `jil/${shell}`;

function docker(dockerHost: string, args: string[]): string {
  return execFileSync('docker', args, {
    env: { ...process.env, DOCKER_HOST: dockerHost, DOCKER_BUILDKIT: '0' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

function hashTree(hash: ReturnType<typeof createHash>, dir: string, prefix = ''): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(hash, path, `${prefix}${name}/`);
    else hash.update(`${prefix}${name}\0`).update(readFileSync(path)).update('\0');
  }
}

function inspect(
  dockerHost: string,
  ref: string,
): { Id: string; Size: number; Config: { Labels: Record<string, string> | null } } | undefined {
  try {
    return (JSON.parse(docker(dockerHost, ['image', 'inspect', ref])) as [{ Id: string; Size: number; Config: { Labels: null } }])[0];
  } catch {
    return undefined;
  }
}

/**
 * Build the base images, then each shell's image.
 * @returns one {@link BuiltImage} per shell, in the order asked.
 * @throws Error when a build step fails (a build script: the message is the tool's output).
 */
export async function buildImages(o: BuildImagesOptions): Promise<BuiltImage[]> {
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const shells = o.only ?? (Object.keys(SHELL_ENTRIES) as ShellName[]);
  const base = spawnSync(join(o.root, 'images/build-base.sh'), [], {
    env: { ...process.env, DOCKER_HOST: o.dockerHost },
    encoding: 'utf8',
  });
  // Its progress lines; everything it printed when it failed.
  for (const line of base.stderr.split('\n').filter((l) => l.startsWith('[build-base]') || base.status !== 0)) log(line);
  if (base.status !== 0) throw new Error(`images/build-base.sh failed (exit ${base.status})`);
  const baseId = docker(o.dockerHost, ['image', 'inspect', '--format', '{{.Id}}', 'jil/node24:24']);
  const revision = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: o.root, encoding: 'utf8' }).trim();
  // A context of its own per call: builds running at the same time (parallel test files) never see each other's files.
  mkdirSync(join(o.root, '.jil/images'), { recursive: true });
  const context = mkdtempSync(join(o.root, '.jil/images/context-'));
  try {
    return await buildInContext(o, shells, context, baseId, revision, log);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

async function buildInContext(
  o: BuildImagesOptions,
  shells: readonly ShellName[],
  context: string,
  baseId: string,
  revision: string,
  log: (line: string) => void,
): Promise<BuiltImage[]> {
  mkdirSync(join(context, 'app'), { recursive: true });
  copyFileSync(join(o.root, 'images/health.mjs'), join(context, 'health.mjs'));
  const dockerfile = join(o.root, 'images/Dockerfile');
  const built: BuiltImage[] = [];
  for (const shell of shells) {
    const pkgDir = SHELL_ENTRIES[shell].split('/src/')[0]!;
    const pkgVersion = (JSON.parse(readFileSync(join(o.root, pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
    const version = o.version ?? `${pkgVersion}-${revision.slice(0, 12)}`;
    const bundled = await bundleShell(o.root, shell, join(context, 'app'));
    const hash = createHash('sha256').update(`${baseId}\0${version}\0${revision}\0`);
    hash.update(readFileSync(dockerfile)).update(readFileSync(join(context, 'health.mjs')));
    hashTree(hash, bundled.dir);
    const inputs = hash.digest('hex');
    const ref = `${imageRepository(shell)}:${version}`;
    const existing = inspect(o.dockerHost, ref);
    const reused = existing?.Config.Labels?.['org.jil.inputs'] === inputs;
    if (!reused) {
      const started = Date.now();
      docker(o.dockerHost, [
        'build',
        '-q',
        '-f',
        dockerfile,
        '--target',
        shell,
        '--build-arg',
        `VERSION=${version}`,
        '--build-arg',
        `REVISION=${revision}`,
        '--build-arg',
        `CREATED=${new Date().toISOString()}`,
        '--build-arg',
        `SOURCE=${process.env['JIL_IMAGE_SOURCE'] ?? 'https://example.invalid/jil'}`,
        '--label',
        `org.jil.inputs=${inputs}`,
        '-t',
        ref,
        '-t',
        `${imageRepository(shell)}:latest`,
        context,
      ]);
      log(`[images] ${ref} built in ${((Date.now() - started) / 1000).toFixed(1)} s (bundle ${(bundled.bytes / 2 ** 20).toFixed(1)} MiB)`);
    } else {
      docker(o.dockerHost, ['tag', ref, `${imageRepository(shell)}:latest`]);
      log(`[images] ${ref} up to date`);
    }
    const image = inspect(o.dockerHost, ref)!;
    built.push({ shell, ref, id: image.Id, size: image.Size, version, revision, reused });
  }
  return built;
}
