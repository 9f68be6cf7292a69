import { pae } from '@jil/core';
import {
  createPreclearanceEngine,
  MemoryRiskHistoryStore,
  newPartySalts,
  PSA_PAYLOAD_TYPE,
  type ListFreshnessOptions,
  type ProposalReviewer,
  type Snapshot,
  type Stage,
  type VerifiedValidatorSet,
} from '@jil/psa';

/** A synthetic transfer (addresses in no list, invented party names) that runs every reviewed stage. */
const WARM_UP_REQUEST = {
  transit_id: 'warm-up',
  chain_id: 'eip155:1',
  asset: 'ETH',
  amount: '1',
  amount_usd: '3500.00',
  source_address: '0x0519035923133db8356bb16018454ebc751e4348',
  destination_address: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664',
  sender: { id: 'warm-up-sender', name: 'Warm Up Holdings AG', type: 'organization', country: 'CH' },
  receiver: { id: 'warm-up-receiver', name: 'Example Receiver GmbH', type: 'organization', country: 'DE' },
  custodian_id: 'warm-up',
} as const;

/** Parameters of {@link warmUp}. */
export interface WarmUpParameters {
  reviewer: ProposalReviewer;
  snapshot: Snapshot;
  validatorSet: VerifiedValidatorSet;
  /** The sanctions stage the reviewer uses (its name index is not built twice). */
  sanctions: Stage;
  listFreshness: ListFreshnessOptions | false;
  /** Signs like the validator will (its key in its suite). */
  sign(message: Uint8Array): Uint8Array;
}

/**
 * Review and sign one synthetic proposal before listening — nothing is journaled or sent — so the first real request
 * does not pay for compiling the review path: twenty cold validators on two cores would otherwise miss a 250 ms
 * deadline together on the first PSA.
 *
 * @returns the milliseconds it took, or the refusal code when the synthetic proposal was refused (a configuration
 *   problem worth printing, not fatal).
 */
export async function warmUp(p: WarmUpParameters): Promise<{ ms: number; refused?: string }> {
  const started = performance.now();
  const engine = createPreclearanceEngine({
    snapshot: p.snapshot,
    validatorSet: p.validatorSet,
    validators: [],
    riskHistory: new MemoryRiskHistoryStore(),
    stages: { sanctions: p.sanctions },
    ...(p.listFreshness === false ? {} : { listFreshness: p.listFreshness }),
  });
  const now = new Date();
  const partySalts = newPartySalts(WARM_UP_REQUEST);
  const proposal = await engine.propose(WARM_UP_REQUEST, now, partySalts);
  const review = await p.reviewer.review({ request: WARM_UP_REQUEST, proposal, partySalts, snapshotSha256: p.snapshot.sha256, now });
  if (review.ok) p.sign(pae(PSA_PAYLOAD_TYPE, review.payloadBytes));
  return { ms: Math.round(performance.now() - started), ...(review.ok ? {} : { refused: review.code }) };
}
