import { describe, expect, it } from 'vitest';
import { signDsse } from '@jil/core';
import { issuePsa, quorumFixture, T0 } from '@jil/psa-testkit';
import { PSA_PAYLOAD_TYPE } from './PsaBody.js';
import { verifyPsa } from './verifyPsa.js';

// Issue 12: every PSA_BODY_INVALID lists its fields in details.fields ([{ field, message, issue }]), the validity
// window's order (expires_at after issued_at) as well as the schema's.
describe('verifyPsa PSA_BODY_INVALID details.fields', () => {
  const q = quorumFixture();
  const { body } = issuePsa(q);
  const verify = (b: unknown) =>
    verifyPsa(signDsse(PSA_PAYLOAD_TYPE, b, q.validators.slice(0, 14)), { validatorSet: q.signedSet, now: new Date(T0.getTime() + 1000) });

  it('expires_at not after issued_at: fields names expires_at, and the decoded body comes along', () => {
    for (const expires_at of [body.issued_at, new Date(T0.getTime() - 1000).toISOString()]) {
      const r = verify({ ...body, expires_at });
      expect(r.valid).toBe(false);
      if (r.valid) return;
      expect([r.check, r.code]).toEqual(['body', 'PSA_BODY_INVALID']);
      expect(r.details['fields']).toEqual([{ field: 'expires_at', message: 'must be after issued_at', issue: 'not_after_issued_at' }]);
      expect(r.message).toContain('expires_at');
      expect(r.body?.expires_at).toBe(expires_at);
    }
  });

  it('schema failures keep the same shape: every entry has field, message and issue', () => {
    const r = verify({ ...body, risk_score: 'high' });
    expect(r.valid).toBe(false);
    if (r.valid) return;
    expect(r.code).toBe('PSA_BODY_INVALID');
    for (const f of r.details['fields'] as Record<string, unknown>[]) expect(Object.keys(f).sort()).toEqual(['field', 'issue', 'message']);
  });
});
