import { requireArray, requireRecord } from '../internal/requireDate.js';
import { base64Decode, isJilError, verify, type VerificationFailure } from '@jil/core';
import { AUDIT_GENESIS_HASH, auditEntryIssues, type AuditEntry } from './AuditEntry.js';
import { auditEntryHash, auditSignatureMessage } from './appendAuditEntry.js';

/** Options of {@link verifyAuditChain}. */
export interface VerifyAuditChainOptions {
  /** Keys that must have signed every row, by keyid; when given an unsigned row fails. */
  publicKeys?: ReadonlyMap<string, Uint8Array>;
  /** Verify a window that starts after this row (default: from the genesis). */
  after?: { seq: number; hash: string };
}

/** Why {@link verifyAuditChain} stopped. */
export type AuditChainFailure = 'shape' | 'sequence' | 'link' | 'hash' | 'signature';

/** Outcome of {@link verifyAuditChain}. */
export type VerifyAuditChainResult = { valid: true; length: number; head: { seq: number; hash: string } } | AuditChainBroken;

/**
 * A failed {@link verifyAuditChain}: `@jil/core`'s `VerificationFailure` (`check` names the reason, code
 * `FLEET_AUDIT_CHAIN_BROKEN`) with the bad row's `seq` and `index`.
 */
export interface AuditChainBroken extends VerificationFailure<AuditChainFailure, 'FLEET_AUDIT_CHAIN_BROKEN'> {
  seq: number;
  index: number;
  /** @deprecated the same value as `check` (the shared verifier result shape); kept for existing callers. */
  reason: AuditChainFailure;
}

/**
 * Walks the audit log in order and names the first row that was edited, inserted, removed or reordered:
 * `shape` (not an audit row), `sequence` (seq is not the previous + 1), `link` (prev_hash ≠ previous hash),
 * `hash` (content does not hash to `hash`: an edited row), `signature` (HQ's signature missing or invalid: a
 * rewritten chain). Removing the newest rows is only visible against a head kept elsewhere (compare `head`).
 *
 * @param entries - rows in `seq` order (untrusted).
 * @param options - see {@link VerifyAuditChainOptions}.
 * @returns `{ valid: true, length, head }` or `{ valid: false, check, code: 'FLEET_AUDIT_CHAIN_BROKEN', message }` with
 *   the first bad row's `seq` and its `index` in `entries` (`check` names the reason; `reason`, deprecated, repeats it).
 * @example
 * import { verifyAuditChain } from '@jil/fleet';
 * const r = verifyAuditChain(rows, { publicKeys: new Map([[hqKeyid, hqPublicKey]]) });
 * if (!r.valid) console.error(`audit row ${r.seq} was tampered with (${r.check})`);
 */
export function verifyAuditChain(entries: readonly unknown[], options: VerifyAuditChainOptions = {}): VerifyAuditChainResult {
  requireArray(entries, 'entries');
  requireRecord(options ?? {}, 'options');
  let prevSeq = options.after?.seq ?? 0;
  let prevHash = options.after?.hash ?? AUDIT_GENESIS_HASH;
  for (let index = 0; index < entries.length; index++) {
    const raw = entries[index];
    const seqOf = typeof (raw as { seq?: unknown })?.seq === 'number' ? (raw as { seq: number }).seq : prevSeq + 1;
    const fail = (reason: AuditChainFailure, message: string): VerifyAuditChainResult => ({
      valid: false,
      check: reason,
      code: 'FLEET_AUDIT_CHAIN_BROKEN',
      message,
      seq: seqOf,
      index,
      reason,
    });
    if (auditEntryIssues(raw).length > 0) return fail('shape', 'not a well-formed audit row');
    const entry = raw as AuditEntry;
    if (entry.seq !== prevSeq + 1) return fail('sequence', `expected seq ${prevSeq + 1}`);
    if (entry.prev_hash !== prevHash) return fail('link', 'prev_hash does not match the previous row');
    let hash: string;
    try {
      hash = auditEntryHash(entry);
    } catch (error) {
      return fail('hash', isJilError(error) ? error.code : 'details cannot be hashed');
    }
    if (hash !== entry.hash) return fail('hash', 'row content does not match its hash (edited)');
    if (options.publicKeys !== undefined) {
      const key = entry.keyid === undefined ? undefined : options.publicKeys.get(entry.keyid);
      let ok = false;
      try {
        const sig = key === undefined || entry.sig === undefined ? undefined : base64Decode(entry.sig);
        ok = key !== undefined && sig !== undefined && sig.length === 64 && verify(sig, auditSignatureMessage(entry.hash), key);
      } catch {
        ok = false;
      }
      if (!ok) return fail('signature', 'row is not signed by a trusted key');
    }
    prevSeq = entry.seq;
    prevHash = entry.hash;
  }
  return { valid: true, length: entries.length, head: { seq: prevSeq, hash: prevHash } };
}
