import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sourceExportNames } from '@jil/testkit';
import * as fleet from './index.js';

describe('@jil/fleet public surface', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(fleet).sort()).toEqual(
      [
        'ALERT_RULES',
        'AUDIT_ENTRY_TYPE',
        'AUDIT_GENESIS_HASH',
        'AUDIT_OUTCOMES',
        'COMMAND_ACTIONS',
        'COMMAND_NONCE',
        'COMMAND_PAYLOAD_TYPE',
        'DEFAULT_ALERT_THRESHOLDS',
        'DEFAULT_WEBHOOK_RETRY',
        'FLEET_CHECKS',
        'IMAGE_SIGNATURE_PAYLOAD_TYPE',
        'JURISDICTION',
        'MANIFEST_ACCEPT',
        'MANIFEST_MEDIA_TYPES',
        'MAX_COMMAND_TTL_MS',
        'MAX_RELEASE_TTL_MS',
        'MIN_APPROVALS',
        'RELEASE_PAYLOAD_TYPE',
        'TRACKS',
        'WEBHOOK_HEADERS',
        'addApproval',
        'appendAuditEntry',
        'approveRelease',
        'auditEntryHash',
        'auditEntryIssues',
        'auditSignatureMessage',
        'buildAgentRequest',
        'checkSignatures',
        'commandBodyIssues',
        'createCertificateAuthority',
        'createCommandBody',
        'createCrl',
        'createReleaseBody',
        'createTrustPolicy',
        'evaluateAlerts',
        'generateNodeKey',
        'imageSignatureBodyIssues',
        'isDigest',
        'isRetryableDelivery',
        'issueNodeCertificate',
        'loadTrustPolicy',
        'manifestDigest',
        'openEnvelope',
        'parseImageReference',
        'reconcileAlerts',
        'releaseBodyIssues',
        'signCommand',
        'signImage',
        'signRelease',
        'signWebhook',
        'transportFieldsOf',
        'transportSignature',
        'verifyAgentRequest',
        'verifyAuditChain',
        'verifyImageSignature',
        'verifyNodeCertificate',
        'verifyRelease',
        'verifyTransportSignature',
        'verifyWebhook',
        'webhookRetryDelays',
      ].sort(),
    );
  });

  it('every exported function and constant has TSDoc at its declaration', () => {
    const index = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
    const files = [...index.matchAll(/from '(\.\/[^']+)\.js'/g)].map((m) => new URL(`${m[1]}.ts`, import.meta.url));
    const undocumented: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /(?:^|\n)((?:\/\*\*[\s\S]*?\*\/\s*)?)export (?:async )?(?:function|const|interface|type|class) (\w+)/g,
      )) {
        if (m[1] === '') undocumented.push(m[2]!);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('exports exactly these types', () => {
    expect(sourceExportNames(new URL('./index.ts', import.meta.url)).types).toEqual([
      'AcceptedRelease',
      'AgentRequest',
      'AlertChanges',
      'AlertCondition',
      'AlertRule',
      'AlertSeverity',
      'AlertThresholds',
      'AuditChainBroken',
      'AuditChainFailure',
      'AuditEntry',
      'AuditInput',
      'AuditOutcome',
      'BuildAgentRequestParameters',
      'CertificateAuthority',
      'CheckedSigners',
      'CommandAction',
      'CommandBody',
      'CreateCommandBodyParameters',
      'CreateReleaseBodyParameters',
      'CreateTrustPolicyParameters',
      'EvaluateAlertsOptions',
      'FleetCheck',
      'FleetFailure',
      'FleetTrustPolicy',
      'ImageRecord',
      'ImageReference',
      'ImageSignatureBody',
      'IssueNodeCertificateParameters',
      'IssuedNodeCertificate',
      'NodeCertificateCheck',
      'NodeHealth',
      'OpenAlert',
      'OpenedEnvelope',
      'ReleaseBody',
      'ReleaseImage',
      'RevokedCertificate',
      'Track',
      'TransportFields',
      'TrustKeyring',
      'TrustedApprover',
      'VerifiedAgentRequest',
      'VerifiedImageSignature',
      'VerifiedRelease',
      'VerifyAgentRequestOptions',
      'VerifyAuditChainOptions',
      'VerifyAuditChainResult',
      'VerifyImageSignatureOptions',
      'VerifyNodeCertificateOptions',
      'VerifyNodeCertificateResult',
      'VerifyReleaseOptions',
      'WebhookRetryPolicy',
    ]);
  });
});
