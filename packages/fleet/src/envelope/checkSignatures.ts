import { requireArray, requireRecord } from '../internal/requireDate.js';
import { base64Decode, pae, verify, type DsseEnvelope } from '@jil/core';
import type { TrustKeyring } from '../trust/FleetTrustPolicy.js';
import { fleetFailure, type FleetFailure } from './FleetFailure.js';

/** Who signed an envelope, once every signature verified. */
export interface CheckedSigners {
  valid: true;
  /** Keyids of the HQ keys that signed (at least one). */
  hqKeyids: string[];
  /** Distinct approver ids whose keys signed (empty unless `allowApprovers`). */
  approverIds: string[];
}

/**
 * Verifies every signature of `envelope` over `PAE(payloadType, payloadBytes)` against the pinned keys — no 1-of-n:
 * one unknown keyid, duplicated keyid or invalid signature fails the whole envelope — and requires at least one HQ
 * signature. Approver signatures count only where `allowApprovers` is set (release metadata).
 *
 * @param envelope - a DSSE envelope whose shape was checked (see `openEnvelope`).
 * @param payloadBytes - the decoded payload bytes.
 * @param trust - the pinned {@link TrustKeyring}.
 * @param allowApprovers - accept approver keys besides HQ's (default false).
 * @returns the signers, or a `signature` {@link FleetFailure} (`FLEET_SIGNATURE_INVALID`, `details.keyid`).
 * @see DSSE protocol.md (PAE); RFC 8032 §5.1.7
 * @example
 * import { checkSignatures, openEnvelope } from '@jil/fleet';
 * const signers = checkSignatures(opened.envelope, opened.payloadBytes, trust, true);
 */
export function checkSignatures(
  envelope: DsseEnvelope,
  payloadBytes: Uint8Array,
  trust: TrustKeyring,
  allowApprovers = false,
): CheckedSigners | FleetFailure {
  requireRecord(envelope, 'envelope');
  requireArray(envelope['signatures'], 'envelope.signatures');
  requireRecord(trust, 'trust');
  const message = pae(envelope.payloadType, payloadBytes);
  const seen = new Set<string>();
  const hqKeyids: string[] = [];
  const approverIds: string[] = [];
  for (const { keyid, sig } of envelope.signatures) {
    if (seen.has(keyid)) return fleetFailure('signature', 'FLEET_SIGNATURE_INVALID', 'the same key signed twice', { keyid });
    seen.add(keyid);
    const hqKey = trust.hq.get(keyid);
    const approver = allowApprovers ? trust.approvers.get(keyid) : undefined;
    const publicKey = hqKey ?? approver?.publicKey;
    if (publicKey === undefined) return fleetFailure('signature', 'FLEET_SIGNATURE_INVALID', 'signature from a key the trust policy does not list', { keyid });
    const signature = base64Decode(sig);
    if (signature.length !== 64 || !verify(signature, message, publicKey)) {
      return fleetFailure('signature', 'FLEET_SIGNATURE_INVALID', 'signature does not verify', { keyid });
    }
    if (hqKey !== undefined) hqKeyids.push(keyid);
    else if (approver !== undefined && !approverIds.includes(approver.approverId)) approverIds.push(approver.approverId);
  }
  if (hqKeyids.length === 0) return fleetFailure('signature', 'FLEET_SIGNATURE_INVALID', 'HQ did not sign it');
  return { valid: true, hqKeyids, approverIds };
}
