import { base64Decode, JilError, keyId } from '@jil/core';
import { FieldCheck, IDENTIFIER, isRecord } from '../internal/FieldCheck.js';
import { MIN_APPROVALS, TRACKS, type FleetTrustPolicy, type Track, type TrustKeyring } from './FleetTrustPolicy.js';

function decodeKey(check: FieldCheck, field: string, value: unknown): Uint8Array | undefined {
  try {
    const key = typeof value === 'string' ? base64Decode(value) : undefined;
    if (key?.length === 32) return key;
  } catch {
    // reported below
  }
  check.add(field, 'must be standard base64 of a 32-byte Ed25519 public key', 'format');
  return undefined;
}

/**
 * Checks an untrusted {@link FleetTrustPolicy} document and indexes its keys by keyid.
 *
 * Rules: `version` 1; at least one HQ key; every key is base64 of 32 bytes; no key appears twice (an approver key
 * is never an HQ key, so HQ cannot approve its own releases); approver ids are unique identifiers; `approvals`
 * names every track with an integer at least {@link MIN_APPROVALS} and at most the number of approvers.
 *
 * @param value - the parsed JSON document.
 * @returns the {@link TrustKeyring} the verifiers take.
 * @throws JilError `CONFIG_INVALID` with `details.fields` listing every bad field.
 * @example
 * import { loadTrustPolicy } from '@jil/fleet';
 * const trust = loadTrustPolicy(JSON.parse(readFileSync('fleet-trust.json', 'utf8')));
 */
export function loadTrustPolicy(value: unknown): TrustKeyring {
  const check = new FieldCheck();
  const hq = new Map<string, Uint8Array>();
  const approvers = new Map<string, { approverId: string; publicKey: Uint8Array }>();
  const approvals = { ...MIN_APPROVALS };
  if (!isRecord(value)) {
    check.add('(policy)', 'must be a JSON object', 'invalid_type');
  } else {
    check.only(value, ['version', 'hq_keys', 'approvers', 'approvals']);
    check.rule('version', value['version'] === 1, 'must be 1', 'enum');
    const seen = new Set<string>();
    const hqKeys = Array.isArray(value['hq_keys']) ? value['hq_keys'] : [];
    check.rule('hq_keys', Array.isArray(value['hq_keys']) && hqKeys.length > 0, 'must list at least one key', 'length');
    hqKeys.forEach((k, i) => {
      const key = decodeKey(check, `hq_keys[${i}]`, k);
      if (key === undefined) return;
      const id = keyId(key);
      check.rule(`hq_keys[${i}]`, !seen.has(id), 'key listed twice', 'duplicate');
      seen.add(id);
      hq.set(id, key);
    });
    const list = Array.isArray(value['approvers']) ? value['approvers'] : [];
    check.rule('approvers', Array.isArray(value['approvers']), 'must be an array', 'invalid_type');
    const ids = new Set<string>();
    list.forEach((a, i) => {
      const field = `approvers[${i}]`;
      if (!isRecord(a)) {
        check.add(field, 'must be an object', 'invalid_type');
        return;
      }
      for (const x of new FieldCheck(field).only(a, ['approver_id', 'public_key']).issues) check.issues.push(x);
      const approverId = a['approver_id'];
      if (typeof approverId !== 'string' || !IDENTIFIER.test(approverId)) {
        check.add(`${field}.approver_id`, 'must be an identifier', 'format');
        return;
      }
      check.rule(`${field}.approver_id`, !ids.has(approverId), 'approver listed twice', 'duplicate');
      ids.add(approverId);
      const key = decodeKey(check, `${field}.public_key`, a['public_key']);
      if (key === undefined) return;
      const id = keyId(key);
      check.rule(`${field}.public_key`, !seen.has(id), 'key already used by HQ or another approver', 'duplicate');
      seen.add(id);
      approvers.set(id, { approverId, publicKey: key });
    });
    const given = value['approvals'];
    if (!isRecord(given)) check.add('approvals', 'must be an object', 'invalid_type');
    else {
      check.only(given, TRACKS);
      for (const track of TRACKS) {
        check.integer(`approvals.${track}`, given[track], MIN_APPROVALS[track], Math.max(MIN_APPROVALS[track], ids.size));
        if (typeof given[track] === 'number') approvals[track as Track] = given[track];
      }
    }
  }
  if (check.issues.length > 0) {
    throw new JilError('CONFIG_INVALID', `fleet trust policy invalid: ${check.issues.map((i) => i.field).join(', ')}`, {
      details: { fields: check.issues },
    });
  }
  return { policy: structuredClone(value) as unknown as FleetTrustPolicy, hq, approvers, approvals: Object.freeze(approvals) };
}
