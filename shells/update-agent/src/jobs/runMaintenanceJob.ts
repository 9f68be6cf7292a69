import { copyFile, lstat, mkdir, readdir, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { isJilError } from '@jil/core';
import { agentTempDir, diskUsedRatio, jobReport, type AgentJobContext, type AgentJobReport, type JobFinding } from './AgentJobContext.js';
import type { NodeContainer } from './NodeEngine.js';

/** What the maintenance job did. */
export interface MaintenanceSummary {
  images: { removed: { id: string; size: number }[]; kept: { id: string; reason: string }[] };
  volumes: { removed: string[]; kept: { name: string; reason: string }[] };
  /** `reachable: false` when no container log file could be read from where the agent runs. */
  logs: {
    reachable: boolean;
    checked: number;
    rotated: { container: string; bytes: number; kept_as: string }[];
    unreachable: { container: string; reason: string }[];
  };
  disk: { path: string; used_ratio: number | null }[];
  temp: { dir: string; removed: string[] };
}

/** Anonymous volumes have a random 64-hex name; named ones may hold data and are never pruned. */
const ANONYMOUS_VOLUME = /^[0-9a-f]{64}$/;

async function pruneImages(ctx: AgentJobContext, containers: NodeContainer[]): Promise<MaintenanceSummary['images']> {
  const used = new Set(containers.map((c) => c.imageId));
  const out: MaintenanceSummary['images'] = { removed: [], kept: [] };
  for (const image of await ctx.node.danglingImages(ctx.config.pruneLabels)) {
    if (used.has(image.id)) {
      out.kept.push({ id: image.id, reason: 'in use by a container' });
      continue;
    }
    try {
      await ctx.node.removeImage(image.id); // without force: the engine refuses an image a container uses
      out.removed.push({ id: image.id, size: image.size });
    } catch (error) {
      out.kept.push({
        id: image.id,
        reason: isJilError(error) ? `${error.code} ${String(error.details['status'] ?? '')}`.trim() : 'INTERNAL',
      });
    }
  }
  return out;
}

async function pruneVolumes(ctx: AgentJobContext): Promise<MaintenanceSummary['volumes']> {
  const out: MaintenanceSummary['volumes'] = { removed: [], kept: [] };
  for (const v of await ctx.node.danglingVolumes(ctx.config.pruneLabels)) {
    if (!ANONYMOUS_VOLUME.test(v.name)) {
      out.kept.push({ name: v.name, reason: 'named volume' });
      continue;
    }
    try {
      await ctx.node.removeVolume(v.name);
      out.removed.push(v.name);
    } catch (error) {
      out.kept.push({ name: v.name, reason: isJilError(error) ? error.code : 'INTERNAL' });
    }
  }
  return out;
}

/**
 * Copy-truncate rotation: dockerd keeps the json-file log open, so the file is copied to `<log>.1` (replacing the
 * previous one) and truncated in place.
 */
async function rotateLogs(ctx: AgentJobContext, containers: NodeContainer[]): Promise<MaintenanceSummary['logs']> {
  const out: MaintenanceSummary['logs'] = { reachable: false, checked: 0, rotated: [], unreachable: [] };
  for (const c of containers) {
    if (c.logPath === null) {
      out.unreachable.push({ container: c.name, reason: 'no log file (log driver is not json-file or local)' });
      continue;
    }
    let size: number;
    try {
      size = (await stat(c.logPath)).size;
    } catch (error) {
      out.unreachable.push({ container: c.name, reason: `${(error as { code?: string }).code ?? 'ERROR'}: ${c.logPath}` });
      continue;
    }
    out.reachable = true;
    out.checked += 1;
    if (size <= ctx.config.logRotateBytes) continue;
    const keptAs = `${c.logPath}.1`;
    await copyFile(c.logPath, keptAs);
    await truncate(c.logPath, 0);
    out.rotated.push({ container: c.name, bytes: size, kept_as: keptAs });
  }
  return out;
}

async function removeOldTempFiles(ctx: AgentJobContext): Promise<MaintenanceSummary['temp']> {
  const dir = agentTempDir(ctx);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const cutoff = ctx.clock().getTime() - ctx.config.tempMaxAgeMs;
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    const s = await lstat(path).catch(() => undefined);
    if (s === undefined || s.mtimeMs >= cutoff) continue;
    await rm(path, { recursive: true, force: true });
    removed.push(name);
  }
  return { dir, removed };
}

/**
 * The maintenance job (daily): removes dangling images that no container uses (never with force) and dangling
 * anonymous volumes (named volumes are kept: they may hold data), rotates container log files above
 * `logRotateBytes` (100 MiB; copy-truncate) — and says so when the engine's log files are not reachable from where the
 * agent runs —, warns when a disk is more than `diskWarningRatio` (85 %) used, and removes files older than
 * `tempMaxAgeMs` (7 days) from the agent's own temporary folder.
 *
 * @param ctx - see {@link AgentJobContext}.
 * @returns the report: `disk_warning` (warning) per disk above the ratio, `log_files_unreachable` (info) when no log
 *   file could be read, `log_rotated` (info) per rotated log.
 * @throws JilError `FLEET_ENGINE_ERROR` when the engine cannot list containers, images or volumes.
 * @see DESIGN.md §Fleet; issue 14 §Self-maintaining nodes
 * @example
 * import { runMaintenanceJob } from '@jil/shell-update-agent';
 * const report = await runMaintenanceJob(ctx);
 */
export async function runMaintenanceJob(ctx: AgentJobContext): Promise<AgentJobReport<MaintenanceSummary>> {
  const startedAt = ctx.clock();
  // An image is in use when any container on the engine uses it, whatever `containerLabels` says.
  const images = await pruneImages(ctx, await ctx.node.listContainers());
  const containers = await ctx.node.listContainers(ctx.config.containerLabels);
  const volumes = await pruneVolumes(ctx);
  const logs = await rotateLogs(ctx, containers);
  const temp = await removeOldTempFiles(ctx);
  const paths = [ctx.stateDir, await ctx.node.dockerRootDir()];
  const disk = await Promise.all(paths.map(async (path) => ({ path, used_ratio: await diskUsedRatio(path) })));
  const findings: JobFinding[] = [];
  for (const d of disk) {
    if (d.used_ratio !== null && d.used_ratio > ctx.config.diskWarningRatio)
      findings.push({
        rule: 'disk_warning',
        severity: 'warning',
        message: `${d.path} is ${Math.round(d.used_ratio * 100)} % full`,
        details: { path: d.path, used_ratio: d.used_ratio, threshold: ctx.config.diskWarningRatio },
      });
  }
  if (!logs.reachable && containers.length > 0)
    findings.push({
      rule: 'log_files_unreachable',
      severity: 'info',
      message: 'the engine’s container log files are not reachable from the agent; log rotation was not done',
      details: { unreachable: logs.unreachable.slice(0, 16) },
    });
  for (const r of logs.rotated)
    findings.push({ rule: 'log_rotated', severity: 'info', message: `rotated the log of ${r.container}`, details: { ...r } });
  return jobReport(ctx, 'maintenance', startedAt, findings, { images, volumes, logs, disk, temp });
}
