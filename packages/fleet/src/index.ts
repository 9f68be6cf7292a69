/**
 * @jil/fleet — the fleet control plane's formats and policy, pure and offline: image signatures, per-track release
 * metadata with approvals, signed agent commands with their transport HMAC, the distribution-job state machine and
 * the RepoDigests check, the hash-chained audit log, alert rules, webhook signing and retries, and the node
 * certificate authority. No HTTP, no Docker, no database: the HQ and update-agent shells wire these to the world.
 * The export names are locked by `index.test.ts`.
 */
export { FLEET_CHECKS, type FleetCheck, type FleetFailure } from './envelope/FleetFailure.js';
export { openEnvelope, type OpenedEnvelope } from './envelope/openEnvelope.js';
export { checkSignatures, type CheckedSigners } from './envelope/checkSignatures.js';
export {
  MIN_APPROVALS,
  TRACKS,
  type FleetTrustPolicy,
  type Track,
  type TrustedApprover,
  type TrustKeyring,
} from './trust/FleetTrustPolicy.js';
export { createTrustPolicy, type CreateTrustPolicyParameters } from './trust/createTrustPolicy.js';
export { loadTrustPolicy } from './trust/loadTrustPolicy.js';
export { isDigest, MANIFEST_ACCEPT, MANIFEST_MEDIA_TYPES, manifestDigest } from './image/manifestDigest.js';
export { parseImageReference, type ImageReference } from './image/parseImageReference.js';
export { parseRepoDigest, verifyRepoDigests, type RepoDigest, type VerifiedRepoDigest } from './image/repoDigest.js';
export {
  IMAGE_SIGNATURE_PAYLOAD_TYPE,
  imageSignatureBodyIssues,
  type ImageRecord,
  type ImageSignatureBody,
} from './image/ImageSignatureBody.js';
export { signImage } from './image/signImage.js';
export {
  verifyImageSignature,
  type VerifiedImageSignature,
  type VerifyImageSignatureOptions,
} from './image/verifyImageSignature.js';
export {
  MAX_RELEASE_TTL_MS,
  RELEASE_PAYLOAD_TYPE,
  releaseBodyIssues,
  type ReleaseBody,
  type ReleaseImage,
} from './release/ReleaseBody.js';
export { createReleaseBody, type CreateReleaseBodyParameters } from './release/createReleaseBody.js';
export { signRelease } from './release/signRelease.js';
export { approveRelease } from './release/approveRelease.js';
export { addApproval } from './release/addApproval.js';
export { releaseApprovals, type ReleaseApprovals } from './release/releaseApprovals.js';
export {
  verifyRelease,
  type AcceptedRelease,
  type VerifiedRelease,
  type VerifyReleaseOptions,
} from './release/verifyRelease.js';
export {
  agentAnswerOutcome,
  DISTRIBUTION_JOB_STATUSES,
  DISTRIBUTION_TARGET_STATUSES,
  FINAL_TARGET_STATUSES,
  isFinalTargetStatus,
  nextTargetStatus,
  TARGET_TRANSITIONS,
  type AgentCommandAnswer,
  type AgentAnswerOutcome,
  type DistributionJobStatus,
  type DistributionTargetStatus,
} from './distribution/distributionJob.js';
export {
  AGENT_REPORT_OUTCOMES,
  assessAgentReport,
  type AgentReportAssessment,
  type AgentReportClaim,
  type AgentReportOutcome,
} from './distribution/assessAgentReport.js';
export {
  COMMAND_ACTIONS,
  COMMAND_NONCE,
  COMMAND_PAYLOAD_TYPE,
  commandBodyIssues,
  MAX_COMMAND_TTL_MS,
  type CommandAction,
  type CommandBody,
} from './command/CommandBody.js';
export { createCommandBody, type CreateCommandBodyParameters } from './command/createCommandBody.js';
export { signCommand } from './command/signCommand.js';
export { transportSignature, verifyTransportSignature, type TransportFields } from './command/transportSignature.js';
export {
  buildAgentRequest,
  transportFieldsOf,
  type AgentRequest,
  type BuildAgentRequestParameters,
} from './command/AgentRequest.js';
export {
  verifyAgentRequest,
  type VerifiedAgentRequest,
  type VerifyAgentRequestOptions,
} from './command/verifyAgentRequest.js';
export {
  AUDIT_ENTRY_TYPE,
  AUDIT_GENESIS_HASH,
  AUDIT_OUTCOMES,
  auditEntryIssues,
  type AuditEntry,
  type AuditInput,
  type AuditOutcome,
} from './audit/AuditEntry.js';
export { appendAuditEntry, auditEntryHash, auditSignatureMessage } from './audit/appendAuditEntry.js';
export {
  verifyAuditChain,
  type AuditChainBroken,
  type AuditChainFailure,
  type VerifyAuditChainOptions,
  type VerifyAuditChainResult,
} from './audit/verifyAuditChain.js';
export {
  ALERT_RULES,
  DEFAULT_ALERT_THRESHOLDS,
  evaluateAlerts,
  type AlertCondition,
  type AlertRule,
  type AlertSeverity,
  type AlertThresholds,
  type EvaluateAlertsOptions,
  type NodeHealth,
} from './alerts/evaluateAlerts.js';
export { reconcileAlerts, type AlertChanges, type OpenAlert } from './alerts/reconcileAlerts.js';
export { signWebhook, verifyWebhook, WEBHOOK_HEADERS } from './webhook/signWebhook.js';
export {
  DEFAULT_WEBHOOK_RETRY,
  isRetryableDelivery,
  webhookRetryDelays,
  type WebhookRetryPolicy,
} from './webhook/webhookRetryDelays.js';
export { createCertificateAuthority, type CertificateAuthority } from './ca/createCertificateAuthority.js';
export { generateNodeKey } from './ca/generateNodeKey.js';
export {
  issueNodeCertificate,
  JURISDICTION,
  type IssuedNodeCertificate,
  type IssueNodeCertificateParameters,
} from './ca/issueNodeCertificate.js';
export { createCrl, type RevokedCertificate } from './ca/createCrl.js';
export { verifyCrl, type CrlCheck, type VerifyCrlResult } from './ca/verifyCrl.js';
export {
  verifyNodeCertificate,
  type NodeCertificateCheck,
  type VerifyNodeCertificateOptions,
  type VerifyNodeCertificateResult,
} from './ca/verifyNodeCertificate.js';
