import { type ErrorCode, isErrorCode, JilError } from '@jil/core';
import { requireRecord } from '../internal/requireDate.js';

/**
 * The statuses of one node (target) of a distribution job, in the order a target moves through them:
 * - `pending`: the job was created, the node's command not signed yet;
 * - `sent`: HQ signed the node's command and is posting it to the agent;
 * - `deployed`: the agent answered 200 (it deployed), its report has not arrived yet;
 * - `verified` (final): the agent reported the deployment and HQ's RepoDigests check accepted it;
 * - `refused` (final): the agent or HQ refused (a 4xx answer, a refusal report, a digest mismatch);
 * - `failed` (final): the node could not be reached, or the deployment failed.
 */
export const DISTRIBUTION_TARGET_STATUSES = ['pending', 'sent', 'deployed', 'verified', 'refused', 'failed'] as const;

/** One of {@link DISTRIBUTION_TARGET_STATUSES}. */
export type DistributionTargetStatus = (typeof DISTRIBUTION_TARGET_STATUSES)[number];

/** The final target statuses: once there, a target never changes again (late answers and reports are ignored). */
export const FINAL_TARGET_STATUSES = ['verified', 'refused', 'failed'] as const;

/**
 * The statuses of a distribution job: `running` while commands are being sent, `completed` (final) once every target
 * was tried. Agents' reports may still move targets of a completed job to a final status.
 */
export const DISTRIBUTION_JOB_STATUSES = ['running', 'completed'] as const;

/** One of {@link DISTRIBUTION_JOB_STATUSES}. */
export type DistributionJobStatus = (typeof DISTRIBUTION_JOB_STATUSES)[number];

/**
 * The allowed moves of a target, from each status to the statuses it may become. Targets only move forward, in the
 * order of {@link DISTRIBUTION_TARGET_STATUSES}: `pending → sent → deployed → verified | refused | failed`, skipping
 * steps when events race (the agent's report or refusal comes before its 200; an unreachable node fails from
 * `pending`). Final statuses have no moves.
 */
export const TARGET_TRANSITIONS: Readonly<Record<DistributionTargetStatus, readonly DistributionTargetStatus[]>> = Object.freeze({
  pending: Object.freeze(['sent', 'deployed', 'verified', 'refused', 'failed'] as const),
  sent: Object.freeze(['deployed', 'verified', 'refused', 'failed'] as const),
  deployed: Object.freeze(['verified', 'refused', 'failed'] as const),
  verified: Object.freeze([] as const),
  refused: Object.freeze([] as const),
  failed: Object.freeze([] as const),
});

const isTargetStatus = (value: unknown): value is DistributionTargetStatus =>
  typeof value === 'string' && (DISTRIBUTION_TARGET_STATUSES as readonly string[]).includes(value);

function requireTargetStatus(value: unknown, field: string): DistributionTargetStatus {
  if (!isTargetStatus(value)) {
    throw new JilError('INVALID_ARGUMENT', `${field} must be one of ${DISTRIBUTION_TARGET_STATUSES.join(', ')}`, { details: { field } });
  }
  return value;
}

/**
 * True for a final target status (`verified`, `refused`, `failed`).
 * @example
 * import { isFinalTargetStatus } from '@jil/fleet';
 * isFinalTargetStatus('deployed'); // false
 */
export function isFinalTargetStatus(status: unknown): status is (typeof FINAL_TARGET_STATUSES)[number] {
  return typeof status === 'string' && (FINAL_TARGET_STATUSES as readonly string[]).includes(status);
}

/**
 * The distribution-job state machine for one target: the status a target takes when `proposed` happens to it in
 * status `current` — `proposed` when {@link TARGET_TRANSITIONS} allows the move, else `current` unchanged. Answers and
 * reports race (the agent reports before it answers 200), so a move the table does not allow — backwards, sideways,
 * out of a final status — is not an error: it is ignored. HQ stores the new status only when it differs.
 *
 * @param current - the target's stored status.
 * @param proposed - what the event says: `sent` (HQ posts the command), the outcome of the agent's answer
 *   ({@link agentAnswerOutcome}), or of its report (`assessAgentReport`), `failed` for an unreachable node.
 * @returns the next status (one of {@link DISTRIBUTION_TARGET_STATUSES}).
 * @throws JilError `INVALID_ARGUMENT` (details.field = `current` | `proposed`) for a status that is not one of them.
 * @example
 * import { nextTargetStatus } from '@jil/fleet';
 * nextTargetStatus('sent', 'verified'); // 'verified' (the report came first)
 * nextTargetStatus('verified', 'deployed'); // 'verified' (the late 200 changes nothing)
 */
export function nextTargetStatus(current: DistributionTargetStatus, proposed: DistributionTargetStatus): DistributionTargetStatus {
  const from = requireTargetStatus(current, 'current');
  const to = requireTargetStatus(proposed, 'proposed');
  return TARGET_TRANSITIONS[from].includes(to) ? to : from;
}

/** What HQ got back when it posted a command to an agent. */
export interface AgentCommandAnswer {
  /** HTTP status; 0 when the request failed (network error, timeout). */
  httpStatus: number;
  /** `error.code` of the answer's body, if any (untrusted). */
  errorCode?: unknown;
}

/** What an agent's answer means for its target: the proposed status and the code stored with it. */
export interface AgentAnswerOutcome {
  /** `deployed` for 200, `refused` for 4xx, `failed` for anything else (network errors, 3xx, 5xx). */
  status: 'deployed' | 'refused' | 'failed';
  /** The agent's error code when it is a known `ErrorCode`, else `CLIENT_NETWORK` (status 0), `CLIENT_HTTP` (≥ 300) or null. */
  code: ErrorCode | null;
}

/**
 * Maps an agent's answer to a pull command to the target status it proposes and the code HQ stores with it.
 *
 * @param answer - see {@link AgentCommandAnswer}.
 * @returns {@link AgentAnswerOutcome}.
 * @throws JilError `INVALID_ARGUMENT` (details.field = `answer` | `answer.httpStatus`) when `answer` is not an object or
 *   `httpStatus` is not an integer from 0 to 599.
 * @example
 * import { agentAnswerOutcome, nextTargetStatus } from '@jil/fleet';
 * const { status, code } = agentAnswerOutcome({ httpStatus: 409, errorCode: 'FLEET_RELEASE_ROLLBACK' });
 * nextTargetStatus('sent', status); // 'refused'
 */
export function agentAnswerOutcome(answer: AgentCommandAnswer): AgentAnswerOutcome {
  requireRecord(answer, 'answer');
  const { httpStatus, errorCode } = answer;
  if (typeof httpStatus !== 'number' || !Number.isInteger(httpStatus) || httpStatus < 0 || httpStatus > 599) {
    throw new JilError('INVALID_ARGUMENT', 'answer.httpStatus must be an integer from 0 to 599', {
      details: { field: 'answer.httpStatus' },
    });
  }
  const status = httpStatus === 200 ? 'deployed' : httpStatus >= 400 && httpStatus < 500 ? 'refused' : 'failed';
  const code = isErrorCode(errorCode) ? errorCode : httpStatus === 0 ? 'CLIENT_NETWORK' : httpStatus >= 300 ? 'CLIENT_HTTP' : null;
  return { status, code };
}
