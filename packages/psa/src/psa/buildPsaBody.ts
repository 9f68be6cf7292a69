import { JilError, uuidv7 } from '@jil/core';
import type { Snapshot } from '../datasets/types.js';
import { normalizeAddress } from '../address/normalizeAddress.js';
import { fromMinorUnits, preclearanceFeeCents, toMinorUnits } from '../money/decimal.js';
import type { TransferRequest } from '../schema/transferRequest.js';
import type { StageFinding } from '../screening/types.js';
import { decideVerdict } from '../verdict/decideVerdict.js';
import { STAGE_NAMES } from '../screening/types.js';
import type { VerifiedValidatorSet } from '../validators/ValidatorSet.js';
import type { PsaBody } from './PsaBody.js';
import { requireArray, requireDate, requireRecord } from '../internal/requireArgument.js';

/** Parameters of {@link buildPsaBody}. */
export interface BuildPsaBodyParameters {
  request: TransferRequest;
  findings: StageFinding[];
  snapshot: Snapshot;
  validatorSet: VerifiedValidatorSet;
  matcher: PsaBody['matcher'];
  /** Issue time (caller's clock). */
  now: Date;
  /** Validity in seconds (default 60). */
  ttlSeconds?: number;
  /** 16 random bytes for the UUIDv7 (default: crypto.getRandomValues). */
  random?: Uint8Array;
}

/**
 * Assemble the PSA v1 body (DESIGN.md §PSA body): verdict from the findings, transfer with checksummed
 * addresses, dataset versions and hashes, matcher, fee (25 bps of the USD amount, 1 USD floor) and the
 * validator set id + hash. Pure apart from the UUIDv7 randomness.
 *
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when a parameter is missing or of the wrong type, an address
 *   does not normalize, or `amount_usd` is not a decimal with at most 2 decimals.
 */
export function buildPsaBody(p: BuildPsaBodyParameters): PsaBody {
  requireRecord(p, 'params');
  requireRecord(p.request, 'request');
  requireRecord(p.request.sender, 'request.sender');
  requireRecord(p.request.receiver, 'request.receiver');
  requireArray(p.findings, 'findings');
  requireRecord(p.snapshot, 'snapshot');
  requireArray(p.snapshot.datasets, 'snapshot.datasets');
  requireRecord(p.validatorSet, 'validatorSet');
  requireRecord(p.validatorSet.set, 'validatorSet.set');
  requireDate(p.now, 'now');
  const { request: r, now } = p;
  const ttl = p.ttlSeconds ?? 60;
  if (typeof ttl !== 'number' || !Number.isFinite(ttl) || Math.abs(ttl) > 1e9)
    throw new JilError('INVALID_ARGUMENT', 'ttlSeconds must be a number of seconds', { details: { field: 'ttlSeconds' } });
  const decision = decideVerdict(p.findings, STAGE_NAMES);
  const risk = p.findings.find((f) => f.stage === 'risk');
  const fee = preclearanceFeeCents(toMinorUnits(r.amount_usd, 2));
  return {
    psa_id: uuidv7(now, p.random),
    transit_id: r.transit_id,
    issued_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ttl * 1000).toISOString(),
    domain: { purpose: r.purpose ?? 'transfer', chain_id: r.chain_id },
    transfer: {
      source_address: normalizeAddress(r.chain_id, r.source_address).display,
      destination_address: normalizeAddress(r.chain_id, r.destination_address).display,
      asset: r.asset,
      amount: r.amount,
      amount_usd: fromMinorUnits(toMinorUnits(r.amount_usd, 2), 2),
      sender_id: r.sender.id,
      receiver_id: r.receiver.id,
      custodian_id: r.custodian_id,
      ...(r.exchange_id === undefined ? {} : { exchange_id: r.exchange_id }),
      // The hash always names its function (a request without tx_preimage_hash_alg meant SHA-256 before issue 13).
      ...(r.tx_preimage_hash === undefined
        ? {}
        : { tx_preimage_hash: r.tx_preimage_hash, tx_preimage_hash_alg: r.tx_preimage_hash_alg ?? 'sha256' }),
    },
    findings: p.findings,
    verdict: decision.verdict,
    verdict_reasons: decision.reasons,
    risk_score: risk?.status === 'error' ? null : (risk?.details.score ?? null),
    datasets: p.snapshot.datasets.map((d) => ({ name: d.name, source_date: d.source_date, rows: d.rows, sha256: d.sha256 })),
    snapshot_sha256: p.snapshot.sha256,
    matcher: p.matcher,
    fee: { bps: 25, floor_usd: '1.00', amount_usd: fromMinorUnits(fee, 2) },
    validator_set: { set_id: p.validatorSet.set.set_id, version: p.validatorSet.set.version, sha256: p.validatorSet.sha256 },
    log: null,
  };
}
