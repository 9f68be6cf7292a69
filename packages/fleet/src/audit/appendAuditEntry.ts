import { requireRecord } from '../internal/requireDate.js';
import { base64Encode, canonicalBytes, JilError, pae, sha256Hex, utf8ToBytes } from '@jil/core';
import type { DsseSigner } from '@jil/core';
import { AUDIT_ENTRY_TYPE, AUDIT_GENESIS_HASH, auditEntryIssues, type AuditEntry, type AuditInput } from './AuditEntry.js';

/**
 * The hash of an audit row: hex SHA-256 of the RFC 8785 bytes of its content and `prev_hash`, under the domain tag
 * {@link AUDIT_ENTRY_TYPE}.
 * @param entry - the row without `hash`, `keyid`, `sig`.
 * @returns 64 lower-case hex digits.
 * @throws JilError `CANONICAL_*` when `details` is not I-JSON.
 * @example
 * import { auditEntryHash } from '@jil/fleet';
 * auditEntryHash({ seq: 1, at, actor: 'admin', action: 'node.create', target: 'node:n1', outcome: 'ok', details: {},
 *   prev_hash: '0'.repeat(64) });
 */
export function auditEntryHash(entry: Omit<AuditEntry, 'hash' | 'keyid' | 'sig'>): string {
  requireRecord(entry, 'entry');
  const { seq, at, actor, action, target, outcome, details, prev_hash } = entry;
  return sha256Hex(canonicalBytes({ domain: AUDIT_ENTRY_TYPE, seq, at, actor, action, target, outcome, details, prev_hash }));
}

/** The message HQ signs for an audit row: `PAE(AUDIT_ENTRY_TYPE, utf8(hash))`. */
export function auditSignatureMessage(hash: string): Uint8Array {
  return pae(AUDIT_ENTRY_TYPE, utf8ToBytes(hash));
}

/**
 * The next row of the chain after `previous` (or the first row): `seq` + 1, `prev_hash` = `previous.hash`, its own
 * hash, and HQ's signature over the hash when `signer` is given. Pure: storage appends it in one transaction.
 *
 * @param previous - the current last row, or `undefined` for an empty log.
 * @param input - see {@link AuditInput}; `details` is copied.
 * @param signer - optional Ed25519 signer (HQ's audit key).
 * @returns the new {@link AuditEntry}.
 * @throws JilError `INVALID_ARGUMENT` listing every bad field; `CANONICAL_*` for non-I-JSON details.
 * @example
 * import { appendAuditEntry } from '@jil/fleet';
 * const row = appendAuditEntry(last, { at: new Date().toISOString(), actor: 'admin', action: 'image.sign',
 *   target: 'image:validator', outcome: 'ok', details: { digest } }, hqSigner);
 */
export function appendAuditEntry(previous: AuditEntry | undefined, input: AuditInput, signer?: DsseSigner): AuditEntry {
  if (previous !== undefined) requireRecord(previous, 'previous');
  requireRecord(input, 'input');
  if (input === null || typeof input !== 'object')
    throw new JilError('INVALID_ARGUMENT', 'input must be an object', { details: { field: 'input' } });
  const base = {
    seq: previous === undefined ? 1 : previous.seq + 1,
    at: input.at,
    actor: input.actor,
    action: input.action,
    target: input.target,
    outcome: input.outcome,
    details: structuredClone(input.details),
    prev_hash: previous === undefined ? AUDIT_GENESIS_HASH : previous.hash,
  };
  const hash = auditEntryHash(base);
  const entry: AuditEntry =
    signer === undefined
      ? { ...base, hash }
      : { ...base, hash, keyid: signer.keyid, sig: base64Encode(signer.sign(auditSignatureMessage(hash))) };
  const issues = auditEntryIssues(entry);
  if (issues.length > 0) throw new JilError('INVALID_ARGUMENT', 'invalid audit entry', { details: { fields: issues } });
  return entry;
}
