import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerEngine } from '../engine/DockerEngine.js';
import { HqClient } from '../hq/HqClient.js';
import { AgentAuditLog } from '../state/AgentAuditLog.js';
import { AgentStateStore } from '../state/AgentStateStore.js';
import { DEFAULT_AGENT_JOBS_CONFIG, type AgentJobContext } from './AgentJobContext.js';
import { DockerNodeEngine } from './DockerNodeEngine.js';
import { startJobsHq } from './jobsHq.testutil.js';
import { scheduleAgentJobs } from './scheduleAgentJobs.js';

// The scheduler without Docker: an engine socket that does not exist makes every engine call fail for real
// (ENOENT), which is what a job meets when dockerd is down.
describe('scheduleAgentJobs', () => {
  const secret = randomBytes(32);
  let hq: Awaited<ReturnType<typeof startJobsHq>>;
  let dir: string;
  let ctx: AgentJobContext;

  beforeAll(async () => {
    hq = await startJobsHq(secret);
    dir = await mkdtemp(join(tmpdir(), 'jil-agent-schedule-'));
    const socket = `unix://${join(dir, 'no-docker.sock')}`;
    ctx = {
      nodeId: 'n1',
      trust: hq.trust,
      engine: DockerEngine.fromDockerHost(socket),
      state: await AgentStateStore.open(dir),
      audit: await AgentAuditLog.open(dir),
      hq: new HqClient({ baseUrl: hq.url, nodeId: 'n1', nodeSecret: secret, clock: () => new Date() }),
      container: { name: 'jil-validator' },
      clock: () => new Date(),
      stateDir: dir,
      log: { info: () => undefined, warn: () => undefined },
      node: DockerNodeEngine.fromDockerHost(socket),
      config: { ...DEFAULT_AGENT_JOBS_CONFIG, intervalsMs: { health: 0, maintenance: 0, security_audit: 0, image_update: 0 } },
    };
  });
  afterAll(async () => {
    await hq?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const reports = (job: string) => hq.calls.filter((c) => c.path === '/v1/fleet/nodes/n1/job-reports' && c.body['job'] === job);

  it('a job that throws is reported to HQ as failed, with the engine error code', async () => {
    const jobs = scheduleAgentJobs(ctx);
    const report = await jobs.run('maintenance');
    jobs.stop();
    expect(report).toMatchObject({ job: 'maintenance', status: 'failed', sent: true });
    expect(report.findings).toEqual([
      { rule: 'job_failed', severity: 'critical', message: 'the maintenance job failed', details: { code: 'FLEET_ENGINE_ERROR' } },
    ]);
    expect(reports('maintenance').at(-1)?.body).toMatchObject({ status: 'failed', node_id: 'n1' });
    expect(jobs.last().maintenance?.status).toBe('failed');
  });

  it('concurrent runs of one job share the run under way', async () => {
    const jobs = scheduleAgentJobs(ctx);
    const before = reports('security_audit').length;
    const [a, b] = await Promise.all([jobs.run('security_audit'), jobs.run('security_audit')]);
    jobs.stop();
    expect(a).toBe(b);
    expect(reports('security_audit').length).toBe(before + 1);
  });

  it('runs a job on its interval until stopped', async () => {
    const jobs = scheduleAgentJobs({ ...ctx, config: { ...ctx.config, intervalsMs: { ...ctx.config.intervalsMs, health: 20 } } });
    while (reports('health').length < 2) await sleep(10);
    jobs.stop();
    await jobs.run('health'); // waits for a run under way (or makes one): nothing is in flight afterwards
    const settled = reports('health').length;
    await sleep(100);
    expect(reports('health').length).toBe(settled);
    expect(reports('health').every((r) => r.body['status'] === 'failed' && r.certificate === false)).toBe(true);
  });

  it('refuses a negative interval', () => {
    expect(() => scheduleAgentJobs({ ...ctx, config: { ...ctx.config, intervalsMs: { ...ctx.config.intervalsMs, health: -1 } } })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', details: { field: 'intervalsMs.health' } }),
    );
  });
});
