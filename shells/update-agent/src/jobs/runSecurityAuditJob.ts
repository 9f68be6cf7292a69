import { isJilError } from '@jil/core';
import { verifyRepoDigests } from '@jil/fleet';
import { jobReport, type AgentJobContext, type AgentJobReport, type JobFinding } from './AgentJobContext.js';
import { fetchSignedReleases } from './fetchSignedReleases.js';

/** What the security audit checked. */
export interface SecurityAuditSummary {
  /** Running containers and whether a verified release names their image; `null` when HQ's records were unavailable. */
  digests: { container: string; repo_digests: string[]; signed: boolean; release_id: string | null }[] | null;
  /** Release records that did not verify against the agent's trust policy. */
  refused_releases: { release_id: string | null; check: string; code: string }[];
  certificate: { serial_number: string; not_after: string; days_left: number } | null;
  root_containers: string[];
  unexpected_ports: { container: string; host_ip: string; host_port: number; container_port: number; protocol: string }[];
}

const DAY = 86_400_000;

/** `Config.User` empty, `0`, `root`, or a `0:`/`root:` user:group is root. */
export const runsAsRoot = (user: string): boolean => /^(?:|0|root)(?::.*)?$/.test(user.trim());

/**
 * The security audit (every 6 h), over every running container:
 * - its image's `RepoDigests` against HQ's release records, each verified offline with the agent's pinned policy
 *   (`fetchSignedReleases`) and matched with `verifyRepoDigests` — else `unsigned_image` (critical);
 * - the node certificate's expiry — `certificate_expiring` (warning, critical once expired) within
 *   `certificateWarningMs` (14 days), `certificate_missing` (warning) before the first registration;
 * - `Config.User` empty or 0 — `container_runs_as_root` (warning);
 * - published host ports outside `allowedPorts` — `unexpected_port` (warning).
 * HQ unreachable: `releases_unavailable` (warning) and the digest check is skipped, the rest still runs.
 *
 * @param ctx - see {@link AgentJobContext}.
 * @returns the report.
 * @throws JilError `FLEET_ENGINE_ERROR` when the engine cannot list containers.
 * @see DESIGN.md §Fleet; issue 14 §Self-maintaining nodes
 * @example
 * import { runSecurityAuditJob } from '@jil/shell-update-agent';
 * const report = await runSecurityAuditJob(ctx);
 */
export async function runSecurityAuditJob(ctx: AgentJobContext): Promise<AgentJobReport<SecurityAuditSummary>> {
  const startedAt = ctx.clock();
  const running = (await ctx.node.listContainers(ctx.config.containerLabels)).filter((c) => c.state === 'running');
  const findings: JobFinding[] = [];
  const summary: SecurityAuditSummary = {
    digests: null,
    refused_releases: [],
    certificate: null,
    root_containers: [],
    unexpected_ports: [],
  };

  let releases: Awaited<ReturnType<typeof fetchSignedReleases>> | undefined;
  try {
    releases = await fetchSignedReleases(ctx);
  } catch (error) {
    findings.push({
      rule: 'releases_unavailable',
      severity: 'warning',
      message: 'HQ’s release records could not be fetched; digests were not checked',
      details: { code: isJilError(error) ? error.code : 'INTERNAL' },
    });
  }
  if (releases !== undefined) {
    summary.refused_releases = releases.refused;
    summary.digests = [];
    for (const c of running) {
      const repoDigests = await ctx.node.imageRepoDigests(c.imageId);
      const match = releases.verified.find(
        (r) => verifyRepoDigests(repoDigests, { repository: r.body.image.repository, digest: r.body.image.digest }).valid,
      );
      summary.digests.push({
        container: c.name,
        repo_digests: repoDigests,
        signed: match !== undefined,
        release_id: match?.body.release_id ?? null,
      });
      if (match === undefined)
        findings.push({
          rule: 'unsigned_image',
          severity: 'critical',
          message: `${c.name} runs an image no signed release names`,
          details: { container: c.name, image_id: c.imageId, repo_digests: repoDigests },
        });
    }
  }

  const cert = ctx.state.data.certificate;
  if (cert === undefined) {
    findings.push({ rule: 'certificate_missing', severity: 'warning', message: 'the node has no certificate yet', details: {} });
  } else {
    const left = Date.parse(cert.not_after) - ctx.clock().getTime();
    summary.certificate = { serial_number: cert.serial_number, not_after: cert.not_after, days_left: Math.floor(left / DAY) };
    if (!(left >= ctx.config.certificateWarningMs))
      findings.push({
        rule: 'certificate_expiring',
        severity: left <= 0 ? 'critical' : 'warning',
        message: left <= 0 ? 'the node certificate has expired' : `the node certificate expires in ${Math.floor(left / DAY)} days`,
        details: { serial_number: cert.serial_number, not_after: cert.not_after },
      });
  }

  const allowed = new Set(ctx.config.allowedPorts);
  for (const c of running) {
    if (runsAsRoot(c.user)) {
      summary.root_containers.push(c.name);
      findings.push({
        rule: 'container_runs_as_root',
        severity: 'warning',
        message: `${c.name} runs as root`,
        details: { container: c.name, user: c.user },
      });
    }
    for (const p of c.ports) {
      if (allowed.has(p.hostPort)) continue;
      const port = { container: c.name, host_ip: p.hostIp, host_port: p.hostPort, container_port: p.containerPort, protocol: p.protocol };
      summary.unexpected_ports.push(port);
      findings.push({
        rule: 'unexpected_port',
        severity: 'warning',
        message: `${c.name} publishes port ${p.hostPort}/${p.protocol}`,
        details: port,
      });
    }
  }
  return jobReport(ctx, 'security_audit', startedAt, findings, summary);
}
