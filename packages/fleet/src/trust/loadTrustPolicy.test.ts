import { base64Encode, isJilError } from '@jil/core';
import { describe, expect, it } from 'vitest';
import { alice, hq, policy, trust } from '../testing/fixtures.testutil.js';
import { createTrustPolicy } from './createTrustPolicy.js';
import { loadTrustPolicy } from './loadTrustPolicy.js';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (isJilError(error, 'CONFIG_INVALID')) return (error.details['fields'] as { field: string }[]).map((f) => f.field);
    throw error;
  }
  return [];
}

describe('loadTrustPolicy', () => {
  it('indexes HQ keys and approvers by keyid, with the default approvals', () => {
    expect([...trust.hq.keys()]).toEqual([hq.keyid]);
    expect(trust.approvers.get(alice.keyid)?.approverId).toBe('alice');
    expect(trust.approvals).toEqual({ devnet: 0, testnet: 1, mainnet: 2 });
  });

  it('refuses approvals below the floor, reused keys, duplicate approvers and unknown fields, listing every field', () => {
    const bad = {
      ...policy,
      extra: 1,
      approvals: { devnet: 0, testnet: 0, mainnet: 1 },
      approvers: [
        { approver_id: 'alice', public_key: base64Encode(hq.publicKey) },
        { approver_id: 'alice', public_key: base64Encode(alice.publicKey) },
        { approver_id: 'bad id!', public_key: 'xx' },
      ],
    };
    expect(fieldsOf(() => loadTrustPolicy(bad)).sort()).toEqual(
      [
        'extra',
        'approvers[0].public_key',
        'approvers[1].approver_id',
        'approvers[2].approver_id',
        'approvals.testnet',
        'approvals.mainnet',
      ].sort(),
    );
  });

  it('refuses a policy without HQ keys and non-objects', () => {
    expect(fieldsOf(() => loadTrustPolicy({ ...policy, hq_keys: [] }))).toEqual(['hq_keys']);
    expect(fieldsOf(() => loadTrustPolicy('x'))).toEqual(['(policy)']);
    expect(fieldsOf(() => loadTrustPolicy({ ...policy, version: 2 }))).toEqual(['version']);
  });

  it('accepts stricter approvals and copies the document', () => {
    const strict = createTrustPolicy({
      hqPublicKeys: [hq.publicKey],
      approvers: [{ approverId: 'alice', publicKey: alice.publicKey }],
      approvals: { testnet: 1, devnet: 1 },
    });
    const loaded = loadTrustPolicy(strict);
    strict.approvals.devnet = 0;
    expect(loaded.approvals.devnet).toBe(1);
    expect(loaded.policy.approvals.devnet).toBe(1);
  });
});
