import { emptySnapshot } from '@jil/testkit';
import type { Snapshot } from '../datasets/types.js';
import { buildPsaBody } from '../psa/buildPsaBody.js';
import { PSA_PAYLOAD_TYPE, type PsaBody } from '../psa/PsaBody.js';
import { selectQuorum } from '../quorum/selectQuorum.js';
import { signDsse } from '@jil/core';
import { parseTransferRequest, type TransferRequest } from '../schema/transferRequest.js';
import type { StageFinding } from '../screening/types.js';
import { generateEmbeddedValidators, validatorSetFor, type EmbeddedValidator } from '../validators/embeddedValidators.js';
import { signValidatorSet } from '../validators/signValidatorSet.js';
import type { SignedValidatorSet, ValidatorSet, VerifiedValidatorSet } from '../validators/ValidatorSet.js';
import { verifyValidatorSet } from '../validators/verifyValidatorSet.js';

export const T0 = new Date('2026-11-21T12:00:00.000Z');

/** An empty snapshot: enough for building bodies in tests that do not screen. */
export const EMPTY_SNAPSHOT: Snapshot = emptySnapshot();

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

export function passFindings(): StageFinding[] {
  return (['endpoints', 'kyc', 'sanctions', 'risk'] as const).map((stage) => ({
    stage,
    status: 'pass' as const,
    duration_ms: 1,
    details: { summary: 'ok', hits: [], ...(stage === 'risk' ? { score: 10, signals: [] } : {}) },
  }));
}

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
