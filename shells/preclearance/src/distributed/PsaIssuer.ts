import type { FastifyBaseLogger } from 'fastify';
import type { IssuedPsa, PreclearanceEngine, TransferRequest } from '@jil/psa';

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

/** Embedded mode: `engine.validate` signs with the validators whose keys live in this process. */
export function embeddedIssuer(engine: PreclearanceEngine): PsaIssuer {
  return { mode: 'embedded', issue: (request, now) => engine.validate(request, now), flush: async () => undefined };
}
