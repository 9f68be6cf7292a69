import { z } from 'zod';
import { JilError, type FieldIssue } from '@jil/core';
import { normalizeAddress, chainFamilyOf } from '../address/normalizeAddress.js';
import { zodFieldIssues } from './zodFieldIssues.js';
import { ACCEPTED_CHAIN_IDS, normalizeChainId } from '../address/normalizeChainId.js';
import { TX_PREIMAGE_HASH_ALGS } from '../psa/PsaBody.js';

/** CAIP-2 chain id: `namespace:reference` (CAIP-2 §Syntax). */
const CAIP2 = /^[-a-z0-9]{3,8}:[-_a-zA-Z0-9]{1,32}$/;
/** Non-negative decimal string, no exponent, no sign, at most 36 integer and 18 fraction digits. */
const DECIMAL = /^(0|[1-9][0-9]{0,35})(\.[0-9]{1,18})?$/;
const ISO2 = /^[A-Z]{2}$/;

const decimalString = (what: string) =>
  z.string().regex(DECIMAL, { message: `${what} must be a non-negative decimal string such as "12.50"` });

/** A transfer party (sender or receiver) as the custodian knows it. */
export const PartySchema = z.strictObject({
  /** Custodian's stable id for the party (account or customer id). */
  id: z.string().min(1).max(128),
  /** Legal name, screened against sanctions lists when present. */
  name: z.string().min(1).max(256).optional(),
  /** `person` or `organization`; defaults to unknown (both schemas screened). */
  type: z.enum(['person', 'organization']).optional(),
  /** ISO 3166-1 alpha-2 country of residence / incorporation, for FATF corridor screening. */
  country: z.string().regex(ISO2, { message: 'country must be an ISO 3166-1 alpha-2 code such as "CH"' }).optional(),
  /** Date or year of birth (`YYYY` or `YYYY-MM-DD`), used as a qualifier in name screening. */
  date_of_birth: z
    .string()
    .regex(/^\d{4}(-\d{2}-\d{2})?$/)
    .optional(),
  /** IBAN of the party's fiat account (ISO 13616), checked for country format and MOD-97. */
  iban: z.string().min(5).max(42).optional(),
  /** BIC of the party's bank (ISO 9362), checked for structure. */
  bic: z.string().min(8).max(11).optional(),
});

/**
 * The transfer a custodian asks JIL to pre-clear (`POST /v1/preclearance/validate`).
 * Unknown fields are rejected; every invalid field is reported (`REQUEST_VALIDATION_FAILED`).
 */
export const TransferRequestSchema = z
  .strictObject({
    /** Custodian-chosen id of this transfer attempt (idempotency and equivocation key). */
    transit_id: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[\x21-\x7e]+$/, { message: 'transit_id must be printable ASCII without spaces' }),
    /** CAIP-2 chain id, e.g. `eip155:1` (Ethereum mainnet), `bip122:000000000019d6689c085ae165831e93` (Bitcoin). */
    chain_id: z
      .string()
      .regex(CAIP2, { message: 'chain_id must be a CAIP-2 chain id such as "eip155:1"' })
      // The spellings in use for one chain become its canonical form (normalizeChainId); unknown ids pass unchanged and are refused below.
      .transform((id) => normalizeChainId(id) ?? id),
    /** Asset symbol, e.g. `ETH`, `USDC`, `BTC`. */
    asset: z
      .string()
      .min(1)
      .max(32)
      .regex(/^[A-Za-z0-9.\-_]+$/),
    /** Amount in the asset's native units, as a decimal string. */
    amount: decimalString('amount'),
    /** Amount in US dollars, as a decimal string with at most 2 fraction digits. */
    amount_usd: z.string().regex(/^(0|[1-9][0-9]{0,15})(\.[0-9]{1,2})?$/, {
      message: 'amount_usd must be a non-negative decimal string with at most 2 decimals',
    }),
    source_address: z.string().min(1).max(128),
    destination_address: z.string().min(1).max(128),
    sender: PartySchema,
    receiver: PartySchema,
    /** Custodian id (e.g. the institution's JIL access key owner). */
    custodian_id: z.string().min(1).max(128),
    /** Exchange or receiving VASP id, when known. */
    exchange_id: z.string().min(1).max(128).optional(),
    /**
     * Hex hash of the unsigned transaction, binding the PSA to it (Tier 1 co-signing, co-signer callbacks); which hash
     * is `tx_preimage_hash_alg` (docs/psa-format.md §Transaction binding).
     */
    tx_preimage_hash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, { message: 'tx_preimage_hash must be 64 lower-case hex characters' })
      .optional(),
    /**
     * The hash function of `tx_preimage_hash`: `sha256` (default when a hash is sent without it) or `keccak256` (an EVM
     * signing hash, e.g. a Fireblocks co-signer's `rawTx[].payload`). Only together with `tx_preimage_hash`.
     */
    tx_preimage_hash_alg: z
      .enum(TX_PREIMAGE_HASH_ALGS, { message: `tx_preimage_hash_alg must be one of ${TX_PREIMAGE_HASH_ALGS.join(', ')}` })
      .optional(),
    /** Purpose of the attestation; `transfer` by default. */
    purpose: z.enum(['transfer', 'deposit_credit']).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.tx_preimage_hash_alg !== undefined && value.tx_preimage_hash === undefined) {
      ctx.addIssue({ code: 'custom', path: ['tx_preimage_hash_alg'], message: 'tx_preimage_hash_alg needs tx_preimage_hash' });
    }
    if (chainFamilyOf(value.chain_id) === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['chain_id'],
        message: `chain ${value.chain_id} is not supported; accepted: ${ACCEPTED_CHAIN_IDS}`,
      });
      return;
    }
    for (const field of ['source_address', 'destination_address'] as const) {
      try {
        normalizeAddress(value.chain_id, value[field]);
      } catch (error) {
        const msg = error instanceof JilError ? error.message : 'invalid address';
        ctx.addIssue({ code: 'custom', path: [field], message: msg });
      }
    }
  })
  // What the refinement above says about the hash function, in JSON Schema (OpenAPI 3.1) for generated clients.
  .meta({ dependentRequired: { tx_preimage_hash_alg: ['tx_preimage_hash'] } });

/** A validated transfer request. */
export type TransferRequest = z.infer<typeof TransferRequestSchema>;
/** A transfer party. */
export type Party = z.infer<typeof PartySchema>;

/**
 * Validate an untrusted value as a {@link TransferRequest}, reporting every bad field.
 * @throws JilError `REQUEST_VALIDATION_FAILED` with `details.fields: FieldIssue[]`.
 */
export function parseTransferRequest(value: unknown): TransferRequest {
  const result = TransferRequestSchema.safeParse(value);
  if (result.success) return result.data;
  const fields: FieldIssue[] = zodFieldIssues(result.error);
  throw new JilError('REQUEST_VALIDATION_FAILED', `invalid transfer request: ${fields.map((f) => f.field).join(', ')}`, {
    details: { fields },
  });
}
