import { ACCEPTED_CHAIN_IDS } from '@jil/psa';

/** The chain-id spellings the service accepts, as prose for the OpenAPI document; PSAs carry the canonical (first) form. */
export const ACCEPTED_CHAIN_IDS_TEXT =
  `Accepted (canonical form first; a PSA always carries the canonical ` +
  `form): ${ACCEPTED_CHAIN_IDS}. Anything else is refused with REQUEST_VALIDATION_FAILED listing these.`;
