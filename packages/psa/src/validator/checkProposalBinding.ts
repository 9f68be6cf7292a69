import { canonicalize } from '@jil/core';
import type { Snapshot } from '../datasets/types.js';
import { buildPsaBody } from '../psa/buildPsaBody.js';
import type { PsaBody } from '../psa/PsaBody.js';
import type { TransferRequest } from '../schema/transferRequest.js';
import { SANCTIONS_MATCHER } from '../screening/sanctions/index.js';
import type { VerifiedValidatorSet } from '../validators/ValidatorSet.js';
import { refuse, type ProposalRefused } from './ProposalReview.js';

/** Parameters of {@link checkProposalBinding}. */
export interface CheckProposalBindingParameters {
  body: PsaBody;
  request: TransferRequest;
  /** The snapshot sha256 the coordinator says it screened against. */
  snapshotSha256: string;
  snapshot: Snapshot;
  validatorSet: VerifiedValidatorSet;
  now: Date;
  maxClockSkewMs: number;
  maxTtlSeconds: number;
}

const same = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

/**
 * The checks of a proposal that need no screening: it names the validator's pinned set, its snapshot (the claimed
 * hash, the body's hash and the dataset manifests), a sane validity window around the validator's clock (issued within
 * `maxClockSkewMs`, `psa_id` a UUIDv7 of that instant, `expires_at` after both and at most `maxTtlSeconds` later), and
 * it is the body `buildPsaBody` makes for this request (`transit_id`, `domain`, `transfer`, `fee`, `matcher`).
 *
 * @returns `undefined` when bound, else the refusal (`VALIDATOR_PROPOSAL_INVALID` naming the field, or
 *   `VALIDATOR_SNAPSHOT_MISMATCH`).
 * @example
 * import { checkProposalBinding } from './checkProposalBinding.js';
 * const refused = checkProposalBinding({ body, request, snapshotSha256, snapshot, validatorSet, now, maxClockSkewMs: 30_000,
 *   maxTtlSeconds: 300 });
 */
export function checkProposalBinding(p: CheckProposalBindingParameters): ProposalRefused | undefined {
  const { body, snapshot } = p;
  const invalid = (field: string, message: string) => refuse('VALIDATOR_PROPOSAL_INVALID', `proposal: ${message}`, { field });
  const set = p.validatorSet;
  if (!same(body.validator_set, { set_id: set.set.set_id, version: set.set.version, sha256: set.sha256 })) {
    return invalid(
      'validator_set',
      `names validator set ${body.validator_set.set_id} v${body.validator_set.version}, this validator belongs to ` +
        `${set.set.set_id} v${set.set.version}`,
    );
  }
  const datasets = snapshot.datasets.map((d) => ({ name: d.name, source_date: d.source_date, rows: d.rows, sha256: d.sha256 }));
  const snapshotField =
    p.snapshotSha256 !== snapshot.sha256
      ? 'snapshot_sha256'
      : body.snapshot_sha256 !== snapshot.sha256
        ? 'proposal.snapshot_sha256'
        : !same(body.datasets, datasets)
          ? 'proposal.datasets'
          : undefined;
  if (snapshotField !== undefined) {
    return refuse('VALIDATOR_SNAPSHOT_MISMATCH', 'the proposal was screened against another dataset snapshot than this validator holds', {
      field: snapshotField,
      validator_snapshot_sha256: snapshot.sha256,
      proposed_snapshot_sha256: p.snapshotSha256,
    });
  }
  const issued = Date.parse(body.issued_at);
  const expires = Date.parse(body.expires_at);
  const now = p.now.getTime();
  if (!(Math.abs(issued - now) <= p.maxClockSkewMs))
    return invalid('issued_at', `issued_at is more than ${p.maxClockSkewMs} ms from this validator's clock`);
  if (Number.parseInt(body.psa_id.replace(/-/g, '').slice(0, 12), 16) !== issued)
    return invalid('psa_id', 'psa_id is not a UUIDv7 of issued_at');
  if (!(expires > issued && expires > now)) return invalid('expires_at', 'expires_at is not after issued_at and now');
  if (expires - issued > p.maxTtlSeconds * 1000) return invalid('expires_at', `the validity window is longer than ${p.maxTtlSeconds} s`);
  // The body buildPsaBody makes for this request (its findings do not matter for these fields).
  const expected = buildPsaBody({
    request: p.request,
    findings: body.findings,
    snapshot,
    validatorSet: set,
    matcher: SANCTIONS_MATCHER,
    now: new Date(issued),
  });
  for (const field of ['transit_id', 'domain', 'transfer', 'fee', 'matcher'] as const) {
    if (!same(body[field], expected[field])) return invalid(field, `${field} is not the one of the transfer request`);
  }
  return undefined;
}
