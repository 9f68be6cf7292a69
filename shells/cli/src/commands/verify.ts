import { readFileSync } from 'node:fs';
import { parseJson } from '@jil/core';
import { verifyPsa } from '@jil/psa';

/**
 * `jil verify <psa.json> --validator-set <file> [--now <RFC 3339>]`: offline verification.
 * `psa.json` may hold the DSSE envelope itself or a validate response with an `envelope` field.
 * Exit 0 when valid; 1 with `INVALID <check> <code>` otherwise; 2 on usage errors.
 */
export async function runVerify(o: { file: string | undefined; validatorSet: string | undefined; now: string | undefined }): Promise<number> {
  if (!o.file || !o.validatorSet) {
    console.error('usage: jil verify <psa.json> --validator-set <file> [--now <RFC 3339>]');
    return 2;
  }
  let now = new Date();
  if (o.now !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(o.now) || Number.isNaN(Date.parse(o.now))) {
      console.error(`--now must be an RFC 3339 timestamp such as 2026-11-21T12:00:00Z (got ${o.now})`);
      return 2;
    }
    now = new Date(o.now);
  }
  const doc = parseJson(readFileSync(o.file, 'utf8')) as Record<string, unknown>;
  const envelope = doc && typeof doc === 'object' && 'envelope' in doc ? doc['envelope'] : doc;
  const pinned = parseJson(readFileSync(o.validatorSet, 'utf8')) as Record<string, unknown>;
  const validatorSet = pinned && typeof pinned === 'object' && 'signed' in pinned ? pinned['signed'] : pinned;
  const result = verifyPsa(envelope, { validatorSet, now });
  if (result.valid) {
    const b = result.body;
    console.log(`VALID psa ${b.psa_id} verdict=${b.verdict} expires_at=${b.expires_at} signers=${result.signers.length} jurisdictions=${result.jurisdictions.length}`);
    return 0;
  }
  console.log(`INVALID ${result.check} ${result.code}: ${result.message}`);
  return 1;
}
