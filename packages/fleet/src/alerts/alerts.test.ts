import { describe, expect, it } from 'vitest';
import { evaluateAlerts, type NodeHealth } from './evaluateAlerts.js';
import { reconcileAlerts } from './reconcileAlerts.js';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const ago = (ms: number): string => new Date(NOW.getTime() - ms).toISOString();
const DAY = 86_400_000;
const SIGNED = `sha256:${'ab'.repeat(32)}`;
const healthy: NodeHealth = {
  node_id: 'n1',
  status: 'active',
  enrolled_at: ago(DAY),
  last_heartbeat_at: ago(60_000),
  certificate_not_after: ago(-90 * DAY),
  running_digest: SIGNED,
  services: [{ name: 'validator', state: 'running' }],
  disk_used_ratio: 0.5,
};
const rules = (node: Partial<NodeHealth>) =>
  evaluateAlerts([{ ...healthy, ...node }], { now: NOW, signedDigests: new Set([SIGNED]) }).map((c) => `${c.rule}:${c.severity}`);

describe('alert rules', () => {
  it('a healthy node raises nothing; revoked and stopped nodes are not evaluated', () => {
    expect(rules({})).toEqual([]);
    expect(rules({ status: 'revoked', last_heartbeat_at: ago(DAY) })).toEqual([]);
  });

  it('heartbeat stale after more than 5 minutes (edge excluded), or never after enrolment', () => {
    expect(rules({ last_heartbeat_at: ago(300_000) })).toEqual([]);
    expect(rules({ last_heartbeat_at: ago(300_001) })).toEqual(['heartbeat_stale:critical']);
    const { last_heartbeat_at: _, ...never } = healthy;
    expect(evaluateAlerts([never], { now: NOW, signedDigests: new Set([SIGNED]) })[0]).toMatchObject({
      rule: 'heartbeat_stale',
      message: 'no heartbeat since enrolment',
    });
  });

  it('certificate expiring: < 30 days warning, < 7 days and expired critical', () => {
    expect(rules({ certificate_not_after: ago(-30 * DAY) })).toEqual([]);
    expect(rules({ certificate_not_after: ago(-29 * DAY) })).toEqual(['certificate_expiring:warning']);
    expect(rules({ certificate_not_after: ago(-6 * DAY) })).toEqual(['certificate_expiring:critical']);
    expect(rules({ certificate_not_after: ago(DAY) })).toEqual(['certificate_expiring:critical']);
  });

  it('unsigned image, service down, disk above 90 %', () => {
    expect(rules({ running_digest: `sha256:${'00'.repeat(32)}` })).toEqual(['unsigned_image:critical']);
    expect(
      rules({
        services: [
          { name: 'validator', state: 'exited' },
          { name: 'relay', state: 'running' },
        ],
      }),
    ).toEqual(['service_down:critical']);
    expect(rules({ disk_used_ratio: 0.9 })).toEqual([]);
    expect(rules({ disk_used_ratio: 0.91 })).toEqual(['disk_full:warning']);
  });

  it('reconcile: opens once, escalates, and resolves itself when the condition clears', () => {
    const warn = evaluateAlerts([{ ...healthy, certificate_not_after: ago(-20 * DAY) }], { now: NOW, signedDigests: new Set([SIGNED]) });
    const first = reconcileAlerts([], warn);
    expect(first.opened.map((c) => c.key)).toEqual(['certificate_expiring:n1']);
    const open = first.opened.map((c) => ({ key: c.key, severity: c.severity }));
    expect(reconcileAlerts(open, warn)).toEqual({ opened: [], resolved: [], changed: [] });
    const crit = evaluateAlerts([{ ...healthy, certificate_not_after: ago(-2 * DAY) }], { now: NOW, signedDigests: new Set([SIGNED]) });
    expect(reconcileAlerts(open, crit).changed.map((c) => c.severity)).toEqual(['critical']);
    expect(reconcileAlerts(open, [])).toEqual({ opened: [], resolved: ['certificate_expiring:n1'], changed: [] });
  });

  it('refuses bad thresholds and dates', () => {
    expect(() => evaluateAlerts([], { now: new Date('x'), signedDigests: new Set() })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => evaluateAlerts([], { now: NOW, signedDigests: new Set(), thresholds: { diskUsedRatio: 0 } })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
