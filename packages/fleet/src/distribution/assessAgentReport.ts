import { JilError } from '@jil/core';
import { verifyRepoDigests, type RepoDigest } from '../image/repoDigest.js';
import { requireArray, requireRecord } from '../internal/requireDate.js';
import type { DistributionTargetStatus } from './distributionJob.js';

/** What an agent reports about a command (`verify-deployment`). */
export const AGENT_REPORT_OUTCOMES = ['verified', 'refused', 'failed', 'stopped'] as const;

/** One of {@link AGENT_REPORT_OUTCOMES}. */
export type AgentReportOutcome = (typeof AGENT_REPORT_OUTCOMES)[number];

/** The parts of an agent's report that decide what it counts as. */
export interface AgentReportClaim {
  /** What the agent says it did. */
  outcome: AgentReportOutcome;
  /** The agent's error code for a refusal or failure. */
  code?: string | null | undefined;
  /** The digest the agent says it deployed. */
  digest?: string | undefined;
  /** The engine's `RepoDigests` of the deployed image, as the agent read them. */
  repoDigests?: readonly string[] | undefined;
}

/** What an agent's report counts as at HQ. */
export interface AgentReportAssessment {
  /** The outcome HQ records: the agent's, or `refused` when a `verified` claim does not hold. */
  outcome: AgentReportOutcome;
  /** The code HQ records: the agent's, or `FLEET_DIGEST_MISMATCH` for a `verified` claim that does not hold. */
  code: string | null;
  /** True when HQ records the outcome the agent reported. */
  accepted: boolean;
  /** The status the report proposes for the job's target (see `nextTargetStatus`); null for `stopped` (no target move). */
  targetStatus: DistributionTargetStatus | null;
}

/**
 * HQ's reading of an agent's report: a `verified` report counts only when the reported digest is the release's and
 * the engine's RepoDigests list `repository@digest` of the release's image ({@link verifyRepoDigests}, the same check
 * the agent ran); otherwise HQ records it as `refused` with `FLEET_DIGEST_MISMATCH`. Other outcomes are recorded as
 * reported. A `stopped` report does not move a distribution target.
 *
 * @param report - see {@link AgentReportClaim}.
 * @param release - the release's image (`repository`, `digest`) as HQ stored it, or `undefined` when HQ knows no
 *   such release (a `verified` claim then does not hold).
 * @returns {@link AgentReportAssessment}.
 * @throws JilError `INVALID_ARGUMENT` (details.field) when `report` is not an object, its `outcome` not one of
 *   {@link AGENT_REPORT_OUTCOMES}, its `repoDigests` not an array, or `release` neither undefined nor
 *   `{ repository, digest }` with a `sha256:` digest.
 * @example
 * import { assessAgentReport } from '@jil/fleet';
 * const { outcome, code, targetStatus } = assessAgentReport(
 *   { outcome: 'verified', digest, repoDigests: [`${repository}@${digest}`] },
 *   { repository, digest },
 * ); // 'verified', null, 'verified'
 */
export function assessAgentReport(report: AgentReportClaim, release: RepoDigest | undefined): AgentReportAssessment {
  requireRecord(report, 'report');
  const { outcome, code = null, digest, repoDigests = [] } = report;
  if (typeof outcome !== 'string' || !(AGENT_REPORT_OUTCOMES as readonly string[]).includes(outcome)) {
    throw new JilError('INVALID_ARGUMENT', `report.outcome must be one of ${AGENT_REPORT_OUTCOMES.join(', ')}`, {
      details: { field: 'report.outcome' },
    });
  }
  requireArray(repoDigests, 'report.repoDigests');
  const listed = release === undefined ? undefined : verifyRepoDigests(repoDigests, release);
  const holds = outcome !== 'verified' || (listed?.valid === true && digest === release?.digest);
  const recorded: AgentReportOutcome = holds ? outcome : 'refused';
  return {
    outcome: recorded,
    code: holds ? (typeof code === 'string' ? code : null) : 'FLEET_DIGEST_MISMATCH',
    accepted: holds,
    targetStatus: recorded === 'stopped' ? null : recorded,
  };
}
