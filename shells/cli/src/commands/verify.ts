import { readFileSync } from 'node:fs';
import { parseJson } from '@jil/core';
import { parseVerifierKey } from '@jil/core/tlog';
import { verifyPsa } from '@jil/psa';
import { readChainFile } from './validators.js';

/**
 * `jil verify <psa.json> --validator-set <file> [--validator-set-chain <file>]… [--now <RFC 3339>] [--proof <tlog-proof> --log-key <vkey>
 * [--log-key-only]]`: offline verification. `--validator-set-chain` (repeatable; each file one signed version or a JSON array of them,
 * oldest first) gives the versions published after the pinned one; the PSA must name the newest version reached (docs/operations.md). With
 * `--proof` also the PSA's inclusion in the transparency log (check `log_inclusion`), under a checkpoint witnessed by the validator-set
 * threshold unless `--log-key-only`. `psa.json` may hold the DSSE envelope itself or a validate response with an `envelope` field. Exit 0
 * when valid; 1 with `INVALID <check> <code>` otherwise; 2 on usage errors.
 */
export async function runVerify(o: {
  file: string | undefined;
  validatorSet: string | undefined;
  validatorSetChain?: string[] | undefined;
  now: string | undefined;
  proof?: string | undefined;
  logKey?: string | undefined;
  logKeyOnly?: boolean | undefined;
}): Promise<number> {
  if (!o.file || !o.validatorSet) {
    const missing = [
      ...(o.file ? [] : ['the PSA file <psa.json>']),
      ...(o.validatorSet ? [] : ['--validator-set <file> (the pinned validator-set.json)']),
    ];
    console.error(
      `jil verify: missing ${missing.join(' and ')}; usage: jil verify <psa.json> --validator-set <file> [--validator-set-chain ` +
        `<file>]… [--now <RFC 3339>]`,
    );
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
  if ((o.proof === undefined) !== (o.logKey === undefined)) {
    console.error('--proof and --log-key go together (the log key is `jil log key`, <name>+<hash>+<key>)');
    return 2;
  }
  const logKey = o.logKey === undefined ? undefined : parseVerifierKey(o.logKey);
  const log =
    o.proof === undefined || logKey === undefined
      ? undefined
      : { proof: readFileSync(o.proof, 'utf8'), origin: logKey.name, logKey, requireWitnesses: !o.logKeyOnly };
  const validatorSetChain = (o.validatorSetChain ?? []).flatMap(readChainFile);
  const result = verifyPsa(envelope, { validatorSet, validatorSetChain, now, ...(log ? { log } : {}) });
  if (result.valid) {
    const b = result.body;
    const logged = result.log
      ? ` log_index=${result.log.index} tree_size=${result.log.checkpoint.treeSize} witnesses=${result.log.witnesses}`
      : '';
    console.log(
      `VALID psa ${b.psa_id} verdict=${b.verdict} expires_at=${b.expires_at} signers=${result.signers.length} jurisdictions=` +
        `${result.jurisdictions.length}${logged}`,
    );
    return 0;
  }
  console.log(`INVALID ${result.check} ${result.code}: ${result.message}`);
  return 1;
}
