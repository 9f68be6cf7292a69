import type { FastifyBaseLogger } from 'fastify';
import { signDsse } from '@jil/core';
import {
  newPartySalts,
  PSA_PAYLOAD_TYPE,
  selectQuorum,
  type EmbeddedValidator,
  type IssuedPsa,
  type PreclearanceEngine,
  type TransferRequest,
} from '@jil/psa';
import { inSpan } from '../tracing/tracedStages.js';

/** How the validate route gets a signed PSA: embedded validators in process, or a distributed quorum. */
export interface PsaIssuer {
  readonly mode: 'embedded' | 'distributed';
  /**
   * Screen the transfer and return the PSA signed by a quorum.
   * @throws JilError `QUORUM_NOT_MET` (embedded) or `QUORUM_NOT_REACHED` (distributed) when no quorum signs it.
   */
  issue(request: TransferRequest, now: Date, ctx: { custodianId: string; log: FastifyBaseLogger }): Promise<IssuedPsa>;
  /** Wait for background work of past calls (evidence writes) to finish. */
  flush(): Promise<void>;
}

/**
 * Embedded mode: the validators whose keys live in this process sign. Without `validators`, `engine.validate`; with
 * them (the engine's own, as `startService` passes), the same steps as `engine.validate` — `engine.propose`, then
 * `selectQuorum` from the PSA id's last 4 hex digits and `signDsse` — with the signing in a `quorum` span
 * (docs/operations.md §Traces).
 *
 * @throws JilError `QUORUM_NOT_MET` from `issue` when the embedded validators cannot meet the set's rules.
 */
export function embeddedIssuer(engine: PreclearanceEngine, validators?: readonly EmbeddedValidator[]): PsaIssuer {
  if (validators === undefined)
    return { mode: 'embedded', issue: (request, now) => engine.validate(request, now), flush: async () => undefined };
  return {
    mode: 'embedded',
    async issue(request, now) {
      const partySalts = newPartySalts(request);
      const body = await engine.propose(request, now, partySalts);
      const { set } = engine.validatorSet;
      const envelope = await inSpan(
        'quorum',
        { 'jil.psa_id': body.psa_id, 'jil.quorum.threshold': set.threshold, 'jil.quorum.mode': 'embedded' },
        async (span) => {
          const signers = selectQuorum(validators, set, Number.parseInt(body.psa_id.slice(-4), 16));
          span.setAttributes({ 'jil.quorum.reached': true, 'jil.quorum.signed': signers.length });
          return signDsse(PSA_PAYLOAD_TYPE, body, signers);
        },
      );
      return { envelope, body, partySalts };
    },
    flush: async () => undefined,
  };
}
