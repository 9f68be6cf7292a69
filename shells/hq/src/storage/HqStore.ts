import type { Ed25519Signer } from '@jil/core';
import { AccessKeyRepository } from './AccessKeyRepository.js';
import { AlertRepository } from './AlertRepository.js';
import { CertificateRepository } from './CertificateRepository.js';
import { DeploymentRepository } from './DeploymentRepository.js';
import { ImageRepository } from './ImageRepository.js';
import { JobRepository } from './JobRepository.js';
import { JurisdictionRepository } from './JurisdictionRepository.js';
import { NodeRepository } from './NodeRepository.js';
import { PgAuditLog } from './PgAuditLog.js';
import { ReleaseRepository } from './ReleaseRepository.js';
import { WebhookRepository } from './WebhookRepository.js';
import { PgNonceStore, type Db } from '@jil/server-kit';

/** Every HQ repository over one database. */
export interface HqStore {
  db: Db;
  accessKeys: AccessKeyRepository;
  nonces: PgNonceStore;
  images: ImageRepository;
  releases: ReleaseRepository;
  nodes: NodeRepository;
  certificates: CertificateRepository;
  jurisdictions: JurisdictionRepository;
  jobs: JobRepository;
  deployments: DeploymentRepository;
  audit: PgAuditLog;
  alerts: AlertRepository;
  webhooks: WebhookRepository;
}

/**
 * HQ's repositories over a migrated database (PGlite or PostgreSQL, same SQL).
 * @param db - migrated with `migrateHq`.
 * @param auditSigner - HQ's Ed25519 signer: every audit row's hash is signed with it.
 * @example
 * import { createHqStore, migrateHq } from '@jil/shell-hq';
 * await migrateHq(db);
 * const store = createHqStore(db, hqSigner);
 */
export function createHqStore(db: Db, auditSigner: Ed25519Signer): HqStore {
  return {
    db,
    accessKeys: new AccessKeyRepository(db),
    nonces: new PgNonceStore(db),
    images: new ImageRepository(db),
    releases: new ReleaseRepository(db),
    nodes: new NodeRepository(db),
    certificates: new CertificateRepository(db),
    jurisdictions: new JurisdictionRepository(db),
    jobs: new JobRepository(db),
    deployments: new DeploymentRepository(db),
    audit: new PgAuditLog(db, auditSigner),
    alerts: new AlertRepository(db),
    webhooks: new WebhookRepository(db),
  };
}
