import { requireArray, requireRecord } from '../internal/requireDate.js';
import { pae, verify, verifyDsseSignatures, type DsseEnvelope } from '@jil/core';
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
 * signature. Approver signatures count only where `allowApprovers` is set (release metadata). The signature loop is
 * `@jil/core`'s `verifyDsseSignatures` with the trust policy as key policy.
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
  const seen = new Set<string>();
  type Signer = { keyid: string; approverId?: string };
  const checked = verifyDsseSignatures<Signer, FleetFailure>(
    { pae: pae(envelope.payloadType, payloadBytes), signatures: envelope.signatures },
    {
      key: ({ keyid }) => {
        if (seen.has(keyid)) return fleetFailure('signature', 'FLEET_SIGNATURE_INVALID', 'the same key signed twice', { keyid });
        seen.add(keyid);
        const hqKey = trust.hq.get(keyid);
        const approver = allowApprovers && hqKey === undefined ? trust.approvers.get(keyid) : undefined;
        const publicKey = hqKey ?? approver?.publicKey;
        if (publicKey === undefined)
          return fleetFailure('signature', 'FLEET_SIGNATURE_INVALID', 'signature from a key the trust policy does not list', { keyid });
        return {
          publicKey,
          signatureBytes: 64,
          verify,
          signer: approver === undefined ? { keyid } : { keyid, approverId: approver.approverId },
        };
      },
      invalid: (fault, index, key) =>
        fault === 'shape'
          ? fleetFailure('signature', 'FLEET_SIGNATURE_INVALID', 'a signature is not { keyid, sig }', { index })
          : fleetFailure(
              'signature',
              'FLEET_SIGNATURE_INVALID',
              fault === 'encoding' ? 'signature is not base64' : 'signature does not verify',
              { keyid: key?.signer.keyid },
            ),
    },
  );
  if (!checked.valid) return checked;
  const hqKeyids = checked.signers.filter((s) => s.approverId === undefined).map((s) => s.keyid);
  const approverIds = [...new Set(checked.signers.flatMap((s) => (s.approverId === undefined ? [] : [s.approverId])))];
  if (hqKeyids.length === 0) return fleetFailure('signature', 'FLEET_SIGNATURE_INVALID', 'HQ did not sign it');
  return { valid: true, hqKeyids, approverIds };
}
