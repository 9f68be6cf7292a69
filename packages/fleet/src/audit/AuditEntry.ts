import type { FieldIssue } from '@jil/core';
import { FieldCheck, isRecord } from '../internal/FieldCheck.js';

/** `prev_hash` of the first entry: 64 zeros. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** Domain tag inside every hashed audit entry, and the DSSE payload type of HQ's signature over an entry hash. */
export const AUDIT_ENTRY_TYPE = 'application/vnd.jil.fleet.audit-entry.v1';

/** How an audited action ended. */
export const AUDIT_OUTCOMES = ['ok', 'refused', 'failed'] as const;

/** One of {@link AUDIT_OUTCOMES}. */
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** What the caller records: who did what to which target, and how it ended. */
export interface AuditInput {
  /** RFC 3339 UTC time of the action (kept as text so the hash input never changes). */
  at: string;
  /** Who acted: `admin`, `node:<id>`, `agent:<id>`, `approver:<id>`, `system`. */
  actor: string;
  /** What was done, dotted: `image.sign`, `release.promote`, `distribution.command`, `agent.refused`. */
  action: string;
  /** What it was done to: `image:<name>@<digest>`, `node:<id>`, `release:<id>`. */
  target: string;
  outcome: AuditOutcome;
  /** Secret-free structured context (codes, digests, versions). */
  details: Record<string, unknown>;
}

/**
 * One row of the append-only, hash-chained audit log: `hash` = hex SHA-256 of the RFC 8785 bytes of
 * `{domain, seq, at, actor, action, target, outcome, details, prev_hash}`, and `prev_hash` is the previous row's hash.
 * HQ also signs each hash (`keyid`, `sig`), so rewriting the whole chain needs HQ's key.
 */
export interface AuditEntry extends AuditInput {
  /** 1, 2, 3, … without gaps. */
  seq: number;
  prev_hash: string;
  hash: string;
  /** Keyid of the signing key, when signed. */
  keyid?: string;
  /** Base64 Ed25519 signature over `PAE(AUDIT_ENTRY_TYPE, hash)`, when signed. */
  sig?: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const WORD = /^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,255}$/;

/**
 * Every schema problem of an untrusted audit row (empty when valid).
 * @param entry - a row as read from storage or an export.
 * @returns one issue per bad field.
 * @example
 * import { auditEntryIssues } from '@jil/fleet';
 * auditEntryIssues(row).length === 0;
 */
export function auditEntryIssues(entry: unknown): FieldIssue[] {
  if (!isRecord(entry)) return [{ field: '(entry)', message: 'must be an object', issue: 'invalid_type' }];
  const check = new FieldCheck()
    .only(entry, ['seq', 'at', 'actor', 'action', 'target', 'outcome', 'details', 'prev_hash', 'hash', 'keyid', 'sig'])
    .integer('seq', entry['seq'], 1)
    .timestamp('at', entry['at'])
    .text('actor', entry['actor'], WORD, 'a word')
    .text('action', entry['action'], WORD, 'a word')
    .text('target', entry['target'], WORD, 'a word')
    .oneOf('outcome', entry['outcome'], AUDIT_OUTCOMES)
    .rule('details', isRecord(entry['details']), 'must be an object', 'invalid_type')
    .text('prev_hash', entry['prev_hash'], HEX64, '64 hex digits')
    .text('hash', entry['hash'], HEX64, '64 hex digits');
  if (entry['keyid'] !== undefined || entry['sig'] !== undefined) {
    check.text('keyid', entry['keyid'], HEX64, '64 hex digits').text('sig', entry['sig']);
  }
  return check.issues;
}
