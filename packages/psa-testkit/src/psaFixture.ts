import { signDsse } from '@jil/core';
import {
  buildPsaBody,
  generateEmbeddedValidators,
  parseTransferRequest,
  PSA_PAYLOAD_TYPE,
  selectQuorum,
  signValidatorSet,
  validatorSetFor,
  verifyValidatorSet,
  type EmbeddedValidator,
  type PsaBody,
  type SignedValidatorSet,
  type Snapshot,
  type StageFinding,
  type TransferRequest,
  type ValidatorSet,
  type VerifiedValidatorSet,
} from '@jil/psa';
import { emptySnapshot } from '@jil/testkit';

/** The fixtures' clock: 2026-11-21T12:00:00Z (the fixture validator set is valid from a day before to a day after). */
export const T0 = new Date('2026-11-21T12:00:00.000Z');

/** An empty snapshot: enough for building bodies in tests that do not screen. */
export const EMPTY_SNAPSHOT: Snapshot = emptySnapshot();

/** A valid transfer request (ETH on eip155:1, 1.5 ETH = USD 5250.00) with `overrides` applied before parsing. */
export function sampleRequest(overrides: Record<string, unknown> = {}): TransferRequest {
  return parseTransferRequest({
    transit_id: 'tx-0001',
    chain_id: 'eip155:1',
    asset: 'ETH',
    amount: '1.5',
    amount_usd: '5250.00',
    source_address: '0x0519035923133db8356bb16018454ebc751e4348',
    destination_address: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664',
    sender: { id: 'a-1' },
    receiver: { id: 'a-2' },
    custodian_id: 'cust-1',
    tx_preimage_hash: 'c'.repeat(64),
    ...overrides,
  });
}

/** One passing finding per stage (endpoints, kyc, sanctions, risk with score 10), no hits. */
export function passFindings(): StageFinding[] {
  return (['endpoints', 'kyc', 'sanctions', 'risk'] as const).map((stage) => ({
    stage,
    status: 'pass' as const,
    duration_ms: 1,
    details: { summary: 'ok', hits: [], ...(stage === 'risk' ? { score: 10, signals: [] } : {}) },
  }));
}

/** The validators with their keys, the validator set, its signed document and the set as verified at {@link T0}. */
export interface QuorumFixture {
  validators: EmbeddedValidator[];
  set: ValidatorSet;
  signedSet: SignedValidatorSet;
  verifiedSet: VerifiedValidatorSet;
}

/** 20 validators over 13 jurisdictions, threshold 14, signed genesis set valid around {@link T0}. */
export function quorumFixture(overrides: Partial<ValidatorSet> = {}): QuorumFixture {
  const validators = generateEmbeddedValidators(20);
  const set = {
    ...validatorSetFor({
      validators,
      setId: 'test-set',
      validFrom: new Date(T0.getTime() - 86_400_000),
      validUntil: new Date(T0.getTime() + 86_400_000),
    }),
    ...overrides,
  };
  const signedSet = signValidatorSet(set, validators);
  return { validators, set, signedSet, verifiedSet: verifyValidatorSet(signedSet, { now: T0 }) };
}

/** A PSA body and its envelope signed by a regular quorum. */
export function issuePsa(q: QuorumFixture, request = sampleRequest(), now = T0): { body: PsaBody; envelope: ReturnType<typeof signDsse> } {
  const body = buildPsaBody({
    request,
    findings: passFindings(),
    snapshot: EMPTY_SNAPSHOT,
    validatorSet: q.verifiedSet,
    matcher: { name: 'test', version: '0', threshold: 0.9 },
    now,
  });
  const signers = selectQuorum(q.validators, q.verifiedSet.set, 3);
  return { body, envelope: signDsse(PSA_PAYLOAD_TYPE, body, signers) };
}
