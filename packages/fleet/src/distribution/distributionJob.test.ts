import { isJilError } from '@jil/core';
import { thrown } from '@jil/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIGEST, OTHER_DIGEST, REPOSITORY } from '../testing/fixtures.testutil.js';
import { assessAgentReport } from './assessAgentReport.js';
import {
  agentAnswerOutcome,
  DISTRIBUTION_TARGET_STATUSES,
  FINAL_TARGET_STATUSES,
  isFinalTargetStatus,
  nextTargetStatus,
  TARGET_TRANSITIONS,
  type DistributionTargetStatus,
} from './distributionJob.js';

const status = fc.constantFrom(...DISTRIBUTION_TARGET_STATUSES);
const events = fc.array(status, { maxLength: 30 });
const rank = (s: DistributionTargetStatus): number => DISTRIBUTION_TARGET_STATUSES.indexOf(s);
const run = (from: DistributionTargetStatus, proposed: readonly DistributionTargetStatus[]): DistributionTargetStatus[] => {
  const seen: DistributionTargetStatus[] = [from];
  for (const p of proposed) seen.push(nextTargetStatus(seen.at(-1)!, p));
  return seen;
};

describe('distribution-job state machine', () => {
  it('moves a target pending → sent → deployed → verified, and a late 200 after the report changes nothing', () => {
    expect(run('pending', ['sent', 'deployed', 'verified'])).toEqual(['pending', 'sent', 'deployed', 'verified']);
    expect(run('pending', ['sent', 'verified', 'deployed'])).toEqual(['pending', 'sent', 'verified', 'verified']);
    expect(run('pending', ['sent', 'refused', 'deployed'])).toEqual(['pending', 'sent', 'refused', 'refused']);
    expect(nextTargetStatus('pending', 'failed')).toBe('failed');
    expect(nextTargetStatus('deployed', 'sent')).toBe('deployed');
    expect(nextTargetStatus('deployed', 'pending')).toBe('deployed');
  });

  it('documents every status, and the final ones have no moves', () => {
    expect(Object.keys(TARGET_TRANSITIONS).sort()).toEqual([...DISTRIBUTION_TARGET_STATUSES].sort());
    for (const s of FINAL_TARGET_STATUSES) expect(TARGET_TRANSITIONS[s]).toEqual([]);
    expect(DISTRIBUTION_TARGET_STATUSES.filter(isFinalTargetStatus)).toEqual([...FINAL_TARGET_STATUSES]);
    expect(isFinalTargetStatus(undefined)).toBe(false);
  });

  it('property: no sequence of events leads out of a final status', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FINAL_TARGET_STATUSES), events, (final, proposed) => {
        expect(new Set(run(final, proposed))).toEqual(new Set([final]));
      }),
      { numRuns: 300 },
    );
  });

  it('property: every reachable status is a documented one, reached by an allowed move, never backwards', () => {
    fc.assert(
      fc.property(status, events, (from, proposed) => {
        const seen = run(from, proposed);
        for (const [i, s] of seen.entries()) {
          expect(DISTRIBUTION_TARGET_STATUSES).toContain(s);
          if (i === 0) continue;
          const before = seen[i - 1]!;
          expect(s === before || TARGET_TRANSITIONS[before].includes(s)).toBe(true);
          expect(rank(s)).toBeGreaterThanOrEqual(rank(before));
          expect([before, proposed[i - 1]]).toContain(s);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses statuses that are not documented with INVALID_ARGUMENT', () => {
    for (const bad of [undefined, null, 'running', 'VERIFIED', 0, {}]) {
      expect(thrown(() => nextTargetStatus(bad as DistributionTargetStatus, 'sent'))).toMatchObject({
        code: 'INVALID_ARGUMENT',
        details: { field: 'current' },
      });
      expect(thrown(() => nextTargetStatus('sent', bad as DistributionTargetStatus))).toMatchObject({
        code: 'INVALID_ARGUMENT',
        details: { field: 'proposed' },
      });
    }
  });
});

describe('agentAnswerOutcome', () => {
  it('maps the answer to a pull command to the proposed status and the stored code', () => {
    expect(agentAnswerOutcome({ httpStatus: 200 })).toEqual({ status: 'deployed', code: null });
    expect(agentAnswerOutcome({ httpStatus: 409, errorCode: 'FLEET_RELEASE_ROLLBACK' })).toEqual({
      status: 'refused',
      code: 'FLEET_RELEASE_ROLLBACK',
    });
    expect(agentAnswerOutcome({ httpStatus: 422, errorCode: 'NOT_A_CODE' })).toEqual({ status: 'refused', code: 'CLIENT_HTTP' });
    expect(agentAnswerOutcome({ httpStatus: 0 })).toEqual({ status: 'failed', code: 'CLIENT_NETWORK' });
    expect(agentAnswerOutcome({ httpStatus: 502 })).toEqual({ status: 'failed', code: 'CLIENT_HTTP' });
    expect(agentAnswerOutcome({ httpStatus: 500, errorCode: 'FLEET_ENGINE_ERROR' })).toEqual({
      status: 'failed',
      code: 'FLEET_ENGINE_ERROR',
    });
  });

  it('property: every answer proposes one of deployed, refused, failed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 599 }), fc.anything(), (httpStatus, errorCode) => {
        expect(['deployed', 'refused', 'failed']).toContain(agentAnswerOutcome({ httpStatus, errorCode }).status);
      }),
    );
  });

  it('refuses an answer that is not one with INVALID_ARGUMENT', () => {
    for (const bad of [undefined, [], { httpStatus: '200' }, { httpStatus: 200.5 }, { httpStatus: -1 }, { httpStatus: 600 }]) {
      const error = thrown(() => agentAnswerOutcome(bad as never));
      expect(isJilError(error) && error.code).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('assessAgentReport', () => {
  const release = { repository: REPOSITORY, digest: DIGEST };
  const listed = [`${REPOSITORY}@${DIGEST}`];

  it('a verified report counts when the digest is the release’s and RepoDigests list repository@digest', () => {
    expect(assessAgentReport({ outcome: 'verified', digest: DIGEST, repoDigests: listed }, release)).toEqual({
      outcome: 'verified',
      code: null,
      accepted: true,
      targetStatus: 'verified',
    });
  });

  it('otherwise it is refused with FLEET_DIGEST_MISMATCH', () => {
    const refused = { outcome: 'refused', code: 'FLEET_DIGEST_MISMATCH', accepted: false, targetStatus: 'refused' };
    expect(assessAgentReport({ outcome: 'verified', digest: OTHER_DIGEST, repoDigests: listed }, release)).toEqual(refused);
    expect(assessAgentReport({ outcome: 'verified', digest: DIGEST, repoDigests: [`${REPOSITORY}@${OTHER_DIGEST}`] }, release)).toEqual(
      refused,
    );
    expect(assessAgentReport({ outcome: 'verified', digest: DIGEST }, release)).toEqual(refused);
    expect(assessAgentReport({ outcome: 'verified', digest: DIGEST, repoDigests: listed }, undefined)).toEqual(refused);
  });

  it('other outcomes are recorded as reported; stopped moves no target', () => {
    expect(assessAgentReport({ outcome: 'refused', code: 'FLEET_RELEASE_ROLLBACK' }, release)).toEqual({
      outcome: 'refused',
      code: 'FLEET_RELEASE_ROLLBACK',
      accepted: true,
      targetStatus: 'refused',
    });
    expect(assessAgentReport({ outcome: 'failed', code: 'FLEET_ENGINE_ERROR' }, undefined)).toMatchObject({ targetStatus: 'failed' });
    expect(assessAgentReport({ outcome: 'stopped' }, undefined)).toEqual({
      outcome: 'stopped',
      code: null,
      accepted: true,
      targetStatus: null,
    });
  });

  it('refuses a report that is not one with INVALID_ARGUMENT', () => {
    for (const [report, field] of [
      [null, 'report'],
      [{ outcome: 'deployed' }, 'report.outcome'],
      [{ outcome: 'verified', repoDigests: 'x' }, 'report.repoDigests'],
    ] as const) {
      expect(thrown(() => assessAgentReport(report as never, release))).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field } });
    }
    expect(thrown(() => assessAgentReport({ outcome: 'verified' }, { repository: REPOSITORY, digest: 'sha256:00' }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'expected.digest' },
    });
  });
});
